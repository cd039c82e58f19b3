import Foundation
import RexModel

/// Role-filler scoring on MUC-4 as processed by GRIT (Du, Rush and Cardie 2021).
///
/// MUC-4 (1992) is 1,700 news reports on Latin American terrorism, each with templates of an incident:
/// perpetrator individual and organization, physical target, human target (victim), instrument (weapon)
/// and more. GRIT's processed release keeps five string slots and turns each document into one JSON object
/// per line:
///
///     {"docid": "TST1-MUC3-0001", "doctext": "the guatemala army denied today …",
///      "extracts": {"PerpInd": [[["guerrillas", 37], ["guerrilla column", 349]]], "PerpOrg": [...],
///                   "Target": [...], "Victim": [[["cerezo", 139]]], "Weapon": []}}
///
/// `extracts[role]` is a list of entities, each a list of its coreferent mentions as [text, character
/// offset]; the text is lower case. Scoring is GRIT's document-level role-filler matching: a predicted
/// filler matches a gold entity of the same role when it equals one of the entity's mentions after
/// normalization as GRIT's eval.py does it (lower case, ASCII punctuation removed, the words "a", "an", "the"
/// removed wherever they stand, white space collapsed); each gold entity is matched at most once (the largest
/// one-to-one matching, which is what eval.py's CEAF-REE with its strict similarity computes for fillers of one
/// mention each) and a filler predicted twice counts once; a gold entity without mentions is skipped, as
/// eval.py skips it.
public enum MUC4 {
    public static let roles = ["PerpInd", "PerpOrg", "Target", "Victim", "Weapon"]

    /// One MUC-4 document: its text and, per role, its gold entities (each a list of mention strings).
    public struct Doc: Sendable, Equatable {
        public var id: String
        public var text: String
        public var gold: [String: [[String]]]
        public init(id: String, text: String, gold: [String: [[String]]]) { self.id = id; self.text = text; self.gold = gold }
    }

    public enum ReadError: Error, CustomStringConvertible, Equatable {
        case unreadable(file: String)
        case badLine(file: String, line: Int, reason: String)
        public var description: String {
            switch self {
            case let .unreadable(file): return "E401 cannot read the MUC-4 file \(file)"
            case let .badLine(file, line, reason):
                return "E402 \(file):\(line): \(reason) (expected GRIT's JSON Lines: {\"docid\", \"doctext\", \"extracts\"})"
            }
        }
    }

    private struct Record: Decodable {
        var docid: String
        var doctext: String
        var extracts: [String: [[MentionPair]]]
    }

    /// A [text, offset] pair.
    private struct MentionPair: Decodable {
        var text: String
        init(from decoder: Decoder) throws {
            var c = try decoder.unkeyedContainer()
            text = try c.decode(String.self)
        }
    }

    /// Reads GRIT's processed MUC-4 file (JSON Lines; a single JSON array of the same objects is accepted too).
    public static func read(_ url: URL) throws -> [Doc] {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw ReadError.unreadable(file: url.path) }
        let decoder = JSONDecoder()
        func doc(_ r: Record) -> Doc {
            Doc(id: r.docid, text: r.doctext, gold: r.extracts.mapValues { $0.map { $0.map(\.text) } })
        }
        if data.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) == UInt8(ascii: "[") {
            do { return try decoder.decode([Record].self, from: data).map(doc) } catch {
                throw ReadError.badLine(file: url.path, line: 1, reason: "\(error)")
            }
        }
        var docs: [Doc] = []
        for (n, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            do { docs.append(doc(try decoder.decode(Record.self, from: Data(line)))) } catch {
                throw ReadError.badLine(file: url.path, line: n + 1, reason: "\(error)")
            }
        }
        return docs
    }

    /// A filler as compared, as GRIT's eval.py normalizes: lower case, ASCII punctuation removed ("car-bomb" →
    /// "carbomb"), the articles "a", "an", "the" removed as words, white space collapsed.
    public static func normalize(_ s: String) -> String {
        let unpunctuated = String(String.UnicodeScalarView(s.lowercased().unicodeScalars.filter { c in
            !(c.isASCII && (0x21...0x2F ~= c.value || 0x3A...0x40 ~= c.value || 0x5B...0x60 ~= c.value || 0x7B...0x7E ~= c.value))
        }))
        return unpunctuated.split(whereSeparator: { $0.isWhitespace }).filter { !["a", "an", "the"].contains($0) }
            .joined(separator: " ")
    }

    /// Scores one document's predicted fillers (role → strings) against its gold entities (role → entities).
    public static func score(gold: [String: [[String]]], predicted: [String: [String]]) -> [String: PRF] {
        var out: [String: PRF] = [:]
        for role in roles {
            let entities = (gold[role] ?? []).map { Set($0.map(normalize)) }.filter { !$0.isEmpty }
            var seen = Set<String>()
            let fillers = (predicted[role] ?? []).map(normalize).filter { !$0.isEmpty && seen.insert($0).inserted }
            let matched = maximumMatching(fillers: fillers, entities: entities)
            out[role] = PRF(correct: matched, predicted: fillers.count, gold: entities.count)
        }
        return out
    }

    /// The largest number of fillers that can be paired one-to-one with entities containing them
    /// (augmenting paths; the lists are short).
    static func maximumMatching(fillers: [String], entities: [Set<String>]) -> Int {
        var ownerOfEntity = [Int?](repeating: nil, count: entities.count)
        func place(_ f: Int, _ visited: inout Set<Int>) -> Bool {
            for (e, mentions) in entities.enumerated() where mentions.contains(fillers[f]) && !visited.contains(e) {
                visited.insert(e)
                if ownerOfEntity[e] == nil || place(ownerOfEntity[e]!, &visited) {
                    ownerOfEntity[e] = f
                    return true
                }
            }
            return false
        }
        var count = 0
        for f in fillers.indices {
            var visited = Set<Int>()
            if place(f, &visited) { count += 1 }
        }
        return count
    }

    /// Scores every document with the fillers `predict` gives for it.
    public static func score(_ docs: [Doc], predict: (Doc) throws -> [String: [String]]) rethrows -> MUCReport {
        var report = MUCReport()
        for doc in docs {
            report.roles.add(score(gold: doc.gold, predicted: try predict(doc)))
            report.documents += 1
        }
        return report
    }
}

/// MUC-4 role-filler scores: per role and micro-averaged over the five roles.
public struct MUCReport: Codable, Sendable, Equatable {
    public var documents = 0
    public var roles: [String: PRF] = [:]
    public var micro: PRF { roles.values.reduce(PRF(), +) }
    public init() {}

    enum CodingKeys: String, CodingKey { case documents, roles, micro }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        documents = try c.decode(Int.self, forKey: .documents)
        roles = try c.decode([String: PRF].self, forKey: .roles)
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(documents, forKey: .documents)
        try c.encode(roles, forKey: .roles)
        try c.encode(micro, forKey: .micro)
    }

    /// The scores as text.
    public var text: String {
        func line(_ name: String, _ p: PRF) -> String {
            "  " + name.padding(toLength: 8, withPad: " ", startingAt: 0)
                + String(format: " gold %4.0f  predicted %4.0f   P %.3f  R %.3f  F1 %.3f",
                         p.tp + p.fn, p.tp + p.fp, p.precision, p.recall, p.f1)
        }
        var out = ["MUC-4 role fillers over \(documents) documents (GRIT's eval.py matching: a filler equals a mention of a gold entity after lower-casing and removing punctuation and articles)"]
        for role in MUC4.roles { out.append(line(role, roles[role] ?? PRF())) }
        out.append(line("micro", micro))
        return out.joined(separator: "\n") + "\n"
    }
}

/// The word lists `MUCRoles` reads besides the events: the pack's armed groups and demonyms, the agent, weapon and
/// target words of the event rules, and the role cues (`rules/events/role-cues.tsv`). An empty lexicon turns the
/// document-level rules off; only the events' own arguments are mapped then.
public struct MUCLexicon: Sendable {
    /// Gazetteer ids of the organizations that commit incidents (`MUCRoles.perpetratorTypes`).
    public var armedGroups: Set<String> = []
    /// Agent nouns (`agents.tsv`, words separated by spaces) with their ACLED actor code.
    public var agents: [String: Int] = [:]
    /// Weapon words (`weapons.tsv` without the modifiers).
    public var weapons: Set<String> = []
    /// Nouns of harm done to a person ("murder", "death") and participles of it ("killed").
    public var harmNouns: Set<String> = []
    public var passiveVerbs: Set<String> = []
    /// Words after a perpetrator ("claimed responsibility") and before one ("blamed", "accused").
    public var claimPhrases: Set<String> = []
    public var blamePhrases: Set<String> = []
    /// Heads of property targets: `targets.tsv` kind property, and `role-cues.tsv` kind target.
    public var propertyHeads: Set<String> = []
    /// Words before a damaged property ("destroyed", "attack on", "exploded near") and participles after one
    /// ("were damaged").
    public var damageBefore: Set<String> = []
    public var damagedAfter: Set<String> = []
    /// Verbs right after a property that say what happened to it ("the plane blew up").
    public var brokeAfter: Set<String> = []
    /// Words after a weapon ("exploded", "went off", "attack") and before one ("with").
    public var weaponAfter: Set<String> = []
    public var weaponBefore: Set<String> = []
    /// Participles before "by AGENT" that make the agent a perpetrator ("planted by", "murdered by").
    public var byAgent: Set<String> = []
    /// Verbs of an incident after its perpetrator ("terrorists staged", "two individuals placed").
    public var doneBy: Set<String> = []
    /// Weapons that make an attack on combatants a bombing, not a clash (kind bomb: "explosives", "car bomb").
    public var bombWords: Set<String> = []
    /// Heads the document-level rules never give ("town", "weapons"): `role-cues.tsv` kind skip.
    public var skipHeads: Set<String> = []
    /// Words that make the weapons of their sentence taken rather than used ("confiscated", "arms cache"):
    /// `role-cues.tsv` kind seized.
    public var seizureWords: Set<String> = []
    /// Modifiers of military and police property (`targets.tsv` modifiers of those categories, and
    /// `role-cues.tsv` kind combatant) and the heads of their bases (kind base): "military posts", "the 1st
    /// infantry brigade headquarters" are a combatant's, not MUC-4 physical targets ("a military bus" is one).
    public var combatantModifiers: Set<String> = []
    public var baseHeads: Set<String> = []
    /// Demonyms (`places/demonyms.tsv`), lower case: a target goes without its leading one ("the salvadoran
    /// consulate" → "consulate"), as MUC-4 keeps the foreign nation in a slot of its own.
    public var demonyms: Set<String> = []

    /// A target without a leading demonym ("salvadoran consulate" → "consulate").
    public func withoutDemonym(_ phrase: String) -> String {
        let words = phrase.split(separator: " ")
        guard words.count > 1, demonyms.contains(words[0].lowercased()) else { return phrase }
        return words.dropFirst().joined(separator: " ")
    }

    /// Whether a target phrase names a combatant's base (see `combatantModifiers`).
    public func isCombatantBase(_ phrase: String) -> Bool {
        let words = phrase.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        // The head is the last word before "of" ("the headquarters of the 1st infantry brigade").
        guard let last = words.prefix(while: { $0 != "of" }).last, baseHeads.contains(last) else { return false }
        return words.contains { combatantModifiers.contains($0) }
    }
    public init() {}

    /// Reads the lists from a data folder (a pack or `Gazetteers/`); a missing `organizations.tsv` or
    /// `role-cues.tsv` leaves that part empty.
    public static func load(data: URL) throws -> MUCLexicon {
        var lex = MUCLexicon()
        let fm = FileManager.default
        let orgs = data.appendingPathComponent("organizations.tsv")
        if fm.fileExists(atPath: orgs.path) { lex.armedGroups = try MUCRoles.armedGroups(organizations: orgs) }
        let demonymFile = data.appendingPathComponent("places/demonyms.tsv")
        if fm.fileExists(atPath: demonymFile.path) {
            for row in try DataFile(demonymFile).rows where !row.fields[0].contains(",") {
                lex.demonyms.insert(row.fields[0].lowercased())
            }
        }
        let rules = data.appendingPathComponent("rules/events")
        func rows(_ name: String) throws -> [[String]] {
            let url = rules.appendingPathComponent(name)
            guard fm.fileExists(atPath: url.path) else { return [] }
            let file = try DataFile(url)
            return try file.rows.map { row in
                guard row.fields.count >= 2 else { throw file.error(row.line, "expected two tab-separated fields") }
                return row.fields
            }
        }
        for f in try rows("agents.tsv") { lex.agents[f[0].lowercased()] = Int(f[1]) ?? 0 }
        for f in try rows("weapons.tsv") where f[1] != "modifier" { lex.weapons.insert(f[0].lowercased()) }
        for f in try rows("targets.tsv") {
            if f[1] == "property" { lex.propertyHeads.insert(f[0].lowercased()) }
            if f[1] == "modifier", f.count > 2, MUCRoles.combatant.contains(f[2]) { lex.combatantModifiers.insert(f[0].lowercased()) }
        }
        let cues = rules.appendingPathComponent("role-cues.tsv")
        if fm.fileExists(atPath: cues.path) {
            let file = try DataFile(cues)
            for row in file.rows {
                guard row.fields.count >= 2 else { throw file.error(row.line, "expected 'kind<TAB>words'") }
                let words = row.fields[1].lowercased()
                switch row.fields[0] {
                case "harm": lex.harmNouns.insert(words)
                case "passive": lex.passiveVerbs.insert(words)
                case "claim": lex.claimPhrases.insert(words)
                case "blame": lex.blamePhrases.insert(words)
                case "target": lex.propertyHeads.insert(words)
                case "damage": lex.damageBefore.insert(words)
                case "damaged": lex.damagedAfter.insert(words)
                case "broke": lex.brokeAfter.insert(words)
                case "weapon-after": lex.weaponAfter.insert(words)
                case "weapon-before": lex.weaponBefore.insert(words)
                case "skip": lex.skipHeads.insert(words)
                case "does": lex.doneBy.insert(words)
                case "bomb": lex.bombWords.insert(words)
                case "combatant": lex.combatantModifiers.insert(words)
                case "base": lex.baseHeads.insert(words)
                case "by": lex.byAgent.insert(words)
                case "seized": lex.seizureWords.insert(words)
                default: throw file.error(row.line, "kind must be harm, passive, claim, blame, target, damage, damaged, "
                                          + "broke, weapon-after, weapon-before, by, does, bomb, skip, combatant, base or seized")
                }
            }
        }
        return lex
    }
}

/// How rex's events answer MUC-4's role fillers.
public enum MUCRoles {
    /// The event types that are MUC-4 incidents (attacks, bombings, kidnappings, killings, arson); arrests, coups
    /// and the facts are not.
    public static let incidentTypes: Set<String> = ["ATTACK", "BOMBING", "SHELLING", "AIRSTRIKE", "KIDNAPPING", "KILLING", "SIEGE"]

    /// Target categories of a purely military engagement: MUC-4 leaves out clashes between guerrillas and the
    /// army or police (task definition, section 1.0, exception b).
    public static let combatant: Set<String> = ["military", "police", "armed group"]

    /// A target without its leading quantity ("two electricity facilities" → "electricity facilities"): MUC-4
    /// keeps quantities in a separate slot.
    static func withoutQuantity(_ s: String) -> String {
        let numbers: Set<String> = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several",
                                    "some", "many", "dozens", "hundreds", "various", "numerous", "both"]
        let modifiers: Set<String> = ["at", "least", "most", "more", "than", "about", "approximately", "nearly", "almost",
                                      "over", "some", "around", "up", "to"]
        var words = s.split(separator: " ").map(String.init)
        var k = 0
        if words.count > 1, ["the", "a", "an"].contains(words[0].lowercased()) { k = 1 }
        // "at least 10 buses", "more than 20 houses": the modifier goes with the number.
        var q = k
        while q < words.count - 1, modifiers.contains(words[q].lowercased()) { q += 1 }
        if words.count > q + 1, numbers.contains(words[q].lowercased()) || words[q].allSatisfy({ $0.isNumber || $0 == "," }) {
            words.removeSubrange(0...q)
        }
        return words.joined(separator: " ")
    }

    /// Words that end a run of title and apposition words before or after a name ("the murder of the mayor
    /// *and* X" is not about X; "X, *who* said" is no apposition).
    static let functionWords: Set<String> = ["and", "or", "but", "by", "said", "says", "in", "on", "at", "for", "with",
        "from", "to", "that", "which", "who", "whose", "was", "were", "is", "are", "has", "have", "had", "as",
        "after", "before", "while", "when"]

    /// Words of time that end a leading time phrase before an agent ("during the last few hours terrorists").
    static let timeWords: Set<String> = ["hours", "days", "weeks", "today", "yesterday", "tonight", "night", "morning",
                                         "afternoon", "evening", "monday", "tuesday", "wednesday", "thursday", "friday",
                                         "saturday", "sunday", "dawn", "weekend"]

    static let monthNames: Set<String> = ["january", "february", "march", "april", "may", "june", "july", "august",
                                          "september", "october", "november", "december"]

    /// A word or a punctuation mark of the text, lower case, with its scalar offsets.
    struct Token { var text: String; var start: Int; var end: Int; var isWord: Bool }

    /// Words (letters and digits, with inner hyphens) and single punctuation marks.
    /// The index of the first token at or after a scalar offset.
    static func firstToken(at offset: Int, in toks: [Token]) -> Int {
        var lo = 0, hi = toks.count
        while lo < hi { let mid = (lo + hi) / 2; if toks[mid].start < offset { lo = mid + 1 } else { hi = mid } }
        return lo
    }

    static func tokens(_ text: ScalarText) -> [Token] {
        var out: [Token] = []
        var i = 0
        let n = text.count
        func alnum(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic || ("0"..."9").contains(c) }
        while i < n {
            let c = text[i]
            if c.properties.isWhitespace { i += 1; continue }
            if alnum(c) {
                var j = i + 1
                while j < n, alnum(text[j]) || (text[j] == "-" && j + 1 < n && alnum(text[j + 1])) { j += 1 }
                out.append(Token(text: text.slice(i, j).lowercased(), start: i, end: j, isWord: true))
                i = j
            } else {
                out.append(Token(text: String(c), start: i, end: i + 1, isWord: false))
                i += 1
            }
        }
        return out
    }

    /// The fillers of a document's events: PerpOrg = perpetrators that are organizations (an ORG entity or a
    /// mention of one), PerpInd = other perpetrators (people, unnamed groups "gunmen", "members of the FMLN";
    /// not countries), Target = targets of kind "property", Victim = named people among the targets (MUC-4's
    /// human target name; descriptions like "peasants" are not fillers), Weapon = weapons. A named filler is
    /// given once per entity, by the longest name the document uses for it ("Farabundo Marti National
    /// Liberation Front" rather than "FMLN"; MUC-4 fills a slot with the most complete name). Only incidents
    /// count (`incidentTypes`), and not those whose every target is a combatant, unless a target is a named
    /// person (the murder of a colonel is an assassination, not a clash).
    ///
    /// MUC-4 fills a template per incident from the whole document, where rex's events see a clause. In a
    /// document with an incident, with the lexicon's lists (see `MUCLexicon`):
    /// - every armed group the text names within `armedGroupReach` sentences of an incident is a PerpOrg;
    /// - a named person is a Victim after a noun of harm ("the murder of attorney general X"), before a
    ///   possessive one ("X's murder") or as the subject of a passive one ("X, a judge, was assassinated");
    ///   an event's "perpetrator" that owns the trigger ("X's murder") is such a victim, not a perpetrator;
    /// - the agent of a passive incident ("were killed by urban guerrillas") is a PerpInd;
    /// - a weapon is given by its weapon word ("500 kg of dynamite" → "dynamite"), an unnamed PerpInd without a
    ///   leading time or date ("0300 fmln units" → "fmln units"), and only if it ends in an agent noun;
    /// - a person's name is given by the longest name of the document that contains it ("jaramillo ossa" →
    ///   "bernardo jaramillo ossa");
    /// - damaged property, used weapons and unnamed or named perpetrators are taken from the whole text by their
    ///   wording (`damagedProperty`, `usedWeapons`, `documentAgents`, `namedAgents`);
    /// - a property target loses a leading demonym and is none when it is a combatant's base.
    public static func fillers(from doc: Document, armedGroups: Set<String> = [],
                               lexicon: MUCLexicon = MUCLexicon()) -> [String: [String]] {
        var out: [String: [String]] = Dictionary(uniqueKeysWithValues: MUC4.roles.map { ($0, [String]()) })
        let armedGroups = armedGroups.union(lexicon.armedGroups)
        let text = ScalarText(doc.text)
        let toks = tokens(text)
        let names = doc.mentions.filter { $0.type == .person && !$0.isNominal }
        let orgMentions = doc.mentions.filter { $0.type == .org && !$0.isNominal }
        var typeOfEntity = Dictionary(doc.entities.map { ($0.id, $0.type) }, uniquingKeysWith: { a, _ in a })
        // Before coreference, names carry their gazetteer id as entity.
        for m in doc.mentions { if let e = m.entity, typeOfEntity[e] == nil { typeOfEntity[e] = m.type } }
        var longestName: [String: String] = [:]
        for m in doc.mentions where !m.isNominal {
            guard let e = m.entity else { continue }
            if m.text.count > (longestName[e]?.count ?? 0) { longestName[e] = m.text }
        }
        var seenEntities: [String: Set<String>] = [:]
        func add(_ role: String, _ text: String, entity: String?) {
            if let e = entity {
                guard seenEntities[role, default: []].insert(e).inserted else { return }
                out[role]!.append(longestName[e] ?? text)
            } else {
                out[role]!.append(text)
            }
        }
        func personName(in start: Int?, _ end: Int?) -> Mention? {
            guard let start, let end else { return nil }
            return names.first { $0.start >= start && $0.end <= end }
        }
        func tokenIndex(at offset: Int) -> Int { firstToken(at: offset, in: toks) }
        let useLexicon = !lexicon.agents.isEmpty || !lexicon.harmNouns.isEmpty
        /// "X's murder": the tokens between the actor and the trigger are an apostrophe, maybe "s", and up to two words.
        func ownsTrigger(_ actor: EventActor, _ event: Event) -> Bool {
            guard useLexicon, let end = actor.end, event.trigger.start > end else { return false }
            var k = tokenIndex(at: end)
            guard k < toks.count, toks[k].text == "'" else { return false }
            k += 1
            if k < toks.count, toks[k].text == "s" { k += 1 }
            var words = 0
            while k < toks.count, toks[k].start < event.trigger.start {
                guard toks[k].isWord, words < 2 else { return false }
                words += 1; k += 1
            }
            return true
        }

        /// Whether a sentence says weapons were taken ("the troops confiscated 3 rifles and 6 sticks of dynamite").
        func seizure(_ s: Int) -> Bool {
            guard !lexicon.seizureWords.isEmpty, s < doc.sentences.count else { return false }
            let a = tokenIndex(at: doc.sentences[s].start), b = tokenIndex(at: doc.sentences[s].end)
            return toks[a..<b].contains { lexicon.seizureWords.contains($0.text) }
        }

        var counted = false
        var incidentSentences = Set<Int>()
        var owners: [Mention] = []
        for event in doc.events where incidentTypes.contains(event.type) {
            let seized = seizure(event.sentence)
            // A weapon named among seized ones is no bombing ("… confiscated … several sticks of dynamite").
            if seized, lexicon.weapons.contains(MUC4.normalize(event.trigger.text)) { continue }
            incidentSentences.insert(event.sentence)
            if !event.targets.isEmpty, event.targets.allSatisfy({ $0.kind == "people" && combatant.contains($0.category ?? "") }),
               !event.targets.contains(where: { personName(in: $0.start, $0.end) != nil }),
               // A bombing of soldiers is no clash ("an attack with very powerful explosives" on a guard post).
               event.type != "BOMBING", !event.weapons.contains(where: { w in
                   lexicon.bombWords.contains { MUC4.normalize(w.text).hasSuffix(MUC4.normalize($0)) } }) {
                continue
            }
            for actor in event.actors where actor.role.lowercased() == "perpetrator" {
                if ownsTrigger(actor, event) {
                    if let m = names.first(where: { $0.start == actor.start }) { owners.append(m) }
                    continue
                }
                let type = actor.entity.flatMap { typeOfEntity[$0] }
                if type == .place { continue }
                if type == .org {
                    add("PerpOrg", actor.name, entity: actor.entity)
                    if useLexicon, let phrase = membersOf(actor, toks, tokenIndex(at: actor.start ?? 0), lexicon,
                                                                 organizations: orgMentions) {
                        add("PerpInd", phrase, entity: nil)
                    }
                    continue
                }
                if type == .person { add("PerpInd", actor.name, entity: actor.entity); continue }
                if useLexicon {
                    guard let phrase = cleanAgent(actor.name, lexicon: lexicon) else { continue }
                    add("PerpInd", phrase, entity: nil)
                } else {
                    add("PerpInd", actor.name, entity: nil)
                }
            }
            for target in event.targets {
                switch target.kind.lowercased() {
                case "property" where !lexicon.isCombatantBase(target.text):
                    add("Target", lexicon.withoutDemonym(withoutQuantity(target.text)), entity: nil)
                case "people":
                    // The person's name inside the target phrase ("antioquia governor antonio roldan betancur").
                    if let name = personName(in: target.start, target.end) { add("Victim", name.text, entity: name.entity) }
                default: break
                }
            }
            for w in event.weapons where !seized { add("Weapon", useLexicon ? weaponWord(w.text, lexicon: lexicon) : w.text, entity: nil) }
            counted = true
        }
        if counted && useLexicon {
            for m in owners { add("Victim", m.text, entity: m.entity) }
            let nameEnds = Dictionary(names.map { ($0.start, $0.end) }, uniquingKeysWith: { a, b in max(a, b) })
            for m in names where isVictim(m, toks, tokenIndex(at: m.start), lexicon, nameEnds: nameEnds) { add("Victim", m.text, entity: m.entity) }
            for (name, isOrg) in responsible(toks, doc.mentions, lexicon) {
                if let m = name.mention { add(isOrg ? "PerpOrg" : "PerpInd", m.text, entity: m.entity) }
                else { add("PerpInd", name.phrase, entity: nil) }
            }
            for t in damagedProperty(text, toks, lexicon) { add("Target", t, entity: nil) }
            for w in usedWeapons(text, toks, lexicon) { add("Weapon", weaponWord(w, lexicon: lexicon), entity: nil) }
            for a in documentAgents(toks, lexicon) { add("PerpInd", a, entity: nil) }
            for m in namedAgents(toks, doc.mentions, lexicon) { add(m.type == .org ? "PerpOrg" : "PerpInd", m.text, entity: m.entity) }
            for s in incidentSentences.sorted() where s < doc.sentences.count {
                for phrase in passiveAgents(toks, from: tokenIndex(at: doc.sentences[s].start),
                                            to: tokenIndex(at: doc.sentences[s].end), lexicon) {
                    add("PerpInd", phrase, entity: nil)
                }
            }
        }
        if counted && !armedGroups.isEmpty {
            let canonical = Dictionary(doc.entities.map { ($0.id, $0.canonical ?? $0.id) }, uniquingKeysWith: { a, _ in a })
            for m in doc.mentions where m.type == .org && !m.isNominal {
                guard let e = m.entity, armedGroups.contains(canonical[e] ?? e) else { continue }
                let s = doc.sentences.index(holding: m.start)
                guard incidentSentences.contains(where: { abs($0 - s) <= armedGroupReach }) else { continue }
                add("PerpOrg", m.text, entity: e)
            }
        }
        if useLexicon {
            for role in ["Victim", "PerpInd"] { out[role] = longestNames(out[role]!, names: names) }
            // A person the document makes a victim is not also taken for a perpetrator.
            let victims = Set(out["Victim"]!.map(MUC4.normalize))
            out["PerpInd"]!.removeAll { victims.contains(MUC4.normalize($0)) }
            // An armed group named with nothing done by anyone to anyone (no other role filled) is no
            // incident: a communiqué, a political speech, a group merely named.
            if out["Target"]!.isEmpty, out["Victim"]!.isEmpty, out["Weapon"]!.isEmpty, out["PerpInd"]!.isEmpty {
                out["PerpOrg"] = []
            }
        }
        return out
    }

    /// Each filler by the longest person name of the document that contains its words, once per compared form.
    static func longestNames(_ fillers: [String], names: [Mention]) -> [String] {
        let full = names.map { (text: $0.text, norm: " " + MUC4.normalize($0.text) + " ") }
        var seen = Set<String>()
        var out: [String] = []
        for f in fillers {
            let n = " " + MUC4.normalize(f) + " "
            var best = f, bestCount = n.count
            for c in full where c.norm.count > bestCount && c.norm.contains(n) { best = c.text; bestCount = c.norm.count }
            if seen.insert(MUC4.normalize(best)).inserted { out.append(best) }
        }
        return out
    }

    /// An unnamed perpetrator phrase as a filler: without a leading time or date ("0300 fmln units", "1 november
    /// urban guerrillas", "last few hours terrorists"), and nil unless its last word ends an agent noun ("disarmed one" is none).
    static func cleanAgent(_ phrase: String, lexicon: MUCLexicon) -> String? {
        var words = phrase.split(separator: " ").map(String.init)
        var cut = 0
        for (i, w) in words.dropLast().enumerated() {
            let lw = w.lowercased()
            if (lw.count >= 3 && lw.allSatisfy(\.isNumber)) || monthNames.contains(lw) || timeWords.contains(lw) { cut = i + 1 }
        }
        words.removeFirst(cut)
        // A phrase with an article inside spans a clause ("troops mistook the civilian patrol").
        if words.dropFirst().contains(where: { ["the", "a", "an"].contains($0.lowercased()) }) { return nil }
        guard let last = words.last?.lowercased(),
              lexicon.agents.keys.contains(where: { $0 == last || $0.hasSuffix(" " + last) }) else { return nil }
        return words.joined(separator: " ")
    }

    /// "members of the Farabundo Marti National Liberation Front (FMLN) attacked": the organization is the
    /// PerpOrg, and "members of the Farabundo Marti National Liberation Front" the PerpInd. The phrase is an
    /// agent noun, "of", maybe "the", and the organization's name (before its acronym in parentheses when the
    /// actor is the acronym).
    static func membersOf(_ actor: EventActor, _ toks: [Token], _ first: Int, _ lex: MUCLexicon,
                          organizations: [Mention]) -> String? {
        guard actor.start != nil, first < toks.count else { return nil }
        // The agent noun stands outside the organization's name ("armed forces of liberation" is a name).
        func agentOf(_ k: Int) -> Bool {
            k >= 1 && toks[k].text == "of" && lex.agents[toks[k - 1].text] != nil
                && !organizations.contains { $0.start <= toks[k - 1].start && toks[k - 1].end <= $0.end }
        }
        if first >= 2, toks[first - 1].text == "(" {
            // "… of the farabundo marti national liberation front (fmln)": back over the name to "AGENT of".
            var k = first - 2
            while k >= max(0, first - 10), toks[k].isWord {
                if agentOf(k) { return toks[(k - 1)..<(first - 1)].map(\.text).joined(separator: " ") }
                k -= 1
            }
            return nil
        }
        var k = first - 1
        if k >= 0, toks[k].text == "the" { k -= 1 }
        guard k >= 0, agentOf(k) else { return nil }
        return toks[(k - 1)..<tokenEnd(actor, toks, first)].map(\.text).joined(separator: " ")
    }

    /// The index after the last token of an actor.
    static func tokenEnd(_ actor: EventActor, _ toks: [Token], _ first: Int) -> Int {
        var k = first
        while k < toks.count, toks[k].end <= (actor.end ?? 0) { k += 1 }
        return k
    }

    /// The longest weapon word inside a weapon phrase, the last one if several ("500 kg of dynamite" →
    /// "dynamite", "a powerful car bomb" → "car bomb"); the phrase itself if none.
    static func weaponWord(_ phrase: String, lexicon: MUCLexicon) -> String {
        let words = phrase.lowercased().split(whereSeparator: { $0 == " " }).map(String.init)
        var best: (start: Int, length: Int)?
        for i in words.indices {
            for j in stride(from: min(words.count, i + 4), to: i, by: -1) where lexicon.weapons.contains(words[i..<j].joined(separator: " ")) {
                if best == nil || j - i > best!.length || (j - i == best!.length && i > best!.start) { best = (i, j - i) }
                break
            }
        }
        guard let best else { return phrase }
        return phrase.split(separator: " ")[best.start..<(best.start + best.length)].joined(separator: " ")
    }

    /// Whether the text around a person's name makes the person a victim (see `fillers`): a harm noun, maybe
    /// "on DAY MONTH", then "of"/"against"/"on", up to seven title words, the name; the name, an apostrophe and a
    /// harm noun; a passive participle after "the" before the titles ("the assassinated Carlos Pizarro"); the
    /// name, "who" (maybe after a comma) or maybe an apposition between commas (or after a comma only, up to the auxiliary),
    /// "was/were/has been/had been/have been", maybe an adverb ("-ly", "almost", "also", "later"), a passive
    /// participle.
    static func isVictim(_ name: Mention, _ toks: [Token], _ first: Int, _ lex: MUCLexicon, nameEnds: [Int: Int]) -> Bool {
        /// A harm noun before the preposition at `p`, maybe with "on DAY MONTH" between.
        func harmBefore(_ p: Int) -> Bool {
            var h = p - 1
            if h >= 2, toks[h - 1].text.allSatisfy(\.isNumber), toks[h - 2].text == "on" { h -= 3 }
            return h >= 0 && lex.harmNouns.contains(toks[h].text)
        }
        // Before: harm noun … of [titles] NAME
        var k = first - 1, titleWords = 0
        while k >= 0 {
            let t = toks[k]
            if t.isWord {
                if ["of", "against", "on"].contains(t.text), harmBefore(k) { return true }
                // "the assassinated [titles] NAME"
                if lex.passiveVerbs.contains(t.text), k >= 1, ["the", "a", "an"].contains(toks[k - 1].text) { return true }
                if functionWords.contains(t.text) || titleWords == 7 { return afterName(name, toks, lex, nameEnds: nameEnds) }
                titleWords += 1
            } else if !["(", ")", ",", ".", "'", "-"].contains(t.text)
                        || (t.text == "." && k + 1 < toks.count && toks[k + 1].start > t.end) {
                // Not past a full stop with a space after it (the end of a sentence, not "u.s.").
                return afterName(name, toks, lex, nameEnds: nameEnds)
            }
            k -= 1
        }
        return afterName(name, toks, lex, nameEnds: nameEnds)
    }

    static func afterName(_ name: Mention, _ toks: [Token], _ lex: MUCLexicon, nameEnds: [Int: Int]) -> Bool {
        // Past the other names of a coordination: "Erika Sullivan and Christopher Anderson … have been killed",
        // "Roberto Roascio of Milan and Mario Accurso of Rome were taken hostage".
        var k = firstToken(at: name.end, in: toks)
        while k < toks.count {
            var j = k
            if toks[j].text == "of", j + 2 < toks.count, toks[j + 1].isWord, [",", "and"].contains(toks[j + 2].text) { j += 2 }
            if j < toks.count, toks[j].text == "," { j += 1 }
            if j < toks.count, toks[j].text == "and" { j += 1 }
            guard j > k, j < toks.count, let end = nameEnds[toks[j].start] else { break }
            k = firstToken(at: end, in: toks)
        }
        // "… Mario Accurso of Rome, together with …, were taken hostage": past a one-word "of" modifier.
        if k + 2 < toks.count, toks[k].text == "of", toks[k + 1].isWord, toks[k + 2].text == "," { k += 2 }
        guard k < toks.count else { return false }
        // NAME's murder
        if toks[k].text == "'" {
            var h = k + 1
            if h < toks.count, toks[h].text == "s" { h += 1 }
            return h < toks.count && lex.harmNouns.contains(toks[h].text)
        }
        // NAME, who was kidnapped
        if toks[k].text == ",", k + 1 < toks.count, toks[k + 1].text == "who" {
            k += 2
        } else if toks[k].text == "who" {
            k += 1
        } else if toks[k].text == "," {
            // NAME, apposition, was killed; NAME, apposition have been killed (no closing comma)
            var h = k + 1, words = 0
            while h < toks.count, toks[h].text != ",", words <= 10 {
                let t = toks[h].text
                if ["was", "were", "has", "have", "had"].contains(t) { break }
                if ["said", "says", "who", "which", "that", "and"].contains(t) { return false }
                if !toks[h].isWord && !["(", ")", ".", "'", "-"].contains(t) { return false }
                if toks[h].isWord { words += 1 }
                h += 1
            }
            guard h < toks.count, words <= 10 else { return false }
            k = toks[h].text == "," ? h + 1 : h
        }
        guard k < toks.count else { return false }
        if ["was", "were"].contains(toks[k].text) { k += 1 }
        else if ["has", "had", "have"].contains(toks[k].text), k + 1 < toks.count, toks[k + 1].text == "been" { k += 2 }
        else { return false }
        if k < toks.count, toks[k].text.hasSuffix("ly") || ["almost", "also", "later"].contains(toks[k].text) { k += 1 }
        guard k < toks.count else { return false }
        return lex.passiveVerbs.contains(toks[k].text)
            || (k + 1 < toks.count && lex.passiveVerbs.contains(toks[k].text + " " + toks[k + 1].text))
    }

    /// A perpetrator named by a claim or blame (`role-cues.tsv`): a name or an agent phrase.
    struct Named { var mention: Mention?; var phrase: String }

    /// Perpetrators named in claims of responsibility and blames: "the MRTA (has) claimed responsibility", "X
    /// are responsible for", "X, chief of the gang, ordered the assassination", "blamed X for", "blamed on X", "accused X of". The perpetrator is an
    /// organization's or person's name next to the words, or an agent phrase (`agents.tsv`, with up to two
    /// words before it: "colombian drug trafficking gangs"). "No one has claimed responsibility" names none.
    static func responsible(_ toks: [Token], _ mentions: [Mention], _ lex: MUCLexicon) -> [(Named, Bool)] {
        guard !lex.claimPhrases.isEmpty || !lex.blamePhrases.isEmpty else { return [] }
        let names = mentions.filter { ($0.type == .org || $0.type == .person) && !$0.isNominal }
        var out: [(Named, Bool)] = []
        func phrase(_ k: Int, _ n: Int) -> String? {
            guard k + n <= toks.count else { return nil }
            return toks[k..<(k + n)].map(\.text).joined(separator: " ")
        }
        /// An agent phrase ending at token `last`, with up to two modifier words before it.
        func agentEnding(at last: Int) -> String? {
            for n in stride(from: 3, through: 1, by: -1) where last - n + 1 >= 0 {
                guard let p = phrase(last - n + 1, n), lex.agents[p] != nil else { continue }
                var first = last - n + 1, extra = 0
                while first > 0, extra < 2, toks[first - 1].isWord, !functionWords.contains(toks[first - 1].text),
                      !["the", "a", "an", "of", "no", "one"].contains(toks[first - 1].text) { first -= 1; extra += 1 }
                return phrase(first, last - first + 1)
            }
            return nil
        }
        func add(_ m: Mention?, _ agent: String?) {
            if let m { out.append((Named(mention: m, phrase: m.text), m.type == .org)) }
            else if let agent { out.append((Named(mention: nil, phrase: agent), false)) }
        }
        for k in toks.indices {
            // NAME (ACR) [has|is|are|…] [directly] claimed responsibility / responsible for
            for n in 1...3 {
                guard let p = phrase(k, n), lex.claimPhrases.contains(p) else { continue }
                var b = k - 1
                if b >= 0, toks[b].text == "directly" { b -= 1 }
                if b >= 0, ["has", "have", "had", "is", "are", "was", "were"].contains(toks[b].text) { b -= 1 }
                guard b >= 0 else { continue }
                // "the chief of the gang, Pablo Escobar Gaviria, ordered the assassination": a name before the comma.
                if toks[b].text == ",", b >= 1, let m = names.first(where: { $0.end == toks[b - 1].end }) { add(m, nil); continue }
                var end = toks[b].end
                if toks[b].text == ")", b >= 2 { end = toks[b - 2].end }   // "… front (fmln) claimed"
                let name = names.first { $0.end == end } ?? names.first { $0.end == toks[b].end }
                add(name, name == nil && toks[b].isWord ? agentEnding(at: b) : nil)
            }
            // blamed [on] [the] NAME / AGENT
            for n in stride(from: 2, through: 1, by: -1) {
                guard let p = phrase(k, n), lex.blamePhrases.contains(p) else { continue }
                var a = k + n
                if a < toks.count, toks[a].text == "the" { a += 1 }
                guard a < toks.count else { break }
                if let name = names.first(where: { $0.start == toks[a].start }) { add(name, nil); break }
                // The shortest agent phrase starting here and ending before "for", "of", a comma, a full stop, "and".
                for last in a..<min(a + 4, toks.count) {
                    guard toks[last].isWord, !functionWords.contains(toks[last].text) || last == a else { break }
                    let next = last + 1 < toks.count ? toks[last + 1].text : "."
                    guard ["for", "of", ",", ".", "and", "responsible"].contains(next) else { continue }
                    if let head = (1...min(3, last - a + 1)).first(where: { lex.agents[phrase(last - $0 + 1, $0)!] != nil }) {
                        _ = head
                        add(nil, phrase(a, last - a + 1))
                    }
                    break
                }
                break
            }
        }
        return out
    }

    /// "by [a|an|the|some] [up to three modifiers] AGENT" in a sentence, for agents of rebel groups, militias and
    /// other non-state armed actors (ACLED codes 2, 3, 4), but not "members" (a phrase that goes on: "by members
    /// of …").
    static func passiveAgents(_ toks: [Token], from: Int, to: Int, _ lex: MUCLexicon) -> [String] {
        var out: [String] = []
        let longest = lex.agents.keys.map { $0.split(separator: " ").count }.max() ?? 0
        var k = from
        while k < to {
            defer { k += 1 }
            guard toks[k].text == "by" else { continue }
            var p = k + 1
            if p < to, ["a", "an", "the", "some"].contains(toks[p].text) { p += 1 }
            search: for n in 0...3 {
                let head = p + n
                guard head < to else { break }
                if n > 0 {
                    let m = toks[p + n - 1]
                    if !m.isWord || functionWords.contains(m.text) { break }
                }
                for len in stride(from: min(longest, to - head), through: 1, by: -1) {
                    let phrase = toks[head..<(head + len)].map(\.text).joined(separator: " ")
                    guard let code = lex.agents[phrase], [2, 3, 4].contains(code) else { continue }
                    // "by members of …", "by members and sympathizers of …": the phrase goes on past the noun.
                    if ["member", "members"].contains(phrase) { break search }
                    if !toks[head..<(head + len)].allSatisfy(\.isWord) { continue }
                    out.append(toks[p..<(head + len)].map(\.text).joined(separator: " "))
                    break search
                }
            }
        }
        return out
    }

    /// The words of `toks[k..<k+n]` joined by spaces, nil past the end.
    static func phrase(_ toks: [Token], _ k: Int, _ n: Int) -> String? {
        guard k >= 0, n > 0, k + n <= toks.count else { return nil }
        return toks[k..<(k + n)].map(\.text).joined(separator: " ")
    }

    /// The length of the longest phrase of `set` starting at token `k` (up to four words), 0 if none.
    static func cue(_ toks: [Token], _ k: Int, in set: Set<String>) -> Int {
        guard !set.isEmpty else { return 0 }
        for n in stride(from: 4, through: 1, by: -1) {
            if let p = phrase(toks, k, n), set.contains(p) { return n }
        }
        return 0
    }

    /// Words that stop a noun phrase of a target or weapon besides `functionWords`.
    static let phraseStops: Set<String> = ["of", "into", "near", "under", "against", "through", "during", "located",
                                           "belonging", "owned", "which", "where", "is", "be", "been", "no", "not"]

    /// The end (exclusive) of the head of a property noun phrase starting at token `from`: the phrase runs over
    /// words (and the apostrophes of possessives) up to a function word, a punctuation mark or six words, and
    /// ends at its last property head (`propertyHeads`, one or two words); nil without a head.
    static func propertyPhrase(_ toks: [Token], from: Int, _ lex: MUCLexicon) -> (start: Int, end: Int, next: Int)? {
        var k = from
        if k < toks.count, ["the", "a", "an"].contains(toks[k].text) { k += 1 }
        let start = k
        var headEnd: Int?
        var words = 0
        while k < toks.count, words < 6 {
            let t = toks[k]
            if t.text == "'" || t.text == "\"" { k += 1; continue }
            // "u.s.-chilean": punctuation inside a word run.
            if !t.isWord, k > start, k + 1 < toks.count, toks[k - 1].end == t.start, t.end == toks[k + 1].start { k += 1; continue }
            guard t.isWord, !functionWords.contains(t.text), !phraseStops.contains(t.text) else { break }
            if lex.propertyHeads.contains(t.text) { headEnd = k + 1 }
            if k > start, let p = phrase(toks, k - 1, 2), lex.propertyHeads.contains(p) { headEnd = k + 1 }
            words += 1
            k += 1
        }
        // "the shelves of a book store": no head before "of", the phrase after it.
        if headEnd == nil, k < toks.count, toks[k].text == "of", k > start, let inner = propertyPhrase(toks, from: k + 1, lex) {
            return inner
        }
        guard let headEnd, headEnd > start else { return nil }
        return (start, headEnd, k)
    }

    /// Property targets named around damage anywhere in a document (`role-cues.tsv` kinds damage and damaged):
    /// "which destroyed the building that houses …", "they affected the cultural institute, a mormon church …,
    /// and …" (a list goes on over commas and "and"), "bomb attacks on the residences", "a bomb exploded near the
    /// embassy", "many houses have been destroyed", "the company's offices were destroyed", "an airlines plane blew
    /// up" (kind broke).
    static func damagedProperty(_ text: ScalarText, _ toks: [Token], _ lex: MUCLexicon) -> [String] {
        guard !lex.propertyHeads.isEmpty else { return [] }
        var out: [String] = []
        func filler(_ a: Int, _ b: Int) -> String? {
            var a = a
            while a < b - 1, ["his", "her", "their", "its", "our", "all"].contains(toks[a].text) || lex.demonyms.contains(toks[a].text) { a += 1 }
            // With what follows "of" for the combatant test ("the posts of the army").
            var c = b
            if c < toks.count, toks[c].text == "of" { c = min(toks.count, c + 5) }
            guard !lex.skipHeads.contains(toks[b - 1].text),
                  !lex.isCombatantBase(text.slice(toks[a].start, toks[c - 1].end)) else { return nil }
            return withoutQuantity(text.slice(toks[a].start, toks[b - 1].end))
        }
        for k in toks.indices {
            let n = cue(toks, k, in: lex.damageBefore)
            if n > 0 {
                var from = k + n
                while let np = propertyPhrase(toks, from: from, lex) {
                    if let f = filler(np.start, np.end) { out.append(f) }
                    // A list: ", X", "and X", ", and X" right after the phrase.
                    var c = np.next
                    // Past an "of" phrase: "the offices of the union, the church and …".
                    if c < toks.count, toks[c].text == "of" {
                        let stop = min(toks.count, c + 6)
                        c += 1
                        while c < stop, toks[c].isWord, toks[c].text != "and" { c += 1 }
                    }
                    guard c < toks.count, [",", "and"].contains(toks[c].text) else { break }
                    c += 1
                    if c < toks.count, toks[c].text == "and" { c += 1 }
                    from = c
                }
            }
            // NP was/were/has been/have been/had been [adverb] PARTICIPLE; NP VERB (kind broke: "the plane blew up")
            var end = k
            if cue(toks, k, in: lex.brokeAfter) == 0 {
                guard ["was", "were", "been"].contains(toks[k].text) else { continue }
                var v = k + 1
                if v < toks.count, toks[v].text.hasSuffix("ly") || ["also", "later"].contains(toks[v].text) { v += 1 }
                guard cue(toks, v, in: lex.damagedAfter) > 0 else { continue }
                if toks[k].text == "been" { end -= 1; guard end >= 0, ["has", "have", "had"].contains(toks[end].text) else { continue } }
            }
            guard end >= 1, lex.propertyHeads.contains(toks[end - 1].text)
                    || (end >= 2 && lex.propertyHeads.contains(phrase(toks, end - 2, 2) ?? "")) else { continue }
            var first = end - 1
            while first > 0, end - first < 6 {
                let t = toks[first - 1]
                if t.text == "'" || t.text == "\"" || (t.isWord && !functionWords.contains(t.text) && !phraseStops.contains(t.text)
                                                         && !["the", "a", "an"].contains(t.text)) {
                    first -= 1
                } else { break }
            }
            while first < end, !toks[first].isWord { first += 1 }
            if let f = filler(first, end) { out.append(f) }
        }
        return out
    }

    /// The weapon word of a phrase of up to four words, the hyphen of "car-bomb" read as a space; nil without one.
    static func weaponIn(_ toks: [Token], _ a: Int, _ b: Int, _ text: ScalarText, _ lex: MUCLexicon) -> String? {
        guard a < b else { return nil }
        var best: (start: Int, end: Int)?
        for i in a..<b {
            for j in stride(from: min(b, i + 3), to: i, by: -1) {
                let p = toks[i..<j].map { $0.text.replacingOccurrences(of: "-", with: " ") }.joined(separator: " ")
                if lex.weapons.contains(p), !lex.skipHeads.contains(p) {
                    if best == nil || j - i > best!.end - best!.start || (j - i == best!.end - best!.start && i > best!.start) { best = (i, j) }
                    break
                }
            }
        }
        guard let best else { return nil }
        return text.slice(toks[best.start].start, toks[best.end - 1].end)
    }

    /// Weapons named anywhere in a document by what they did (`role-cues.tsv` kinds weapon-after and
    /// weapon-before): "a homemade bomb exploded", "several dynamite attacks", "a grenade hit his car",
    /// "threatening them with hand grenades". The filler is the weapon word (`weaponWord`).
    static func usedWeapons(_ text: ScalarText, _ toks: [Token], _ lex: MUCLexicon) -> [String] {
        var out: [String] = []
        for k in toks.indices {
            if cue(toks, k, in: lex.weaponAfter) > 0 {
                var a = k
                while a > 0, k - a < 4, toks[a - 1].isWord, !functionWords.contains(toks[a - 1].text),
                      !phraseStops.contains(toks[a - 1].text) { a -= 1 }
                // The weapon word ends right before the cue ("a bomb exploded", not "bombs, the house exploded").
                if let w = weaponIn(toks, a, k, text, lex), MUC4.normalize(w).hasSuffix(MUC4.normalize(toks[k - 1].text)) {
                    out.append(w)
                }
            }
            let n = cue(toks, k, in: lex.weaponBefore)
            if n > 0 {
                var b = k + n
                while b < toks.count, b - (k + n) < 4, toks[b].isWord, !functionWords.contains(toks[b].text),
                      !phraseStops.contains(toks[b].text) { b += 1 }
                if let w = weaponIn(toks, k + n, b, text, lex) { out.append(w) }
            }
        }
        return out
    }

    /// Unnamed perpetrators named anywhere in a document: an agent noun with up to three modifiers right before a
    /// verb of kind does ("three heavily armed men forced him"); "PARTICIPLE [up to three words] by [the] AGENT [or
    /// AGENT]" after a participle of kind by ("murdered by security forces or death squads", "planted by
    /// unidentified persons"), with up to three modifiers before the agent noun.
    /// Whether a participle of kind by stands up to four words before the "by" at token `k`.
    static func byCue(_ toks: [Token], _ k: Int, _ lex: MUCLexicon) -> Bool {
        for back in 1...4 where k - back >= 0 {
            if lex.byAgent.contains(toks[k - back].text) { return true }
            if !toks[k - back].isWord { return false }
        }
        return false
    }

    /// Named perpetrators after "PARTICIPLE … by" (kind by), and the name coordinated with one: "the killing had
    /// been ordered by Fidel Castano and Henry Perez", "kidnapped by the so-called Nelson Mandela cell".
    static func namedAgents(_ toks: [Token], _ mentions: [Mention], _ lex: MUCLexicon) -> [Mention] {
        let names = mentions.filter { ($0.type == .org || $0.type == .person) && !$0.isNominal }
        let byStart = Dictionary(names.map { ($0.start, $0) }, uniquingKeysWith: { a, b in a.end >= b.end ? a : b })
        var out: [Mention] = []
        for k in toks.indices where toks[k].text == "by" && byCue(toks, k, lex) {
            var p = k + 1
            while p < toks.count, ["the", "so-called", "a"].contains(toks[p].text) { p += 1 }
            guard p < toks.count, let m = byStart[toks[p].start] else { continue }
            out.append(m)
            var q = p
            while q < toks.count, toks[q].end <= m.end { q += 1 }
            if q + 1 < toks.count, toks[q].text == "and", let m2 = byStart[toks[q + 1].start] { out.append(m2) }
        }
        return out
    }

    static func documentAgents(_ toks: [Token], _ lex: MUCLexicon) -> [String] {
        var out: [String] = []
        let longest = lex.agents.keys.map { $0.split(separator: " ").count }.max() ?? 0
        /// An agent phrase starting at `p`: up to three modifiers and an agent noun; its end.
        func agent(at p: Int) -> Int? {
            for n in 0...3 {
                let head = p + n
                guard head < toks.count else { return nil }
                if n > 0, !toks[head - 1].isWord || functionWords.contains(toks[head - 1].text) { return nil }
                for len in stride(from: min(longest, toks.count - head), through: 1, by: -1) {
                    guard let ph = phrase(toks, head, len), lex.agents[ph] != nil,
                          !["member", "members"].contains(ph), toks[head..<(head + len)].allSatisfy(\.isWord) else { continue }
                    // The noun ends the phrase ("by guerrillas of …" is the passive rule's business).
                    let after = head + len
                    if after < toks.count, toks[after].isWord, !functionWords.contains(toks[after].text),
                       !["or", "of", "at", "in", "near"].contains(toks[after].text) { continue }
                    return after
                }
            }
            return nil
        }
        // AGENT [adverb] VERB: "terrorists staged three bomb attacks", "three heavily armed men forced him".
        for k in toks.indices where cue(toks, k, in: lex.doneBy) > 0 {
            var last = k - 1
            if last >= 0, toks[last].text.hasSuffix("ly") { last -= 1 }
            guard last >= 0, toks[last].isWord else { continue }
            guard let len = (1...min(longest, last + 1)).reversed().first(where: { n in
                lex.agents[phrase(toks, last - n + 1, n)!] != nil && toks[(last - n + 1)...last].allSatisfy(\.isWord)
            }), !["member", "members"].contains(toks[last].text) else { continue }
            var first = last - len + 1, extra = 0
            while first > 0, extra < 3, toks[first - 1].isWord, !functionWords.contains(toks[first - 1].text),
                  !["the", "a", "an", "of", "no", "one", "his", "her", "their", "its"].contains(toks[first - 1].text),
                  !lex.doneBy.contains(toks[first - 1].text) { first -= 1; extra += 1 }
            if let cleaned = cleanAgent(phrase(toks, first, last - first + 1)!, lexicon: lex) { out.append(cleaned) }
        }
        for k in toks.indices where toks[k].text == "by" {
            guard byCue(toks, k, lex) else { continue }
            var p = k + 1
            if p < toks.count, ["a", "an", "the", "some"].contains(toks[p].text) { p += 1 }
            guard let end = agent(at: p) else { continue }
            out.append(phrase(toks, p, end - p)!)
            if end + 1 < toks.count, toks[end].text == "or" || toks[end].text == "and" {
                var q = end + 1
                if q < toks.count, ["a", "an", "the", "some"].contains(toks[q].text) { q += 1 }
                if let e2 = agent(at: q) { out.append(phrase(toks, q, e2 - q)!) }
            }
        }
        return out
    }

    /// The organization types that commit MUC-4's incidents (`organizations.tsv`, third column).
    /// How many sentences away from an incident's an armed group may be named and still be its PerpOrg (a
    /// group named only in a long communiqué's other paragraphs is mostly not the perpetrator). Dev 49.2 → 49.5,
    /// train 38.6 → 38.8 against any distance.
    static let armedGroupReach = 3

    public static let perpetratorTypes: Set<String> = ["rebel group", "drug cartel", "death squad"]

    /// The ids of the armed groups (`perpetratorTypes`) of a gazetteer's `organizations.tsv`.
    public static func armedGroups(organizations url: URL) throws -> Set<String> {
        Set(try DataFile(url).rows.filter { $0.fields.count > 2 && perpetratorTypes.contains($0.fields[2]) }.map { $0.fields[0] })
    }
}
