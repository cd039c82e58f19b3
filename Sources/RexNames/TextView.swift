import RexModel
import RexText

/// The per-document working view the name rules read: tokens with their keys, capitalization, sentence,
/// and the "word sequence" (tokens without hyphens and abbreviation periods) the trie walks.
struct TextView {
    let text: ScalarText
    let tokens: [Token]
    /// Key of each token (empty key for skipped tokens: hyphens, dashes, abbreviation periods).
    let keys: [KeyToken]
    /// Trie token id for each word-sequence position (-1 when neither a name nor a word list contains the word).
    let ids: [Int32]
    /// FNV-1a hash (`keyHash`) of the key at each word-sequence position.
    let hashes: [UInt64]
    /// Token index of each word-sequence position.
    let seq: [Int]
    /// Word-sequence position of each token (-1 for skipped tokens).
    let posOf: [Int]
    /// Sentence index of each token.
    let sentence: [Int]
    /// Whether each token is the first word of its sentence (after opening quotes, bullets, brackets).
    let sentenceStart: [Bool]
    /// Whether each token starts with a capital letter (or a digit); all false in caseless text.
    let capitalized: [Bool]
    /// The text is all upper or all lower case (`SentenceSplitter.isCaseless`): gazetteer names match
    /// whatever their case, and the rules that find names by their capitals stay silent.
    let caseless: Bool
    /// Whether each token is a word or holds a letter ("G5", "1990s"): the shape a name word has.
    let letterShaped: [Bool]
    /// What the word lists say of each token's key (`WordFlags`).
    let flags: [WordFlags]
    /// Tokens covered by mentions already in the document (dates).
    let taken: [Bool]

    init(document: Document, gazetteer: Gazetteer) {
        let trie = gazetteer.trie, words = gazetteer.words
        text = document.scalarText
        tokens = document.tokens
        let n = tokens.count
        var keys = [KeyToken](repeating: KeyToken(key: "", possessive: false, possessiveLength: 0), count: n)
        var seq: [Int] = [], hashes: [UInt64] = []
        seq.reserveCapacity(n)
        hashes.reserveCapacity(n)
        var posOf = [Int](repeating: -1, count: n)
        var capitalized = [Bool](repeating: false, count: n)
        let skippedFlags = words.flags("", id: -1)
        var flags = [WordFlags](repeating: skippedFlags, count: n)
        let caseless = document.isCaseless
        self.caseless = caseless
        for (i, t) in tokens.enumerated() {
            var first = text[t.start]
            // "d’Intervention", "l’Azawad": the letter after the elided article decides.
            if t.end - t.start > 2, first == "d" || first == "l", NameKey.isApostrophe(text[t.start + 1]) {
                first = text[t.start + 2]
            }
            capitalized[i] = !caseless && (first.isASCII
                ? (first.value >= 0x41 && first.value <= 0x5A) || (first.value >= 0x30 && first.value <= 0x39)
                : first.properties.isUppercase || first.properties.numericType != nil)
            // (Marks of one scalar are compared as scalars: none of them has another canonical form.)
            if t.kind == .punctuation, let mark = Self.singleScalar(t.folded) {
                if mark == "-" || mark == "\u{2010}" || mark == "\u{2011}" { continue }
                // "U.S." — the period after a word with inner periods belongs to it.
                if mark == ".", i > 0, tokens[i - 1].end == t.start, tokens[i - 1].folded.utf8.contains(0x2E),
                   tokens[i - 1].folded.contains(".") {
                    continue
                }
            }
            // A folded token that is ASCII without capitals or apostrophes is its own key (`NameKey.key` would
            // copy it): its bytes are hashed for the trie's look-up while they are checked.
            var hash = Vocabulary.hashStart
            var plain = true
            for b in t.folded.utf8 {
                if b >= 0x80 || b == 0x27 || b == 0x60 || (b >= 0x41 && b <= 0x5A) { plain = false; break }
                hash = Vocabulary.hashStep(hash, b)
            }
            let key: KeyToken
            if plain {
                key = KeyToken(key: t.folded, possessive: false, possessiveLength: 0)
            } else {
                key = NameKey.key(t.folded[...])
                hash = Vocabulary.hashStart
                for b in key.key.utf8 { hash = Vocabulary.hashStep(hash, b) }
            }
            keys[i] = key
            posOf[i] = seq.count
            seq.append(i)
            hashes.append(hash)
        }
        // All the words at once, after the loop: the look-ups' cache misses overlap.
        let ids = trie.tokenIds(seq.map { keys[$0].key }, hashes: hashes)
        for (p, i) in seq.enumerated() { flags[i] = words.flags(keys[i].key, id: ids[p]) }
        self.flags = flags
        var letterShaped = [Bool](repeating: false, count: n)
        for (i, t) in tokens.enumerated() { letterShaped[i] = t.kind == .word || Self.hasLetter(keys[i].key) }
        self.letterShaped = letterShaped
        self.hashes = hashes
        self.keys = keys; self.ids = ids; self.seq = seq; self.posOf = posOf; self.capitalized = capitalized
        var sentence = [Int](repeating: 0, count: n)
        var sentenceStart = [Bool](repeating: false, count: n)
        var s = 0
        var seenWord = false
        let sentences = document.sentences
        for (i, t) in tokens.enumerated() {
            while s + 1 < sentences.count && t.start >= sentences[s].end { s += 1; seenWord = false }
            sentence[i] = s
            if t.kind != .punctuation && !seenWord {
                sentenceStart[i] = true
                seenWord = true
            }
        }
        self.sentence = sentence
        self.sentenceStart = sentenceStart
        var taken = [Bool](repeating: false, count: n)
        let spans = document.mentions.map(\.span).sorted { $0.start < $1.start }
        if !spans.isEmpty {
            var k = 0
            for (i, t) in tokens.enumerated() {
                while k < spans.count && spans[k].end <= t.start { k += 1 }
                if k < spans.count && spans[k].start < t.end && t.start < spans[k].end { taken[i] = true }
            }
        }
        self.taken = taken
    }

    /// The hash of a key that `hashes` holds for its tokens.
    static func keyHash(_ key: String) -> UInt64 {
        var h = Vocabulary.hashStart
        for b in key.utf8 { h = Vocabulary.hashStep(h, b) }
        return h
    }

    /// The scalar a string is made of, if it is one scalar.
    static func singleScalar(_ s: String) -> Unicode.Scalar? {
        var it = s.unicodeScalars.makeIterator()
        guard let first = it.next(), it.next() == nil else { return nil }
        return first
    }

    /// `key.contains { $0.isLetter }`, on bytes for ASCII keys.
    static func hasLetter(_ key: String) -> Bool {
        for b in key.utf8 {
            if b >= 0x80 { return key.contains { $0.isLetter } }
            if (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A { return true }
        }
        return false
    }

    var count: Int { tokens.count }

    func key(_ i: Int) -> String { keys[i].key }
    /// The trie id of token i's key (-1 for skipped tokens and words no name or list holds).
    @inline(__always) func id(_ i: Int) -> Int32 { posOf[i] >= 0 ? ids[posOf[i]] : -1 }
    /// Whether token i's key is in the word list(s) of `f`.
    @inline(__always) func has(_ i: Int, _ f: WordFlags) -> Bool { !flags[i].isDisjoint(with: f) }
    func isWord(_ i: Int) -> Bool { i >= 0 && i < tokens.count && tokens[i].kind != .punctuation }
    /// Whether token i is the punctuation mark `p`. (The marks asked for are ASCII: a folded token of another
    /// length is another mark, and most are rejected without a string comparison.)
    func isPunct(_ i: Int, _ p: String) -> Bool {
        assert(p.utf8.allSatisfy { $0 < 0x80 }, "isPunct compares byte lengths: ASCII marks only")
        return i >= 0 && i < tokens.count && tokens[i].kind == .punctuation && tokens[i].folded.utf8.count == p.utf8.count
            && tokens[i].folded == p
    }

    /// The surface text of tokens `a..<b`.
    func surface(_ a: Int, _ b: Int) -> String { text.slice(tokens[a].start, tokens[b - 1].end) }
    /// True when no line break lies between token a and token b.
    func sameLine(_ a: Int, _ b: Int) -> Bool {
        guard a < b else { return true }
        for k in tokens[a].end..<tokens[b].start where text[k] == "\n" { return false }
        return true
    }
    /// The next token after `i` skipping hyphens/dashes (word sequence order), or nil.
    func next(_ i: Int) -> Int? {
        var j = i + 1
        while j < tokens.count, posOf[j] < 0 { j += 1 }
        return j < tokens.count ? j : nil
    }
    func prev(_ i: Int) -> Int? {
        var j = i - 1
        while j >= 0, posOf[j] < 0 { j -= 1 }
        return j >= 0 ? j : nil
    }
}
