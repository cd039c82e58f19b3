/// What the name rules' word lists say of one key token: looked up once per token (`TextView.flags`) so that
/// the rules test bits instead of hashing the same word in several sets.
struct WordFlags: OptionSet, Sendable {
    let rawValue: UInt32

    static let function = WordFlags(rawValue: 1 << 0)
    static let particle = WordFlags(rawValue: 1 << 1)
    static let initialParticle = WordFlags(rawValue: 1 << 2)
    static let time = WordFlags(rawValue: 1 << 3)
    static let stop = WordFlags(rawValue: 1 << 4)
    static let orgHead = WordFlags(rawValue: 1 << 5)
    static let otherHead = WordFlags(rawValue: 1 << 6)
    static let inHead = WordFlags(rawValue: 1 << 7)
    static let givenName = WordFlags(rawValue: 1 << 8)
    static let common = WordFlags(rawValue: 1 << 9)
    static let demonym = WordFlags(rawValue: 1 << 10)
    static let placeAdjective = WordFlags(rawValue: 1 << 11)
    static let orgNoun = WordFlags(rawValue: 1 << 12)
    static let placeModifier = WordFlags(rawValue: 1 << 13)
    static let preposition = WordFlags(rawValue: 1 << 14)
    static let designator = WordFlags(rawValue: 1 << 15)
    static let pluralDesignator = WordFlags(rawValue: 1 << 16)
    static let river = WordFlags(rawValue: 1 << 17)
    static let part = WordFlags(rawValue: 1 << 18)
    static let needCue = WordFlags(rawValue: 1 << 19)
    static let bearing = WordFlags(rawValue: 1 << 20)
    static let unit = WordFlags(rawValue: 1 << 21)
    static let countryPart = WordFlags(rawValue: 1 << 22)
    /// The first word of a title or of a role phrase.
    static let titleStart = WordFlags(rawValue: 1 << 23)
    static let roleStart = WordFlags(rawValue: 1 << 24)
    /// The last word of a place cue phrase ("town of").
    static let placeBeforeEnd = WordFlags(rawValue: 1 << 25)
}

/// The flags of every word the lexicon and the demonyms name, by trie token id (most such words are in some
/// gazetteer name) and by key for the others. Built once per gazetteer.
struct WordTable: Sendable {
    let byId: [WordFlags]
    let other: [String: WordFlags]
    /// The lexicon's titles and roles by first key, for `Run.matchPhrase`.
    let titles: PhraseIndex
    let roles: PhraseIndex
    /// For each of the trie's written forms, whether each of its written tokens starts with a capital.
    let writtenUpper: [[Bool]]
    /// Some place cue phrase is empty: it ends anywhere, so `placeBeforeEnd` says nothing.
    let placeBeforeAnywhere: Bool

    /// Every word of the lists with its flag (a word may come several times).
    static func entries(lexicon lex: Lexicon, demonyms: [String: Demonym]) -> [(String, WordFlags)] {
        var out: [(String, WordFlags)] = []
        func add<S: Sequence>(_ words: S, _ f: WordFlags) where S.Element == String {
            for w in words { out.append((w, f)) }
        }
        add(lex.functionWords, .function)
        add(lex.particles, .particle)
        add(lex.initialParticles, .initialParticle)
        add(lex.timeWords, .time)
        add(lex.stopwords, .stop)
        add(lex.orgHeads, .orgHead)
        add(lex.otherHeads, .otherHead)
        add(lex.inHeads, .inHead)
        add(lex.givenNames, .givenName)
        add(lex.commonWords, .common)
        add(demonyms.keys, .demonym)
        add(lex.placeAdjectives, .placeAdjective)
        add(lex.orgNouns, .orgNoun)
        add(lex.placeModifiers, .placeModifier)
        add(lex.prepositions, .preposition)
        add(lex.designators.keys, .designator)
        add(lex.pluralDesignators, .pluralDesignator)
        add(lex.riverCues, .river)
        add(lex.partCues, .part)
        add(lex.needCue, .needCue)
        add(lex.bearings.keys, .bearing)
        add(lex.units.keys, .unit)
        add(lex.countryParts.keys, .countryPart)
        add(lex.titles.compactMap(\.first), .titleStart)
        add(lex.roles.compactMap(\.first), .roleStart)
        add(lex.placeBefore.compactMap(\.0.last), .placeBeforeEnd)
        return out
    }

    /// The single-token words of the lists, to be given trie ids (`TokenTrie.Builder.intern(words:)`): then a
    /// text token's flags need no look-up beyond its id.
    static func words(lexicon: Lexicon, demonyms: [String: Demonym]) -> [String] {
        entries(lexicon: lexicon, demonyms: demonyms).map(\.0).filter { !$0.isEmpty && !$0.contains(" ") }
    }

    init(lexicon lex: Lexicon, demonyms: [String: Demonym], trie: TokenTrie) {
        var byId = [WordFlags](repeating: [], count: trie.tokenCount)
        var other: [String: WordFlags] = [:]
        for (w, f) in Self.entries(lexicon: lex, demonyms: demonyms) {
            // (A text token never holds a space: phrases of several words are no token's flags.)
            if let id = trie.tokenId(w) { byId[Int(id)].insert(f) } else if !w.contains(" ") { other[w, default: []].insert(f) }
        }
        placeBeforeAnywhere = lex.placeBefore.contains { $0.0.isEmpty }
        writtenUpper = trie.surfaces.map { NameKey.split($0[...]).map { $0.unicodeScalars.first!.properties.isUppercase } }
        titles = PhraseIndex(lex.titles, first: .titleStart)
        roles = PhraseIndex(lex.roles, first: .roleStart)
        self.byId = byId
        self.other = other
    }

    /// The flags of a key token whose trie id is `id` (-1 when the trie does not know it).
    @inline(__always) func flags(_ key: String, id: Int32) -> WordFlags {
        if id >= 0 { return byId[Int(id)] }
        return other.isEmpty ? [] : other[key] ?? []
    }
}
