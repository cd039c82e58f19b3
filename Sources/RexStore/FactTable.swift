import Foundation
import RexModel

/// Fact tables: one row per event with ACLED-like columns, and one row per relation.
///
/// Built from the same rows the database holds (`DocumentRows`), so that exporting from a database and from
/// JSON Lines gives the same table. Event columns:
///
/// | column | what |
/// | --- | --- |
/// | event_id | `document id:event id` |
/// | event_date, date_precision | first day of the event's date; ACLED time precision 1 day, 2 week/part of month, 3 month or vaguer (`FactRules`) |
/// | event_type, sub_event_type, interaction | the ACLED codebook mapping of the event |
/// | actor1, assoc_actor_1 | the first perpetrator; the other perpetrators, `; `-separated (entity names where linked) |
/// | actor2 | the first non-perpetrator actor, else the first people target (entity name, else its category, else its words) |
/// | country, admin1, admin2, location, latitude, longitude, geo_precision | the event place from the gazetteer; geo precision 1 town, 2 place from context, 3 region or wider |
/// | fatalities, injured, abducted | counts as stated, empty when unknown |
/// | source_document, notes | the document id; the sentence that states the event |
/// | rex_type, count_mod | rex's own event type; MORE_THAN/LESS_THAN when a count is a bound |
public enum FactTable {
    public static let eventColumns = [
        "event_id", "event_date", "date_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
        "actor2", "interaction", "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
        "fatalities", "injured", "abducted", "source_document", "notes", "rex_type", "count_mod",
    ]

    public static let relationColumns = [
        "relation_id", "relation_type", "subject", "subject_canonical", "object", "object_canonical", "date",
        "source_document", "notes",
    ]

    /// Event rows of one document, in event order; each row's values are in `eventColumns` order.
    public static func events(_ rows: DocumentRows, documentID: String) -> [[SQLValue]] {
        let names = Dictionary(rows[Schema.entities].compactMap { r -> (String, String)? in
            guard let id = r["entity_id"]?.string, let n = r["name"]?.string else { return nil }
            return (id, n)
        }, uniquingKeysWith: { a, _ in a })
        var args: [String: [Row]] = [:]
        for a in rows[Schema.eventArguments] { args[a["event_id"]?.string ?? "", default: []].append(a) }
        let events = rows[Schema.events].sorted { ($0["idx"]?.int ?? 0) < ($1["idx"]?.int ?? 0) }
        return events.map { e in
            let eid = e["event_id"]?.string ?? ""
            let mine = (args[eid] ?? []).sorted { ($0["idx"]?.int ?? 0) < ($1["idx"]?.int ?? 0) }
            func name(_ a: Row) -> String {
                a["entity_id"]?.string.flatMap { names[$0] } ?? a["text"]?.string ?? ""
            }
            let actors = mine.filter { $0["kind"]?.string == "actor" }
            let perpetrators = actors.filter { $0["role"]?.string == "perpetrator" }
            let others = actors.filter { $0["role"]?.string != "perpetrator" }
            var actor2: String? = others.first.map(name)
            if actor2 == nil, let t = mine.first(where: { $0["kind"]?.string == "target" && $0["role"]?.string == "people" }) {
                if let id = t["entity_id"]?.string, let n = names[id] { actor2 = n }
                else if let c = t["category"]?.string, !c.isEmpty { actor2 = c.prefix(1).uppercased() + c.dropFirst() }
                else { actor2 = t["text"]?.string }
            }
            let assoc = perpetrators.dropFirst().map(name).joined(separator: "; ")
            let v: [String: SQLValue] = [
                "event_id": .text(documentID + ":" + eid),
                "event_date": e["event_date"] ?? .null, "date_precision": e["date_precision"] ?? .null,
                "event_type": e["acled_event_type"] ?? .null, "sub_event_type": e["acled_sub_event_type"] ?? .null,
                "actor1": SQLValue(perpetrators.first.map(name)), "assoc_actor_1": assoc.isEmpty ? .null : .text(assoc),
                "actor2": SQLValue(actor2), "interaction": e["acled_interaction"] ?? .null,
                "country": e["country"] ?? .null, "admin1": e["admin1"] ?? .null, "admin2": e["admin2"] ?? .null,
                "location": e["location"] ?? .null, "latitude": e["latitude"] ?? .null,
                "longitude": e["longitude"] ?? .null, "geo_precision": e["geo_precision"] ?? .null,
                "fatalities": e["fatalities"] ?? .null, "injured": e["injured"] ?? .null,
                "abducted": e["abducted"] ?? .null, "source_document": .text(documentID),
                "notes": e["notes"] ?? .null, "rex_type": e["type"] ?? .null, "count_mod": e["count_mod"] ?? .null,
            ]
            return eventColumns.map { v[$0] ?? .null }
        }
    }

    /// Relation rows of one document; `sentences` gives the text of each sentence for the notes column.
    public static func relations(_ rows: DocumentRows, documentID: String, sentences: [String] = []) -> [[SQLValue]] {
        let entities = Dictionary(rows[Schema.entities].compactMap { r -> (String, Row)? in
            r["entity_id"]?.string.map { ($0, r) }
        }, uniquingKeysWith: { a, _ in a })
        return rows[Schema.relations].sorted { ($0["idx"]?.int ?? 0) < ($1["idx"]?.int ?? 0) }.map { r in
            let rel = RelationRecord(row: r)
            let subject = rel.subjectEntity.flatMap { entities[$0] }
            let object = rel.objectEntity.flatMap { entities[$0] }
            let note = rel.sentence.flatMap { sentences.indices.contains($0) ? sentences[$0] : nil }
            let v: [String: SQLValue] = [
                "relation_id": .text(documentID + ":" + rel.id), "relation_type": .text(rel.type),
                "subject": .text(subject?["name"]?.string ?? rel.subjectText),
                "subject_canonical": subject?["canonical"] ?? .null,
                "object": .text(object?["name"]?.string ?? rel.objectText),
                "object_canonical": object?["canonical"] ?? .null,
                "date": SQLValue(rel.date), "source_document": .text(documentID), "notes": SQLValue(note),
            ]
            return relationColumns.map { v[$0] ?? .null }
        }
    }

    // MARK: Formats

    /// One CSV record (RFC 4180: fields with commas, quotes or line breaks are quoted, quotes doubled).
    public static func csvLine(_ values: [SQLValue]) -> String {
        values.map { v -> String in
            let s = v.string ?? ""
            guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }

    /// One JSON object with the columns in order; numbers as numbers, empty values as null.
    public static func jsonLine(_ columns: [String], _ values: [SQLValue]) -> String {
        "{" + zip(columns, values).map { c, v in JSONText.string(c) + ":" + JSONText.value(v) }.joined(separator: ",") + "}"
    }
}

/// Writes fact tables as they are produced, one document at a time.
public final class FactWriter {
    private var handles: [(FileHandle, format: Format, table: Table)] = []
    public enum Format: Sendable { case csv, jsonl }
    public enum Table: Sendable { case events, relations }
    public private(set) var eventCount = 0
    public private(set) var relationCount = 0

    public init() {}

    /// Adds an output; CSV outputs get their header line now.
    public func add(path: String, format: Format, table: Table) throws {
        let h: FileHandle
        do { h = try OutputFile.open(path) } catch let e as OutputFileError {
            throw StoreError.cannotWrite(path: path, reason: e.reason)
        }
        handles.append((h, format, table))
        if format == .csv {
            let cols = table == .events ? FactTable.eventColumns : FactTable.relationColumns
            h.write(Data((cols.joined(separator: ",") + "\n").utf8))
        }
    }

    /// Writes one document's events and relations to every output.
    public func add(_ rows: DocumentRows, documentID: String, sentences: [String] = []) {
        let events = FactTable.events(rows, documentID: documentID)
        let relations = FactTable.relations(rows, documentID: documentID, sentences: sentences)
        eventCount += events.count
        relationCount += relations.count
        for (h, format, table) in handles {
            let records = table == .events ? events : relations
            let cols = table == .events ? FactTable.eventColumns : FactTable.relationColumns
            guard !records.isEmpty else { continue }
            var text = ""
            for r in records {
                text += (format == .csv ? FactTable.csvLine(r) : FactTable.jsonLine(cols, r)) + "\n"
            }
            h.write(Data(text.utf8))
        }
    }

    public func close() {
        for (h, _, _) in handles { try? h.close() }
        handles = []
    }
}

/// JSON text for single values, written by hand to keep column order.
enum JSONText {
    static func string(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    static func value(_ v: SQLValue) -> String {
        switch v {
        case .null: return "null"
        case let .int(i): return String(i)
        case let .double(d): return d.isFinite ? String(d) : "null"
        case let .bool(b): return b ? "true" : "false"
        case let .text(s): return string(s)
        }
    }
}

extension DocumentStore {
    /// The tables fact export reads.
    static let factTables = [Schema.events, Schema.eventArguments, Schema.entities, Schema.relations]

    /// Feeds every stored document's fact rows to `writer`, one document at a time.
    public func exportFacts(to writer: FactWriter) async throws {
        for k in try await documentKeys() {
            let rows = try await rows(key: k.key, tables: Self.factTables)
            var sentences: [String] = []
            if !rows[Schema.relations].isEmpty {
                let full = try await self.rows(key: k.key, tables: [Schema.documents, Schema.sentences])
                if let text = full[Schema.documents].first?["text"]?.string {
                    let s = ScalarText(text)
                    sentences = full[Schema.sentences].map { s.slice($0["start_offset"]?.int ?? 0, $0["end_offset"]?.int ?? 0) }
                }
            }
            writer.add(rows, documentID: k.id, sentences: sentences)
        }
    }
}

extension FactWriter {
    /// Writes the facts of a document in memory (from JSON Lines).
    public func add(_ doc: Document) {
        let rows = DocumentRows(doc, origin: Origin.of(doc), run: nil, storedAt: "")
        let text = ScalarText(doc.text)
        add(rows, documentID: doc.id, sentences: doc.sentences.map { text.slice($0.start, $0.end) })
    }
}
