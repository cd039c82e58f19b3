import Foundation
import RexModel

/// Splits the text into sentences with ICU's sentence break iterator, then repairs what it gets wrong in
/// reports: no break after abbreviations listed in `lexicon/abbreviations.txt` ("Gen.", "U.S."), a break at
/// every line end (headings and list items without final punctuation are sentences of their own), and a
/// break after a section lead-in ("2020 Terrorist Incidents:").
public struct SentenceSplitter: Stage {
    public let name = "sentences"
    public let requires: Set<Layer> = [.text, .sections]
    public let adds: Set<Layer> = [.sentences]

    /// How an abbreviation behaves before the next word.
    public enum AbbreviationKind: String, Sendable {
        /// Always followed by a name: never ends a sentence ("Gen.", "Mr.").
        case title
        /// Usually modifies the next word ("U.S. forces"): ends a sentence only before a sentence starter.
        case modifier
        /// Ends a sentence when the next word is capitalized ("etc.", "Inc.").
        case other
    }

    let abbreviations: [String: AbbreviationKind]
    /// Words that begin sentences ("The", "In"), used after modifier abbreviations.
    let sentenceStarters: Set<String>

    public init(abbreviations: [String: AbbreviationKind], sentenceStarters: Set<String> = []) {
        self.abbreviations = abbreviations
        self.sentenceStarters = sentenceStarters
    }

    /// Loads `lexicon/abbreviations.txt` and `lexicon/sentence-starters.txt` from the data folder.
    public init(data: URL) throws {
        let file = try DataFile(data.appendingPathComponent("lexicon/abbreviations.txt"))
        var table: [String: AbbreviationKind] = [:]
        for row in file.rows {
            guard row.fields.count >= 2, let kind = AbbreviationKind(rawValue: row.fields[1]) else {
                throw file.error(row.line, "expected 'abbreviation<TAB>title|modifier|other'")
            }
            table[row.fields[0]] = kind
        }
        let starters = try DataFile(data.appendingPathComponent("lexicon/sentence-starters.txt"))
        self.init(abbreviations: table, sentenceStarters: Set(starters.rows.map { $0.fields[0] }))
    }

    public func process(_ document: inout Document) throws {
        document.sentences = split(document)
    }

    func split(_ document: Document) -> [Sentence] {
        let text = document.scalarText
        let (units, toScalar) = ICU.utf16WithScalarMap(document.text)
        var ends = Set(ICU.sentenceBounds(units).map { Int(toScalar[Int($0)]) })
        // Every line end is a boundary.
        for (i, s) in text.scalars.enumerated() where s == "\n" { ends.insert(i + 1) }
        // A section lead-in ends where its colon is.
        for s in document.sections {
            guard let h = s.heading else { continue }
            let n = h.unicodeScalars.count
            if s.start + n < text.count, text[s.start + n] == ":" { ends.insert(s.start + n + 1) }
        }
        ends.insert(text.count)
        // In text without case (all lower case, as some corpora are distributed, or all upper case, as wire
        // text was), ICU's rule that a sentence starts with a capital never fires: a period, question or
        // exclamation mark followed by a space ends a sentence, unless it ends an abbreviation or an initial.
        if document.isCaseless {
            let folded = Dictionary(abbreviations.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
            for i in 0..<max(0, text.count - 1) where (text[i] == "." || text[i] == "!" || text[i] == "?") && Self.isSpace(text[i + 1]) {
                if text[i] == ".", let abbr = abbreviation(endingAt: i + 1, text: text) {
                    let letters = abbr.dropLast().filter { $0.isLetter }
                    if folded[abbr.lowercased()] != nil || letters.count == 1 { continue }
                }
                ends.insert(i + 1)
            }
        }
        // Undo breaks after abbreviations.
        for end in ends.sorted() where end < text.count {
            var e = end
            while e > 0, text[e - 1] == " " { e -= 1 }
            guard e > 0, text[e - 1] == ".", !(end > 0 && text[end - 1] == "\n") else { continue }
            guard let abbr = abbreviation(endingAt: e, text: text), let kind = abbreviations[abbr] else { continue }
            // The next word decides for non-title abbreviations.
            var j = end
            while j < text.count, text[j] == " " { j += 1 }
            guard j < text.count, text[j] != "\n" else { continue }
            let next = text[j]
            let nextLower = next.properties.isLowercase || next.properties.numericType != nil
            let nextWord = word(at: j, text: text)
            switch kind {
            case .title: ends.remove(end)
            case .modifier: if !sentenceStarters.contains(nextWord) { ends.remove(end) }
            case .other: if nextLower { ends.remove(end) }
            }
        }
        // A list number alone ("1.", "b)") belongs to the item it numbers.
        for end in ends.sorted() where end < text.count {
            var e = end
            while e > 0, text[e - 1] == " " { e -= 1 }
            var a = e
            while a > 0, !Self.isSpace(text[a - 1]) { a -= 1 }
            guard Self.isListNumber(text, a, e) else { continue }
            let lineStart = a == 0 || (0..<a).reversed().prefix { text[$0] != "\n" }.allSatisfy { Self.isSpace(text[$0]) }
            if lineStart {
                ends.remove(end)
            }
        }
        var sentences: [Sentence] = []
        var start = 0
        for end in ends.sorted() {
            var a = start, b = end
            while a < b, Self.isSpace(text[a]) { a += 1 }
            while b > a, Self.isSpace(text[b - 1]) { b -= 1 }
            if a < b { sentences.append(Sentence(start: a, end: b)) }
            start = end
        }
        return sentences
    }

    /// Whether `a..<e` is a list number: one or two decimal digits or one letter a-z, then "." or ")"
    /// (the regular expression `^(\d{1,2}|[a-z])[.)]$`, without compiling one per call).
    static func isListNumber(_ text: ScalarText, _ a: Int, _ e: Int) -> Bool {
        let n = e - a
        guard n == 2 || n == 3, text[e - 1] == "." || text[e - 1] == ")" else { return false }
        func digit(_ s: Unicode.Scalar) -> Bool { s.properties.generalCategory == .decimalNumber }
        if n == 3 { return digit(text[a]) && digit(text[a + 1]) }
        let c = text[a]
        return digit(c) || (c.value >= 0x61 && c.value <= 0x7A)
    }

    /// True when the text's letters are (nearly) all of one case (fewer than 2% of the cased letters in the
    /// other case): wire text in capitals, corpora distributed in lower case. Capitalization then says nothing
    /// about names. ASCII letters are counted without looking up Unicode properties.
    public static func isCaseless(_ text: String) -> Bool {
        let (upper, lower) = text.utf8.withContiguousStorageIfAvailable { caseCounts($0) } ?? caseCounts(scalars: text)
        return upper + lower > 0 && Double(min(upper, lower)) / Double(upper + lower) < 0.02
    }

    /// Upper- and lower-case letters of UTF-8 text: ASCII eight bytes at a time (a byte is an upper-case letter
    /// when it is at least "A" and below "["), other scalars decoded and looked up.
    static func caseCounts(_ b: UnsafeBufferPointer<UInt8>) -> (upper: Int, lower: Int) {
        var upper = 0, lower = 0
        guard let base = b.baseAddress else { return (0, 0) }
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        let n = b.count
        while i < n {
            if i + 8 <= n {
                let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if x & high == 0 {
                    // Bytes below 0x80: adding k sets a byte's high bit exactly when the byte is at least 0x80 - k.
                    let atLeastA = x &+ ones &* 0x3F, aboveZ = x &+ ones &* 0x25
                    let atLeastLowA = x &+ ones &* 0x1F, aboveLowZ = x &+ ones &* 0x05
                    upper += (atLeastA & ~aboveZ & high).nonzeroBitCount
                    lower += (atLeastLowA & ~aboveLowZ & high).nonzeroBitCount
                    i += 8
                    continue
                }
            }
            let c = b[i]
            if c < 0x80 {
                if c >= 0x41 && c <= 0x5A { upper += 1 } else if c >= 0x61 && c <= 0x7A { lower += 1 }
                i += 1
                continue
            }
            let len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2
            guard i + len <= n else { break }
            var v = UInt32(c) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
            for k in 1..<len { v = v << 6 | UInt32(b[i + k] & 0x3F) }
            if let s = Unicode.Scalar(v) { count(s, &upper, &lower) }
            i += len
        }
        return (upper, lower)
    }

    /// `caseCounts` of a string without contiguous UTF-8 storage.
    static func caseCounts(scalars text: String) -> (upper: Int, lower: Int) {
        var upper = 0, lower = 0
        for s in text.unicodeScalars {
            let v = s.value
            if v < 0x80 {
                if v >= 0x41 && v <= 0x5A { upper += 1 } else if v >= 0x61 && v <= 0x7A { lower += 1 }
                continue
            }
            count(s, &upper, &lower)
        }
        return (upper, lower)
    }

    private static func count(_ s: Unicode.Scalar, _ upper: inout Int, _ lower: inout Int) {
        guard s.properties.isAlphabetic else { return }
        if s.properties.isUppercase { upper += 1 } else if s.properties.isLowercase { lower += 1 }
    }

    /// `properties.isWhitespace`, without the property lookup for ASCII (tab to carriage return, space).
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x80 ? s.value == 0x20 || (s.value >= 0x09 && s.value <= 0x0D) : s.properties.isWhitespace
    }

    /// A parenthesis or quotation mark that may open before an abbreviation: ( " “ ' ‘.
    static func opensQuote(_ s: Unicode.Scalar) -> Bool {
        s == "(" || s == "\"" || s == "“" || s == "'" || s == "‘"
    }

    /// The whitespace-delimited word that ends at `e` (including its final period).
    func abbreviation(endingAt e: Int, text: ScalarText) -> String? {
        var a = e
        while a > 0, !Self.isSpace(text[a - 1]), !Self.opensQuote(text[a - 1]) { a -= 1 }
        return a < e ? text.slice(a, e) : nil
    }

    /// The letters of the word starting at `j`.
    func word(at j: Int, text: ScalarText) -> String {
        var k = j
        while k < text.count, text[k].properties.isAlphabetic { k += 1 }
        return text.slice(j, k)
    }
}
