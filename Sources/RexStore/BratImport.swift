import Foundation
import RexModel

/// Reads a brat .txt/.ann pair (as written by `BratExport` and corrected in brat) back into a document: the
/// gold document of the annotation loop.
///
/// - Text-bounds of type DATE, PLACE, ORG, PERSON are the mentions (Tn becomes Mn), sorted by start.
/// - Coreference arcs (relations, or `*` equivalences) join mentions into entities; a PLACE, ORG or PERSON
///   mention in no chain is an entity of its own. An entity keeps the id, name and canonical id of the note on
///   its first mention; a new chain is named after its first name mention.
/// - Events (En becomes Vn) take their trigger, arguments and notes; the date and place come from the linked
///   DATE and PLACE mentions unless the event's note says otherwise; the sentence is the one holding the trigger.
/// - The identity, sections and sentences come from NAME.rex.json when present; otherwise the id is the file
///   name and sentences come from `sentences` (rex's splitter, given by the caller).
public enum BratImport {
    public struct Options {
        /// Splits a text into sentences when there is no NAME.rex.json.
        public var sentences: ((String) throws -> [Sentence])?
        public init(sentences: ((String) throws -> [Sentence])? = nil) { self.sentences = sentences }
    }

    /// Reads NAME.ann with NAME.txt (and NAME.rex.json) next to it.
    public static func read(annPath: String, options: Options = Options()) throws -> Document {
        let base = annPath.hasSuffix(".ann") ? String(annPath.dropLast(4)) : annPath
        let txtPath = base + ".txt"
        guard let textData = FileManager.default.contents(atPath: txtPath) else {
            throw StoreError.cannotRead(path: txtPath, reason: "no text file next to the .ann")
        }
        guard let text = String(data: textData, encoding: .utf8) else {
            throw StoreError.cannotRead(path: txtPath, reason: "not UTF-8")
        }
        guard let annData = FileManager.default.contents(atPath: annPath), let ann = String(data: annData, encoding: .utf8) else {
            throw StoreError.cannotRead(path: annPath, reason: "missing or not UTF-8")
        }
        var sidecar: BratSidecar? = nil
        if let data = FileManager.default.contents(atPath: base + ".rex.json") {
            do { sidecar = try JSONDecoder().decode(BratSidecar.self, from: data) } catch {
                throw StoreError.cannotRead(path: base + ".rex.json", reason: "\(error)")
            }
        }
        var doc = Document(id: sidecar?.id ?? (base as NSString).lastPathComponent, text: text)
        if let s = sidecar {
            doc.schema = s.schema; doc.source = s.source; doc.title = s.title; doc.dct = s.dct
            doc.sections = s.sections; doc.sentences = s.sentences
            doc.relations = s.relations ?? []
        } else if let split = options.sentences {
            doc.sentences = try split(text)
        }
        try parse(ann, file: annPath, into: &doc)
        return doc
    }

    /// "12-20" → (12, 20): an argument's offsets kept in a note.
    static func span(_ s: String?) -> (Int, Int)? {
        guard let s, let dash = s.firstIndex(of: "-"), let a = Int(s[..<dash]), let b = Int(s[s.index(after: dash)...]) else { return nil }
        return (a, b)
    }

    struct TextBound { var id: String; var type: String; var start: Int; var end: Int; var number: Int; var line: Int }
    struct EventLine { var id: String; var type: String; var trigger: String; var args: [(String, String)]; var line: Int }

    static func number(_ id: String) -> Int {
        Int(id.dropFirst().prefix { $0.isNumber }) ?? 0
    }

    /// Parses .ann text into the document's mentions, entities and events.
    public static func parse(_ ann: String, file: String, into doc: inout Document) throws {
        let text = ScalarText(doc.text)
        var bounds: [String: TextBound] = [:]
        var events: [EventLine] = []
        var coref: [(String, String)] = []
        var attributes: [String: [String: String]] = [:]
        var normalizations: [String: [(db: String, id: String, name: String)]] = [:]
        var notes: [String: [(String, String)]] = [:]
        func bad(_ line: Int, _ reason: String) -> StoreError { .badAnnLine(file: file, line: line, reason: reason) }

        for (n, raw) in ann.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNo = n + 1
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 2, let kind = fields[0].first else { throw bad(lineNo, "expected ID<tab>DATA") }
            let id = fields[0], data = fields[1], tail = fields.count > 2 ? fields[2] : ""
            let words = data.split(separator: " ").map(String.init)
            switch kind {
            case "T":
                guard let space = data.firstIndex(of: " ") else { throw bad(lineNo, "\(id) has no offsets") }
                let type = String(data[..<space])
                var spans: [(Int, Int)] = []
                for frag in data[data.index(after: space)...].split(separator: ";") {
                    let p = frag.split(separator: " ")
                    guard p.count == 2, let a = Int(p[0]), let b = Int(p[1]), 0 <= a, a <= b, b <= text.count else {
                        throw bad(lineNo, "\(id): bad offsets '\(frag)' (the text has \(text.count) characters)")
                    }
                    spans.append((a, b))
                }
                guard let first = spans.first, let last = spans.last else { throw bad(lineNo, "\(id) has no offsets") }
                let expected = spans.map { text.slice($0.0, $0.1) }.joined(separator: " ")
                if !tail.isEmpty && tail != expected {
                    throw bad(lineNo, "\(id): the text '\(tail)' is not what the .txt has at \(first.0)-\(last.1) ('\(expected)'); was the .txt edited?")
                }
                bounds[id] = TextBound(id: id, type: type, start: first.0, end: last.1, number: number(id), line: lineNo)
            case "E":
                guard let head = words.first, let colon = head.firstIndex(of: ":") else {
                    throw bad(lineNo, "\(id): expected TYPE:TRIGGER")
                }
                let args = try words.dropFirst().map { w -> (String, String) in
                    guard let c = w.firstIndex(of: ":") else { throw bad(lineNo, "\(id): argument '\(w)' is not ROLE:ID") }
                    return (String(w[..<c]), String(w[w.index(after: c)...]))
                }
                events.append(EventLine(id: id, type: String(head[..<colon]), trigger: String(head[head.index(after: colon)...]),
                                        args: args, line: lineNo))
            case "R":
                guard words.count == 3 else { throw bad(lineNo, "\(id): a relation has a type and two arguments") }
                if words[0] == "Coreference" || words[0] == "Coref" {
                    let a = words[1].split(separator: ":").last.map(String.init) ?? ""
                    let b = words[2].split(separator: ":").last.map(String.init) ?? ""
                    coref.append((a, b))
                }
            case "*":
                if words.count >= 3, ["Coreference", "Coref", "Equiv"].contains(words[0]) {
                    for other in words.dropFirst(2) { coref.append((words[1], other)) }
                }
            case "A", "M":
                guard words.count >= 2 else { throw bad(lineNo, "\(id): expected NAME TARGET [VALUE]") }
                attributes[words[1], default: [:]][words[0]] = words.count > 2 ? words[2...].joined(separator: " ") : "true"
            case "N":
                guard words.count >= 3, let c = words[2].firstIndex(of: ":") else {
                    throw bad(lineNo, "\(id): expected Reference TARGET DB:ID")
                }
                normalizations[words[1], default: []].append((String(words[2][..<c]),
                                                              String(words[2][words[2].index(after: c)...]), tail))
            case "#":
                guard words.count >= 2 else { throw bad(lineNo, "\(id): expected AnnotatorNotes TARGET") }
                notes[words[1], default: []] += BratNote.parse(tail)
            default:
                throw bad(lineNo, "unknown annotation '\(id)'")
            }
        }
        func noteValue(_ target: String, _ key: String) -> String? { notes[target]?.last { $0.0 == key }?.1 }
        func noteValues(_ target: String, _ key: String) -> [String] { (notes[target] ?? []).filter { $0.0 == key }.map(\.1) }
        func optional(_ s: String?) -> String?? { s.map { $0.isEmpty ? nil : $0 } }

        // Mentions.
        let mentionBounds = bounds.values.filter { MentionType(rawValue: $0.type) != nil }
            .sorted { ($0.start, $0.number) < ($1.start, $1.number) }
        var mentionID: [String: String] = [:]
        var mentions: [Mention] = []
        for b in mentionBounds {
            let mid = noteValue(b.id, "id") ?? "M\(b.number)"
            mentionID[b.id] = mid
            var m = Mention(id: mid, start: b.start, end: b.end, text: text.slice(b.start, b.end),
                            type: MentionType(rawValue: b.type)!)
            if attributes[b.id]?["Nominal"] != nil { m.nominal = true }
            for n in normalizations[b.id] ?? [] {
                if n.db == "TIMEX3" {
                    m.timex = Timex(type: noteValue(b.id, "timex.type") ?? "DATE", value: n.id,
                                    mod: noteValue(b.id, "timex.mod"), end: noteValue(b.id, "timex.end"),
                                    anchor: noteValue(b.id, "timex.anchor"))
                } else if m.type == .place {
                    m.place = PlaceRef(id: n.db + ":" + n.id, name: n.name.isEmpty ? m.text : n.name,
                                       country: noteValue(b.id, "place.country"), admin1: noteValue(b.id, "place.admin1"),
                                       lat: noteValue(b.id, "place.lat").flatMap(Double.init),
                                       lon: noteValue(b.id, "place.lon").flatMap(Double.init))
                }
            }
            m.confidence = noteValue(b.id, "confidence").flatMap(Double.init)
            mentions.append(m)
        }
        let mentionIndex = Dictionary(uniqueKeysWithValues: mentions.enumerated().map { ($1.id, $0) })

        // Entities: chains of coreference arcs; names without a chain stand alone.
        var parent: [String: String] = [:]
        func find(_ x: String) -> String {
            var r = x
            while let p = parent[r], p != r { r = p }
            var y = x
            while let p = parent[y], p != r { parent[y] = r; y = p }
            return r
        }
        for (a, b) in coref {
            guard let ma = mentionID[a], let mb = mentionID[b] else { continue }
            parent[ma] = parent[ma] ?? ma
            parent[mb] = parent[mb] ?? mb
            let ra = find(ma), rb = find(mb)
            if ra != rb {
                // The root is the earlier mention, so chains are named after their first mention.
                if mentionIndex[ra]! < mentionIndex[rb]! { parent[rb] = ra } else { parent[ra] = rb }
            }
        }
        var chains: [String: [Int]] = [:]
        var chainOrder: [String] = []
        for (i, m) in mentions.enumerated() {
            let inChain = parent[m.id] != nil
            guard inChain || m.type != .date else { continue }
            let root = inChain ? find(m.id) : m.id
            if chains[root] == nil { chainOrder.append(root) }
            chains[root, default: []].append(i)
        }
        let tOf = Dictionary(uniqueKeysWithValues: mentionID.map { ($1, $0) })
        var usedIDs = Set<String>()
        var entities: [(number: Int, entity: Entity)] = []
        var fresh: [(first: Int, members: [Int], name: String?, canonical: String?, type: MentionType?)] = []
        for root in chainOrder {
            let members = chains[root]!
            var chosen: String? = nil
            var name: String? = nil, canonical: String? = nil, type: MentionType? = nil
            for i in members {
                let t = tOf[mentions[i].id]!
                if let e = noteValue(t, "entity"), !e.isEmpty, chosen == nil, !usedIDs.contains(e) {
                    chosen = e
                    name = noteValue(t, "name")
                    canonical = optional(noteValue(t, "canonical")) ?? nil
                    type = noteValue(t, "entity.type").flatMap(MentionType.init(rawValue:))
                }
            }
            if let chosen {
                usedIDs.insert(chosen)
                let head = mentions[members[0]]
                let e = Entity(id: chosen, type: type ?? head.type, canonical: canonical,
                               name: name ?? head.text, mentions: members.map { mentions[$0].id })
                entities.append((number(chosen), e))
            } else {
                fresh.append((members[0], members, nil, nil, nil))
            }
        }
        var nextEntity = (entities.map(\.number).max() ?? 0) + 1
        for f in fresh {
            let named = f.members.first { mentions[$0].nominal != true } ?? f.members[0]
            let id = "E\(nextEntity)"
            nextEntity += 1
            entities.append((number(id), Entity(id: id, type: mentions[f.first].type, canonical: nil,
                                                name: mentions[named].text, mentions: f.members.map { mentions[$0].id })))
        }
        entities.sort { $0.number < $1.number }
        for (_, e) in entities { for m in e.mentions { mentions[mentionIndex[m]!].entity = e.id } }
        doc.mentions = mentions
        doc.entities = entities.map(\.entity)
        let entityByID = Dictionary(doc.entities.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

        // Events.
        var out: [(Int, Event)] = []
        for ev in events {
            guard let trig = bounds[ev.trigger] else {
                throw StoreError.badAnnLine(file: file, line: ev.line, reason: "\(ev.id): trigger \(ev.trigger) is not a text-bound annotation")
            }
            let eid = noteValue(ev.id, "id") ?? "V\(number(ev.id))"
            var e = Event(id: eid, type: ev.type, trigger: TextSpan(start: trig.start, end: trig.end, text: text.slice(trig.start, trig.end)),
                          sentence: noteValue(ev.id, "sentence").flatMap(Int.init)
                            ?? doc.sentences.index(holding: trig.start))
            var also: [TextSpan] = []
            var dateMention: String? = nil
            for (label, target) in ev.args {
                guard let b = bounds[target] else {
                    throw StoreError.badAnnLine(file: file, line: ev.line, reason: "\(ev.id): argument \(target) is not a text-bound annotation")
                }
                let role = String(label.reversed().drop { $0.isNumber }.reversed())
                let m = mentionID[target].flatMap { mentionIndex[$0] }.map { mentions[$0] }
                // Targets and weapons rex wrote with their own offsets keep them.
                let kept = noteValue(target, "offsets") == "kept"
                switch role {
                case "Date":
                    dateMention = m?.id
                    if let m, let t = m.timex { e.date = EventDate(value: t.value, end: t.end, mod: t.mod, mention: m.id) }
                case "Place":
                    if let m {
                        e.place = EventPlace(mention: m.id, id: m.place?.id, name: m.place?.name ?? m.text,
                                             lat: m.place?.lat, lon: m.place?.lon)
                    }
                case "Target":
                    let words = text.slice(b.start, b.end)
                    var entity: String? = nil
                    if let given = noteValue(target, "entity") {
                        entity = given.isEmpty ? nil : given
                    } else if let m {
                        entity = m.entity
                    } else {
                        // A target drawn in brat: the last person or organization named inside it.
                        entity = mentions.last { $0.start >= b.start && $0.end <= b.end && ($0.type == .person || $0.type == .org) }?.entity
                    }
                    e.targets.append(EventTarget(text: words, entity: entity,
                                                 kind: attributes[target]?["Kind"].map(BratValue.decode) ?? "people",
                                                 category: attributes[target]?["Category"].map(BratValue.decode),
                                                 start: kept ? b.start : nil, end: kept ? b.end : nil))
                case "Weapon":
                    e.weapons.append(EventWeapon(text: text.slice(b.start, b.end),
                                                 category: attributes[target]?["WeaponCategory"].map(BratValue.decode) ?? "unknown",
                                                 start: kept ? b.start : nil, end: kept ? b.end : nil))
                case "Also":
                    also.append(TextSpan(start: b.start, end: b.end, text: text.slice(b.start, b.end)))
                default:
                    let entity = m?.entity
                    let name = noteValue(ev.id, "\(label).name") ?? entity.flatMap { entityByID[$0]?.name } ?? text.slice(b.start, b.end)
                    let uncertain = noteValue(ev.id, "\(label).uncertain").map { $0 == "true" }
                    let span = Self.span(noteValue(ev.id, "\(label).span"))
                    e.actors.append(EventActor(role: role.prefix(1).lowercased() + role.dropFirst(), entity: entity,
                                               name: name, uncertain: uncertain, start: span?.0, end: span?.1))
                }
            }
            let actorSpans = noteValues(ev.id, "actor.span")
            for (k, a) in noteValues(ev.id, "actor").enumerated() {
                guard let colon = a.firstIndex(of: ":") else { continue }
                var rest = String(a[a.index(after: colon)...])
                let uncertain = rest.hasSuffix("?")
                if uncertain { rest.removeLast() }
                var entity: String? = nil
                if let at = rest.lastIndex(of: "@") { entity = String(rest[rest.index(after: at)...]); rest = String(rest[..<at]) }
                let span = k < actorSpans.count ? Self.span(actorSpans[k]) : nil
                e.actors.append(EventActor(role: String(a[..<colon]), entity: entity, name: rest, uncertain: uncertain ? true : nil,
                                           start: span?.0, end: span?.1))
            }
            for t in noteValues(ev.id, "target") {
                let p = t.split(separator: ";", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
                guard p.count == 4 else { continue }
                e.targets.append(EventTarget(text: p[3], entity: p[2].isEmpty ? nil : p[2], kind: p[0],
                                             category: p[1].isEmpty ? nil : p[1]))
            }
            for w in noteValues(ev.id, "weapon") {
                let p = w.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                guard p.count == 2 else { continue }
                e.weapons.append(EventWeapon(text: p[1], category: p[0]))
            }
            e.also = also.isEmpty ? nil : also
            // Date and place: what the note states wins over the linked mention.
            if let v = noteValue(ev.id, "date") {
                if e.date == nil { e.date = EventDate(value: v, mention: dateMention) } else { e.date!.value = v }
            }
            if e.date != nil {
                if let v = optional(noteValue(ev.id, "date.end")) { e.date!.end = v }
                if let v = optional(noteValue(ev.id, "date.mod")) { e.date!.mod = v }
                e.date!.fallback = noteValue(ev.id, "date.fallback")
            }
            let placeKeys = ["place", "place.id", "place.name", "place.lat", "place.lon", "place.fallback"]
            if e.place == nil && placeKeys.contains(where: { noteValue(ev.id, $0) != nil }) { e.place = EventPlace() }
            if e.place != nil {
                if let v = optional(noteValue(ev.id, "place.id")) { e.place!.id = v }
                if let v = optional(noteValue(ev.id, "place.name")) { e.place!.name = v }
                if let v = optional(noteValue(ev.id, "place.lat")) { e.place!.lat = v.flatMap(Double.init) }
                if let v = optional(noteValue(ev.id, "place.lon")) { e.place!.lon = v.flatMap(Double.init) }
                e.place!.fallback = noteValue(ev.id, "place.fallback")
            }
            e.fatalities = noteValue(ev.id, "fatalities").flatMap(Int.init)
            e.injured = noteValue(ev.id, "injured").flatMap(Int.init)
            e.abducted = noteValue(ev.id, "abducted").flatMap(Int.init)
            e.countMod = noteValue(ev.id, "count_mod")
            if let g = noteValue(ev.id, "gtd"), let semi = g.firstIndex(of: ";"), let n = Int(g[..<semi]) {
                e.gtd = GTDAttack(id: n, name: String(g[g.index(after: semi)...]))
            }
            e.modality = optional(noteValue(ev.id, "modality")) ?? nil
            if let t = noteValue(ev.id, "acled.event_type") {
                e.acled = Acled(eventType: t, subEventType: noteValue(ev.id, "acled.sub_event_type") ?? "",
                                interaction: noteValue(ev.id, "acled.interaction"))
            }
            out.append((number(ev.id), e))
        }
        doc.events = out.sorted { $0.0 < $1.0 }.map(\.1)
    }
}
