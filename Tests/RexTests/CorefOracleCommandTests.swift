import Foundation
import RexModel
import XCTest

/// `rex coref-oracle`: gold names in, the gold's own nominal mentions and entities dropped, coreference's out.
final class CorefOracleCommandTests: XCTestCase {
    func testOracleNamesKeepTheirKeysAndNominalsComeFromTheStage() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("rex-oracle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        // "Katiba" tells the type even without organizations.tsv.
        let text = "Katiba Macina attacked Boni. The group then left. Katiba Macina denied it."
        var gold = Document(id: "g1", text: text)
        gold.mentions = [
            Mention(id: "M1", start: 0, end: 13, text: "Katiba Macina", type: .org, entity: "E1"),
            Mention(id: "M2", start: 23, end: 27, text: "Boni", type: .place, entity: "E2",
                    place: PlaceRef(id: "geonames:2461000", name: "Boni", country: "ML")),
            Mention(id: "M3", start: 29, end: 38, text: "The group", type: .org, entity: "E1", nominal: true),
            Mention(id: "M4", start: 50, end: 63, text: "Katiba Macina", type: .org, entity: "E1"),
        ]
        gold.entities = [Entity(id: "E1", type: .org, canonical: "org:katiba-macina", name: "Katiba Macina", mentions: ["M1", "M3", "M4"]),
                         Entity(id: "E2", type: .place, canonical: "geonames:2461000", name: "Boni", mentions: ["M2"])]
        try JSONEncoder().encode(gold).write(to: tmp.appendingPathComponent("g1.json"))

        let run = try RexBinary.run(["coref-oracle", "--gold", tmp.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let doc = try JSONDecoder().decode(Document.self, from: Data(run.stdout.utf8))
        let group = try XCTUnwrap(doc.mentions.first { $0.text == "The group" })
        let names = doc.mentions.filter { $0.text == "Katiba Macina" }
        XCTAssertEqual(names.count, 2)
        XCTAssertEqual(names[0].entity, names[1].entity, "the gold key joins them")
        XCTAssertEqual(group.entity, names[0].entity)
        XCTAssertTrue(group.isNominal)
        XCTAssertTrue(group.id.hasPrefix("C"), "the stage's mention, not the gold's M3")
        XCTAssertNotNil(doc.mentions.first { $0.text == "Boni" }?.entity)
    }
}
