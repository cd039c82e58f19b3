import Foundation
import RexModel
import RexText

/// Everything the event extractor knows about wording, loaded from `Gazetteers/rules/events/`: the trigger
/// lexicon, cue words, target, agent, weapon, number and count words, type rules, the ACLED and GTD mapping
/// tables and the fact patterns. Adding a trigger or a cue is an edit of a data file, not of code.
public struct EventRules: Sendable {
    /// Part of speech of a trigger form.
    public enum POS: String, Sendable { case verb, noun }

    /// One form of the trigger lexicon.
    public struct Trigger: Sendable {
        public var type: String
        public var pos: POS
        /// Folded words; "*" is a gap of up to four words.
        public var words: [String]
        /// Kinds the phrase the event acts on must have (empty: any).
        public var object: Set<String> = []
        public var needsAgent = false
        /// The subject is what the event happens to ("the minister died"): read like a passive.
        public var subjectIsTarget = false
        public var weak = false
        public var notPrevious: Set<String> = []
        public var notNext: Set<String> = []
        /// The id that stands for "*" in `EventRules.triggerIDs(startingWith:)`.
        static let gap: Int32 = -2
    }

    /// What a target word says about its phrase.
    public struct TargetWord: Sendable {
        public var kind: String
        public var category: String
        public var generic: Bool
    }

    /// A condition of the mapping tables (acled.tsv, gtd.tsv, types.tsv).
    public struct Condition: Sendable {
        public var key: String
        public var values: Set<String>
        public static let always = Condition(key: "*", values: [])
    }

    public struct Mapping: Sendable {
        public var type: String
        public var condition: Condition
        public var a: String
        public var b: String
    }

    /// A fact pattern of relations.tsv: words and slots.
    public struct RelationPattern: Sendable {
        public enum Element: Sendable, Equatable {
            case word(String)
            case optional(String)
            case gap
            case slot(String, list: Bool)
        }
        public var relation: String
        public var elements: [Element]
        public var subjects: [String]
        public var object: String
    }

    public var triggers: [String: [Trigger]] = [:]
    /// Forms listed both as a verb and as a noun ("attack", "killing"): their part of speech is read from context.
    public var ambiguousForms: Set<String> = []
    public var cues: [String: PhraseSet] = [:]
    public var targets: [String: TargetWord] = [:]
    public var targetPhrases = PhraseSet()
    public var modifiers: [String: String] = [:]
    public var agents: [String: Int] = [:]
    public var agentPhrases = PhraseSet()
    public var weapons: [String: String] = [:]
    public var weaponPhrases = PhraseSet()
    /// Words that may stand before a weapon word as part of its phrase ("powerful", "homemade", "kg").
    public var weaponModifiers: Set<String> = []
    public var numbers: [String: Int] = [:]
    public var numberPhrases = PhraseSet()
    public var vague: [String: String] = [:]
    public var vaguePhrases = PhraseSet()
    public var countMods: [String: String] = [:]
    public var modPhrases = PhraseSet()
    public var articles: Set<String> = []
    public var zeroPhrases = PhraseSet()
    public var countWords: [String: String] = [:]
    public var countPhrases = PhraseSet()
    public var retype: [Mapping] = []
    public var combine: [(type: String, with: Set<String>)] = []
    public var absorbs: [String: Set<String>] = [:]
    public var anaphoric: [String: Set<String>] = [:]
    /// Types that, joined in one incident, make another type ("killed … took hostages" is an ATTACK).
    public var mixed: [(types: Set<String>, result: String)] = []
    /// Fallback levels for a missing date or place, by type ("paragraph", "section", "document").
    public var dateFallback: [String: [String]] = [:]
    public var placeFallback: [String: [String]] = [:]
    /// How many sentences back the paragraph fallback looks for a date or a place (`window` rows of
    /// `types.tsv`); no limit when absent.
    public var fallbackWindow: [String: Int] = [:]
    public var acled: [Mapping] = []
    public var gtd: [Mapping] = []
    public var actorTypes: [String: Int] = [:]
    public var relations: [RelationPattern] = []
    /// Organization types by canonical id, from `organizations.tsv` when the data folder has it.
    public var organizationTypes: [String: String] = [:]
    /// Organization names by canonical id, from `organizations.tsv` when the data folder has it.
    public var organizationNames: [String: String] = [:]
    /// A country's actors described without a name ("Malian soldiers", "Mali's army"): heads (`national.tsv`)
    /// and their role, folded demonyms and country names → ISO code (`places/demonyms.tsv`,
    /// `places/countries.tsv`), the place ids of countries → ISO code, and "CC|role" → organization id
    /// (`lexicon/coref-national.tsv`). The gazetteer files are optional: without them nothing is linked.
    public var nationalHeads = PhraseSet()
    public var nationalRoles: [String: String] = [:]
    public var demonyms: [String: String] = [:]
    public var countryNames: [String: String] = [:]
    public var countryPlaces: [String: String] = [:]
    /// Modifier words of an event noun that name a state's side, with its role (`agent-modifiers.tsv`).
    public var agentModifiers: [String: String] = [:]
    /// The event types a modifier word names a side of, when `agent-modifiers.tsv` restricts them.
    public var agentModifierTypes: [String: Set<String>] = [:]
    /// The organization that stands for a country's government or military ("ML|military" → org:fama), from
    /// `lexicon/coref-national.tsv` when present.
    public var nationalActors: [String: String] = [:]
    /// Id of every word of the phrase sets: `DocumentView` turns a document's words into these ids once.
    public private(set) var vocabulary = Vocabulary()
    /// The cue sets the code asks for, by `Phrases.Cue` (empty sets for kinds the file lacks).
    private(set) var cueSets: [PhraseSet] = Phrases.Cue.allCases.map { _ in PhraseSet() }
    /// Word-class bits of each vocabulary word, by id (`Phrases.WordBits`).
    private(set) var wordBits: [Phrases.WordBits] = []
    /// `triggers` indexed by the id of their first word.
    private(set) var triggersByID: [[Trigger]] = []
    /// The words of each form of `triggersByID` as ids (`Trigger.gap` for "*"), kept apart so that a trigger
    /// stays cheap to copy.
    private(set) var triggerWordIDs: [[[Int32]]] = []
    /// Relation patterns by the id of their first word, those that start with a slot, and the others.
    private(set) var relationsByFirstID: [[Int]] = []
    private(set) var relationsSlotFirst: [Int] = []
    /// Patterns that start with a slot (a single mention, or a list) followed by a word, by that word's id.
    private(set) var relationsSlotThenWord: [[Int]] = []
    private(set) var relationsListThenWord: [[Int]] = []
    private(set) var relationsOtherFirst: [Int] = []
    /// Each relation pattern's elements with word ids (`RelationStep`), what the relation finder tries first.
    private(set) var relationSteps: [[RelationStep]] = []
    /// The fewest slots a relation pattern has: a sentence with fewer mentions to fill them matches none.
    private(set) var relationMinSlots = 0
    /// For each relation pattern, the id of one word it must match (its longest; -1 when it has none): a
    /// sentence without that word cannot match the pattern.
    private(set) var relationKeyWords: [Int32] = []
    /// Whether each vocabulary word is some pattern's key word (empty when a pattern has none: then no
    /// sentence can be passed over for want of one).
    private(set) var relationKeyWordTable: [Bool] = []

    public init() {}

    /// Loads every file of `rules/events/` from the data folder; `organizations.tsv` is read when present (for
    /// ACLED interaction codes).
    public init(data: URL) throws {
        let dir = data.appendingPathComponent("rules/events")
        func file(_ name: String) throws -> DataFile { try DataFile(dir.appendingPathComponent(name)) }

        let trig = try file("triggers.tsv")
        var nounForms = Set<String>(), verbForms = Set<String>()
        for row in trig.rows {
            guard row.fields.count >= 3, let pos = POS(rawValue: row.fields[1]) else {
                throw trig.error(row.line, "expected 'type<TAB>verb|noun<TAB>forms<TAB>conditions'")
            }
            var proto = Trigger(type: row.fields[0], pos: pos, words: [])
            for cond in (row.fields.count > 3 ? row.fields[3] : "").split(separator: " ") {
                let parts = cond.split(separator: "=", maxSplits: 1).map(String.init)
                switch parts[0] {
                case "obj" where parts.count == 2: proto.object = Set(parts[1].split(separator: ",").map(String.init))
                case "agent": proto.needsAgent = true
                case "undergoer": proto.subjectIsTarget = true
                case "weak": proto.weak = true
                case "not-prev" where parts.count == 2: proto.notPrevious = Set(parts[1].split(separator: ",").map { Folder.shared.fold(String($0)) })
                case "not-next" where parts.count == 2: proto.notNext = Set(parts[1].split(separator: ",").map { Folder.shared.fold(String($0)) })
                default: throw trig.error(row.line, "unknown condition '\(cond)'")
                }
            }
            for form in row.fields[2].split(separator: "|") {
                var t = proto
                t.words = Self.words(String(form))
                guard let first = t.words.first, first != "*" else { throw trig.error(row.line, "empty form") }
                triggers[first, default: []].append(t)
                let key = t.words.joined(separator: " ")
                if pos == .noun { nounForms.insert(key) } else { verbForms.insert(key) }
            }
        }
        ambiguousForms = nounForms.intersection(verbForms)

        let cueFile = try file("cues.tsv")
        for row in cueFile.rows {
            guard row.fields.count >= 2 else { throw cueFile.error(row.line, "expected 'kind<TAB>phrase'") }
            cues[row.fields[0], default: PhraseSet()].insert(Self.words(row.fields[1]))
        }

        let tg = try file("targets.tsv")
        for row in tg.rows {
            guard row.fields.count >= 3 else { throw tg.error(row.line, "expected 'word<TAB>kind<TAB>category'") }
            let key = Self.words(row.fields[0]).joined(separator: " ")
            if row.fields[1] == "modifier" { modifiers[key] = row.fields[2]; continue }
            guard ["people", "property"].contains(row.fields[1]) else {
                throw tg.error(row.line, "kind must be people, property or modifier")
            }
            targets[key] = TargetWord(kind: row.fields[1], category: row.fields[2],
                                      generic: row.fields.count > 3 && row.fields[3] == "generic")
            targetPhrases.insert(Self.words(row.fields[0]))
        }

        let ag = try file("agents.tsv")
        for row in ag.rows {
            guard row.fields.count >= 2, let code = Int(row.fields[1]) else { throw ag.error(row.line, "expected 'word<TAB>code'") }
            agents[Self.words(row.fields[0]).joined(separator: " ")] = code
            agentPhrases.insert(Self.words(row.fields[0]))
        }

        let wp = try file("weapons.tsv")
        for row in wp.rows {
            guard row.fields.count >= 2 else { throw wp.error(row.line, "expected 'word<TAB>category'") }
            if row.fields[1] == "modifier" { weaponModifiers.insert(Folder.shared.fold(row.fields[0])); continue }
            weapons[Self.words(row.fields[0]).joined(separator: " ")] = row.fields[1]
            weaponPhrases.insert(Self.words(row.fields[0]))
        }

        let nb = try file("numbers.tsv")
        for row in nb.rows {
            guard row.fields.count >= 3 else { throw nb.error(row.line, "expected 'kind<TAB>phrase<TAB>value'") }
            let w = Self.words(row.fields[1]), key = w.joined(separator: " ")
            switch row.fields[0] {
            case "number":
                guard let v = Int(row.fields[2]) else { throw nb.error(row.line, "value must be a whole number") }
                numbers[key] = v; numberPhrases.insert(w)
            case "vague": vague[key] = row.fields[2]; vaguePhrases.insert(w)
            case "mod": countMods[key] = row.fields[2]; modPhrases.insert(w)
            case "article": articles.insert(key)
            case "none": zeroPhrases.insert(w)
            default: throw nb.error(row.line, "kind must be number, vague, mod, article or none")
            }
        }

        let ct = try file("counts.tsv")
        for row in ct.rows {
            guard row.fields.count >= 2, ["fatalities", "injured", "abducted", "casualties"].contains(row.fields[0]) else {
                throw ct.error(row.line, "expected 'fatalities|injured|abducted|casualties<TAB>word'")
            }
            countWords[Self.words(row.fields[1]).joined(separator: " ")] = row.fields[0]
            countPhrases.insert(Self.words(row.fields[1]))
        }

        let ty = try file("types.tsv")
        for row in ty.rows {
            guard row.fields.count >= 3 else { throw ty.error(row.line, "expected 'rule<TAB>type<TAB>argument<TAB>result'") }
            let set = Set(row.fields[2].split(separator: "|").map(String.init))
            switch row.fields[0] {
            case "retype":
                guard row.fields.count >= 4 else { throw ty.error(row.line, "retype needs a result type") }
                retype.append(Mapping(type: row.fields[1], condition: try Self.condition(row.fields[2], ty, row.line),
                                      a: row.fields[3], b: ""))
            case "combine": combine.append((row.fields[1], set))
            case "absorbs": absorbs[row.fields[1], default: []].formUnion(set)
            case "anaphoric": anaphoric[row.fields[1], default: []].formUnion(set)
            case "fallback":
                guard row.fields.count >= 4, ["date", "place"].contains(row.fields[1]) else {
                    throw ty.error(row.line, "expected 'fallback<TAB>date|place<TAB>TYPES<TAB>LEVELS'")
                }
                let levels = row.fields[3] == "-" ? [] : row.fields[3].split(separator: "|").map(String.init)
                guard levels.allSatisfy({ ["sentence", "paragraph", "section", "document"].contains($0) }) else {
                    throw ty.error(row.line, "levels are sentence, paragraph, section, document or -")
                }
                for type in row.fields[2].split(separator: "|").map(String.init) {
                    if row.fields[1] == "date" { dateFallback[type] = levels } else { placeFallback[type] = levels }
                }
            case "window":
                guard row.fields.count >= 4, ["date", "place"].contains(row.fields[1]), let n = Int(row.fields[3]), n > 0 else {
                    throw ty.error(row.line, "expected 'window<TAB>date|place<TAB>-<TAB>SENTENCES'")
                }
                fallbackWindow[row.fields[1]] = n
            case "mixed":
                guard row.fields.count >= 4 else { throw ty.error(row.line, "mixed needs a result type") }
                mixed.append((Set(row.fields[1].split(separator: "|").map(String.init)), row.fields[3]))
            default: throw ty.error(row.line, "rule must be retype, combine, absorbs, mixed, fallback, window or anaphoric")
            }
        }

        for (name, isACLED) in [("acled.tsv", true), ("gtd.tsv", false)] {
            let f = try file(name)
            for row in f.rows {
                guard row.fields.count >= 4 else { throw f.error(row.line, "expected 'type<TAB>condition<TAB>a<TAB>b'") }
                let m = Mapping(type: row.fields[0], condition: try Self.condition(row.fields[1], f, row.line),
                                a: row.fields[2], b: row.fields[3])
                if isACLED { acled.append(m) } else {
                    guard Int(m.a) != nil else { throw f.error(row.line, "attack_type_id must be a number") }
                    gtd.append(m)
                }
            }
        }

        let at = try file("actor-types.tsv")
        for row in at.rows {
            guard row.fields.count >= 2, let code = Int(row.fields[1]) else { throw at.error(row.line, "expected 'type<TAB>code'") }
            actorTypes[row.fields[0]] = code
        }

        let rel = try file("relations.tsv")
        for row in rel.rows {
            guard row.fields.count >= 4 else { throw rel.error(row.line, "expected 'relation<TAB>pattern<TAB>subject<TAB>object'") }
            var elements: [RelationPattern.Element] = []
            for piece in row.fields[1].split(separator: " ") {
                if piece.hasPrefix("{"), piece.hasSuffix("}") {
                    var name = String(piece.dropFirst().dropLast())
                    let list = name.hasSuffix("+")
                    if list { name.removeLast() }
                    elements.append(.slot(name, list: list))
                } else if piece == "*" {
                    elements.append(.gap)
                } else if piece.hasPrefix("?") {
                    elements.append(contentsOf: Self.words(String(piece.dropFirst())).map { .optional($0) })
                } else {
                    elements.append(contentsOf: Self.words(String(piece)).map { .word($0) })
                }
            }
            let slots = Set(elements.compactMap { if case let .slot(n, _) = $0 { return n } else { return nil } })
            let subjects = row.fields[2].split(separator: ",").map(String.init)
            guard subjects.allSatisfy(slots.contains), slots.contains(row.fields[3]) else {
                throw rel.error(row.line, "subject and object must name slots of the pattern")
            }
            relations.append(RelationPattern(relation: row.fields[0], elements: elements, subjects: subjects, object: row.fields[3]))
        }

        let modifierFile = try file("agent-modifiers.tsv")
        for row in modifierFile.rows {
            guard row.fields.count >= 2 else { throw modifierFile.error(row.line, "expected 'word<TAB>role'") }
            let word = Folder.shared.fold(row.fields[0])
            agentModifiers[word] = row.fields[1]
            if row.fields.count >= 3, row.fields[2] != "*" { agentModifierTypes[word] = Set(row.fields[2].split(separator: "|").map(String.init)) }
        }
        // Demonyms and national actors are read by loadNational below.

        let orgs = data.appendingPathComponent("organizations.tsv")
        if FileManager.default.fileExists(atPath: orgs.path) {
            let f = try DataFile(orgs)
            for row in f.rows where row.fields.count >= 3 {
                organizationTypes[row.fields[0]] = row.fields[2]
                organizationNames[row.fields[0]] = row.fields[1]
            }
        }
        try loadNational(data: data, file(_:))
        compilePhraseSets()
    }

    /// Word ids of every phrase set's words (`vocabulary`), so that documents are matched by integer.
    mutating func compilePhraseSets() {
        var vocab = Vocabulary()
        for kind in cues.keys.sorted() { cues[kind]!.compile(&vocab) }
        targetPhrases.compile(&vocab); agentPhrases.compile(&vocab); weaponPhrases.compile(&vocab)
        numberPhrases.compile(&vocab); vaguePhrases.compile(&vocab); modPhrases.compile(&vocab)
        zeroPhrases.compile(&vocab); countPhrases.compile(&vocab); nationalHeads.compile(&vocab)
        func id(_ w: String) -> Int { Int(vocab.add(w)) }
        func put<T>(_ value: T, at k: Int, in table: inout [[T]]) {
            if table.count <= k { table.append(contentsOf: Array(repeating: [], count: k + 1 - table.count)) }
            table[k].append(value)
        }
        triggersByID = []; triggerWordIDs = []
        for first in triggers.keys.sorted() {
            let k = id(first)
            for t in triggers[first]! {
                put(t, at: k, in: &triggersByID)
                put(t.words.map { $0 == "*" ? Trigger.gap : Int32(id($0)) }, at: k, in: &triggerWordIDs)
            }
        }
        relationSteps = relations.map { pattern in
            pattern.elements.map { element -> RelationStep in
                switch element {
                case let .word(w): return .word(Int32(id(w)), hyphen: w == "-")
                case let .optional(w): return .optional(Int32(id(w)))
                case .gap: return .gap
                case let .slot(_, list): return .slot(list: list)
                }
            }
        }
        relationKeyWords = relations.map { pattern in
            let words = pattern.elements.compactMap { element -> String? in if case let .word(w) = element { return w } else { return nil } }
            guard let key = words.max(by: { $0.utf8.count < $1.utf8.count }) else { return -1 }
            return Int32(id(key))
        }
        relationKeyWordTable = []
        if relationKeyWords.allSatisfy({ $0 >= 0 }) {
            relationKeyWordTable = Array(repeating: false, count: vocab.count)
            for k in relationKeyWords { relationKeyWordTable[Int(k)] = true }
        }
        relationMinSlots = relations.map { $0.elements.filter { if case .slot = $0 { return true } else { return false } }.count }.min() ?? 0
        relationsByFirstID = []; relationsSlotFirst = []; relationsOtherFirst = []
        relationsSlotThenWord = []; relationsListThenWord = []
        for (k, pattern) in relations.enumerated() {
            switch pattern.elements.first {
            case let .word(w)?: put(k, at: id(w), in: &relationsByFirstID)
            case let .slot(_, list)?:
                // A slot then a word (most patterns): filed under that word, which must follow the slot.
                if pattern.elements.count > 1, case let .word(w) = pattern.elements[1] {
                    if list { put(k, at: id(w), in: &relationsListThenWord) } else { put(k, at: id(w), in: &relationsSlotThenWord) }
                } else {
                    relationsSlotFirst.append(k)
                }
            default: relationsOtherFirst.append(k)
            }
        }
        // The words of the word-class lists get ids too: a word without an id is then in none of them.
        for w in Phrases.classWords { vocab.add(w) }
        for w in articles.sorted() { vocab.add(w) }
        for w in weaponModifiers.sorted() { vocab.add(w) }
        vocabulary = vocab
        cueSets = Phrases.Cue.allCases.map { cues[$0.name] ?? PhraseSet() }
        let rules = self
        wordBits = vocab.words.map { Phrases.wordBits($0, rules) }
    }

    /// The trigger forms whose first word has id `id` (`triggers` by word id).
    func triggers(startingWith id: Int32) -> [Trigger] {
        id >= 0 && Int(id) < triggersByID.count ? triggersByID[Int(id)] : []
    }

    /// The word ids of the forms `triggers(startingWith:)` gives, in the same order.
    func triggerIDs(startingWith id: Int32) -> [[Int32]] {
        id >= 0 && Int(id) < triggerWordIDs.count ? triggerWordIDs[Int(id)] : []
    }

    /// Whether some trigger form starts with the word of id `id`.
    func startsTrigger(_ id: Int32) -> Bool { id >= 0 && Int(id) < triggersByID.count && !triggersByID[Int(id)].isEmpty }

    /// The relation patterns (indexes into `relations`) that start with the word of id `id`.
    func relations(startingWith id: Int32) -> [Int] {
        id >= 0 && Int(id) < relationsByFirstID.count ? relationsByFirstID[Int(id)] : []
    }

    /// The relation patterns that start with a slot (a list slot when `list`) followed by the word of id `id`.
    func relations(slotThen id: Int32, list: Bool) -> [Int] {
        let table = list ? relationsListThenWord : relationsSlotThenWord
        return id >= 0 && Int(id) < table.count ? table[Int(id)] : []
    }

    /// Reads `rules/events/national.tsv` and, when present, the demonyms, country names and national actors.
    mutating func loadNational(data: URL, _ file: (String) throws -> DataFile) throws {
        let heads = try file("national.tsv")
        for row in heads.rows {
            guard row.fields.count >= 2, ["government", "military"].contains(row.fields[1]) else {
                throw heads.error(row.line, "expected 'head<TAB>government|military'")
            }
            let w = Self.words(row.fields[0])
            nationalHeads.insert(w)
            nationalRoles[w.joined(separator: " ")] = row.fields[1]
        }
        func optional(_ path: String) throws -> DataFile? {
            let url = data.appendingPathComponent(path)
            return FileManager.default.fileExists(atPath: url.path) ? try DataFile(url) : nil
        }
        if let f = try optional("places/demonyms.tsv") {
            for row in f.rows {
                guard row.fields.count >= 3, row.fields[1].count == 2 else { throw f.error(row.line, "expected 'demonym<TAB>country<TAB>place_id'") }
                let code = row.fields[1].uppercased()
                demonyms[Folder.shared.fold(row.fields[0])] = code
                if countryPlaces[row.fields[2]] == nil { countryPlaces[row.fields[2]] = code }
            }
        }
        if let f = try optional("places/countries.tsv") {
            for row in f.rows {
                guard row.fields.count >= 2, row.fields[1].count == 2 else { throw f.error(row.line, "expected 'name<TAB>country'") }
                countryNames[Self.words(row.fields[0]).joined(separator: " ")] = row.fields[1].uppercased()
            }
        }
        if let f = try optional("lexicon/coref-national.tsv") {
            for row in f.rows {
                guard row.fields.count >= 3 else { throw f.error(row.line, "expected 'country<TAB>role<TAB>organization id'") }
                nationalActors[row.fields[0].uppercased() + "|" + row.fields[1]] = row.fields[2]
            }
        }
    }

    /// The folded words of a phrase as the tokenizer cuts them ("coup d’état" → ["coup", "d'etat"]).
    static func words(_ phrase: String) -> [String] {
        phrase.split(separator: " ").flatMap { piece -> [String] in
            if piece == "*" { return ["*"] }
            let toks = Tokenizer.tokenize(String(piece))
            return toks.isEmpty ? [Folder.shared.fold(String(piece))] : toks.map(\.folded)
        }
    }

    static func condition(_ s: String, _ file: DataFile, _ line: Int) throws -> Condition {
        if s == "*" { return .always }
        let parts = s.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw file.error(line, "condition must be '*' or key=value[|value]") }
        return Condition(key: parts[0], values: Set(parts[1].split(separator: "|").map(String.init)))
    }

    /// Whether some phrase of cue `kind` starts at token `i`; returns its length.
    func cue(_ kind: String, at i: Int, in ids: [Int32]) -> Int? { cues[kind]?.match(at: i, in: ids) }
}

/// A set of phrases (folded word sequences) matched longest-first at a position of a document's word ids
/// (`DocumentView.ids`, from `EventRules.vocabulary`): matching compares integers, never hashes a string.
///
/// - Complexity: lookup is by first word (an array index), then a comparison with each phrase that starts with it.
public struct PhraseSet: Sendable {
    /// The phrases as inserted, by first word; `compile` turns them into `byFirstID`.
    var byFirst: [String: [[String]]] = [:]
    /// Phrases as word ids, longest first, indexed by the id of their first word.
    var byFirstID: [[[Int32]]] = []
    /// Whether some phrase starts with each id: the test most tokens stop at, without reading `byFirstID`.
    var startsWith: [Bool] = []
    public init() {}

    mutating func insert(_ words: [String]) {
        guard let f = words.first else { return }
        byFirst[f, default: []].append(words)
        byFirst[f]!.sort { $0.count > $1.count }
    }

    /// Gives every word of the set an id in `vocabulary` (adding the new ones) and builds the id table.
    mutating func compile(_ vocabulary: inout Vocabulary) {
        func id(_ w: String) -> Int32 { vocabulary.add(w) }
        byFirstID = []
        // Sorted keys: ids do not depend on the dictionary's order.
        for f in byFirst.keys.sorted() {
            let phrases = byFirst[f]!.map { $0.map(id) }
            let k = Int(id(f))
            if byFirstID.count <= k { byFirstID.append(contentsOf: Array(repeating: [], count: k + 1 - byFirstID.count)) }
            byFirstID[k] = phrases
        }
        startsWith = byFirstID.map { !$0.isEmpty }
    }

    /// Whether some phrase of the set starts with the word of id `id`.
    func starts(with id: Int32) -> Bool { id >= 0 && Int(id) < startsWith.count && startsWith[Int(id)] }

    /// The length of the longest phrase that starts at `i` in `ids` and ends by `upper` (default: the end).
    func match(at i: Int, in ids: [Int32], upper: Int? = nil) -> Int? {
        guard i >= 0, i < ids.count else { return nil }
        let f = Int(ids[i])
        guard f >= 0, f < startsWith.count, startsWith[f] else { return nil }
        let end = min(upper ?? ids.count, ids.count)
        for p in byFirstID[f] where i + p.count <= end {
            var k = 1
            while k < p.count, ids[i + k] == p[k] { k += 1 }
            if k == p.count { return p.count }
        }
        return nil
    }

    /// The length of the longest phrase that ends at `end` (exclusive) in `ids`.
    func match(endingAt end: Int, in ids: [Int32], from lower: Int = 0) -> Int? {
        var best: Int? = nil
        for start in stride(from: end - 1, through: max(lower, end - 6), by: -1) {
            if let n = match(at: start, in: ids), start + n == end { best = end - start }
        }
        return best
    }

    /// Whether the tokens `range` are exactly one phrase of the set.
    func contains(_ range: Range<Int>, in ids: [Int32]) -> Bool {
        !range.isEmpty && match(at: range.lowerBound, in: ids, upper: range.upperBound) == range.count
    }
}
