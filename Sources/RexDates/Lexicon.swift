import Foundation
import RexModel
import RexText

/// Word lists of the date rules: phrases that belong to a named class (`month`, `weekday`, `number`, `unit`,
/// `part`, …) with the value each normalizes to ("november" → `11`, "six" → `6`, "months" → `M`).
///
/// Phrases are tokenized with rex's tokenizer and matched token by token against the folded text, so
/// "Sept." and "mid-" are phrases of two tokens; a hyphen inside a phrase may also be written as a space
/// in the text ("twenty-four" matches "twenty four").
///
/// - Complexity: a lookup costs one dictionary access on the first token plus the length of the
///   candidate phrases that start with it.
struct Lexicon: Sendable {
    struct Entry: Sendable {
        let tokens: [String]
        /// For each token after the first: whether it must directly follow the previous one (no space).
        let glued: [Bool]
        let cls: String
        let value: String
        /// The text must start with a capital letter ("May", "March").
        let capitalized: Bool
        let phrase: String
    }

    private(set) var entries: [Entry] = []
    /// First folded token → entry indices, longest phrases first.
    private(set) var byFirst: [String: [Int]] = [:]
    private(set) var classes: Set<String> = []
    /// Class name → a number (in order of first appearance), for compiled patterns.
    private(set) var classIds: [String: Int32] = [:]

    // The entries numbered for matching (filled by `index(_:)`): token ids in one flat array, entry e's
    // tokens at `tokenStart[e]..<tokenStart[e + 1]`; the entry lists by first token id.
    private var tokenIds: [Int32] = []
    private var gluedFlat: [Bool] = []
    private var tokenStart: [Int] = [0]
    private var entryClass: [Int32] = []
    private var byFirstId: [[Int32]] = []
    /// By first token id: the classes (bits by class id) that have a phrase starting with it; all bits set
    /// when there are more than 64 classes.
    private var classesByFirstId: [UInt64] = []
    private var hyphen: Int32 = -1

    /// Adds the phrases of a file with lines `phrase<TAB>class<TAB>value[<TAB>cap]`.
    mutating func load(_ file: DataFile) throws {
        for row in file.rows {
            let f = row.fields
            guard f.count >= 3, !f[0].isEmpty, !f[1].isEmpty else {
                throw file.error(row.line, "expected 'phrase<TAB>class<TAB>value[<TAB>cap]', got \(f.count) field(s)")
            }
            if f.count >= 4, !f[3].isEmpty, f[3] != "cap" {
                throw file.error(row.line, "unknown flag '\(f[3])' (the only flag is 'cap')")
            }
            add(phrase: f[0], cls: f[1], value: f[2], capitalized: f.count >= 4 && f[3] == "cap")
        }
    }

    mutating func add(phrase: String, cls: String, value: String, capitalized: Bool) {
        let toks = Tokenizer.tokenize(phrase)
        guard let first = toks.first else { return }
        var glued: [Bool] = []
        for k in toks.indices.dropFirst() { glued.append(toks[k].start == toks[k - 1].end) }
        entries.append(Entry(tokens: toks.map(\.folded), glued: glued, cls: cls, value: value,
                             capitalized: capitalized, phrase: phrase))
        classes.insert(cls)
        if classIds[cls] == nil { classIds[cls] = Int32(classIds.count) }
        byFirst[first.folded, default: []].append(entries.count - 1)
        byFirst[first.folded]!.sort { entries[$0].tokens.count > entries[$1].tokens.count }
    }

    /// First tokens of the phrases of a class (for indexing the rules that start with that class).
    func firstTokens(of cls: String) -> Set<String> {
        Set(entries.filter { $0.cls == cls }.compactMap(\.tokens.first))
    }

    /// Numbers the entries' tokens with `vocabulary` (which must hold every token of every entry) for
    /// `forEachMatch`.
    mutating func index(_ vocabulary: Vocabulary) {
        tokenIds = []; gluedFlat = []; tokenStart = [0]; entryClass = []
        for e in entries {
            for (p, t) in e.tokens.enumerated() {
                tokenIds.append(vocabulary.id(t))
                gluedFlat.append(p > 0 && e.glued[p - 1])
            }
            tokenStart.append(tokenIds.count)
            entryClass.append(classIds[e.cls]!)
        }
        byFirstId = [[Int32]](repeating: [], count: vocabulary.count)
        for (w, list) in byFirst { byFirstId[Int(vocabulary.id(w))] = list.map { Int32($0) } }
        classesByFirstId = byFirstId.map { list in
            classIds.count > 64 ? ~0 : list.reduce(0) { $0 | 1 << UInt64(entryClass[Int($1)]) }
        }
        hyphen = vocabulary.id("-")
    }

    /// The classes (bits by class id) that have a phrase starting with token id `id`.
    func classes(startingWith id: Int32) -> UInt64 {
        guard id >= 0, Int(id) < classesByFirstId.count else { return 0 }
        return classesByFirstId[Int(id)]
    }

    /// The most tokens a phrase of class `cls` has.
    func maxTokens(_ cls: Int32) -> Int {
        var m = 0
        for (e, c) in entryClass.enumerated() where c == cls { m = max(m, tokenStart[e + 1] - tokenStart[e]) }
        return m
    }

    /// Whether a phrase of class `cls` may start with token id `id` (false: `forEachMatch` finds none).
    func mayStart(_ cls: Int32, _ id: Int32) -> Bool {
        guard id >= 0, Int(id) < classesByFirstId.count else { return false }
        return classesByFirstId[Int(id)] & (1 << UInt64(cls & 63)) != 0
    }

    /// Calls `body(entry, end)` for each phrase of class `cls` (a `classIds` value) starting at token `i`,
    /// longest first (end: exclusive token index).
    func forEachMatch(_ cls: Int32, at i: Int, in text: MatchText, _ body: (Int, Int) -> Void) {
        guard i < text.ids.count else { return }
        let id = Int(text.ids[i])
        guard id >= 0, id < byFirstId.count else { return }
        for e in byFirstId[id] {
            let e = Int(e)
            guard entryClass[e] == cls else { continue }
            if entries[e].capitalized && !text.isCapitalized(i) { continue }
            if let end = match(e, at: i, in: text) { body(e, end) }
        }
    }

    /// The end (exclusive token index) of entry `e` at token `i`, or nil.
    private func match(_ e: Int, at i: Int, in text: MatchText) -> Int? {
        var k = i + 1
        var p = tokenStart[e] + 1
        let last = tokenStart[e + 1]
        var skippedHyphen = false
        while p < last {
            let want = tokenIds[p]
            if k < text.ids.count, text.ids[k] == want, !text.breakBefore[k],
               !gluedFlat[p] || skippedHyphen || text.glued(k) {
                k += 1; p += 1; skippedHyphen = false; continue
            }
            // A hyphen of the phrase may be a space in the text.
            if want == hyphen && gluedFlat[p] { p += 1; skippedHyphen = true; continue }
            return nil
        }
        return k
    }
}

/// The tokens of a document with what the matchers need to know about them.
struct MatchText {
    let tokens: [Token]
    let scalars: ScalarText
    /// True when a line break separates token k from token k-1.
    let breakBefore: [Bool]
    /// Each token's id in the rules' vocabulary (-1: a word no rule names), looked up once here.
    let ids: [Int32]
    /// The token contains an ASCII digit (only those can be in a token class).
    let hasDigit: [Bool]

    /// `filter`, if given, is `vocabulary`'s (`WordFilter`): it spares the look-up to most tokens.
    init(tokens documentTokens: [Token], scalars: ScalarText, vocabulary: Vocabulary, filter: WordFilter? = nil) {
        // One pass over each token's bytes gives its vocabulary id, whether it has a digit and whether it ends
        // in "'s": a possessive is its own token here, so that "Friday's" and "last year's" hold a date.
        var split: [Token]? = nil
        var ids: [Int32] = [], hasDigit: [Bool] = []
        ids.reserveCapacity(documentTokens.count)
        hasDigit.reserveCapacity(documentTokens.count)
        let possessiveId = vocabulary.id("'s")
        // By index: copying each Token out would retain and release its string.
        for k in documentTokens.indices {
            let scan = documentTokens[k].folded.utf8.withContiguousStorageIfAvailable { ByteScan($0) }
                ?? ByteScan(Array(documentTokens[k].folded.utf8))
            let h = scan.hash, digit = scan.digit
            if documentTokens[k].kind == .word, scan.count > 2, scan.last == UInt8(ascii: "s"), scan.previous == UInt8(ascii: "'"),
               documentTokens[k].folded.count > 2, documentTokens[k].end - documentTokens[k].start == documentTokens[k].folded.count {
                let t = documentTokens[k]
                if split == nil { split = Array(documentTokens[..<k]); split!.reserveCapacity(documentTokens.count + 16) }
                let base = String(t.folded.dropLast(2))
                split!.append(Token(start: t.start, end: t.end - 2, kind: .word, folded: base))
                split!.append(Token(start: t.end - 2, end: t.end, kind: .word, folded: "'s"))
                ids.append(vocabulary.id(base)); hasDigit.append(digit)
                ids.append(possessiveId); hasDigit.append(false)
            } else {
                split?.append(documentTokens[k])
                let known = filter?.mayContain(hash: h) ?? true
                ids.append(known ? vocabulary.id(documentTokens[k].folded, hash: h) : -1); hasDigit.append(digit)
            }
        }
        let tokens = split ?? documentTokens
        self.tokens = tokens
        self.ids = ids
        self.hasDigit = hasDigit
        self.scalars = scalars
        var bb = [Bool](repeating: false, count: tokens.count)
        for k in tokens.indices.dropFirst() {
            var j = tokens[k - 1].end
            while j < tokens[k].start {
                if scalars[j] == "\n" { bb[k] = true; break }
                j += 1
            }
        }
        if !bb.isEmpty { bb[0] = true }
        breakBefore = bb
    }

    /// Token k directly follows token k-1 (no space).
    func glued(_ k: Int) -> Bool { k > 0 && tokens[k].start == tokens[k - 1].end }

    func isCapitalized(_ k: Int) -> Bool { scalars[tokens[k].start].properties.isUppercase }

    func text(_ a: Int, _ b: Int) -> String {
        guard a < b else { return "" }
        return scalars.slice(tokens[a].start, tokens[b - 1].end)
    }
}

/// What `MatchText` reads from a token's bytes in one pass: the FNV-1a hash `Vocabulary` uses, whether
/// there is an ASCII digit, the byte count and the last two bytes.
struct ByteScan {
    var hash = Vocabulary.hashStart
    var digit = false
    var count = 0
    var last: UInt8 = 0
    var previous: UInt8 = 0

    init<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        for b in bytes {
            hash = Vocabulary.hashStep(hash, b)
            digit = digit || b >= 48 && b <= 57
            previous = last
            last = b
        }
        count = bytes.count
    }
}

/// A bit filter over the words of a vocabulary, by their FNV-1a hash: a word whose bit is not set is surely
/// not in it (`Vocabulary` finds only a word with the same hash). Most tokens of a text are in no rule.
struct WordFilter: Sendable {
    /// 2¹⁶ bits.
    private var bits = [UInt64](repeating: 0, count: 1 << 10)

    init(_ vocabulary: Vocabulary) {
        for w in vocabulary.words {
            let b = Self.bit(ByteScan(w.utf8).hash)
            bits[b >> 6] |= 1 << UInt64(b & 63)
        }
    }

    private static func bit(_ h: UInt64) -> Int { Int(truncatingIfNeeded: (h ^ h >> 29) & 0xFFFF) }

    /// False when no word of the vocabulary has the hash (`Vocabulary.hashStart` fed with `hashStep`).
    func mayContain(hash h: UInt64) -> Bool {
        let b = Self.bit(h)
        return bits[b >> 6] & (1 << UInt64(b & 63)) != 0
    }
}

/// Token classes defined by a regular expression over one token (`year`, `day`, `dayth`, …), for numbers
/// and number-like words. A class applies only to tokens that contain a digit.
struct TokenClasses: @unchecked Sendable {
    // NSRegularExpression is immutable and safe to share once compiled.
    private(set) var names: [String] = []
    private var regexes: [NSRegularExpression] = []

    mutating func load(_ file: DataFile) throws {
        for row in file.rows {
            guard row.fields.count >= 2, !row.fields[0].isEmpty, !row.fields[1].isEmpty else {
                throw file.error(row.line, "expected 'class<TAB>regular expression'")
            }
            do {
                regexes.append(try NSRegularExpression(pattern: "^(?:" + row.fields[1] + ")$"))
            } catch {
                throw file.error(row.line, "bad regular expression '\(row.fields[1])': \(error)")
            }
            if names.contains(row.fields[0]) { throw file.error(row.line, "class '\(row.fields[0])' defined twice") }
            names.append(row.fields[0])
        }
        if names.count > 64 { throw file.error(file.rows.last?.line ?? 0, "at most 64 token classes") }
    }

    func index(of name: String) -> Int? { names.firstIndex(of: name) }

    /// The value a token takes in class `c`: the regex's first group if it has one, else the token; nil when
    /// the token is not in the class.
    func value(_ c: Int, _ token: String) -> String? {
        let ns = token as NSString
        guard let m = regexes[c].firstMatch(in: token, range: NSRange(location: 0, length: ns.length)) else { return nil }
        if m.numberOfRanges > 1, m.range(at: 1).location != NSNotFound { return ns.substring(with: m.range(at: 1)) }
        return token
    }

    /// Results of `analyze` shared by every document (and thread): the same numbers and years recur from
    /// one report to the next, and running every class's regular expression is the costly part.
    private let memo = Memo()

    private final class Memo: @unchecked Sendable {
        let lock = NSLock()
        var known: [String: TokenInfo] = [:]
        /// Bounds the memory: the memo starts over when it holds this many tokens.
        static let limit = 50_000
    }

    /// The classes a token belongs to (bit mask) and its value in each.
    func analyze(_ token: String) -> TokenInfo {
        var info = TokenInfo(mask: 0, values: [])
        guard token.utf8.contains(where: { $0 >= 48 && $0 <= 57 }) else { return info }
        if let known = memo.lock.withLock({ memo.known[token] }) { return known }
        for c in regexes.indices {
            if let v = value(c, token) { info.mask |= 1 << UInt64(c); info.values.append(v) }
        }
        memo.lock.withLock {
            if memo.known.count >= Memo.limit { memo.known.removeAll() }
            memo.known[token] = info
        }
        return info
    }
}

/// What the token classes make of one token.
struct TokenInfo: Sendable {
    var mask: UInt64
    /// The values in the token's classes, in the order of the classes.
    var values: [String]

    /// The value in class `c`, or nil when the token is not in it.
    func value(_ c: Int) -> String? {
        let bit: UInt64 = 1 << UInt64(c)
        guard mask & bit != 0 else { return nil }
        return values[(mask & (bit - 1)).nonzeroBitCount]
    }
}

/// Token-class results for the tokens of one document, each distinct token text analyzed once (documents
/// repeat their years and numbers); tokens without a digit are in no class and never looked up.
struct TokenClassCache {
    /// Per token: index in `infos` + 1, or 0 when not analyzed yet.
    private var byIndex: [Int32]
    private var infos: [TokenInfo] = []
    private var byText: [String: Int32] = [:]

    init(count: Int) { byIndex = [Int32](repeating: 0, count: count) }

    /// The classes token k belongs to (bit mask).
    mutating func mask(_ k: Int, _ text: MatchText, _ classes: TokenClasses) -> UInt64 {
        guard text.hasDigit[k] else { return 0 }
        return infos[slot(k, text, classes)].mask
    }

    /// What token k was found to be by an earlier `mask(k, …)`, or nil if it was not analyzed.
    func analyzed(_ k: Int) -> TokenInfo? {
        byIndex[k] > 0 ? infos[Int(byIndex[k]) - 1] : nil
    }

    private mutating func slot(_ k: Int, _ text: MatchText, _ classes: TokenClasses) -> Int {
        let s = byIndex[k]
        if s > 0 { return Int(s) - 1 }
        let t = text.tokens[k].folded
        let found: Int32
        if let f = byText[t] {
            found = f
        } else {
            found = Int32(infos.count)
            infos.append(classes.analyze(t))
            byText[t] = found
        }
        byIndex[k] = found + 1
        return Int(found)
    }
}
