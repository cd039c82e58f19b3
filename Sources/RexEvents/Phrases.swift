import RexModel

/// Shallow phrase reading around triggers: the words before a trigger that name its agent, the words after it
/// that name what it acts on, and what a phrase is (a named actor, a target, a pronoun). No parser: cue lists,
/// mentions and punctuation delimit phrases, which is what the reports' short factual sentences need. A class:
/// shared by the relation finder and the extractor, never copied.
final class Phrases {
    let v: DocumentView
    let r: EventRules
    /// The cue kinds tested at nearly every token, taken out of `r.cues` once instead of per call.
    let determiners: PhraseSet, prepositions: PhraseSet, boundaries: PhraseSet
    let lightVerbs: PhraseSet, controlVerbs: PhraseSet, titles: PhraseSet
    /// The class of each token (`TokenClass`): what the word-class tests below read.
    let classes: [TokenClass]

    init(v: DocumentView, r: EventRules) {
        self.v = v; self.r = r
        determiners = r.cues["determiner"] ?? PhraseSet(); prepositions = r.cues["preposition"] ?? PhraseSet()
        boundaries = r.cues["boundary"] ?? PhraseSet(); lightVerbs = r.cues["light"] ?? PhraseSet()
        controlVerbs = r.cues["control"] ?? PhraseSet(); titles = r.cues["title"] ?? PhraseSet()
        classes = Self.classes(v: v, r: r, determiners: determiners, prepositions: prepositions, boundaries: boundaries,
                               lightVerbs: lightVerbs, controlVerbs: controlVerbs)
    }

    // MARK: word classes

    /// What a word is, as far as the word classes below can tell without its context: bits computed once per
    /// vocabulary word when the rules are loaded (`EventRules.wordBits`), and for other words from their
    /// spelling alone.
    struct WordBits: OptionSet, Sendable {
        let rawValue: UInt32
        /// In `numbers.tsv` as a number word.
        static let numberWord = WordBits(rawValue: 1 << 0)
        /// Ends in "ly", longer than four letters, no target word and no exception ("only", "family").
        static let adverbWord = WordBits(rawValue: 1 << 1)
        static let auxiliary = WordBits(rawValue: 1 << 2)
        /// A one-word verb of the trigger lexicon that is no noun, target, agent or weapon word.
        static let lexiconVerb = WordBits(rawValue: 1 << 3)
        /// A verb of the fixed list of `isVerbLike` ("said", "was", "could").
        static let verbWord = WordBits(rawValue: 1 << 4)
        /// Ends in "ed", longer than four letters, no target, agent, weapon or modifier word, no exception.
        static let participleWord = WordBits(rawValue: 1 << 5)
        /// Sentence punctuation and brackets that end a clause (".", ";", "(").
        static let boundaryPunct = WordBits(rawValue: 1 << 6)
        /// An article of `numbers.tsv` ("a", "an"): a count of one before a word for people.
        static let article = WordBits(rawValue: 1 << 7)
        /// The first word of some phrase of a cue set ("starts" bits: the other words never match there).
        static let startsDeterminer = WordBits(rawValue: 1 << 8)
        static let startsPreposition = WordBits(rawValue: 1 << 9)
        static let startsBoundary = WordBits(rawValue: 1 << 10)
        static let startsLightOrControl = WordBits(rawValue: 1 << 11)
        static let startsUncertain = WordBits(rawValue: 1 << 12)
        /// The word "-".
        static let hyphen = WordBits(rawValue: 1 << 13)
        /// A unit or a measure ("percent", "miles", "years", "million"): what a number counts is not people.
        static let measure = WordBits(rawValue: 1 << 14)
        /// A word between a locative and a place name ("capital", "town", "northern").
        static let placeModifier = WordBits(rawValue: 1 << 15)
        /// The first word of a trigger form.
        static let startsTrigger = WordBits(rawValue: 1 << 16)
        /// "that", "which", "and": words that may open another clause.
        static let clauseJoin = WordBits(rawValue: 1 << 17)
        /// ".", ";", "?", "!".
        static let clauseEnd = WordBits(rawValue: 1 << 18)
        /// The first word of a modifier, number or vague phrase of `numbers.tsv`, or an article.
        static let startsQuantity = WordBits(rawValue: 1 << 19)
        /// Words a summary's cue is not looked for past (`summaryStops`).
        static let summaryStop = WordBits(rawValue: 1 << 20)
        /// Words a list of incident kinds is not looked for past (`listingStops`).
        static let listingStop = WordBits(rawValue: 1 << 21)
        /// The first word of a "denied", "failed", "claimed" or "alleged" cue.
        static let startsModality = WordBits(rawValue: 1 << 22)
    }

    /// The class of each token, computed once per document (`classes`).
    struct TokenClass: OptionSet {
        let rawValue: UInt32
        static let punct = TokenClass(rawValue: 1 << 0)
        static let number = TokenClass(rawValue: 1 << 1)
        static let determiner = TokenClass(rawValue: 1 << 2)
        static let preposition = TokenClass(rawValue: 1 << 3)
        static let adverb = TokenClass(rawValue: 1 << 4)
        static let auxiliary = TokenClass(rawValue: 1 << 5)
        static let verbLike = TokenClass(rawValue: 1 << 6)
        static let participle = TokenClass(rawValue: 1 << 7)
        static let boundary = TokenClass(rawValue: 1 << 8)
        static let dash = TokenClass(rawValue: 1 << 9)
        static let article = TokenClass(rawValue: 1 << 10)
        static let measure = TokenClass(rawValue: 1 << 11)
        static let placeModifier = TokenClass(rawValue: 1 << 12)
        static let startsTrigger = TokenClass(rawValue: 1 << 13)
        static let clauseJoin = TokenClass(rawValue: 1 << 14)
        static let clauseEnd = TokenClass(rawValue: 1 << 15)
        /// A number token, or `WordBits.startsQuantity`.
        static let quantityStart = TokenClass(rawValue: 1 << 16)
        static let summaryStop = TokenClass(rawValue: 1 << 17)
        static let listingStop = TokenClass(rawValue: 1 << 18)
        static let modalityStart = TokenClass(rawValue: 1 << 19)
    }

    static let adverbExceptions: [String] = ["only", "early", "family", "italy", "assembly", "july", "rally"]
    static let auxiliaries: [String] = [
        "have", "has", "had", "was", "were", "is", "are", "been", "be", "being", "will", "would", "did", "do",
        "does", "then", "also", "subsequently", "later", "later,", "jointly", "first", "again", "had", "once",
        "just", "still", "soon", "allegedly", "reportedly", "reported", "apparently", "presumably", "purportedly",
        "themselves", "itself", "all", "both", "each", "not", "n't"]
    static let verbWords: [String] = [
        "said", "says", "say", "told", "reported", "stated", "announced", "added", "noted", "claimed", "has",
        "have", "had", "was", "were", "is", "are", "will", "would", "could", "can", "may", "might", "must",
        "should", "to", "been", "be", "did", "does", "do", "began", "became", "remained"]
    static let participleExceptions: [String] = [
        "armed", "masked", "hooded", "uniformed", "organized", "trained", "united", "wounded", "injured",
        "elected", "detained", "retired", "alleged", "suspected", "unidentified", "advanced", "based"]
    static let boundaryPunctuation: [String] = [".", "!", "?", ";", ":", "(", ")", "[", "]", "•"]
    static let placeModifiers: [String] = [
        "capital", "town", "city", "village", "commune", "province", "neighboring", "neighbouring", "northern", "southern",
        "eastern", "western", "central", "northeastern", "northwestern", "southeastern", "southwestern", "north", "south",
        "east", "west"]
    static let clauseJoins: [String] = ["that", "which", "and"]
    static let clauseEnds: [String] = [".", ";", "?", "!"]
    static let summaryStops: [String] = ["on", "against", "at", "in"]
    static let listingStops: [String] = [".", ";", ":", "that", "which", "who", "when", "while", "but", "however", "although"]
    static let measureWords: [String] = [
        "percent", "%", "miles", "kilometers", "km", "years", "months", "days", "weeks", "hours", "dollars", "million",
        "billion"]

    /// The words the bits are about: `EventRules` gives each an id, so that a word outside the vocabulary can
    /// only be an adverb or a participle by its ending.
    static var classWords: [String] {
        adverbExceptions + auxiliaries + verbWords + participleExceptions + boundaryPunctuation + measureWords
            + placeModifiers + clauseJoins + clauseEnds + summaryStops + listingStops + ["-", "the"]
    }

    /// The bits of a word, read from the rules' dictionaries and the lists above.
    static func wordBits(_ w: String, _ r: EventRules) -> WordBits {
        var bits: WordBits = []
        if r.numbers[w] != nil { bits.insert(.numberWord) }
        if w.count > 4, w.hasSuffix("ly"), r.targets[w] == nil, !adverbExceptions.contains(w) { bits.insert(.adverbWord) }
        if auxiliaries.contains(w) { bits.insert(.auxiliary) }
        if let t = r.triggers[w], t.contains(where: { $0.pos == .verb && $0.words.count == 1 }),
           !r.ambiguousForms.contains(w), r.targets[w] == nil, r.agents[w] == nil, r.weapons[w] == nil { bits.insert(.lexiconVerb) }
        if verbWords.contains(w) { bits.insert(.verbWord) }
        if w.count > 4, w.hasSuffix("ed"), r.targets[w] == nil, r.agents[w] == nil, r.weapons[w] == nil,
           !r.weaponModifiers.contains(w), !participleExceptions.contains(w) { bits.insert(.participleWord) }
        if boundaryPunctuation.contains(w) { bits.insert(.boundaryPunct) }
        if measureWords.contains(w) { bits.insert(.measure) }
        if placeModifiers.contains(w) { bits.insert(.placeModifier) }
        if clauseJoins.contains(w) { bits.insert(.clauseJoin) }
        if clauseEnds.contains(w) { bits.insert(.clauseEnd) }
        if summaryStops.contains(w) { bits.insert(.summaryStop) }
        if listingStops.contains(w) { bits.insert(.listingStop) }
        if r.triggers[w] != nil { bits.insert(.startsTrigger) }
        if r.articles.contains(w) { bits.insert(.article) }
        if w == "-" { bits.insert(.hyphen) }
        let id = r.vocabulary.id(w)
        func starts(_ kind: String) -> Bool { r.cues[kind]?.starts(with: id) ?? false }
        if starts("determiner") { bits.insert(.startsDeterminer) }
        if starts("preposition") { bits.insert(.startsPreposition) }
        if starts("boundary") { bits.insert(.startsBoundary) }
        if starts("light") || starts("control") { bits.insert(.startsLightOrControl) }
        if starts("uncertain") { bits.insert(.startsUncertain) }
        if starts("denied") || starts("failed") || starts("claimed") || starts("alleged") { bits.insert(.startsModality) }
        if r.modPhrases.starts(with: id) || r.numberPhrases.starts(with: id) || r.vaguePhrases.starts(with: id)
            || bits.contains(.article) { bits.insert(.startsQuantity) }
        return bits
    }

    /// Each token's class, from its word's bits, the cue sets and the mentions.
    static func classes(v: DocumentView, r: EventRules, determiners: PhraseSet, prepositions: PhraseSet,
                        boundaries: PhraseSet, lightVerbs: PhraseSet, controlVerbs: PhraseSet) -> [TokenClass] {
        let uncertain = r.cues["uncertain"]
        let table = r.wordBits
        var out = [TokenClass](repeating: [], count: v.tokens.count)
        for i in 0..<v.tokens.count {
            let id = Int(v.ids[i])
            let bits: WordBits
            if table.isEmpty {
                bits = wordBits(v.words[i], r)
            } else if id >= 0 && id < table.count {
                bits = table[id]
            } else {
                // Not in the vocabulary: every listed word and one-word key has an id, so only the ending counts.
                switch v.endings[i] {
                case .other: bits = []
                case .ly: bits = .adverbWord
                case .ed: bits = .participleWord
                case .readInFull: bits = wordBits(v.words[i], r)
                }
            }
            let kind = v.tokens[i].kind
            let free = v.mentionAt[i] == nil
            var c: TokenClass = []
            if kind == .punctuation { c.insert(.punct) }
            if kind == .number || bits.contains(.numberWord) { c.insert(.number) }
            if bits.contains(.startsDeterminer), determiners.match(at: i, in: v.ids) == 1 { c.insert(.determiner) }
            if bits.contains(.startsPreposition), prepositions.match(at: i, in: v.ids) == 1 { c.insert(.preposition) }
            if free, bits.contains(.adverbWord) { c.insert(.adverb) }
            if bits.contains(.auxiliary) { c.insert(.auxiliary) }
            if bits.contains(.article) { c.insert(.article) }
            if bits.contains(.measure) { c.insert(.measure) }
            if bits.contains(.placeModifier) { c.insert(.placeModifier) }
            if bits.contains(.startsTrigger) { c.insert(.startsTrigger) }
            if bits.contains(.clauseJoin) { c.insert(.clauseJoin) }
            if bits.contains(.clauseEnd) { c.insert(.clauseEnd) }
            if kind == .number || bits.contains(.startsQuantity) { c.insert(.quantityStart) }
            if bits.contains(.summaryStop) { c.insert(.summaryStop) }
            if bits.contains(.listingStop) { c.insert(.listingStop) }
            if bits.contains(.startsModality) { c.insert(.modalityStart) }
            if free, bits.contains(.lexiconVerb) || bits.contains(.verbWord) || bits.contains(.startsLightOrControl)
                && (lightVerbs.match(at: i, in: v.ids) != nil || controlVerbs.match(at: i, in: v.ids) != nil) { c.insert(.verbLike) }
            if free, bits.contains(.participleWord),
               !bits.contains(.startsUncertain) || uncertain?.match(at: i, in: v.ids) == nil { c.insert(.participle) }
            let hyphen = bits.contains(.hyphen)
            let dash = hyphen && dashBetweenSpaces(i, v)
            if dash { c.insert(.dash) }
            if free, bits.contains(.startsBoundary) && boundaries.match(at: i, in: v.ids) == 1
                || (hyphen ? dash : bits.contains(.boundaryPunct)) { c.insert(.boundary) }
            out[i] = c
        }
        return out
    }

    /// A dash token between spaces ("Kati — 15 kilometers"), not a hyphen ("JNIM-affiliated").
    static func dashBetweenSpaces(_ i: Int, _ v: DocumentView) -> Bool {
        let t = v.tokens[i]
        if t.end - t.start > 1 || v.text.slice(t.start, t.end) != "-" { return true }
        let before = t.start > 0 ? v.text[t.start - 1] : " ", after = t.end < v.text.count ? v.text[t.end] : " "
        return before.properties.isWhitespace || after.properties.isWhitespace
    }

    func has(_ i: Int, _ c: TokenClass) -> Bool { i >= 0 && i < classes.count && classes[i].contains(c) }

    func isPunct(_ i: Int) -> Bool { has(i, .punct) }
    func isNumber(_ i: Int) -> Bool { has(i, .number) }
    /// The kinds of `cues.tsv` the code asks for, each named as in the file: a kind's phrase set is an array
    /// read (`EventRules.cueSets`), not a dictionary look-up by name.
    enum Cue: Int, CaseIterable {
        case alleged, anaphor, by, claimed, control, countries, denied, distance, failed, habitual, light, listing,
             locative, member, modified, negation, passive, period, planned, pronoun, quantifier, responsibility,
             trend, uncertain
        var name: String { String(describing: self) }
    }

    /// The phrases of a cue kind (empty when `cues.tsv` has none).
    func cueSet(_ kind: Cue) -> PhraseSet { r.cueSets[kind.rawValue] }
    func cue(_ kind: Cue, at i: Int) -> Int? { r.cueSets[kind.rawValue].match(at: i, in: v.ids) }
    func cueEnding(_ kind: Cue, at end: Int, from lower: Int = 0) -> Int? {
        r.cueSets[kind.rawValue].match(endingAt: end, in: v.ids, from: lower)
    }
    func isDeterminer(_ i: Int) -> Bool { has(i, .determiner) }
    /// An article of `numbers.tsv` (`r.articles`).
    func isArticle(_ i: Int) -> Bool { has(i, .article) }
    /// A unit or measure word (`measureWords`).
    func isMeasure(_ i: Int) -> Bool { has(i, .measure) }
    /// A word of `placeModifiers`.
    func isPlaceModifier(_ i: Int) -> Bool { has(i, .placeModifier) }
    /// ".", ";", "?" or "!" (`clauseEnds`).
    func endsSentenceOrClause(_ i: Int) -> Bool { has(i, .clauseEnd) }
    /// "that", "which" or "and" (`clauseJoins`).
    func joinsClauses(_ i: Int) -> Bool { has(i, .clauseJoin) }
    /// Whether some trigger form starts with the word of token `i`.
    func startsTrigger(_ i: Int) -> Bool { has(i, .startsTrigger) }
    func isPreposition(_ i: Int) -> Bool { has(i, .preposition) }
    /// A word in "-ly" that is no mention and no target word ("reportedly").
    func isAdverb(_ i: Int) -> Bool { has(i, .adverb) }
    func isAuxiliary(_ i: Int) -> Bool { has(i, .auxiliary) }
    /// Words that cannot be inside a noun phrase: verbs of the lexicon, light and control verbs, auxiliaries.
    func isVerbLike(_ i: Int) -> Bool { has(i, .verbLike) }
    /// A past participle or past tense that is not a modifier of the kind reports use before people and
    /// things ("armed", "masked", "suspected").
    func isParticiple(_ i: Int) -> Bool { has(i, .participle) }
    /// Clause boundaries: boundary cues, sentence punctuation and dashes set off by spaces.
    func isBoundary(_ i: Int) -> Bool { has(i, .boundary) }
    /// A dash between spaces ("Kati — 15 kilometers"), not a hyphen ("JNIM-affiliated").
    func isDash(_ i: Int) -> Bool { has(i, .dash) }

    // MARK: phrases

    /// The noun phrase that ends just before token `a` (after skipping adverbs and auxiliaries), within the
    /// sentence that starts at token `lower`: a subject. Coordinated names ("AQIM, AAD, and al-Mourabitoun")
    /// stay in one phrase.
    func phrase(endingBefore a: Int, lower: Int, skipVerbs: Bool = true) -> Range<Int>? {
        var j = a - 1
        while j >= lower, skipVerbs, isAdverb(j) || isAuxiliary(j) { j -= 1 }
        guard j >= lower, !isPunct(j) || v.word(j) == "\"" || v.mentionAt[j] != nil else { return nil }
        if isBoundary(j) || isPreposition(j) && v.word(j) != "of" { return nil }
        var k = j
        var length = 1
        while k - 1 >= lower, length < 12 {
            let t = k - 1
            if v.mentionAt[t] != nil { k = t; length += 1; continue }
            let w = v.word(t)
            if (w == "-" && !isDash(t)) || w == "'s" || w == "'" { k = t; continue }
            if w == "," || w == "and" || w == "or" {
                // Coordination of names or of agent nouns (with or without a comma before "and").
                var before = t - 1
                if w != ",", v.word(before) == "," { before -= 1 }
                // A date is never a conjunct of a name ("In February 2014, Mali and four other countries").
                if before >= lower, let m = v.mentionAt[before], v.doc.mentions[m].type == .date { break }
                if before >= lower, v.mentionAt[before] != nil || (w != "," && !isPunct(before) && !isBoundary(before) && !isVerbLike(before) && !isPreposition(before)) {
                    if w == "," && v.mentionAt[k] == nil && v.word(k) != "and" { break }
                    k = before + 1; continue
                }
                break
            }
            if isPunct(t) && w != "\"" { break }
            if isBoundary(t) || isVerbLike(t) || isParticiple(t) { break }
            if isPreposition(t) && w != "of" { break }
            if w == "of", cueEnding(.member, at: t + 1, from: lower) == nil, !(t >= 1 && r.agents[v.word(t - 1)] != nil) {
                // "members of X" keeps going; other "of" phrases end the subject ("leader of X" is kept whole).
                if !(t >= 1 && ["leader", "head", "chief", "members", "member", "elements", "fighters", "militants"].contains(v.word(t - 1))) { break }
            }
            k = t
            length += 1
        }
        // No leading "and" or comma.
        while k <= j, v.word(k) == "and" || v.word(k) == "," { k += 1 }
        return k <= j ? k..<(j + 1) : nil
    }

    /// The noun phrase that starts at token `b` (an object), up to a preposition, a clause boundary, a verb or
    /// `upper`. Lists ("one Frenchman, a Belgian, and three Malians") stay in one phrase when `lists` is true.
    func phrase(startingAt b: Int, upper: Int, lists: Bool = true, keepOf: Bool = false) -> Range<Int>? {
        var k = b
        guard k < upper else { return nil }
        while k < upper {
            if let m = v.mentionAt[k] {
                // "the farm 2 days ago": a date after the head is no part of the phrase.
                if k > b, v.doc.mentions[m].type == .date { break }
                k = max(k + 1, v.mentionTokens[m].upperBound)
                continue
            }
            let w = v.word(k)
            if w == "\"" || (w == "-" && !isDash(k)) || w == "'s" || w == "'" { k += 1; continue }
            if w == "," || w == "and" || w == "or" {
                guard lists, k > b, k + 1 < upper else { break }
                var n = k + 1
                if v.word(n) == "and" { n += 1 }
                if n < upper, v.mentionAt[n] != nil || isNumber(n) || isDeterminer(n) || r.articles.contains(v.word(n))
                    || r.targets[v.word(n)] != nil {
                    k = n; continue
                }
                break
            }
            if isPunct(k) { break }
            if isBoundary(k) || (k > b && isVerbLike(k)) { break }
            if w == "of" {
                // "the offices of the telecommunications enterprise": a generic building keeps its owner.
                let generic = k > b && r.targets[v.word(k - 1)].map { $0.generic && $0.kind == "property" } == true
                if keepOf || generic, k > b, k + 1 < upper { k += 1; continue }
                break
            }
            if isPreposition(k), k > b || !isDeterminer(k) { if !(k == b && r.modPhrases.match(at: k, in: v.ids) != nil) { break } }
            if k > b, w.hasSuffix("ing"), r.targets[w] == nil, r.weapons[w] == nil, !isDeterminer(k - 1) { break }
            // "the farm located near …", "the farm 2 days ago".
            if k > b, isParticiple(k), !isDeterminer(k - 1), !isAdverb(k - 1) { break }
            if w == "ago" || (isNumber(k) && ["days", "day", "weeks", "week", "hours", "months", "years", "minutes"].contains(v.word(k + 1))) { break }
            k += 1
            if k - b > 12 { break }
        }
        return k > b ? b..<k : nil
    }

    /// Mentions (indexes) of actors inside a token range, in order, without duplicates.
    func actorMentions(in range: Range<Int>) -> [Int] {
        var out: [Int] = []
        for i in range {
            if let m = v.mentionAt[i], v.actorMention[m], out.last != m, !out.contains(m) { out.append(m) }
        }
        return out
    }

    /// The token ranges of a list phrase's items ("one Frenchman, a Belgian, and three Malians").
    func items(of range: Range<Int>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var a = range.lowerBound
        var i = range.lowerBound
        while i < range.upperBound {
            if v.mentionAt[i] == nil, v.word(i) == "," || v.word(i) == "and" || v.word(i) == "or" {
                if a < i { out.append(a..<i) }
                a = i + 1
            }
            i += 1
        }
        if a < range.upperBound { out.append(a..<range.upperBound) }
        return out.map { trimDeterminers($0, keep: true) }.filter { !$0.isEmpty }
    }

    /// The range without leading punctuation (and without leading determiners unless `keep`); a quote mark
    /// stays only when the phrase holds its pair ("the \"santo tomas\" farm").
    func trimDeterminers(_ r: Range<Int>, keep: Bool) -> Range<Int> {
        var a = r.lowerBound, b = r.upperBound
        func quotes(_ x: Int, _ y: Int) -> Int { (x..<y).filter { v.word($0) == "\"" }.count }
        while a < b, isPunct(a) && (v.word(a) != "\"" || quotes(a, b) % 2 == 1) || (!keep && isDeterminer(a)) { a += 1 }
        while b > a, isPunct(b - 1) && (v.word(b - 1) != "\"" || quotes(a, b) % 2 == 1) { b -= 1 }
        return a..<b
    }

    /// The rightmost word or phrase of `set` inside the range: the head of a phrase.
    func head(in range: Range<Int>, of set: PhraseSet) -> Range<Int>? {
        var best: Range<Int>? = nil
        var i = range.lowerBound
        while i < range.upperBound {
            if v.mentionAt[i] == nil, let n = set.match(at: i, in: v.ids), i + n <= range.upperBound {
                best = i..<(i + n)
                i += n
            } else {
                i += 1
            }
        }
        return best
    }
}
