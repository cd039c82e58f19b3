import Foundation
import RexModel
import RexText

/// The word lists coreference reads from `Gazetteers/lexicon/coref-*.txt`: description heads with their
/// rules, pronouns with their agreement, word classes, the actors of countries and the search windows.
///
/// Everything a rule matches on is data, so that a new head noun or reporting verb needs no recompile.
public struct CorefLexicon: Sendable {
    /// How a description head finds its entity (see `coref-heads.txt`).
    public enum Rule: String, Sendable {
        case recent, national, nationalNamed = "national-named", focus, capital, title, apposition
    }

    /// A head noun of a description ("group", "task force", "town").
    public struct Head: Sendable, Equatable {
        /// Folded words, e.g. ["task", "force"].
        public var words: [String]
        public var type: MentionType
        public var plural: Bool
        public var rule: Rule
        /// Organization types, place kind prefixes, a national role, or "any".
        public var accepts: [String]
    }

    public enum Animacy: String, Sendable { case thing, person, group, publisher }
    public enum Form: String, Sendable { case plain, object, possessive, reflexive }

    public struct Pronoun: Sendable, Equatable {
        public var plural: Bool
        public var animacy: Animacy
        public var form: Form
    }

    /// Heads by their last folded word; several heads may share it ("forces", "armed forces").
    public let heads: [String: [Head]]
    /// The words heads ask of a name (`word:W` accepts), at most 64: a cluster keeps them as bits.
    public let nameCues: [String]
    /// The UTF-8 bytes of `nameCues` when all are ASCII (then compared byte by byte), else nil.
    let nameCueBytes: [[UInt8]]?
    public let pronouns: [String: Pronoun]
    /// Word classes of `coref-words.txt`: class → folded words (single words).
    public let words: [String: Set<String>]
    /// Multi-word entries of `coref-words.txt`: class → word sequences ("known as").
    public let phrases: [String: [[String]]]
    /// "ML|government" → "org:mali-government".
    public let national: [String: String]
    /// Actors that are entities even where the document never names them (`unnamed` yes).
    public let unnamed: Set<String>
    /// Folded name word → organization types, for names no gazetteer knows.
    public let orgCues: [String: [String]]
    public let settings: [String: Int]

    public static let files = ["lexicon/coref-heads.txt", "lexicon/coref-pronouns.txt", "lexicon/coref-words.txt",
                               "lexicon/coref-national.tsv", "lexicon/coref-org-cues.txt",
                               "lexicon/coref-settings.txt"]

    public init(data: URL) throws {
        func file(_ name: String) throws -> DataFile { try DataFile(data.appendingPathComponent("lexicon/" + name)) }
        func split(_ s: String) -> [String] { s.split(separator: " ").map(String.init) }

        var heads: [String: [Head]] = [:]
        var nameCues: [String] = []
        let hf = try file("coref-heads.txt")
        for (line, f) in hf.rows {
            guard f.count >= 5 else { throw hf.error(line, "expected head, type, number, rule, accepts (5 tab-separated fields)") }
            guard let type = MentionType(rawValue: f[1]), type != .date else { throw hf.error(line, "type must be ORG, PLACE or PERSON, not '\(f[1])'") }
            guard f[2] == "sg" || f[2] == "pl" else { throw hf.error(line, "number must be sg or pl, not '\(f[2])'") }
            guard let rule = Rule(rawValue: f[3]) else {
                throw hf.error(line, "rule must be recent, national, national-named, focus, capital, title or apposition, not '\(f[3])'")
            }
            let words = split(Folder.shared.fold(f[0][...]))
            guard let last = words.last else { throw hf.error(line, "empty head") }
            let accepts = f[4].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            if rule == .national || rule == .nationalNamed, !accepts.allSatisfy({ $0 == "government" || $0 == "military" }) {
                throw hf.error(line, "a national rule accepts government or military, not '\(f[4])'")
            }
            for a in accepts where a.hasPrefix("word:") && !nameCues.contains(String(a.dropFirst(5))) {
                guard nameCues.count < 64 else { throw hf.error(line, "more than 64 different word: accepts") }
                nameCues.append(String(a.dropFirst(5)))
            }
            heads[last, default: []].append(Head(words: words, type: type, plural: f[2] == "pl", rule: rule, accepts: accepts))
        }
        // Longer heads first, so that "armed forces" is tried before "forces".
        self.heads = heads.mapValues { $0.sorted { $0.words.count > $1.words.count } }
        self.nameCues = nameCues
        nameCueBytes = nameCues.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } } ? nameCues.map { Array($0.utf8) } : nil

        var pronouns: [String: Pronoun] = [:]
        let pf = try file("coref-pronouns.txt")
        for (line, f) in pf.rows {
            guard f.count >= 4 else { throw pf.error(line, "expected pronoun, number, animacy, form") }
            guard f[1] == "sg" || f[1] == "pl" else { throw pf.error(line, "number must be sg or pl") }
            guard let animacy = Animacy(rawValue: f[2]) else { throw pf.error(line, "animacy must be thing, person, group or publisher") }
            guard let form = Form(rawValue: f[3]) else { throw pf.error(line, "form must be plain, object, possessive or reflexive") }
            pronouns[Folder.shared.fold(f[0][...])] = Pronoun(plural: f[1] == "pl", animacy: animacy, form: form)
        }
        self.pronouns = pronouns

        var words: [String: Set<String>] = [:], phrases: [String: [[String]]] = [:]
        let wf = try file("coref-words.txt")
        for (line, f) in wf.rows {
            guard f.count >= 2, !f[1].isEmpty else { throw wf.error(line, "expected class<TAB>word") }
            let w = split(Folder.shared.fold(f[1][...]))
            if w.count == 1 { words[f[0], default: []].insert(w[0]) } else { phrases[f[0], default: []].append(w) }
        }
        self.words = words
        self.phrases = phrases

        var national: [String: String] = [:], unnamed: Set<String> = []
        let nf = try file("coref-national.tsv")
        for (line, f) in nf.rows {
            guard f.count >= 4, f[0].count == 2, f[1] == "government" || f[1] == "military", f[3] == "yes" || f[3] == "no" else {
                throw nf.error(line, "expected country (ISO alpha-2), role (government or military), organization id, unnamed (yes or no)")
            }
            national[f[0].uppercased() + "|" + f[1]] = f[2]
            if f[3] == "yes" { unnamed.insert(f[2]) }
        }
        self.national = national
        self.unnamed = unnamed

        var cues: [String: [String]] = [:]
        let cf = try file("coref-org-cues.txt")
        for (line, f) in cf.rows {
            guard f.count >= 2 else { throw cf.error(line, "expected word<TAB>types") }
            cues[Folder.shared.fold(f[0][...])] = f[1].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        orgCues = cues

        var settings: [String: Int] = [:]
        let sf = try file("coref-settings.txt")
        for (line, f) in sf.rows {
            guard f.count >= 2, let v = Int(f[1]) else { throw sf.error(line, "expected setting<TAB>integer") }
            settings[f[0]] = v
        }
        for key in ["pronoun-window", "description-window", "apposition-gap", "focus-min-mentions", "focus-min-share",
                    "publisher-window"] where settings[key] == nil {
            throw sf.error(0, "setting '\(key)' is missing")
        }
        self.settings = settings
    }

    public func isA(_ word: String, _ wordClass: String) -> Bool { words[wordClass]?.contains(word) == true }

    /// The length of the phrase of `wordClass` that starts at `folded[from...]`, or nil.
    public func phrase(_ wordClass: String, in folded: [String], at from: Int) -> Int? {
        var best: Int? = nil
        if from < folded.count, isA(folded[from], wordClass) { best = 1 }
        for p in phrases[wordClass] ?? [] where from + p.count <= folded.count && folded[from..<from + p.count].elementsEqual(p) {
            best = max(best ?? 0, p.count)
        }
        return best
    }

    func setting(_ key: String) -> Int { settings[key] ?? 0 }

    /// What the rules ask of a folded word, in one lookup: its word classes, whether it is a head's last word,
    /// a pronoun, a demonym of `demonyms`, or the first word of a phrase. Built once per stage (see
    /// `CorefText.flags`); the suffix flags are added per token.
    func flagTable(demonyms: [String: String]) -> FlagTable {
        var table: [String: WordFlags] = [:]
        for (name, flag) in WordFlags.classes {
            for w in words[name] ?? [] { table[w, default: []].insert(flag) }
        }
        for p in phrases.values.joined() { if let w = p.first { table[w, default: []].insert(.phraseStart) } }
        for w in heads.keys { table[w, default: []].insert(.head) }
        for w in pronouns.keys { table[w, default: []].insert(.pronoun) }
        for w in demonyms.keys { table[w, default: []].insert(.demonym) }
        return FlagTable(table)
    }
}

/// Folded word → `WordFlags`. ASCII words (nearly all) are looked up in a `Vocabulary` with the FNV-1a hash
/// `WordScan` computed on its pass over the bytes, instead of hashing them again with `Dictionary`'s SipHash;
/// a bit filter in front spares the look-up to the words in no list (over half the tokens of a text).
struct FlagTable: Sendable {
    let table: [String: WordFlags]
    /// 2¹⁶ bits, one set for the `WordScan.filterBit` of each key.
    private let filter: [UInt64]
    /// The keys, numbered; `byID` holds their flags.
    private let vocabulary: Vocabulary
    private let byID: [WordFlags]
    /// Whether every key is ASCII. Else the vocabulary is not used: a non-ASCII key may equal a word with other
    /// bytes (String compares canonical equivalents), and only the dictionary knows.
    private let asciiKeys: Bool

    init(_ table: [String: WordFlags]) {
        self.table = table
        var vocabulary = Vocabulary()
        var byID: [WordFlags] = []
        var filter = [UInt64](repeating: 0, count: 1 << 10)
        var ascii = true
        for (key, flags) in table {
            let scan = WordScan(key)
            if !scan.ascii { ascii = false }
            filter[scan.filterBit >> 6] |= 1 << UInt64(scan.filterBit & 63)
            let id = Int(vocabulary.add(key))
            if id == byID.count { byID.append(flags) } else { byID[id] = flags }
        }
        self.vocabulary = vocabulary
        self.byID = byID
        self.filter = filter
        asciiKeys = ascii
    }

    subscript(_ w: String) -> WordFlags { flags(w, WordScan(w)) }

    /// The flags of `w`, whose bytes `scan` has read.
    func flags(_ w: String, _ scan: WordScan) -> WordFlags {
        if asciiKeys && scan.ascii {
            if filter[scan.filterBit >> 6] & (1 << UInt64(scan.filterBit & 63)) == 0 { return [] }
            let id = vocabulary.id(w, hash: scan.hash)
            return id < 0 ? [] : byID[Int(id)]
        }
        return table[w] ?? []
    }
}

/// One pass over a word's UTF-8 bytes for what the flags need: its FNV-1a hash for `Vocabulary`, whether it
/// is ASCII, whether it has an apostrophe (a possessive or a contraction), its ending flags.
struct WordScan {
    var hash = Vocabulary.hashStart
    var ascii = true
    var apostrophe = false
    var endings: WordFlags = []

    /// The filter bit of `FlagTable`: 16 bits of the hash, the high ones mixed in.
    var filterBit: Int { Int(truncatingIfNeeded: (hash ^ hash >> 29) & 0xFFFF) }

    init(_ w: String) {
        if let done = w.utf8.withContiguousStorageIfAvailable({ WordScan(bytes: $0) }) { self = done; return }
        self = Array(w.utf8).withUnsafeBufferPointer { WordScan(bytes: $0) }
    }

    init(bytes: UnsafeBufferPointer<UInt8>) {
        var h = Vocabulary.hashStart
        var high: UInt8 = 0
        for b in bytes {
            h = Vocabulary.hashStep(h, b)
            high |= b
            if b == 0x27 { apostrophe = true }
        }
        hash = h
        ascii = high < 0x80
        let n = bytes.count
        guard n > 0 else { return }
        let last = bytes[n - 1], prev: UInt8 = n >= 2 ? bytes[n - 2] : 0, third: UInt8 = n >= 3 ? bytes[n - 3] : 0
        if last == UInt8(ascii: "s") { endings.insert(prev == UInt8(ascii: "s") ? [.endsS, .endsSS] : .endsS) }
        if last == UInt8(ascii: "d") && prev == UInt8(ascii: "e") { endings.insert(.endsEd) }
        if last == UInt8(ascii: "y") && prev == UInt8(ascii: "l") { endings.insert(.endsLy) }
        if last == UInt8(ascii: "g") && prev == UInt8(ascii: "n") && third == UInt8(ascii: "i") { endings.insert(.endsIng) }
    }
}

/// Per-token flags of a word (`CorefText.flags`): the word classes of `coref-words.txt` the rules test, lexicon
/// memberships and endings, so that a rule tests a bit instead of hashing the word again.
struct WordFlags: OptionSet, Sendable {
    let rawValue: UInt32

    static let stop = WordFlags(rawValue: 1 << 0)
    static let definite = WordFlags(rawValue: 1 << 1)
    static let indefinite = WordFlags(rawValue: 1 << 2)
    static let copula = WordFlags(rawValue: 1 << 3)
    static let quantifier = WordFlags(rawValue: 1 << 4)
    static let comparative = WordFlags(rawValue: 1 << 5)
    static let participle = WordFlags(rawValue: 1 << 6)
    static let pluralModifier = WordFlags(rawValue: 1 << 7)
    static let compound = WordFlags(rawValue: 1 << 8)
    static let adjective = WordFlags(rawValue: 1 << 9)
    static let title = WordFlags(rawValue: 1 << 10)
    static let crowd = WordFlags(rawValue: 1 << 11)
    static let land = WordFlags(rawValue: 1 << 12)
    static let landmark = WordFlags(rawValue: 1 << 13)
    static let naming = WordFlags(rawValue: 1 << 14)
    static let reporting = WordFlags(rawValue: 1 << 15)
    static let subordinator = WordFlags(rawValue: 1 << 16)
    static let expletive = WordFlags(rawValue: 1 << 17)
    static let be = WordFlags(rawValue: 1 << 18)
    /// The last word of a head of `coref-heads.txt`.
    static let head = WordFlags(rawValue: 1 << 19)
    /// A pronoun of `coref-pronouns.txt`.
    static let pronoun = WordFlags(rawValue: 1 << 20)
    /// A demonym ("malian").
    static let demonym = WordFlags(rawValue: 1 << 21)
    /// The first word of a multi-word entry of `coref-words.txt` ("known" of "known as").
    static let phraseStart = WordFlags(rawValue: 1 << 22)
    /// Endings: "-ed", "-ing", "-ly", "-s", "-ss".
    static let endsEd = WordFlags(rawValue: 1 << 23)
    static let endsIng = WordFlags(rawValue: 1 << 24)
    static let endsLy = WordFlags(rawValue: 1 << 25)
    static let endsS = WordFlags(rawValue: 1 << 26)
    static let endsSS = WordFlags(rawValue: 1 << 27)

    /// The class flags by their name in `coref-words.txt`.
    static let classes: [String: WordFlags] = [
        "stop": .stop, "definite": .definite, "indefinite": .indefinite, "copula": .copula, "quantifier": .quantifier,
        "comparative": .comparative, "participle": .participle, "plural-modifier": .pluralModifier,
        "compound": .compound, "adjective": .adjective, "title": .title, "crowd": .crowd, "land": .land,
        "landmark": .landmark, "naming": .naming, "reporting": .reporting, "subordinator": .subordinator,
        "expletive": .expletive, "be": .be,
    ]

    /// The ending flags of a folded word, from its UTF-8 bytes.
    static func endings(_ w: String) -> WordFlags { WordScan(w).endings }
}
