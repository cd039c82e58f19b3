import RexModel
import RexText

/// The document's tokens as coreference reads them: folded words without a possessive "'s", the sentence of
/// each token, and the mention (if any) that covers it.
struct CorefText {
    let text: ScalarText
    let tokens: [Token]
    /// Folded form without a trailing possessive ("country's" → "country").
    let words: [String]
    /// Whether the token ends in a possessive "'s" / "’s" (or "s'" after a plural).
    let possessive: [Bool]
    /// End offset of the word without a possessive or a contraction ("We’ll" → "We").
    let wordEnd: [Int]
    /// Sentence index of each token (-1 outside every sentence).
    let sentence: [Int]
    /// Paragraph index of each token (0 when the document has no paragraphs).
    let paragraph: [Int]
    /// Index into the input mentions of the mention covering each token, or -1.
    var mention: [Int]
    /// The text is all upper or all lower case: capitals say nothing (`capitalized` is always false).
    let caseless: Bool
    /// What the word lists say of each token's `words` entry and how it ends, looked up once.
    let flags: [WordFlags]
    /// First token of each token's sentence (of its run of tokens with the same `sentence`).
    let sentenceStart: [Int]
    /// Double quotation marks before each token in its paragraph: odd inside a quotation.
    let quotesBefore: [Int]
    /// The last double quotation mark before each token, or -1.
    let lastQuote: [Int]

    init(document: Document, flagTable: FlagTable) {
        text = document.scalarText
        tokens = document.tokens
        caseless = document.isCaseless
        let n = tokens.count
        var words: [String] = [], poss = [Bool](repeating: false, count: n), wordEnd = [Int](repeating: 0, count: n)
        var flags = [WordFlags](repeating: [], count: n)
        words.reserveCapacity(n)
        // By index: copying each Token out would retain and release its string.
        for i in 0..<n {
            var w = tokens[i].folded
            var scan = WordScan(w)
            var cut = 0
            // Every ending below has an apostrophe: words without one (nearly all) skip the checks.
            if tokens[i].kind == .word && scan.apostrophe {
                if w.count > 2, w.hasSuffix("'s") { w.removeLast(2); poss[i] = true; cut = 2 }
                else if w.count > 2, w.hasSuffix("s'") { w.removeLast(); poss[i] = true; cut = 1 }
                else if let c = ["'ll", "'re", "'ve", "'d"].first(where: { w.hasSuffix($0) && w.count > $0.count }) {
                    w.removeLast(c.count); cut = c.count
                }
                if cut > 0 { scan = WordScan(w) }
            }
            words.append(w)
            wordEnd[i] = tokens[i].end - cut
            flags[i] = flagTable.flags(w, scan).union(scan.endings)
        }
        self.flags = flags
        self.words = words
        possessive = poss
        self.wordEnd = wordEnd

        // Sentence and paragraph of each token, the start of its sentence, the quotation marks before it: one pass.
        var sentence = [Int](repeating: -1, count: n)
        var paragraph = [Int](repeating: 0, count: n)
        var sentenceStart = [Int](repeating: 0, count: n)
        var quotesBefore = [Int](repeating: 0, count: n)
        var lastQuote = [Int](repeating: -1, count: n)
        let sents = document.sentences, paras = document.paragraphs
        var s = 0, p = 0, quotes = 0, last = -1
        for i in 0..<n {
            let start = tokens[i].start
            if sents.isEmpty {
                // Text without sentences: one sentence.
                sentence[i] = 0
            } else {
                while s < sents.count && sents[s].end <= start { s += 1 }
                if s < sents.count && sents[s].start <= start { sentence[i] = s }
            }
            if !paras.isEmpty {
                while p + 1 < paras.count && paras[p].end <= start { p += 1 }
                paragraph[i] = p
            }
            if i > 0 && sentence[i - 1] == sentence[i] { sentenceStart[i] = sentenceStart[i - 1] } else { sentenceStart[i] = i }
            if i > 0 && paragraph[i - 1] != paragraph[i] { quotes = 0 }
            quotesBefore[i] = quotes
            lastQuote[i] = last
            if tokens[i].kind == .punctuation && tokens[i].folded == "\"" { quotes += 1; last = i }
        }
        self.sentence = sentence
        self.paragraph = paragraph
        mention = [Int](repeating: -1, count: n)
        self.sentenceStart = sentenceStart
        self.quotesBefore = quotesBefore
        self.lastQuote = lastQuote
    }

    var count: Int { tokens.count }

    /// Marks the tokens a mention covers: from `a`, its first token (`firstToken(atOrAfter:)` its start),
    /// those that start before its end.
    mutating func cover(from a: Int, end: Int, index: Int) {
        var i = a
        while i < tokens.count && tokens[i].start < end {
            mention[i] = index
            i += 1
        }
    }

    /// The first token whose end is after `offset` (binary search).
    func firstToken(atOrAfter offset: Int) -> Int {
        var lo = 0, hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if tokens[mid].end <= offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    func isWord(_ i: Int) -> Bool { i >= 0 && i < tokens.count && tokens[i].kind == .word }
    func isPunct(_ i: Int, _ p: String) -> Bool { i >= 0 && i < tokens.count && tokens[i].kind == .punctuation && tokens[i].folded == p }

    /// A dash between phrases ("Kati — 15 km", "Takuba Task Force—the European …"), not a hyphen in a word.
    func isDash(_ i: Int) -> Bool {
        guard i >= 0, i < tokens.count, tokens[i].kind == .punctuation else { return false }
        let c = text[tokens[i].start]
        if c == "—" || c == "–" { return true }
        if c == "-" { return !joined(i - 1, i) && !joined(i, i + 1) }
        return false
    }

    /// A hyphen inside a compound word ("counter-terrorism", "pro-government").
    func isHyphen(_ i: Int) -> Bool {
        guard i > 0, i + 1 < tokens.count, tokens[i].kind == .punctuation else { return false }
        let c = text[tokens[i].start]
        return (c == "-" || c == "‐") && joined(i - 1, i) && joined(i, i + 1)
    }

    /// Whether tokens a and b touch (no space between).
    func joined(_ a: Int, _ b: Int) -> Bool {
        a >= 0 && b < tokens.count && a < b && tokens[a].end == tokens[b].start
    }

    func slice(_ start: Int, _ end: Int) -> String { text.slice(start, end) }

    /// Whether the token starts with a capital letter (never in caseless text).
    func capitalized(_ i: Int) -> Bool {
        guard !caseless, i >= 0, i < tokens.count else { return false }
        let c = text[tokens[i].start]
        if c.isASCII { return c.value >= 0x41 && c.value <= 0x5A }  // no Unicode property look-up for ASCII
        return c.properties.isUppercase
    }
}
