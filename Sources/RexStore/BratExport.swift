import Foundation
import RexModel

/// BRAT standoff: a document as `NAME.txt` (the text) and `NAME.ann` (its annotations), so that the corpus
/// opens in the brat annotation tool, can be corrected there, and read back with `BratImport`.
///
/// What goes where in the .ann file:
///
/// | rex | brat |
/// | --- | --- |
/// | mention M7 (DATE, PLACE, ORG, PERSON) | text-bound `T7` of that type; `Nominal` attribute when nominal |
/// | DATE value, PLACE gazetteer id | normalization `N… Reference T7 TIMEX3:2020-03-25`, `… geonames:2455558` |
/// | entity (coreference chain) | `Coreference` relations from each mention to the entity's first mention, whose note carries `entity=E1 \| name=… \| canonical=…` |
/// | event V3 | event `E3` with its trigger (a text-bound of the event type) and arguments `Perpetrator`, `Target`, `Place`, `Date`, `Weapon`, `Also` |
/// | target, weapon, further trigger | text-bounds `Target` (attributes `Kind`, `Category`), `Weapon` (`WeaponCategory`), `Trigger` |
/// | counts, ACLED types, values that differ from the linked mention | the event's note: `fatalities=3 \| acled.event_type=Battles` |
///
/// Notes are `key=value` pairs separated by ` | ` (a `|` inside a value is written `\|`). The document's id,
/// source, title, dct, sections and sentences go to `NAME.rex.json` next to the pair (brat ignores it).
/// `annotation.conf`, `visual.conf` and `tools.conf` for the collection are written by `BratCorpus`.
public enum BratExport {
    /// The .ann text of a document.
    public static func ann(_ doc: Document) -> String {
        var w = AnnWriter(doc)
        return w.write()
    }

    /// A file name for a document id: letters, digits, `.`, `_` and `-` kept, anything else `_`.
    public static func fileName(_ id: String) -> String {
        let ok = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        let s = String(id.map { ok.contains($0) ? $0 : "_" })
        return s.isEmpty || s.hasPrefix(".") ? "doc" + s : s
    }
}

/// What brat cannot hold in its own annotations: the document's identity and segmentation.
public struct BratSidecar: Codable, Sendable, Equatable {
    public var schema: String
    public var id: String
    public var source: Source?
    public var title: String?
    public var dct: String?
    public var sections: [Section]
    public var sentences: [Sentence]
    /// Facts between entities (brat has no place for them in the .ann); absent when there are none.
    public var relations: [Relation]?

    public init(_ doc: Document) {
        schema = doc.schema; id = doc.id; source = doc.source; title = doc.title; dct = doc.dct
        sections = doc.sections; sentences = doc.sentences
        relations = doc.relations.isEmpty ? nil : doc.relations
    }
}

/// Notes: `key=value | key=value`.
enum BratNote {
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\\": out += "\\\\"
            case "|": out += "\\|"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out.append(c)
            }
        }
        return out
    }

    static func format(_ pairs: [(String, String)]) -> String {
        pairs.map { "\($0.0)=\(escape($0.1))" }.joined(separator: " | ")
    }

    /// Key/value pairs in order; text without `=` is skipped (a free comment an annotator wrote).
    static func parse(_ note: String) -> [(String, String)] {
        var parts: [String] = []
        var cur = ""
        var escaped = false
        for c in note {
            if escaped {
                switch c {
                case "n": cur.append("\n")
                case "t": cur.append("\t")
                case "r": cur.append("\r")
                default: cur.append(c)
                }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "|" {
                parts.append(cur); cur = ""
            } else {
                cur.append(c)
            }
        }
        parts.append(cur)
        return parts.compactMap { p in
            guard let eq = p.firstIndex(of: "=") else { return nil }
            let key = p[..<eq].trimmingCharacters(in: .whitespaces)
            var value = String(p[p.index(after: eq)...])
            if value.hasPrefix(" ") { value.removeFirst() }
            if value.hasSuffix(" ") { value.removeLast() }
            return key.isEmpty ? nil : (key, value)
        }
    }
}

/// Brat attribute values cannot hold spaces: "armed group" is written armed_group.
enum BratValue {
    static func encode(_ s: String) -> String { s.replacingOccurrences(of: " ", with: "_") }
    static func decode(_ s: String) -> String { s.replacingOccurrences(of: "_", with: " ") }
    /// Role label for brat: first letter upper-cased ("perpetrator" → "Perpetrator").
    static func role(_ s: String) -> String {
        let clean = s.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        return clean.prefix(1).uppercased() + clean.dropFirst()
    }
}

private struct AnnWriter {
    let doc: Document
    let text: ScalarText
    var lines: [String] = []
    var usedT = Set<Int>()
    var nextT = 1
    var counters: [Character: Int] = ["N": 0, "A": 0, "R": 0, "#": 0]
    var notes: [String: [(String, String)]] = [:]
    var noteOrder: [String] = []
    var mentionT: [String: String] = [:]

    init(_ doc: Document) {
        self.doc = doc
        self.text = ScalarText(doc.text)
    }

    static func number(_ id: String, prefix: Character) -> Int? {
        guard id.first == prefix, id.count > 1 else { return nil }
        return Int(id.dropFirst())
    }

    mutating func freshT() -> String {
        while usedT.contains(nextT) { nextT += 1 }
        usedT.insert(nextT)
        return "T\(nextT)"
    }

    mutating func id(_ prefix: Character) -> String {
        counters[prefix, default: 0] += 1
        return "\(prefix)\(counters[prefix]!)"
    }

    mutating func note(_ target: String, _ key: String, _ value: String) {
        if notes[target] == nil { noteOrder.append(target) }
        notes[target, default: []].append((key, value))
    }

    /// A text-bound line; a span across line breaks becomes fragments (brat's discontinuous spans).
    mutating func textBound(_ tid: String, _ type: String, _ start: Int, _ end: Int) {
        let a = max(0, min(start, text.count)), b = max(a, min(end, text.count))
        var fragments: [(Int, Int)] = []
        var s = a
        for i in a..<b where text[i] == "\n" {
            if i > s { fragments.append((s, i)) }
            s = i + 1
        }
        if b > s || fragments.isEmpty { fragments.append((s, max(s, b))) }
        let spans = fragments.map { "\($0.0) \($0.1)" }.joined(separator: ";")
        let words = fragments.map { text.slice($0.0, $0.1) }.joined(separator: " ")
        lines.append("\(tid)\t\(type) \(spans)\t\(words)")
    }

    mutating func write() -> String {
        // Mention Mn keeps the number as Tn; other ids get fresh numbers.
        for m in doc.mentions {
            if let n = Self.number(m.id, prefix: "M"), !usedT.contains(n) { usedT.insert(n); mentionT[m.id] = "T\(n)" }
        }
        for m in doc.mentions where mentionT[m.id] == nil { mentionT[m.id] = freshT() }
        for m in doc.mentions {
            let tid = mentionT[m.id]!
            textBound(tid, m.type.rawValue, m.start, m.end)
            if m.nominal == true { lines.append("\(id("A"))\tNominal \(tid)") }
            if let t = m.timex {
                lines.append("\(id("N"))\tReference \(tid) TIMEX3:\(t.value)\t\(t.value)")
                if t.type != "DATE" { note(tid, "timex.type", t.type) }
                if let v = t.mod { note(tid, "timex.mod", v) }
                if let v = t.end { note(tid, "timex.end", v) }
                if let v = t.anchor { note(tid, "timex.anchor", v) }
            }
            if let p = m.place {
                let ref = p.id.contains(":") ? p.id : "place:" + p.id
                lines.append("\(id("N"))\tReference \(tid) \(ref)\t\(p.name)")
                if let v = p.country { note(tid, "place.country", v) }
                if let v = p.admin1 { note(tid, "place.admin1", v) }
                if let v = p.lat { note(tid, "place.lat", String(v)) }
                if let v = p.lon { note(tid, "place.lon", String(v)) }
            }
            if let c = m.confidence { note(tid, "confidence", String(c)) }
            // An id that the T number does not give back (D1, O3, C2) travels in a note.
            if "M" + tid.dropFirst() != m.id { note(tid, "id", m.id) }
        }
        // Entities: the head (first) mention carries the entity; the others point to it.
        for e in doc.entities {
            let members = e.mentions.filter { mentionT[$0] != nil }
            guard let head = members.first, let headT = mentionT[head] else { continue }
            note(headT, "entity", e.id)
            note(headT, "name", e.name)
            if let c = e.canonical { note(headT, "canonical", c) }
            if let m = doc.mentions.first(where: { $0.id == head }), m.type != e.type { note(headT, "entity.type", e.type.rawValue) }
            for other in members.dropFirst() {
                lines.append("\(id("R"))\tCoreference Arg1:\(mentionT[other]!) Arg2:\(headT)")
            }
        }
        let mentionsByID = Dictionary(doc.mentions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var entityMembers: [String: [Mention]] = [:]
        for m in doc.mentions { if let e = m.entity { entityMembers[e, default: []].append(m) } }
        // Event ids: Vn keeps its number as En.
        var usedE = Set(doc.events.compactMap { Self.number($0.id, prefix: "V") })
        var nextE = 1
        var eventE: [String: String] = [:]
        var seen = Set<Int>()
        for e in doc.events {
            if let n = Self.number(e.id, prefix: "V"), seen.insert(n).inserted { eventE[e.id] = "E\(n)"; continue }
            while usedE.contains(nextE) { nextE += 1 }
            usedE.insert(nextE)
            eventE[e.id] = "E\(nextE)"
        }
        for (i, e) in doc.events.enumerated() {
            let eid = eventE[e.id] ?? "E\(i + 1)"
            let trigger = freshT()
            textBound(trigger, e.type, e.trigger.start, e.trigger.end)
            var args: [(String, String)] = []
            var roleCount: [String: Int] = [:]
            func label(_ role: String) -> String {
                roleCount[role, default: 0] += 1
                return roleCount[role]! == 1 ? role : role + String(roleCount[role]!)
            }
            // Actors: the entity's mention closest to the trigger, preferring the trigger's sentence.
            for a in e.actors {
                let role = BratValue.role(a.role)
                if let ent = a.entity, let m = closest(entityMembers[ent] ?? [], to: e) {
                    let l = label(role)
                    args.append((l, mentionT[m.id]!))
                    let name = doc.entities.first { $0.id == ent }?.name
                    if a.name != name { note(eid, "\(l).name", a.name) }
                    if let u = a.uncertain { note(eid, "\(l).uncertain", u ? "true" : "false") }
                    if let s = a.start, let t = a.end { note(eid, "\(l).span", "\(s)-\(t)") }
                } else {
                    note(eid, "actor", a.role + ":" + a.name + (a.entity.map { "@" + $0 } ?? "")
                        + (a.uncertain == true ? "?" : ""))
                    note(eid, "actor.span", a.start.flatMap { s in a.end.map { "\(s)-\($0)" } } ?? "")
                }
            }
            for t in e.targets {
                if let span = own(t.start, t.end, t.text) ?? locate(t.text, near: e) {
                    let tid = freshT()
                    textBound(tid, "Target", span.0, span.1)
                    if own(t.start, t.end, t.text) != nil { note(tid, "offsets", "kept") }
                    lines.append("\(id("A"))\tKind \(tid) \(BratValue.encode(t.kind))")
                    if let c = t.category { lines.append("\(id("A"))\tCategory \(tid) \(BratValue.encode(c))") }
                    note(tid, "entity", t.entity ?? "")
                    args.append((label("Target"), tid))
                } else {
                    note(eid, "target", [t.kind, t.category ?? "", t.entity ?? "", t.text].joined(separator: ";"))
                }
            }
            if let d = e.date {
                let m = d.mention.flatMap { mentionsByID[$0] }
                if let m { args.append((label("Date"), mentionT[m.id]!)) }
                let derived = m?.timex
                if d.value != derived?.value { note(eid, "date", d.value) }
                if d.end != derived?.end { note(eid, "date.end", d.end ?? "") }
                if d.mod != derived?.mod { note(eid, "date.mod", d.mod ?? "") }
                if let f = d.fallback { note(eid, "date.fallback", f) }
            }
            if let p = e.place {
                let m = p.mention.flatMap { mentionsByID[$0] }
                if let m { args.append((label("Place"), mentionT[m.id]!)) }
                let ref = m?.place
                if p.id != ref?.id { note(eid, "place.id", p.id ?? "") }
                if p.name != m.map({ $0.place?.name ?? $0.text }) { note(eid, "place.name", p.name ?? "") }
                if p.lat != ref?.lat { note(eid, "place.lat", p.lat.map { String($0) } ?? "") }
                if p.lon != ref?.lon { note(eid, "place.lon", p.lon.map { String($0) } ?? "") }
                if let f = p.fallback { note(eid, "place.fallback", f) }
                if m == nil && p.id == nil && p.name == nil && p.lat == nil && p.lon == nil && p.fallback == nil {
                    note(eid, "place", "")
                }
            }
            for w in e.weapons {
                if let span = own(w.start, w.end, w.text) ?? locate(w.text, near: e) {
                    let tid = freshT()
                    textBound(tid, "Weapon", span.0, span.1)
                    if own(w.start, w.end, w.text) != nil { note(tid, "offsets", "kept") }
                    lines.append("\(id("A"))\tWeaponCategory \(tid) \(BratValue.encode(w.category))")
                    args.append((label("Weapon"), tid))
                } else {
                    note(eid, "weapon", w.category + ";" + w.text)
                }
            }
            for s in e.also ?? [] {
                let tid = freshT()
                textBound(tid, "Trigger", s.start, s.end)
                args.append((label("Also"), tid))
            }
            if let g = e.gtd { note(eid, "gtd", "\(g.id);\(g.name)") }
            if let m = e.modality { note(eid, "modality", m) }
            if let v = e.fatalities { note(eid, "fatalities", String(v)) }
            if let v = e.injured { note(eid, "injured", String(v)) }
            if let v = e.abducted { note(eid, "abducted", String(v)) }
            if let v = e.countMod { note(eid, "count_mod", v) }
            if let a = e.acled {
                note(eid, "acled.event_type", a.eventType)
                note(eid, "acled.sub_event_type", a.subEventType)
                if let i = a.interaction { note(eid, "acled.interaction", i) }
            }
            if e.sentence != doc.sentences.index(holding: e.trigger.start) { note(eid, "sentence", String(e.sentence)) }
            if e.id != "V" + eid.dropFirst() { note(eid, "id", e.id) }
            lines.append("\(eid)\t\(e.type):\(trigger)" + args.map { " \($0.0):\($0.1)" }.joined())
        }
        for target in noteOrder {
            lines.append("\(id("#"))\tAnnotatorNotes \(target)\t\(BratNote.format(notes[target]!))")
        }
        return lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
    }

    func closest(_ mentions: [Mention], to e: Event) -> Mention? {
        let s = e.sentence
        let bounds = doc.sentences.indices.contains(s) ? (doc.sentences[s].start, doc.sentences[s].end) : nil
        return mentions.min { a, b in
            func key(_ m: Mention) -> (Int, Int) {
                let inside = bounds.map { m.start >= $0.0 && m.end <= $0.1 } ?? false
                return (inside ? 0 : 1, abs(m.start - e.trigger.start))
            }
            return key(a) < key(b)
        }
    }

    /// The span an argument gives for itself, when the text there is its words.
    func own(_ start: Int?, _ end: Int?, _ words: String) -> (Int, Int)? {
        guard let start, let end, start >= 0, end <= text.count, start < end, text.slice(start, end) == words else { return nil }
        return (start, end)
    }

    /// The occurrence of `words` nearest the event's trigger, preferring its sentence.
    func locate(_ words: String, near e: Event) -> (Int, Int)? {
        let needle = Array(words.unicodeScalars)
        guard !needle.isEmpty, needle.count <= text.count else { return nil }
        var best: (Int, Int)? = nil
        var bestKey = (2, Int.max)
        let bounds = doc.sentences.indices.contains(e.sentence)
            ? (doc.sentences[e.sentence].start, doc.sentences[e.sentence].end) : nil
        var i = 0
        let last = text.count - needle.count
        while i <= last {
            if text[i] == needle[0] {
                var j = 1
                while j < needle.count && text[i + j] == needle[j] { j += 1 }
                if j == needle.count {
                    let inside = bounds.map { i >= $0.0 && i + needle.count <= $0.1 } ?? false
                    let key = (inside ? 0 : 1, abs(i - e.trigger.start))
                    if key < bestKey { bestKey = key; best = (i, i + needle.count) }
                }
            }
            i += 1
        }
        return best
    }
}

/// Writes a brat collection: documents and the configuration files that make brat show them.
public final class BratCorpus {
    public let directory: URL
    private var eventTypes: Set<String> = []
    private var roles: Set<String> = []
    private var categories: Set<String> = []
    private var weaponCategories: Set<String> = []
    public private(set) var count = 0

    /// Event types, target categories and weapon categories of the document schema, always configured.
    static let schemaEventTypes = ["ATTACK", "BOMBING", "SHELLING", "AIRSTRIKE", "KIDNAPPING", "KILLING", "SIEGE",
                                   "ARREST", "COUP", "WITHDRAWAL", "DEPLOYMENT", "MERGER", "DESIGNATION", "AGREEMENT"]
    static let schemaCategories = ["civilians", "military", "police", "peacekeepers", "government", "foreigners",
                                   "armed group", "infrastructure", "business", "religious", "media", "aid workers"]
    static let schemaWeaponCategories = ["firearms", "explosives", "incendiary", "melee", "unknown"]

    public init(directory: String) throws {
        self.directory = URL(fileURLWithPath: directory)
        do {
            try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError.cannotWrite(path: directory, reason: "\(error)")
        }
    }

    private func write(_ name: String, _ content: String) throws {
        let url = directory.appendingPathComponent(name)
        do { try Data(content.utf8).write(to: url, options: .atomic) } catch {
            throw StoreError.cannotWrite(path: url.path, reason: "\(error)")
        }
    }

    /// Writes NAME.txt, NAME.ann and NAME.rex.json for a document; returns NAME.
    @discardableResult
    public func add(_ doc: Document) throws -> String {
        let name = BratExport.fileName(doc.id)
        try write(name + ".txt", doc.text)
        try write(name + ".ann", BratExport.ann(doc))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try write(name + ".rex.json", String(decoding: try encoder.encode(BratSidecar(doc)), as: UTF8.self) + "\n")
        for e in doc.events {
            eventTypes.insert(e.type)
            for a in e.actors { roles.insert(BratValue.role(a.role)) }
            for t in e.targets { if let c = t.category { categories.insert(c) } }
            for w in e.weapons { weaponCategories.insert(w.category) }
        }
        count += 1
        return name
    }

    /// Writes annotation.conf, visual.conf and tools.conf for every type seen (and the schema's).
    public func finish() throws {
        let names = "ORG|PERSON|PLACE"
        let types = Array(Set(Self.schemaEventTypes).union(eventTypes)).sorted()
        let actorRoles = Array(roles.union(["Perpetrator"])).sorted()
        let cats = Array(Set(Self.schemaCategories).union(categories)).sorted().map(BratValue.encode)
        let weapons = Array(Set(Self.schemaWeaponCategories).union(weaponCategories)).sorted().map(BratValue.encode)
        var conf = """
        # brat annotation types for rex documents (written by rex; `rex import-brat` reads the corrected .ann back).
        # Mentions are DATE/PLACE/ORG/PERSON; coreference is a Coreference arc to the entity's first mention, whose
        # note holds entity=…, name=…, canonical=…; event notes hold counts and ACLED types as key=value | key=value.

        [entities]
        DATE
        PLACE
        ORG
        PERSON
        Target
        Weapon
        Trigger

        [relations]
        Coreference\tArg1:\(names), Arg2:\(names)
        <OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>

        [events]

        """
        let actorArgs = actorRoles.map { "\($0)*:\(names)" }.joined(separator: ", ")
        for t in types {
            conf += "\(t)\t\(actorArgs), Target*:Target|\(names), Place?:PLACE, Date?:DATE, Weapon*:Weapon, Also*:Trigger\n"
        }
        conf += """

        [attributes]
        Nominal\tArg:\(names)
        Kind\tArg:Target, Value:people|property
        Category\tArg:Target, Value:\(cats.joined(separator: "|"))
        WeaponCategory\tArg:Weapon, Value:\(weapons.joined(separator: "|"))

        """
        try write("annotation.conf", conf)
        try write("visual.conf", """
        [labels]
        DATE | Date
        PLACE | Place
        ORG | Organization | Org
        PERSON | Person
        Coreference | Coreference | Coref

        [drawing]
        SPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken
        ARC_DEFAULT\tcolor:black, arrowHead:triangle-5
        DATE\tbgColor:#ffd27f
        PLACE\tbgColor:#9fe2bf
        ORG\tbgColor:#9ec5fe
        PERSON\tbgColor:#f5b7d5
        Target\tbgColor:#e0e0e0
        Weapon\tbgColor:#f4a6a6
        Trigger\tbgColor:#d9d2e9
        Coreference\tcolor:#888888, dashArray:3-3

        """)
        try write("tools.conf", """
        [normalization]
        geonames\t<URL>:https://www.geonames.org/, <URLBASE>:https://www.geonames.org/%s

        """)
    }
}
