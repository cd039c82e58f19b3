/// The folded words a stage's rules compare tokens with (pattern literals, word-list phrases), numbered: a
/// stage looks each token up once per document and its matchers compare integers instead of hashing strings
/// at every try (the date rules' `MatchText.ids`, the event rules' `DocumentView.ids`).
///
/// The lookup is a small open-addressing table with an FNV-1a hash of the UTF-8 bytes: every token of every
/// document is looked up, and this is several times cheaper than `Dictionary`'s seeded SipHash for short words.
public struct Vocabulary: Sendable {
    public private(set) var words: [String] = []
    private var hashes: [UInt64] = []
    /// Word ids by `hash & (slots.count - 1)`, linear probing; -1 is empty. At most a quarter full.
    private var slots = [Int32](repeating: -1, count: 64)

    public init() {}

    public var count: Int { words.count }

    @discardableResult
    public mutating func add(_ word: String) -> Int32 {
        let h = Self.hash(word)
        if let id = find(word, h) { return id }
        let id = Int32(words.count)
        words.append(word)
        hashes.append(h)
        if words.count * 4 > slots.count {
            slots = [Int32](repeating: -1, count: slots.count * 2)
            for (i, h) in hashes.enumerated() { insert(Int32(i), h) }
        } else {
            insert(id, h)
        }
        return id
    }

    /// The id of a word, or -1 when no rule names it.
    public func id(_ word: String) -> Int32 { find(word, Self.hash(word)) ?? -1 }

    /// The id of a word whose bytes were already fed to `hashStep` from `hashStart`.
    public func id(_ word: String, hash: UInt64) -> Int32 { find(word, Self.finish(hash)) ?? -1 }

    private func find(_ word: String, _ h: UInt64) -> Int32? {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let id = slots[i]
            if id < 0 { return nil }
            if hashes[Int(id)] == h && words[Int(id)] == word { return id }
            i = (i + 1) & mask
        }
    }

    private mutating func insert(_ id: Int32, _ h: UInt64) {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] >= 0 { i = (i + 1) & mask }
        slots[i] = id
    }

    /// The FNV-1a start value: a caller that reads a word's bytes anyway feeds them to `hashStep` from here
    /// and passes the result to `id(_:hash:)`.
    @inlinable public static var hashStart: UInt64 { 0xcbf2_9ce4_8422_2325 }

    @inlinable @inline(__always)
    public static func hashStep(_ h: UInt64, _ b: UInt8) -> UInt64 { (h ^ UInt64(b)) &* 0x100_0000_01b3 }

    /// Mixes the high bits down: the table index uses the low ones.
    private static func finish(_ h: UInt64) -> UInt64 { h ^ (h >> 29) }

    private static func hash(_ word: String) -> UInt64 {
        var h = hashStart
        for b in word.utf8 { h = hashStep(h, b) }
        return finish(h)
    }
}

