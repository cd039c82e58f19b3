import RexModel
import RexText

/// Read-only indexes over a document for the event extractor: folded words, the sentence and mention of each
/// token, paragraphs and sections. Built once per document.
struct DocumentView {
    let doc: Document
    let text: ScalarText
    let tokens: [Token]
    /// Folded form of each token.
    let words: [String]
    /// Id of each token's folded form in the rules' vocabulary (-1 for a word no phrase set has): what phrase
    /// sets match against.
    let ids: [Int32]
    /// How each token's word ends, for the word classes that go by endings (`WordEnding`).
    let endings: [WordEnding]
    /// Sentence index of each token (-1 outside every sentence).
    let sentenceOf: [Int]
    /// Token range of each sentence.
    let sentenceTokens: [Range<Int>]
    /// Index into `doc.mentions` of the mention covering each token.
    let mentionAt: [Int?]
    /// Token range of each mention, by mention index.
    let mentionTokens: [Range<Int>]
    /// Whether each mention (by index) is an actor (`Mention.isActor`, read from the fields in place).
    let actorMention: [Bool]
    let paragraphs: [Span]
    let sections: [Section]
    /// True when the text has (almost) no lower-case or no upper-case letters: capitalization says nothing.
    let caseless: Bool
    /// Answers computed on first use and kept for the document (the view is otherwise read-only).
    private let memo: Memo

    final class Memo {
        /// Index into `doc.mentions` of the first mention with each id (few documents need it).
        var byId: [String: Int]? = nil
        /// Whether the mentions' ids are "M1", "M2", … in order.
        var numbered: Bool? = nil
        /// `paragraphSentences(of:)` by sentence.
        var paragraphSentences: [Range<Int>?]
        /// `PlaceRef.specificity` of each place mention, by mention index (-1: not yet computed).
        var specificity: [Int]
        init(sentences: Int, mentions: Int) {
            paragraphSentences = Array(repeating: nil, count: sentences)
            specificity = Array(repeating: -1, count: mentions)
        }
    }

    init(_ doc: Document, vocabulary: Vocabulary = Vocabulary()) {
        self.doc = doc
        memo = Memo(sentences: doc.sentences.count, mentions: doc.mentions.count)
        text = doc.scalarText
        tokens = doc.tokens.isEmpty ? Tokenizer.tokenize(doc.text) : doc.tokens
        words = tokens.map(\.folded)
        var ids = [Int32](repeating: -1, count: words.count)
        var endings = [WordEnding](repeating: .other, count: words.count)
        for i in words.indices {
            // The hash of the word's bytes read in one pass (what `Vocabulary.id(_:)` computes), and its ending.
            var w = words[i]
            let (h, ending) = w.withUTF8 { bytes -> (UInt64, WordEnding) in
                var h = Vocabulary.hashStart
                var plain = true
                for b in bytes {
                    h = Vocabulary.hashStep(h, b)
                    if b >= 0x80 || b == UInt8(ascii: " ") || b == UInt8(ascii: "\r") { plain = false }
                }
                return (h, WordEnding(plain: plain, bytes))
            }
            ids[i] = vocabulary.id(w, hash: h)
            endings[i] = ending
        }
        self.ids = ids
        self.endings = endings
        var sentenceOf = [Int](repeating: -1, count: tokens.count)
        var ranges: [Range<Int>] = []
        var t = 0
        for (si, s) in doc.sentences.enumerated() {
            while t < tokens.count, tokens[t].start < s.start { t += 1 }
            let a = t
            while t < tokens.count, tokens[t].start < s.end { sentenceOf[t] = si; t += 1 }
            ranges.append(a..<t)
        }
        self.sentenceOf = sentenceOf
        sentenceTokens = ranges
        var mentionAt = [Int?](repeating: nil, count: tokens.count)
        var mentionTokens: [Range<Int>] = []
        var actorMention = [Bool](repeating: false, count: doc.mentions.count)
        // Mentions come in text order and token ends increase: each mention's first token is then found by
        // walking on from the previous one's instead of a binary search (which stays for any other order).
        var ordered = true
        for k in tokens.indices.dropFirst() where tokens[k].end < tokens[k - 1].end { ordered = false; break }
        var cursor = 0, lastStart = Int.min
        for mi in doc.mentions.indices {
            // Fields read in place: no copy of each mention.
            let end = doc.mentions[mi].end
            switch doc.mentions[mi].type {
            case .org, .person: actorMention[mi] = true
            case .place: actorMention[mi] = doc.mentions[mi].place?.isCountry ?? false
            case .date: actorMention[mi] = false
            }
            let start = doc.mentions[mi].start
            var a: Int
            if ordered, start >= lastStart {
                while cursor < tokens.count, tokens[cursor].end <= start { cursor += 1 }
                a = cursor
            } else {
                a = Self.firstToken(atOrAfter: start, tokens)
                cursor = a
            }
            lastStart = start
            let first = a
            while a < tokens.count, tokens[a].start < end {
                if mentionAt[a] == nil { mentionAt[a] = mi }
                a += 1
            }
            mentionTokens.append(first..<a)
        }
        self.mentionAt = mentionAt
        self.mentionTokens = mentionTokens
        self.actorMention = actorMention
        if doc.paragraphs.isEmpty {
            paragraphs = Self.lines(text)
        } else {
            paragraphs = doc.paragraphs
        }
        sections = doc.sections
        caseless = doc.isCaseless
    }

    static func firstToken(atOrAfter offset: Int, _ tokens: [Token]) -> Int {
        var lo = 0, hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if tokens[mid].end <= offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Each non-empty line is a paragraph (what ingestion does for plain text), for documents read back from JSON.
    static func lines(_ text: ScalarText) -> [Span] {
        var out: [Span] = []
        var a = 0
        for i in 0...text.count where i == text.count || text[i] == "\n" {
            var s = a, e = i
            while s < e, text[s].properties.isWhitespace { s += 1 }
            while e > s, text[e - 1].properties.isWhitespace { e -= 1 }
            if s < e { out.append(Span(start: s, end: e)) }
            a = i + 1
        }
        return out
    }

    /// The first mention with id `id` (what `doc.mentions.first { $0.id == id }` finds, without the scan).
    func mention(id: String) -> Mention? { mentionIndex(id: id).map { doc.mentions[$0] } }

    /// The index of the first mention with id `id`.
    func mentionIndex(id: String) -> Int? {
        // Ids written by rex are "M1", "M2", … in order: then the number says where the mention is, without
        // hashing ids. Other documents get a table.
        if memo.numbered == nil {
            memo.numbered = doc.mentions.indices.allSatisfy { Self.mentionNumber(doc.mentions[$0].id) == $0 + 1 }
        }
        if memo.numbered == true {
            guard let n = Self.mentionNumber(id), n >= 1, n <= doc.mentions.count else { return nil }
            return n - 1
        }
        if memo.byId == nil {
            var table: [String: Int] = [:]
            table.reserveCapacity(doc.mentions.count)
            for mi in doc.mentions.indices where table[doc.mentions[mi].id] == nil { table[doc.mentions[mi].id] = mi }
            memo.byId = table
        }
        return memo.byId![id]
    }

    /// The number of an id "M<number>" written without leading zeros (nil for any other id).
    static func mentionNumber(_ id: String) -> Int? {
        var n = 0, digits = 0
        for (k, b) in id.utf8.enumerated() {
            if k == 0 { guard b == UInt8(ascii: "M") else { return nil }; continue }
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9"), digits < 9, !(digits == 0 && b == UInt8(ascii: "0")) else { return nil }
            n = n * 10 + Int(b - UInt8(ascii: "0")); digits += 1
        }
        return digits > 0 ? n : nil
    }

    /// How specific the place of mention `mi` is (`PlaceRef.specificity`); the mention must have a place.
    func specificity(ofMention mi: Int) -> Int {
        let known = memo.specificity[mi]
        if known >= 0 { return known }
        let found = doc.mentions[mi].place!.specificity(mentionText: doc.mentions[mi].text)
        memo.specificity[mi] = found
        return found
    }

    /// The index of the first mention that passes `test`; reads the mentions in place instead of copying each.
    func firstMention(where test: (Mention) -> Bool) -> Int? {
        for mi in doc.mentions.indices where test(doc.mentions[mi]) { return mi }
        return nil
    }

    func word(_ i: Int) -> String { i >= 0 && i < words.count ? words[i] : "" }

    /// The type of the mention covering token `i` (read in place, without copying the mention).
    func mentionType(at i: Int) -> MentionType? {
        guard i >= 0, i < mentionAt.count, let m = mentionAt[i] else { return nil }
        return doc.mentions[m].type
    }

    func mention(at i: Int) -> Mention? {
        guard i >= 0, i < mentionAt.count, let m = mentionAt[i] else { return nil }
        return doc.mentions[m]
    }

    func slice(_ r: Range<Int>) -> String {
        guard !r.isEmpty else { return "" }
        return text.slice(tokens[r.lowerBound].start, tokens[r.upperBound - 1].end)
    }

    func span(_ r: Range<Int>) -> TextSpan {
        TextSpan(start: tokens[r.lowerBound].start, end: tokens[r.upperBound - 1].end, text: slice(r))
    }

    func paragraph(ofOffset o: Int) -> Int? { paragraphs.firstIndex { $0.start <= o && o < $0.end } }

    func section(ofOffset o: Int) -> Int? { sections.lastIndex { $0.start <= o && o < $0.end } }

    /// Whether a token is written with a capital (always false in caseless text).
    func isCapitalized(_ i: Int) -> Bool {
        guard !caseless, i >= 0, i < tokens.count else { return false }
        return text[tokens[i].start].properties.isUppercase
    }

    var sentenceCount: Int { sentenceTokens.count }

    /// Sentences of the paragraph that holds sentence `s`.
    func paragraphSentences(of s: Int) -> Range<Int> {
        if let known = memo.paragraphSentences[s] { return known }
        let found = findParagraphSentences(of: s)
        memo.paragraphSentences[s] = found
        return found
    }

    private func findParagraphSentences(of s: Int) -> Range<Int> {
        let off = doc.sentences[s].start
        guard let p = paragraph(ofOffset: off) else { return s..<(s + 1) }
        let span = paragraphs[p]
        var a = s, b = s + 1
        while a > 0, doc.sentences[a - 1].start >= span.start { a -= 1 }
        while b < doc.sentences.count, doc.sentences[b].start < span.end { b += 1 }
        return a..<b
    }
}

/// The ending of a word as the adverb and participle classes read it (`Phrases.classes`): for plain
/// ASCII words (no space, no carriage return), where bytes are characters, whether the word is longer than four
/// letters and ends in "ly" or "ed"; other words must be read in full.
enum WordEnding: UInt8 {
    case other, ly, ed, readInFull

    init(plain: Bool, _ bytes: UnsafeBufferPointer<UInt8>) {
        guard plain else { self = .readInFull; return }
        let n = bytes.count
        guard n > 4 else { self = .other; return }
        switch (bytes[n - 2], bytes[n - 1]) {
        case (UInt8(ascii: "l"), UInt8(ascii: "y")): self = .ly
        case (UInt8(ascii: "e"), UInt8(ascii: "d")): self = .ed
        default: self = .other
        }
    }
}

extension Mention {
    /// An actor mention: an organization, a person, or a country.
    var isActor: Bool {
        switch type {
        case .org, .person: return true
        case .place: return place.map(\.isCountry) ?? false
        case .date: return false
        }
    }
}

extension PlaceRef {
    /// A country (no first-level division, a country code), not a region or a town.
    var isCountry: Bool {
        id.hasPrefix("place:country-") || (id.hasPrefix("geonames:") && admin1 == nil && country != nil)
    }

    /// How specific a place is: 0 supranational or informal region, 1 country, 2 first-level region,
    /// 3 district, 4 town, village or site.
    func specificity(mentionText: String) -> Int {
        if country == nil { return 0 }
        if isCountry { return 1 }
        if admin1 == nil { return 1 }
        let n = (name + " " + mentionText).lowercased()
        // A word's plain ASCII letters are in any text that contains it (no other character decomposes to a
        // lower-case ASCII letter): a byte search rules most names out before the full test.
        let bytes = Array(n.utf8)
        func has(_ word: String, letters: StaticString) -> Bool { Self.holds(bytes, letters) && n.contains(word) }
        if has("region", letters: "region") || has("région", letters: "gion") { return 2 }
        if has("cercle", letters: "cercle") || has("circle", letters: "circle") || has("district", letters: "district")
            || has("department", letters: "department") || has("province", letters: "province") { return 3 }
        return 4
    }

    /// Whether `bytes` holds the bytes of `part` in a row.
    static func holds(_ bytes: [UInt8], _ part: StaticString) -> Bool {
        let count = part.utf8CodeUnitCount
        guard count > 0, bytes.count >= count else { return count == 0 }
        return part.withUTF8Buffer { p in
            for start in 0...(bytes.count - count) {
                var k = 0
                while k < count, bytes[start + k] == p[k] { k += 1 }
                if k == count { return true }
            }
            return false
        }
    }
}
