import Foundation
import RexModel
import RexText

/// The date rules, loaded once from `rules/dates/` in the data folder: word lists, token classes, patterns,
/// prefix modifiers, range connectors, tense cues and unit normalizations. Nothing about dates is compiled
/// into the code but the calendar arithmetic and the anchoring order; adding a word or a pattern needs no
/// recompile. Every file opens with comments that say its purpose and `# FORMAT:`; a bad line is reported
/// as `file:line`.
///
/// A class (immutable once loaded, so safe to share across threads): stages hold one reference to it.
public final class DateRules: @unchecked Sendable {
    /// One pattern rule: a token pattern and how to normalize what it matches.
    struct Rule: Sendable {
        enum Kind: Sendable { case timex, negative }
        let name: String
        let file: String
        let line: Int
        let kind: Kind
        let pattern: TokenPattern
        /// DATE, TIME, DURATION or SET.
        let type: String
        let value: ValueSpec?
        let end: ValueSpec?
        let mod: ValueSpec?
        /// Which anchor a year-less value takes: `ctx` (nearest), `ref` (narrative) or `dct`.
        let anchor: String
        /// Direction for anchoring to the time of writing; nil = from the tense.
        let direction: Direction?
        let confidence: Double
        /// Value to use when the anchor is too coarse for the rule's unit ("today" with a dct of "2023").
        let generic: String?
        /// The resolved value becomes the narrative reference time (false for comparisons such as
        /// "a year earlier", which do not move the story).
        let movesNarrative: Bool
    }

    /// A word or phrase before a date that sets its mod ("late", "more than", "before").
    struct Modifier: Sendable {
        let tokens: [String]
        let glued: [Bool]
        /// The phrase ends with a hyphen and must touch the expression ("mid-2020").
        let gluedToExpression: Bool
        let mod: String?
        /// Part of the span ("late March") or only context ("before September 2013").
        let inside: Bool
        /// Applies to points (DATE, TIME) or durations.
        let appliesToPoints: Bool
        let appliesToDurations: Bool
        /// Applies only when the expression starts with a number ("over a decade", not "over the past year").
        let bareOnly: Bool
    }

    /// Connectors that join two dates into a range ("between July and September 2022").
    struct RangeRule: Sendable {
        let name: String
        /// Word required before the first date, excluded from the span ("between", "from"), or nil.
        let before: Set<String>?
        let connectors: Set<String>
        /// The connector must touch both dates ("January/February").
        let glued: Bool
    }

    struct Unit: Sendable {
        let designator: String
        let multiplier: Double
        let isTime: Bool
        let granularity: TimePoint.Granularity?
    }

    var lexicon = Lexicon()
    var tokenClasses = TokenClasses()
    var rules: [Rule] = []
    var modifiers: [Modifier] = []
    var ranges: [RangeRule] = []
    var units: [String: Unit] = [:]
    var tenseWords: [String: Tense] = [:]
    var tenseSuffixes: [(String, Tense)] = []
    var defaultTense: Tense = .past
    /// Words after which a word ending in a tense suffix is a participle ("be", "will", "can").
    var auxiliaries: Set<String> = []
    /// Determiners ("the", "its", "'s") before a date that make it a modifier of a definite noun phrase
    /// ("the 2020 coup"); the word class `det`.
    var determiners: Set<String> = []
    /// Words that can be part of a date: every word of the word lists and every literal of the date patterns but
    /// the common words of the class `stop`. A position with none within `triggerReach` tokens is skipped.
    var triggers: Set<String> = []
    static let triggerReach = 8
    /// The words the patterns and word lists compare tokens with, numbered.
    var vocabulary = Vocabulary()
    /// The rules' patterns compiled for matching, and each rule's sequence in it (same order as `rules`).
    var program = PatternProgram()
    var patternSequence: [Int32] = []
    /// Whether each rule gives a timex (else it is a `NONE` rule).
    var isTimex: [Bool] = []
    /// `triggers` by vocabulary id.
    var isTrigger: [Bool] = []
    /// Rule indices by the first token they can start with (vocabulary id), by token class (0..<64), and rules
    /// that can start anywhere.
    var byWord: [[Int]] = []
    var byTokenClass: [[Int]] = []
    var anyStart: [Int] = []
    /// `byWord` merged with `anyStart`, sorted without duplicates: the rules to try at a word in no token class.
    var byWordOrAny: [[Int]] = []
    /// By vocabulary id: the tense a word cues, whether it is an auxiliary; each modifier's tokens as ids.
    var tenseOf: [Tense?] = []
    var isAuxiliary: [Bool] = []
    var modifierIds: [[Int32]] = []
    /// By rule: what it needs near its start; by vocabulary id: the word lists of the requirements (bits) that
    /// hold the word. Rules whose reach is at most `requirementWindow` are skipped where their needs are not met.
    var requirements: [Requirement] = []
    var wordSetBits: [UInt64] = []
    static let requirementWindow = 10
    /// `vocabulary`'s bit filter, for `MatchText`.
    var wordFilter = WordFilter(Vocabulary())

    /// Word-list files (phrase, class, value).
    static let lexiconFiles = ["months", "weekdays", "seasons", "numbers", "units", "words"]
    /// Pattern files, in priority order (an earlier rule wins a tie in length).
    static let patternFiles = ["negative", "patterns", "relative", "durations", "sets", "times"]
    /// Prefix-modifier files.
    static let modifierFiles = ["parts", "modifiers"]

    /// Loads every rule file from `data/rules/dates`.
    public init(data: URL) throws {
        let dir = data.appendingPathComponent("rules/dates")
        func file(_ name: String) throws -> DataFile { try DataFile(dir.appendingPathComponent(name + ".txt")) }
        for name in Self.lexiconFiles { try lexicon.load(try file(name)) }
        for e in lexicon.entries where e.tokens.count == 1 {
            if e.cls == "det" { determiners.insert(e.tokens[0]) }
        }
        try tokenClasses.load(try file("tokens"))
        try loadUnits(try file("normalizations"))
        try loadTense(try file("tense"))
        for name in Self.modifierFiles { try loadModifiers(try file(name)) }
        try loadRanges(try file("ranges"))
        for name in Self.patternFiles { try loadPatterns(try file(name)) }
        buildIndex()
    }

    private func loadUnits(_ f: DataFile) throws {
        for row in f.rows {
            let x = row.fields
            guard x.count >= 4, let mult = Double(x[2]) else {
                throw f.error(row.line, "expected 'unit<TAB>designator<TAB>multiplier<TAB>granularity|-'")
            }
            var g: TimePoint.Granularity? = nil
            if x[3] != "-" {
                guard let gg = Self.granularities[x[3]] else {
                    throw f.error(row.line, "unknown granularity '\(x[3])' (use one of \(Self.granularities.keys.sorted().joined(separator: ", ")) or -)")
                }
                g = gg
            }
            var d = x[1]
            let isTime = d.hasPrefix("T")
            if isTime { d.removeFirst() }
            units[x[0]] = Unit(designator: d, multiplier: mult, isTime: isTime, granularity: g)
        }
    }

    static let granularities: [String: TimePoint.Granularity] = [
        "century": .century, "decade": .decade, "year": .year, "half": .half, "quarter": .quarter,
        "season": .season, "month": .month, "week": .week, "day": .day,
    ]

    private func loadTense(_ f: DataFile) throws {
        for row in f.rows {
            if row.fields.count >= 2, row.fields[1] == "aux" { auxiliaries.insert(row.fields[0].lowercased()); continue }
            guard row.fields.count >= 2, let t = Tense(rawValue: row.fields[1]) else {
                throw f.error(row.line, "expected 'word<TAB>past|present|future|aux'")
            }
            let w = row.fields[0]
            if w == "DEFAULT" { defaultTense = t }
            else if w.hasPrefix("*") { tenseSuffixes.append((String(w.dropFirst()).lowercased(), t)) }
            else { tenseWords[w.lowercased()] = t }
        }
    }

    private func loadModifiers(_ f: DataFile) throws {
        for row in f.rows {
            let x = row.fields
            guard x.count >= 4, ["inside", "outside"].contains(x[2]) else {
                throw f.error(row.line, "expected 'phrase<TAB>MOD|-<TAB>inside|outside<TAB>point|duration|any[,bare]'")
            }
            let applies = Set(x[3].split(separator: ",").map(String.init))
            guard applies.isSubset(of: ["point", "duration", "any", "bare"]),
                  !applies.intersection(["point", "duration", "any"]).isEmpty else {
                throw f.error(row.line, "applies-to must be point, duration or any (optionally with ,bare), got '\(x[3])'")
            }
            let phrase = x[0]
            let hyphenEnd = phrase.hasSuffix("-")
            var lex = Lexicon()
            lex.add(phrase: phrase, cls: "m", value: "", capitalized: false)
            guard let e = lex.entries.first else { throw f.error(row.line, "empty phrase") }
            modifiers.append(Modifier(tokens: e.tokens, glued: e.glued, gluedToExpression: hyphenEnd,
                                      mod: x[1] == "-" ? nil : x[1], inside: x[2] == "inside",
                                      appliesToPoints: applies.contains("point") || applies.contains("any"),
                                      appliesToDurations: applies.contains("duration") || applies.contains("any"),
                                      bareOnly: applies.contains("bare")))
        }
        modifiers.sort { $0.tokens.count > $1.tokens.count }
    }

    private func loadRanges(_ f: DataFile) throws {
        for row in f.rows {
            let x = row.fields
            guard x.count >= 3, !x[2].isEmpty else {
                throw f.error(row.line, "expected 'name<TAB>word before|-<TAB>connectors[<TAB>glued]'")
            }
            let before: Set<String>? = x[1] == "-" ? nil : Set(x[1].lowercased().split(separator: "|").map(String.init))
            ranges.append(RangeRule(name: x[0], before: before,
                                    connectors: Set(x[2].lowercased().split(separator: "|").map(String.init)),
                                    glued: x.count >= 4 && x[3] == "glued"))
        }
    }

    private func loadPatterns(_ f: DataFile) throws {
        let fileName = (f.path as NSString).lastPathComponent
        for row in f.rows {
            let x = row.fields
            guard x.count >= 3 else {
                throw f.error(row.line, "expected 'name<TAB>pattern<TAB>type<TAB>value[<TAB>attribute=value…]'")
            }
            let pattern: TokenPattern
            do { pattern = try TokenPattern(x[1], tokenClasses: tokenClasses, lexicon: lexicon) }
            catch let e as TokenPattern.ParseError { throw f.error(row.line, "pattern: \(e.reason)") }
            if x[2] == "NONE" {
                rules.append(Rule(name: x[0], file: fileName, line: row.line, kind: .negative, pattern: pattern,
                                  type: "NONE", value: nil, end: nil, mod: nil, anchor: "ctx", direction: nil,
                                  confidence: 0, generic: nil, movesNarrative: false))
                continue
            }
            guard ["DATE", "TIME", "DURATION", "SET"].contains(x[2]) else {
                throw f.error(row.line, "type must be DATE, TIME, DURATION, SET or NONE, got '\(x[2])'")
            }
            guard x.count >= 4, !x[3].isEmpty else { throw f.error(row.line, "missing value") }
            func spec(_ s: String, _ what: String) throws -> ValueSpec {
                do { return try ValueSpec(s) }
                catch let e as ValueSpec.ParseError { throw f.error(row.line, "\(what): \(e.reason)") }
            }
            let value = try spec(x[3], "value")
            var end: ValueSpec? = nil, mod: ValueSpec? = nil
            var anchor = "ctx", direction: Direction? = nil, conf = 0.9, generic: String? = nil, moves = true
            for attr in x.dropFirst(4) where !attr.isEmpty {
                guard let eq = attr.firstIndex(of: "=") else { throw f.error(row.line, "attribute '\(attr)' needs '='") }
                let k = String(attr[..<eq]), v = String(attr[attr.index(after: eq)...])
                switch k {
                case "end": end = try spec(v, "end")
                case "mod": mod = try spec(v, "mod")
                case "anchor":
                    guard ["ctx", "ref", "dct"].contains(v) else { throw f.error(row.line, "anchor must be ctx, ref or dct") }
                    anchor = v
                case "dir":
                    guard let d = Direction(rawValue: v) else {
                        throw f.error(row.line, "dir must be past, nearest, future, same, before or after")
                    }
                    direction = d
                case "conf":
                    guard let c = Double(v), c > 0, c <= 1 else { throw f.error(row.line, "conf must be a number in (0, 1]") }
                    conf = c
                case "generic": generic = v
                case "ref":
                    guard v == "keep" else { throw f.error(row.line, "ref must be 'keep'") }
                    moves = false
                default: throw f.error(row.line, "unknown attribute '\(k)' (end, mod, anchor, dir, conf, generic, ref)")
                }
            }
            // Every capture a spec names must be one the pattern can produce.
            let labels = Self.labels(pattern.elements)
            for s in [value, end, mod].compactMap({ $0 }) {
                for n in s.captureNames where !labels.contains(n) {
                    throw f.error(row.line, "'{\(n)}' is not captured by the pattern (captures: \(labels.sorted().joined(separator: ", ")))")
                }
            }
            rules.append(Rule(name: x[0], file: fileName, line: row.line, kind: .timex, pattern: pattern, type: x[2],
                              value: value, end: end, mod: mod, anchor: anchor, direction: direction,
                              confidence: conf, generic: generic, movesNarrative: moves))
        }
    }

    private static func literals(_ els: [TokenPattern.Element]) -> Set<String> {
        var out = Set<String>()
        for el in els {
            switch el.atom {
            case .words(let w): out.formUnion(w)
            case .group(let alts): for a in alts { out.formUnion(literals(a)) }
            default: break
            }
        }
        return out
    }

    private static func labels(_ els: [TokenPattern.Element]) -> Set<String> {
        var out = Set<String>()
        for el in els {
            if let l = el.label { out.insert(l) }
            if case .group(let alts) = el.atom { for a in alts { out.formUnion(labels(a)) } }
        }
        return out
    }

    private func buildIndex() {
        let stop = Set(lexicon.entries.filter { $0.cls == "stop" || $0.cls == "det" }.flatMap(\.tokens))
        for e in lexicon.entries where e.cls != "stop" && e.cls != "det" { triggers.formUnion(e.tokens) }
        for r in rules where r.kind == .timex { triggers.formUnion(Self.literals(r.pattern.elements)) }
        triggers.subtract(stop)
        for e in lexicon.entries { for t in e.tokens { vocabulary.add(t) } }
        for r in rules { patternSequence.append(program.add(r.pattern, &vocabulary, lexicon: lexicon)) }
        for w in tenseWords.keys.sorted() { vocabulary.add(w) }
        for w in auxiliaries.sorted() { vocabulary.add(w) }
        modifierIds = modifiers.map { $0.tokens.map { vocabulary.add($0) } }
        isTimex = rules.map { $0.kind == .timex }
        lexicon.index(vocabulary)
        isTrigger = [Bool](repeating: false, count: vocabulary.count)
        for t in triggers { isTrigger[Int(vocabulary.id(t))] = true }
        byWord = [[Int]](repeating: [], count: vocabulary.count)
        byTokenClass = [[Int]](repeating: [], count: 64)
        for (i, r) in rules.enumerated() {
            let fs = r.pattern.firstSet(lexicon: lexicon)
            if fs.any { anyStart.append(i); continue }
            for w in fs.words { byWord[Int(vocabulary.id(w))].append(i) }
            for c in fs.tokenClasses { byTokenClass[c].append(i) }
        }
        byWordOrAny = byWord.map { Array(Set($0 + anyStart)).sorted() }
        tenseOf = [Tense?](repeating: nil, count: vocabulary.count)
        for (w, t) in tenseWords { tenseOf[Int(vocabulary.id(w))] = t }
        isAuxiliary = [Bool](repeating: false, count: vocabulary.count)
        for w in auxiliaries { isAuxiliary[Int(vocabulary.id(w))] = true }
        wordFilter = WordFilter(vocabulary)
        var wordSets: [[Int32]] = []
        requirements = patternSequence.map { program.requirement($0, lexicon: lexicon, wordSets: &wordSets) }
        wordSetBits = [UInt64](repeating: 0, count: vocabulary.count)
        for (b, set) in wordSets.enumerated() { for id in set where id >= 0 { wordSetBits[Int(id)] |= 1 << UInt64(b) } }
    }
}

/// The tense of the clause around an expression, which decides the direction of anchoring
/// ("Friday" in "said Friday" is the last Friday; in "will meet Friday", the next).
public enum Tense: String, Sendable {
    case past, present, future

    var direction: Direction {
        switch self { case .past: return .past; case .present: return .nearest; case .future: return .future }
    }
}

/// Where an expression without a year or week lies from its anchor: at or before it (`past`), the nearest
/// (`nearest`), at or after it (`future`), in the anchor's own year or week (`same`: "this September"),
/// strictly before (`before`: "last Monday" said on a Monday is a week back) or strictly after (`after`).
public enum Direction: String, Sendable {
    case past, nearest, future, same, before, after
}
