import Foundation
import RexModel
@testable import RexReport
import RexTestSupport
import XCTest

enum Repo {
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The gold documents of Corpus/gold, sorted by file name.
    static func gold() throws -> [Document] {
        let dir = root.appendingPathComponent("Corpus/gold")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") }.sorted()
        if names.isEmpty { throw XCTSkip("Corpus/gold is empty") }
        return try names.map { try JSONDecoder().decode(Document.self, from: Data(contentsOf: dir.appendingPathComponent($0))) }
    }

    static func outlines() throws -> Outlines {
        try Outlines.load(dataDirectory: root.appendingPathComponent("Gazetteers"))
    }
}

/// Reads rendered HTML back: the text inside the element with a given id, tags stripped and entities decoded.
enum Rendered {
    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    static func stripTags(_ s: String) -> String {
        var out = "", inTag = false
        for c in s.unicodeScalars {
            if c == "<" { inTag = true } else if c == ">" { inTag = false } else if !inTag { out.unicodeScalars.append(c) }
        }
        return unescape(out)
    }

    /// The inner HTML of the element whose opening tag carries `id="…"`, following nested elements.
    static func inner(_ html: String, id: String) -> String? {
        guard let open = html.range(of: " id=\"\(id)\"") else { return nil }
        guard let tagEnd = html[open.upperBound...].firstIndex(of: ">") else { return nil }
        var depth = 1
        var i = html.index(after: tagEnd)
        let start = i
        while i < html.endIndex {
            if html[i] == "<" {
                let rest = html[i...]
                if rest.hasPrefix("</") {
                    depth -= 1
                    if depth == 0 { return String(html[start..<i]) }
                } else {
                    depth += 1
                }
            }
            i = html.index(after: i)
        }
        return nil
    }

    /// Every match of a regular expression's first group.
    static func all(_ pattern: String, in s: String) -> [String] {
        let re = try! NSRegularExpression(pattern: pattern)
        return re.matches(in: s, range: NSRange(s.startIndex..., in: s)).map { String(s[Range($0.range(at: 1), in: s)!]) }
    }
}
