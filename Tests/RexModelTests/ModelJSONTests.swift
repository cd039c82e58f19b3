import Foundation
import XCTest
@testable import RexModel

/// The model types' direct JSON writers (ModelJSON.swift) against Foundation's encoder and CompactJSON's
/// generic path, on a document where every optional is set and every list holds something. If a stored
/// property is added to a model type, `testTheFullDocumentSetsEveryField` fails until the document below sets
/// it, and then the comparisons fail until the type's writer writes it.
final class ModelJSONTests: XCTestCase {
    /// Stored properties that are working data, not part of the JSON, by type.
    let notEncoded: [String: Set<String>] = ["Document": ["tokens", "paragraphs", "scalars", "caseless"]]

    func foundation<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    func direct<T: JSONBytesWritable>(_ value: T) throws -> String {
        var out = JSONBytes(capacity: 0)
        try value.writeJSON(to: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    func generic<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try CompactJSON.treeBytes(value), as: UTF8.self)
    }

    /// A document with every field of every model type set, odd characters and numbers included.
    func fullDocument() -> Document {
        var doc = Document(id: "d\"1/é", text: "Gao,\n\t\"14 mars\" 😀 \\ \u{1}", title: "Titre",
                           dct: "2024-03-15", source: Source(path: "/a/b.txt", format: "text", sha256: "ab12"))
        doc.sections = [Section(start: 0, end: 10, heading: "Nord")]
        doc.sentences = [Sentence(start: 0, end: 10), Sentence(start: 11, end: 20)]
        doc.mentions = [
            Mention(id: "M1", start: 0, end: 3, text: "Gao", type: .place, entity: "E1", nominal: false,
                    timex: Timex(type: "DATE", value: "2024-03-14", mod: "START", end: "2024-03-20", anchor: "dct"),
                    place: PlaceRef(id: "geo:1", name: "Gao", country: "ML", admin1: "Gao", lat: 16.27167, lon: -0.04),
                    confidence: 0.89),
            Mention(id: "M2", start: 5, end: 12, text: "14 mars", type: .date, entity: "E6", nominal: true,
                    timex: Timex(type: "DURATION", value: "P3D", mod: "", end: "", anchor: "section"),
                    place: PlaceRef(id: "", name: "", country: "", admin1: "", lat: -0.0, lon: 5e-324),
                    confidence: 1),
        ]
        doc.entities = [Entity(id: "E1", type: .place, canonical: "geo:1", name: "Gao", mentions: ["M1", "M3"])]
        var event = Event(id: "V1", type: "ATTACK", trigger: TextSpan(start: 4, end: 9, text: "attaque"), sentence: 1)
        event.date = EventDate(value: "2024-03-14", end: "2024-03-15", mod: "APPROX", mention: "M2", fallback: "paragraph")
        event.place = EventPlace(mention: "M1", id: "geo:1", name: "Gao", lat: 1e-7, lon: 123456789, fallback: "section")
        event.actors = [EventActor(role: "perpetrator", entity: "E2", name: "JNIM", uncertain: true, start: 1, end: 2)]
        event.targets = [EventTarget(text: "soldats", entity: "E3", kind: "military", category: "army", start: 3, end: 4)]
        event.weapons = [EventWeapon(text: "IED", category: "explosive", start: 5, end: 6)]
        event.fatalities = 12
        event.injured = -3
        event.abducted = 1_000_000
        event.countMod = "at least"
        event.acled = Acled(eventType: "Battles", subEventType: "Armed clash", interaction: "13")
        event.gtd = GTDAttack(id: 2, name: "Armed Assault")
        event.modality = "claimed"
        event.also = [TextSpan(start: 30, end: 35, text: "assaut")]
        doc.events = [event]
        doc.relations = [Relation(id: "R1", type: "merged-into",
                                  subject: RelationArgument(entity: "E4", text: "AQIM", start: 40, end: 44),
                                  object: RelationArgument(entity: "E5", text: "JNIM", start: 50, end: 54),
                                  date: "2017-03", trigger: TextSpan(start: 45, end: 49, text: "form"), sentence: 1)]
        doc.tokens = [Token(start: 0, end: 3, kind: .word, folded: "gao")]
        doc.paragraphs = [Span(start: 0, end: 20)]
        return doc
    }

    /// Calls `visit` with the path and value of every stored property of the model types inside `value`.
    func walk(_ value: Any, _ path: String, _ visit: (String, Mirror.Child) -> Void) {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            if let some = mirror.children.first { walk(some.value, path, visit) }
        case .collection:
            for (k, item) in mirror.children.enumerated() { walk(item.value, "\(path)[\(k)]", visit) }
        case .struct where String(reflecting: type(of: value)).hasPrefix("RexModel."):
            let typeName = String(describing: type(of: value))
            for child in mirror.children where !(notEncoded[typeName]?.contains(child.label ?? "") ?? false) {
                let childPath = "\(path).\(child.label ?? "?")"
                visit(childPath, child)
                walk(child.value, childPath, visit)
            }
        default:
            break
        }
    }

    func testTheFullDocumentSetsEveryField() {
        var checked = 0
        walk(fullDocument(), "document") { path, child in
            checked += 1
            let mirror = Mirror(reflecting: child.value)
            if mirror.displayStyle == .optional {
                XCTAssertFalse(mirror.children.isEmpty, "\(path) is nil: set it in fullDocument()")
            } else if mirror.displayStyle == .collection {
                XCTAssertFalse(mirror.children.isEmpty, "\(path) is empty: give it an item in fullDocument()")
            }
        }
        XCTAssertGreaterThan(checked, 100)
    }

    func testEveryEncodedStoredPropertyIsAKeyOfTheDirectJSON() throws {
        let doc = fullDocument()
        var properties = 0
        walk(doc, "document") { _, _ in properties += 1 }
        func keys(_ json: Any) -> Int {
            if let object = json as? [String: Any] { return object.count + object.values.map(keys).reduce(0, +) }
            if let list = json as? [Any] { return list.map(keys).reduce(0, +) }
            return 0
        }
        let json = try JSONSerialization.jsonObject(with: Data(try direct(doc).utf8))
        XCTAssertEqual(keys(json), properties)
    }

    func testTheFullDocumentComesOutAsFoundationAndTheGenericPathWriteIt() throws {
        let doc = fullDocument()
        let expected = try foundation(doc)
        XCTAssertEqual(try direct(doc), expected)
        XCTAssertEqual(try generic(doc), expected)
        XCTAssertEqual(try CompactJSON.encode(doc), expected)
        XCTAssertEqual(try CompactJSON.bytes(doc, terminator: "\n"), Array((expected + "\n").utf8))
        // Each part on its own, so that a failure names the type.
        XCTAssertEqual(try direct(doc.mentions[0]), try foundation(doc.mentions[0]))
        XCTAssertEqual(try direct(doc.events[0]), try foundation(doc.events[0]))
        XCTAssertEqual(try direct(doc.relations[0]), try foundation(doc.relations[0]))
        XCTAssertEqual(try direct(doc.entities[0]), try foundation(doc.entities[0]))
    }

    func testFieldsLeftOutOrNullAsTheirEncodersDo() throws {
        var doc = Document(id: "empty", text: "")
        doc.mentions = [Mention(id: "M1", start: 0, end: 0, text: "", type: .org,
                                place: PlaceRef(id: "p", name: "n"), confidence: 0)]
        doc.events = [Event(id: "V1", type: "KILLING", trigger: TextSpan(start: 0, end: 0, text: ""), sentence: 0)]
        doc.events[0].date = EventDate(value: "XXXX")
        doc.events[0].place = EventPlace()
        doc.events[0].actors = [EventActor(role: "r", entity: nil, name: "n")]
        doc.events[0].targets = [EventTarget(text: "t", entity: nil, kind: "k", category: nil)]
        doc.events[0].weapons = [EventWeapon(text: "w", category: "c")]
        doc.events[0].acled = Acled(eventType: "a", subEventType: "b")
        doc.entities = [Entity(id: "E1", type: .person, canonical: nil, name: "x", mentions: [])]
        doc.sections = [Section(start: 0, end: 0, heading: nil)]
        XCTAssertEqual(try direct(doc), try foundation(doc))
        XCTAssertEqual(try CompactJSON.encode(doc), try foundation(doc))
        doc.source = Source(path: nil, format: "html", sha256: nil)
        XCTAssertEqual(try CompactJSON.encode(doc), try foundation(doc))
    }

    func testNotANumberInADocumentIsTheGenericPathsError() throws {
        var doc = fullDocument()
        doc.mentions[0].place?.lat = .infinity
        XCTAssertThrowsError(try CompactJSON.bytes(doc)) { error in
            XCTAssertTrue("\(error)".contains("place.lat"), "\(error)")
        }
    }
}
