import Foundation
import RexIngest
import RexModel
import RexTestSupport
import XCTest
@testable import RexStore

/// Paths inside the repository, found from this file's location (tests read only the repository).
enum Repo {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The gold documents of Corpus/gold: real, fully annotated documents to store and convert.
    static func goldDocuments() throws -> [Document] {
        let dir = root.appendingPathComponent("Corpus/gold")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") }.sorted()
        return try names.map { try JSONDecoder().decode(Document.self, from: Data(contentsOf: dir.appendingPathComponent($0))) }
    }
}

/// A temporary folder removed at the end of the test.
func temporaryDirectory(_ test: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rex-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}

/// A small hand-made document exercising every field the store, the fact tables and BRAT carry.
func sampleDocument(id: String = "sample", text extra: String = "") -> Document {
    let text = "Attack near Sévaré\nOn March 25, 2020, JNIM fighters and Islamic State Sahel militants attacked "
        + "the village of Ogossagou near Sévaré, killing 12 civilians, \"the villagers\" said, and burned a truck.\n"
        + "The group said it used a car bomb.\(extra)"
    let s = ScalarText(text)
    func span(_ words: String, _ occurrence: Int = 1) -> (Int, Int) { Sample(text).span(words, occurrence: occurrence) }
    var doc = Document(id: id, text: text, title: "Attack near Sévaré", dct: "2020-03-27",
                       source: Source(path: "reports/\(id).txt", format: "text", sha256: SHA256.hex(Array(text.utf8))))
    doc.sections = [Section(start: 0, end: s.count, heading: "Attack near Sévaré")]
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    var offset = 0
    for l in lines {
        let n = l.unicodeScalars.count
        doc.sentences.append(Sentence(start: offset, end: offset + n))
        offset += n + 1
    }
    func mention(_ id: String, _ words: String, _ type: MentionType, occurrence: Int = 1, entity: String? = nil,
                 nominal: Bool? = nil, timex: Timex? = nil, place: PlaceRef? = nil, confidence: Double? = nil) -> Mention {
        let (a, b) = span(words, occurrence)
        return Mention(id: id, start: a, end: b, text: words, type: type, entity: entity, nominal: nominal,
                       timex: timex, place: place, confidence: confidence)
    }
    let sevare = PlaceRef(id: "geonames:2451478", name: "Sévaré", country: "ML", admin1: "Mopti", lat: 14.5353, lon: -4.0970)
    doc.mentions = [
        mention("M1", "Sévaré", .place, entity: "E3", place: sevare),
        mention("M2", "March 25, 2020", .date, timex: Timex(type: "DATE", value: "2020-03-25"), confidence: 0.9),
        mention("M3", "JNIM", .org, entity: "E1"),
        mention("M4", "Islamic State Sahel", .org, entity: "E2"),
        mention("M5", "Ogossagou", .place, entity: "E4",
                place: PlaceRef(id: "place:ogossagou", name: "Ogossagou", country: "ML", admin1: "Mopti", lat: 14.27, lon: -3.98)),
        mention("M6", "Sévaré", .place, occurrence: 2, entity: "E3", place: sevare),
        mention("M7", "The group", .org, entity: "E1", nominal: true),
    ]
    doc.entities = [
        Entity(id: "E1", type: .org, canonical: "org:jnim", name: "Jama'at Nusrat al-Islam wal-Muslimin", mentions: ["M3", "M7"]),
        Entity(id: "E2", type: .org, canonical: "org:isgs", name: "Islamic State Sahel", mentions: ["M4"]),
        Entity(id: "E3", type: .place, canonical: "geonames:2451478", name: "Sévaré", mentions: ["M1", "M6"]),
        Entity(id: "E4", type: .place, canonical: nil, name: "Ogossagou", mentions: ["M5"]),
    ]
    let (ta, tb) = span("attacked")
    var e = Event(id: "V1", type: "ATTACK", trigger: TextSpan(start: ta, end: tb, text: "attacked"), sentence: 1)
    e.date = EventDate(value: "2020-03-25", mention: "M2")
    e.place = EventPlace(mention: "M5", id: "place:ogossagou", name: "Ogossagou", lat: 14.27, lon: -3.98)
    e.actors = [EventActor(role: "perpetrator", entity: "E1", name: "Jama'at Nusrat al-Islam wal-Muslimin"),
                EventActor(role: "perpetrator", entity: "E2", name: "Islamic State Sahel", uncertain: true)]
    e.targets = [EventTarget(text: "12 civilians", entity: nil, kind: "people", category: "civilians"),
                 EventTarget(text: "a truck", entity: nil, kind: "property", category: "business")]
    e.weapons = [EventWeapon(text: "car bomb", category: "explosives")]
    e.fatalities = 12
    e.acled = Acled(eventType: "Violence against civilians", subEventType: "Attack", interaction: "Rebel group-Civilians")
    let (ka, kb) = span("killing")
    e.also = [TextSpan(start: ka, end: kb, text: "killing")]
    var e2 = Event(id: "V2", type: "BOMBING", trigger: TextSpan(start: span("car bomb").0, end: span("car bomb").1, text: "car bomb"),
                   sentence: 2)
    e2.date = EventDate(value: "2020-03", mod: "END", fallback: "document")
    e2.actors = [EventActor(role: "perpetrator", entity: "E1", name: "JNIM")]
    e2.targets = [EventTarget(text: "a convoy that is not in the text", entity: nil, kind: "property", category: nil)]
    e2.countMod = "MORE_THAN"
    e2.injured = 3
    doc.events = [e, e2]
    return doc
}

/// The PostgreSQL server tests write to: REX_TEST_POSTGRES_URL (scripts/test.sh starts one and sets it).
/// Under CI (CI=true) a missing server is a failure, elsewhere the test is skipped with a message.
func postgresServerURL(file: StaticString = #filePath, line: UInt = #line) throws -> String {
    if let url = ProcessInfo.processInfo.environment["REX_TEST_POSTGRES_URL"], !url.isEmpty { return url }
    let message = "REX_TEST_POSTGRES_URL is not set: start a server with `eval \"$(bash scripts/postgres-test-server.sh start)\"`"
    if ProcessInfo.processInfo.environment["CI"] == "true" {
        XCTFail("CI=true but " + message, file: file, line: line)
    }
    throw XCTSkip(message)
}

/// A fresh, empty database on the test server, dropped at the end of the test.
func freshPostgresDatabase(_ test: XCTestCase) async throws -> String {
    let server = try postgresServerURL()
    let name = "rex_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
    let admin = try await PostgresDatabase.connect(url: server)
    try await admin.execute("CREATE DATABASE \(name)")
    try await admin.close()
    test.addTeardownBlock {
        if let admin = try? await PostgresDatabase.connect(url: server) {
            try? await admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            try? await admin.close()
        }
    }
    var c = URLComponents(string: server)!
    c.path = "/" + name
    return c.string!
}

/// Every row of every table, columns in schema order, rows sorted: what two databases must agree on.
/// Timestamps and run numbers differ between runs and are left out.
func allRows(_ store: DocumentStore) async throws -> [String: [[SQLValue]]] {
    var out: [String: [[SQLValue]]] = [:]
    for t in Schema.documentTables {
        let columns = t.columns.filter { $0.type != .timestamp && $0.name != "run" }
        let select = columns.map { c -> String in
            c.type == .date ? "CAST(\(c.name) AS TEXT)" : c.name
        }.joined(separator: ", ")
        let rows = try await store.database.query("SELECT \(select) FROM \(t.name)")
        out[t.name] = rows.sorted { $0.description < $1.description }
    }
    return out
}

/// Row counts per table.
func counts(_ store: DocumentStore) async throws -> [String: Int] {
    var out: [String: Int] = [:]
    for t in Schema.documentTables + [Schema.provenance] {
        out[t.name] = try await store.database.query("SELECT COUNT(*) FROM \(t.name)").first?.first?.int ?? -1
    }
    return out
}

/// Asserts two documents are equal, naming the first part that differs (a whole-document dump is unreadable).
func assertSameDocument(_ a: Document?, _ b: Document?, _ label: String = "", file: StaticString = #filePath, line: UInt = #line) {
    guard let a, let b else { return XCTAssertTrue(a == nil && b == nil, "\(label): one document is missing", file: file, line: line) }
    if a == b { return }
    func first<T: Equatable>(_ name: String, _ x: [T], _ y: [T]) -> Bool {
        if x == y { return false }
        if x.count != y.count { XCTFail("\(label) \(name): \(x.count) vs \(y.count) items", file: file, line: line); return true }
        for (i, (p, q)) in zip(x, y).enumerated() where p != q {
            XCTFail("\(label) \(name)[\(i)]:\n  \(p)\n  \(q)", file: file, line: line); return true
        }
        return false
    }
    if first("mentions", a.mentions, b.mentions) || first("entities", a.entities, b.entities)
        || first("events", a.events, b.events) || first("sentences", a.sentences, b.sentences)
        || first("sections", a.sections, b.sections) { return }
    XCTFail("\(label): documents differ outside mentions, entities, events, sentences and sections:\n  "
            + "\(a.id) \(String(describing: a.source)) \(a.title ?? "-") \(a.dct ?? "-")\n  "
            + "\(b.id) \(String(describing: b.source)) \(b.title ?? "-") \(b.dct ?? "-") text equal: \(a.text == b.text)",
            file: file, line: line)
}
