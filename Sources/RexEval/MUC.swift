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

    /// The fillers of a document's events: PerpOrg = perpetrators that are organizations (an ORG entity or a
    /// mention of one), PerpInd = other perpetrators (people, unnamed groups "gunmen", "members of the FMLN";
    /// not countries), Target = targets of kind "property", Victim = named people among the targets (MUC-4's
    /// human target name; descriptions like "peasants" are not fillers), Weapon = weapons. A named filler is
    /// given once per entity, by the longest name the document uses for it ("Farabundo Marti National
    /// Liberation Front" rather than "FMLN"; MUC-4 fills a slot with the most complete name). Only incidents
    /// count (`incidentTypes`), and not those whose every target is a combatant.
    ///
    /// MUC-4 fills a template per incident from the whole document, where rex's events see a clause: in a
    /// document with an incident, every armed group the text names (an organization whose gazetteer id is in
    /// `armedGroups`, see `armedGroups(organizations:)`) is a PerpOrg too.
    public static func fillers(from doc: Document, armedGroups: Set<String> = []) -> [String: [String]] {
        var out: [String: [String]] = Dictionary(uniqueKeysWithValues: MUC4.roles.map { ($0, [String]()) })
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
        var counted = false
        for event in doc.events where incidentTypes.contains(event.type) {
            if !event.targets.isEmpty, event.targets.allSatisfy({ $0.kind == "people" && combatant.contains($0.category ?? "") }) {
                continue
            }
            for actor in event.actors where actor.role.lowercased() == "perpetrator" {
                let type = actor.entity.flatMap { typeOfEntity[$0] }
                if type == .place { continue }
                add(type == .org ? "PerpOrg" : "PerpInd", actor.name, entity: type == .org || type == .person ? actor.entity : nil)
            }
            for target in event.targets {
                switch target.kind.lowercased() {
                case "property": add("Target", withoutQuantity(target.text), entity: nil)
                case "people":
                    // The person's name inside the target phrase ("antioquia governor antonio roldan betancur").
                    if let start = target.start, let end = target.end,
                       let name = doc.mentions.first(where: { $0.type == .person && !$0.isNominal && $0.start >= start && $0.end <= end }) {
                        add("Victim", name.text, entity: name.entity)
                    }
                default: break
                }
            }
            for w in event.weapons { add("Weapon", w.text, entity: nil) }
            counted = true
        }
        if counted && !armedGroups.isEmpty {
            let canonical = Dictionary(doc.entities.map { ($0.id, $0.canonical ?? $0.id) }, uniquingKeysWith: { a, _ in a })
            for m in doc.mentions where m.type == .org && !m.isNominal {
                guard let e = m.entity, armedGroups.contains(canonical[e] ?? e) else { continue }
                add("PerpOrg", m.text, entity: e)
            }
        }
        return out
    }

    /// The organization types that commit MUC-4's incidents (`organizations.tsv`, third column).
    public static let perpetratorTypes: Set<String> = ["rebel group", "drug cartel", "death squad"]

    /// The ids of the armed groups (`perpetratorTypes`) of a gazetteer's `organizations.tsv`.
    public static func armedGroups(organizations url: URL) throws -> Set<String> {
        Set(try DataFile(url).rows.filter { $0.fields.count > 2 && perpetratorTypes.contains($0.fields[2]) }.map { $0.fields[0] })
    }
}
