import Foundation
import RexIngest
import RexModel

/// A row as column name → value.
public typealias Row = [String: SQLValue]

/// The rows one document writes into each table, and the document read back from them.
///
/// Rows are built by column name and put in each table's column order when written, so the same mapping
/// serves SQLite, PostgreSQL and the fact tables made straight from JSON Lines.
public struct DocumentRows: Sendable {
    /// The document's key: the first 63 bits of its content hash, so that the same content has the same key in
    /// every database (a clash between two different hashes is refused by the primary key, never merged).
    public var key: Int64
    /// Table name → rows.
    public var tables: [String: [Row]]

    public subscript(_ table: Schema.Table) -> [Row] { tables[table.name] ?? [] }

    /// The key of a document with this content hash (64 hex digits).
    public static func key(sha256: String) -> Int64 {
        var v: UInt64 = 0
        for c in sha256.prefix(16).utf8 {
            let d: UInt64
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt64(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt64(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt64(c - UInt8(ascii: "A") + 10)
            default: d = 0
            }
            v = v << 4 | d
        }
        return Int64(bitPattern: v & 0x7FFF_FFFF_FFFF_FFFF)
    }

    /// The content hash a document is stored under: its source's sha256, or the hash of its text when it has
    /// none (documents read from JSON Lines without a source).
    public static func contentHash(of doc: Document) -> String {
        if let sha = doc.source?.sha256, sha.count == 64 { return sha.lowercased() }
        return SHA256.hex(Array(doc.text.utf8))
    }

    /// Maps a document to rows. `origin` says where it came from (see `Origin`); `run` is its provenance row.
    public init(_ doc: Document, origin: String, run: Int64?, storedAt: String) {
        let sha = Self.contentHash(of: doc)
        key = Self.key(sha256: sha)
        let k = SQLValue.int(key)
        let text = ScalarText(doc.text)
        var t: [String: [Row]] = [:]
        t[Schema.documents.name] = [[
            "doc": k, "origin": .text(origin), "sha256": .text(sha), "doc_id": .text(doc.id),
            "schema": .text(doc.schema), "path": SQLValue(doc.source?.path), "format": SQLValue(doc.source?.format),
            "title": SQLValue(doc.title), "dct": SQLValue(doc.dct), "text": .text(doc.text),
            "run": SQLValue(run), "stored_at": .text(storedAt),
        ]]
        t[Schema.sections.name] = doc.sections.enumerated().map { i, s in
            ["doc": k, "idx": .int(Int64(i)), "start_offset": SQLValue(s.start), "end_offset": SQLValue(s.end),
             "heading": SQLValue(s.heading)]
        }
        t[Schema.sentences.name] = doc.sentences.enumerated().map { i, s in
            ["doc": k, "idx": .int(Int64(i)), "start_offset": SQLValue(s.start), "end_offset": SQLValue(s.end)]
        }
        t[Schema.mentions.name] = doc.mentions.enumerated().map { i, m in
            ["doc": k, "mention_id": .text(m.id), "idx": .int(Int64(i)), "start_offset": SQLValue(m.start),
             "end_offset": SQLValue(m.end), "text": .text(m.text), "type": .text(m.type.rawValue),
             "entity_id": SQLValue(m.entity), "nominal": SQLValue(m.nominal), "confidence": SQLValue(m.confidence),
             "timex_type": SQLValue(m.timex?.type), "timex_value": SQLValue(m.timex?.value),
             "timex_mod": SQLValue(m.timex?.mod), "timex_end": SQLValue(m.timex?.end),
             "timex_anchor": SQLValue(m.timex?.anchor),
             "place_id": SQLValue(m.place?.id), "place_name": SQLValue(m.place?.name),
             "place_country": SQLValue(m.place?.country), "place_admin1": SQLValue(m.place?.admin1),
             "place_lat": SQLValue(m.place?.lat), "place_lon": SQLValue(m.place?.lon)]
        }
        t[Schema.entities.name] = doc.entities.enumerated().map { i, e in
            ["doc": k, "entity_id": .text(e.id), "idx": .int(Int64(i)), "type": .text(e.type.rawValue),
             "canonical": SQLValue(e.canonical), "name": .text(e.name)]
        }
        let mentionsByID = Dictionary(doc.mentions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var placeByID: [String: PlaceRef] = [:]
        for m in doc.mentions { if let p = m.place, placeByID[p.id] == nil { placeByID[p.id] = p } }
        var events: [Row] = []
        var arguments: [Row] = []
        for (i, e) in doc.events.enumerated() {
            events.append(Self.eventRow(e, index: i, key: k, doc: doc, text: text, mentions: mentionsByID,
                                        places: placeByID))
            func arg(_ kind: String, _ j: Int, _ fields: Row) -> Row {
                var r: Row = ["doc": k, "event_id": .text(e.id), "kind": .text(kind), "idx": .int(Int64(j)),
                              "role": .null, "entity_id": .null, "category": .null, "uncertain": .null,
                              "start_offset": .null, "end_offset": .null]
                r.merge(fields) { _, new in new }
                return r
            }
            for (j, a) in e.actors.enumerated() {
                arguments.append(arg("actor", j, ["role": .text(a.role), "entity_id": SQLValue(a.entity),
                                                  "text": .text(a.name), "uncertain": SQLValue(a.uncertain)]))
            }
            for (j, x) in e.targets.enumerated() {
                arguments.append(arg("target", j, ["role": .text(x.kind), "entity_id": SQLValue(x.entity),
                                                   "text": .text(x.text), "category": SQLValue(x.category)]))
            }
            for (j, w) in e.weapons.enumerated() {
                arguments.append(arg("weapon", j, ["text": .text(w.text), "category": .text(w.category)]))
            }
            for (j, s) in (e.also ?? []).enumerated() {
                arguments.append(arg("also", j, ["text": .text(s.text), "start_offset": SQLValue(s.start),
                                                 "end_offset": SQLValue(s.end)]))
            }
        }
        t[Schema.events.name] = events
        t[Schema.eventArguments.name] = arguments
        t[Schema.relations.name] = RelationRecord.records(of: doc).enumerated().map { [key] i, r in r.row(key: key, index: i) }
        tables = t
    }

    static func eventRow(_ e: Event, index: Int, key k: SQLValue, doc: Document, text: ScalarText,
                         mentions: [String: Mention], places: [String: PlaceRef]) -> Row {
        let period = e.date.flatMap { FactRules.period(value: $0.value, end: $0.end, mod: $0.mod) }
        // The place's gazetteer entry: from its mention, else from any mention linked to the same place.
        var ref: PlaceRef? = e.place?.mention.flatMap { mentions[$0]?.place }
        if ref == nil, let id = e.place?.id { ref = places[id] }
        let sentence: String? = doc.sentences.indices.contains(e.sentence)
            ? text.slice(doc.sentences[e.sentence].start, doc.sentences[e.sentence].end) : nil
        return [
            "doc": k, "event_id": .text(e.id), "idx": .int(Int64(index)), "type": .text(e.type),
            "trigger_start": SQLValue(e.trigger.start), "trigger_end": SQLValue(e.trigger.end),
            "trigger_text": .text(e.trigger.text), "sentence_idx": SQLValue(e.sentence),
            "date_value": SQLValue(e.date?.value), "date_end": SQLValue(e.date?.end), "date_mod": SQLValue(e.date?.mod),
            "date_mention": SQLValue(e.date?.mention), "date_fallback": SQLValue(e.date?.fallback),
            "event_date": SQLValue(period?.first), "event_date_end": SQLValue(period?.last),
            "date_precision": SQLValue(period?.precision),
            "place_mention": SQLValue(e.place?.mention), "place_id": SQLValue(e.place?.id),
            "place_name": SQLValue(e.place?.name), "place_lat": SQLValue(e.place?.lat),
            "place_lon": SQLValue(e.place?.lon), "place_fallback": SQLValue(e.place?.fallback),
            "country": SQLValue(ref?.country), "admin1": SQLValue(ref?.admin1), "admin2": .null,
            "location": SQLValue(e.place?.name ?? ref?.name),
            "latitude": SQLValue(e.place?.lat ?? ref?.lat), "longitude": SQLValue(e.place?.lon ?? ref?.lon),
            "geo_precision": SQLValue(e.place == nil ? nil
                : FactRules.geoPrecision(place: ref ?? PlaceRef(id: e.place?.id ?? "", name: e.place?.name ?? ""),
                                         fallback: e.place?.fallback)),
            "fatalities": SQLValue(e.fatalities), "injured": SQLValue(e.injured), "abducted": SQLValue(e.abducted),
            "count_mod": SQLValue(e.countMod),
            "acled_event_type": SQLValue(e.acled?.eventType), "acled_sub_event_type": SQLValue(e.acled?.subEventType),
            "acled_interaction": SQLValue(e.acled?.interaction),
            "notes": SQLValue(sentence),
        ]
    }

    /// The values of `row` in `table`'s column order (missing columns are NULL).
    static func ordered(_ row: Row, _ table: Schema.Table) -> [SQLValue] {
        table.columnNames.map { row[$0] ?? .null }
    }

    /// The statements that store this document: delete what the same origin or the same content stored before
    /// (children go with it), then insert every row. Run them in one transaction.
    public func statements(dialect: SQLDialect) -> [SQLStatement] {
        let doc = self[Schema.documents][0]
        var out = [SQLStatement("DELETE FROM documents WHERE origin = ? OR sha256 = ?",
                                [doc["origin"]!, doc["sha256"]!])]
        for table in Schema.documentTables {
            out += Schema.inserts(table, rows: self[table].map { Self.ordered($0, table) }, dialect: dialect)
        }
        return out
    }

    /// Builds rows from what a database returned: `tables` maps each table name to its rows.
    public init(key: Int64, tables: [String: [Row]]) {
        self.key = key
        self.tables = tables
    }

    /// The document these rows describe.
    public func document() throws -> Document {
        guard let d = self[Schema.documents].first, let id = d["doc_id"]?.string, let text = d["text"]?.string else {
            throw StoreError.corrupt("document \(key) has no documents row")
        }
        var doc = Document(id: id, text: text, title: d["title"]?.string, dct: d["dct"]?.string)
        doc.schema = d["schema"]?.string ?? "document/1"
        if let format = d["format"]?.string {
            doc.source = Source(path: d["path"]?.string, format: format, sha256: d["sha256"]?.string)
        }
        func sorted(_ t: Schema.Table) -> [Row] { self[t].sorted { ($0["idx"]?.int ?? 0) < ($1["idx"]?.int ?? 0) } }
        doc.sections = sorted(Schema.sections).map {
            Section(start: $0["start_offset"]?.int ?? 0, end: $0["end_offset"]?.int ?? 0, heading: $0["heading"]?.string)
        }
        doc.sentences = sorted(Schema.sentences).map {
            Sentence(start: $0["start_offset"]?.int ?? 0, end: $0["end_offset"]?.int ?? 0)
        }
        doc.mentions = try sorted(Schema.mentions).map { r in
            guard let type = r["type"]?.string.flatMap(MentionType.init(rawValue:)) else {
                throw StoreError.corrupt("document \(id): mention \(r["mention_id"]?.string ?? "?") has an unknown type")
            }
            var m = Mention(id: r["mention_id"]?.string ?? "", start: r["start_offset"]?.int ?? 0,
                            end: r["end_offset"]?.int ?? 0, text: r["text"]?.string ?? "", type: type,
                            entity: r["entity_id"]?.string, nominal: r["nominal"]?.bool,
                            confidence: r["confidence"]?.double)
            if let v = r["timex_value"]?.string {
                m.timex = Timex(type: r["timex_type"]?.string ?? "DATE", value: v, mod: r["timex_mod"]?.string,
                                end: r["timex_end"]?.string, anchor: r["timex_anchor"]?.string)
            }
            if let pid = r["place_id"]?.string {
                m.place = PlaceRef(id: pid, name: r["place_name"]?.string ?? "", country: r["place_country"]?.string,
                                   admin1: r["place_admin1"]?.string, lat: r["place_lat"]?.double,
                                   lon: r["place_lon"]?.double)
            }
            return m
        }
        var members: [String: [String]] = [:]
        for m in doc.mentions { if let e = m.entity { members[e, default: []].append(m.id) } }
        doc.entities = try sorted(Schema.entities).map { r in
            let eid = r["entity_id"]?.string ?? ""
            guard let type = r["type"]?.string.flatMap(MentionType.init(rawValue:)) else {
                throw StoreError.corrupt("document \(id): entity \(eid) has an unknown type")
            }
            return Entity(id: eid, type: type, canonical: r["canonical"]?.string, name: r["name"]?.string ?? "",
                          mentions: members[eid] ?? [])
        }
        var args: [String: [Row]] = [:]
        for a in self[Schema.eventArguments] { args[a["event_id"]?.string ?? "", default: []].append(a) }
        doc.events = sorted(Schema.events).map { r in
            let eid = r["event_id"]?.string ?? ""
            var e = Event(id: eid, type: r["type"]?.string ?? "",
                          trigger: TextSpan(start: r["trigger_start"]?.int ?? 0, end: r["trigger_end"]?.int ?? 0,
                                            text: r["trigger_text"]?.string ?? ""),
                          sentence: r["sentence_idx"]?.int ?? 0)
            if let v = r["date_value"]?.string {
                e.date = EventDate(value: v, end: r["date_end"]?.string, mod: r["date_mod"]?.string,
                                   mention: r["date_mention"]?.string, fallback: r["date_fallback"]?.string)
            }
            if ["place_mention", "place_id", "place_name", "place_lat", "place_lon", "place_fallback"]
                .contains(where: { !(r[$0] ?? .null).isNull }) {
                e.place = EventPlace(mention: r["place_mention"]?.string, id: r["place_id"]?.string,
                                     name: r["place_name"]?.string, lat: r["place_lat"]?.double,
                                     lon: r["place_lon"]?.double, fallback: r["place_fallback"]?.string)
            }
            e.fatalities = r["fatalities"]?.int
            e.injured = r["injured"]?.int
            e.abducted = r["abducted"]?.int
            e.countMod = r["count_mod"]?.string
            if let t = r["acled_event_type"]?.string {
                e.acled = Acled(eventType: t, subEventType: r["acled_sub_event_type"]?.string ?? "",
                                interaction: r["acled_interaction"]?.string)
            }
            let mine = (args[eid] ?? []).sorted { ($0["idx"]?.int ?? 0) < ($1["idx"]?.int ?? 0) }
            func of(_ kind: String) -> [Row] { mine.filter { $0["kind"]?.string == kind } }
            e.actors = of("actor").map {
                EventActor(role: $0["role"]?.string ?? "", entity: $0["entity_id"]?.string,
                           name: $0["text"]?.string ?? "", uncertain: $0["uncertain"]?.bool)
            }
            e.targets = of("target").map {
                EventTarget(text: $0["text"]?.string ?? "", entity: $0["entity_id"]?.string,
                            kind: $0["role"]?.string ?? "", category: $0["category"]?.string)
            }
            e.weapons = of("weapon").map {
                EventWeapon(text: $0["text"]?.string ?? "", category: $0["category"]?.string ?? "unknown")
            }
            let also = of("also").map {
                TextSpan(start: $0["start_offset"]?.int ?? 0, end: $0["end_offset"]?.int ?? 0, text: $0["text"]?.string ?? "")
            }
            e.also = also.isEmpty ? nil : also
            return e
        }
        return doc
    }
}

/// A relation between two entities as the store keeps it.
///
/// `Document` has no relations yet; when it gets `relations: [Relation]` (subject/object entity and text with
/// offsets, type, date, trigger, sentence), `records(of:)` maps them here and every table, export and import
/// picks them up. Until then documents have none.
public struct RelationRecord: Sendable, Equatable {
    public var id: String
    public var type: String
    public var subjectEntity: String?
    public var subjectText: String
    public var subjectSpan: (start: Int, end: Int)?
    public var objectEntity: String?
    public var objectText: String
    public var objectSpan: (start: Int, end: Int)?
    public var date: String?
    public var trigger: TextSpan?
    public var sentence: Int?

    public init(id: String, type: String, subjectEntity: String?, subjectText: String, objectEntity: String?,
                objectText: String, date: String? = nil, trigger: TextSpan? = nil, sentence: Int? = nil) {
        self.id = id; self.type = type; self.subjectEntity = subjectEntity; self.subjectText = subjectText
        self.objectEntity = objectEntity; self.objectText = objectText; self.date = date; self.trigger = trigger
        self.sentence = sentence
    }

    public static func == (a: RelationRecord, b: RelationRecord) -> Bool {
        a.id == b.id && a.type == b.type && a.subjectEntity == b.subjectEntity && a.subjectText == b.subjectText
            && a.subjectSpan?.start == b.subjectSpan?.start && a.subjectSpan?.end == b.subjectSpan?.end
            && a.objectEntity == b.objectEntity && a.objectText == b.objectText
            && a.objectSpan?.start == b.objectSpan?.start && a.objectSpan?.end == b.objectSpan?.end
            && a.date == b.date && a.trigger == b.trigger && a.sentence == b.sentence
    }

    /// The document's relations (none until the model carries them).
    public static func records(of doc: Document) -> [RelationRecord] { [] }

    func row(key: Int64, index: Int) -> Row {
        ["doc": .int(key), "relation_id": .text(id), "idx": .int(Int64(index)), "type": .text(type),
         "subject_entity": SQLValue(subjectEntity), "subject_text": .text(subjectText),
         "subject_start": SQLValue(subjectSpan?.start), "subject_end": SQLValue(subjectSpan?.end),
         "object_entity": SQLValue(objectEntity), "object_text": .text(objectText),
         "object_start": SQLValue(objectSpan?.start), "object_end": SQLValue(objectSpan?.end),
         "date_value": SQLValue(date), "trigger_start": SQLValue(trigger?.start), "trigger_end": SQLValue(trigger?.end),
         "trigger_text": SQLValue(trigger?.text), "sentence_idx": SQLValue(sentence)]
    }

    init(row r: Row) {
        id = r["relation_id"]?.string ?? ""
        type = r["type"]?.string ?? ""
        subjectEntity = r["subject_entity"]?.string
        subjectText = r["subject_text"]?.string ?? ""
        if let s = r["subject_start"]?.int, let e = r["subject_end"]?.int { subjectSpan = (s, e) }
        objectEntity = r["object_entity"]?.string
        objectText = r["object_text"]?.string ?? ""
        if let s = r["object_start"]?.int, let e = r["object_end"]?.int { objectSpan = (s, e) }
        date = r["date_value"]?.string
        if let s = r["trigger_start"]?.int, let e = r["trigger_end"]?.int {
            trigger = TextSpan(start: s, end: e, text: r["trigger_text"]?.string ?? "")
        }
        sentence = r["sentence_idx"]?.int
    }
}
