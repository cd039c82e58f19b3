import Foundation
import RexModel

/// A fast reader for large tab-separated data files (`#` comments, blank lines skipped), working on the raw
/// UTF-8 bytes: one pass, no per-line regexes, fields handed out as byte ranges and turned into strings only
/// when asked. `DataFile` reads the small files; this one reads the 100,000-row gazetteers.
struct TSVReader {
    let path: String
    let bytes: [UInt8]

    init(_ url: URL) throws {
        path = url.path
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DataError.unreadable(file: url.path)
        }
        bytes = [UInt8](data)
    }

    init(path: String, bytes: [UInt8]) { self.path = path; self.bytes = bytes }

    /// One data line: its number and the byte ranges of its fields (spaces around fields trimmed).
    struct Row {
        let line: Int
        let fields: [Range<Int>]
    }

    /// Calls `body` for every data line.
    func forEachRow(_ body: (Row) throws -> Void) rethrows {
        var lineNo = 0
        var i = 0
        let n = bytes.count
        var fields: [Range<Int>] = []
        fields.reserveCapacity(16)
        while i < n {
            lineNo += 1
            var end = i
            while end < n && bytes[end] != 0x0A { end += 1 }
            var lineEnd = end
            if lineEnd > i && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            // Skip comment and blank lines.
            var first = i
            while first < lineEnd && (bytes[first] == 0x20 || bytes[first] == 0x09) { first += 1 }
            if first < lineEnd && bytes[first] != 0x23 {
                fields.removeAll(keepingCapacity: true)
                var a = i
                var k = i
                while true {
                    if k == lineEnd || bytes[k] == 0x09 {
                        var s = a, e = k
                        while s < e && bytes[s] == 0x20 { s += 1 }
                        while e > s && bytes[e - 1] == 0x20 { e -= 1 }
                        fields.append(s..<e)
                        if k == lineEnd { break }
                        a = k + 1
                    }
                    k += 1
                }
                try body(Row(line: lineNo, fields: fields))
            }
            i = end + 1
        }
    }

    func string(_ r: Range<Int>) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[r]), as: UTF8.self) }
    }

    /// The field as a string, or "" when the row is short.
    func field(_ row: Row, _ k: Int) -> String { k < row.fields.count ? string(row.fields[k]) : "" }

    func double(_ row: Row, _ k: Int) -> Double? {
        guard k < row.fields.count, !row.fields[k].isEmpty else { return nil }
        return Double(string(row.fields[k]))
    }

    func error(_ line: Int, _ reason: String) -> DataError { .badLine(file: path, line: line, reason: reason) }
}
