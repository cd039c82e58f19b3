import Foundation
import TextBridge

/// ICU segmentation and folding over a whole text, crossing into C once per call.
enum ICU {
    /// UTF-16 code units of `text` and, for each UTF-16 offset, the Unicode-scalar offset (count+1 entries).
    static func utf16WithScalarMap(_ text: String) -> (units: [UInt16], toScalar: [Int32]) {
        // UTF-8 bytes bound the UTF-16 units from above and are counted in O(1) (`utf16.count` walks the text).
        let bound = text.utf8.count
        var map: [Int32] = []
        // Both arrays written in one pass over the UTF-8 bytes (ASCII byte by byte), without per-element appends.
        let units = [UInt16](unsafeUninitializedCapacity: bound) { units, unitCount in
            map = [Int32](unsafeUninitializedCapacity: bound + 1) { map, mapCount in
                var n = 0
                var scalarIndex: Int32 = 0
                func put(_ v: UInt32) {
                    if v < 0x10000 {
                        units[n] = UInt16(truncatingIfNeeded: v)
                        map[n] = scalarIndex
                        n += 1
                    } else {
                        // A surrogate pair; both halves map to the same scalar.
                        let w = v - 0x10000
                        units[n] = UInt16(truncatingIfNeeded: 0xD800 + (w >> 10))
                        units[n + 1] = UInt16(truncatingIfNeeded: 0xDC00 + (w & 0x3FF))
                        map[n] = scalarIndex
                        map[n + 1] = scalarIndex
                        n += 2
                    }
                    scalarIndex += 1
                }
                let done: Void? = text.utf8.withContiguousStorageIfAvailable { b in
                    var i = 0
                    let count = b.count
                    while i < count {
                        let c = b[i]
                        if c < 0x80 { put(UInt32(c)); i += 1; continue }
                        // Valid UTF-8 (a String's): the lead byte gives the length.
                        let len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2
                        var v = UInt32(c) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
                        for k in 1..<len { v = v << 6 | UInt32(b[i + k] & 0x3F) }
                        put(v)
                        i += len
                    }
                }
                if done == nil {
                    for u in text.unicodeScalars { put(u.value) }
                }
                map[n] = scalarIndex
                mapCount = n + 1
                unitCount = n
            }
        }
        return (units, map)
    }

    /// Word segments as (start, end, kind) in UTF-16 offsets.
    static func wordSegments(_ units: [UInt16]) -> [(Int32, Int32, Int32)] {
        var cap = max(16, units.count / 2 + 16)
        while true {
            var out = [Int32](repeating: 0, count: cap * 3)
            let n = units.withUnsafeBufferPointer { tb_word_segments($0.baseAddress, Int32($0.count), &out, Int32(cap)) }
            if n == Int32.min { return [] }
            if n < 0 { cap = Int(-n); continue }
            return (0..<Int(n)).map { (out[3 * $0], out[3 * $0 + 1], out[3 * $0 + 2]) }
        }
    }

    /// Sentence ends in UTF-16 offsets.
    static func sentenceBounds(_ units: [UInt16]) -> [Int32] {
        var cap = max(16, units.count / 20 + 16)
        while true {
            var out = [Int32](repeating: 0, count: cap)
            let n = units.withUnsafeBufferPointer { tb_sentence_bounds($0.baseAddress, Int32($0.count), &out, Int32(cap)) }
            if n == Int32.min { return [Int32(units.count)] }
            if n < 0 { cap = Int(-n); continue }
            return Array(out.prefix(Int(n)))
        }
    }
}

/// Folds words for matching: diacritics and curly quotes folded, lower-cased ("Jamâ’ah" → "jama'ah").
///
/// ASCII words take a fast path; others go through ICU's "Any-Latin; Latin-ASCII; Lower" transliterator.
/// Thread-safe: transliterators are pooled, results cached.
public final class Folder: @unchecked Sendable {
    public static let shared = Folder()
    private let lock = NSLock()
    private var pool: [OpaquePointer] = []
    private var cache: [String: String] = [:]

    public func fold(_ word: Substring) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return word.lowercased() }
        let key = String(word)
        lock.lock()
        if let hit = cache[key] { lock.unlock(); return hit }
        let handle = pool.popLast()
        lock.unlock()
        guard let f = handle ?? tb_folder_open() else { return key.lowercased() }
        let units = Array(key.utf16)
        var out = [UInt16](repeating: 0, count: units.count * 4 + 16)
        let n = units.withUnsafeBufferPointer { tb_fold(f, $0.baseAddress, Int32($0.count), &out, Int32(out.count)) }
        let result = n >= 0 ? String(decoding: out.prefix(Int(n)), as: UTF16.self) : key.lowercased()
        lock.lock()
        pool.append(f)
        if cache.count < 200_000 { cache[key] = result }
        lock.unlock()
        return result
    }

    public func fold(_ word: String) -> String { fold(word[...]) }
}

/// ICU word and sentence breaking alone, with no other work: the floor the full pipeline is measured against.
public enum ICUFloor {
    /// Runs both break iterators over `text`; returns the number of word segments and sentences.
    public static func run(_ text: String) -> (words: Int, sentences: Int) {
        let units = Array(text.utf16)
        return (ICU.wordSegments(units).count, ICU.sentenceBounds(units).count)
    }
}
