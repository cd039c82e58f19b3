import XCTest
@testable import RexModel

private struct FakeStage: Stage {
    let name: String
    let requires: Set<Layer>
    let adds: Set<Layer>
    func process(_ document: inout Document) throws {
        document.title = (document.title ?? "") + name
    }
}

private struct FailingStage: Stage {
    struct Boom: Error {}
    let name = "boom"
    let requires: Set<Layer> = [.text]
    let adds: Set<Layer> = []
    func process(_ document: inout Document) throws { throw Boom() }
}

final class PipelineTests: XCTestCase {
    func testRefusesAStageBeforeWhatItNeeds() {
        let tokens = FakeStage(name: "tokenizer", requires: [.text], adds: [.tokens])
        let dates = FakeStage(name: "dates", requires: [.tokens], adds: [.dates])
        XCTAssertThrowsError(try Pipeline([dates, tokens])) { error in
            XCTAssertEqual(error as? PipelineError,
                           .missingLayer(stage: "dates", layer: .tokens, addedBy: ["tokenizer"]))
            XCTAssertTrue("\(error)".contains("add tokenizer before it"))
        }
    }

    func testAcceptsAnOrderThatMeetsEveryRequirementAndRunsStagesInOrder() throws {
        let p = try Pipeline([
            FakeStage(name: "a", requires: [.text], adds: [.tokens]),
            FakeStage(name: "b", requires: [.tokens], adds: [.dates]),
        ])
        XCTAssertEqual(p.produces, [.text, .sections, .tokens, .dates])
        var doc = Document(id: "d", text: "x")
        try p.run(&doc)
        XCTAssertEqual(doc.title, "ab")
    }

    func testReportsALayerNoStageAdds() {
        XCTAssertThrowsError(try Pipeline([FakeStage(name: "events", requires: [.coreference], adds: [.events])])) {
            XCTAssertTrue("\($0)".contains("no stage in this pipeline adds it"))
        }
    }

    func testRefusesTheSameStageTwice() {
        let a = FakeStage(name: "a", requires: [], adds: [])
        XCTAssertThrowsError(try Pipeline([a, a])) { XCTAssertEqual($0 as? PipelineError, .duplicateStage("a")) }
    }

    func testAStageFailureNamesTheStageAndTheDocument() throws {
        let p = try Pipeline([FailingStage()])
        var doc = Document(id: "report-7", text: "x")
        XCTAssertThrowsError(try p.run(&doc)) { error in
            guard case let .stageFailed(stage, document, _)? = error as? PipelineError else { return XCTFail("\(error)") }
            XCTAssertEqual(stage, "boom")
            XCTAssertEqual(document, "report-7")
        }
    }
}

final class DocumentJSONTests: XCTestCase {
    func testEncodesTheSchemaFieldsAndLeavesWorkingDataOut() throws {
        var doc = Document(id: "d1", text: "JNIM attacked.", dct: "2020")
        doc.tokens = [Token(start: 0, end: 4, kind: .word, folded: "jnim")]
        doc.mentions = [Mention(id: "O1", start: 0, end: 4, text: "JNIM", type: .org, entity: "E1")]
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(doc)) as! [String: Any]
        XCTAssertEqual(json["schema"] as? String, "document/1")
        XCTAssertNil(json["tokens"])
        XCTAssertNil(json["paragraphs"])
        XCTAssertTrue(json.keys.contains("title"), "null fields are written, not dropped")
        let back = try JSONDecoder().decode(Document.self, from: JSONEncoder().encode(doc))
        XCTAssertEqual(back.mentions, doc.mentions)
        XCTAssertEqual(back.dct, "2020")
    }

    func testScalarSlicingCountsCodePointsOutsideTheBMP() {
        let text = ScalarText("a😀b Ségou")
        XCTAssertEqual(text.count, 9)
        XCTAssertEqual(text.slice(1, 2), "😀")
        XCTAssertEqual(text.slice(4, 9), "Ségou")
        let mixed = "\u{0}Ké\u{7F}\u{80}\u{7FF}\u{800}ⵜ\u{FFFF}\u{10000}😀\u{10FFFF} end"
        XCTAssertEqual(ScalarText(mixed).scalars, Array(mixed.unicodeScalars), "every UTF-8 length decoded")
    }
}
