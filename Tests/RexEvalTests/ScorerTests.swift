import Foundation
import RexModel
import RexTestSupport
import XCTest
@testable import RexEval

final class ScorerTests: XCTestCase {
    let a = Sample("JNIM attacked Kati on March 25.")
    let b = Sample("Soldiers left Gao.")

    func corpus() -> (gold: [Document], pred: [Document]) {
        let kati = PlaceRef(id: "geonames:1", name: "Kati", lat: 12.744, lon: -8.073)
        let goldA = a.document("a", mentions: [a.mention("M1", "JNIM", .org, entity: "E1"),
                                               a.mention("M2", "Kati", .place, entity: "E2", place: kati),
                                               a.mention("M3", "March 25", .date, value: "2020-03-25")])
        let goldB = b.document("b", mentions: [b.mention("M1", "Gao", .place, entity: "E1")])
        // Document a: JNIM and Kati right, the date missed. Document b: no prediction at all.
        let predA = a.document("a", mentions: [a.mention("X1", "JNIM", .org, entity: "Q1"),
                                               a.mention("X2", "Kati", .place, entity: "Q2", place: kati)])
        let extra = b.document("zz")
        return ([goldA, goldB], [predA, extra])
    }

    func testDocumentScoresAddUpToTheTotal() {
        let (gold, pred) = corpus()
        let r = Scorer().score(gold: gold, pred: pred)
        XCTAssertEqual(r.documents.map(\.id), ["a", "b"])
        // All mentions, relaxed: document a tp 2, fn 1; document b fn 1 → P 2/2, R 2/4, F1 2/3.
        assertPRF(r.documents[0].scores.mentions.allTypes.relaxed, p: 1, r: 2.0 / 3, f: 0.8, "a")
        assertPRF(r.total.mentions.allTypes.relaxed, p: 1, r: 0.5, f: 2.0 / 3, "total")
        XCTAssertEqual(r.metrics["mentions.all.relaxed.f1"]!, 2.0 / 3, accuracy: 1e-9)
        // PLACE: Kati found and linked; Gao missed → link accuracy 1/1, PLACE relaxed R 1/2.
        XCTAssertEqual(r.total.places.accuracy, Ratio(correct: 1, total: 1))
        XCTAssertEqual(r.metrics["mentions.PLACE.relaxed.f1"]!, 2.0 / 3, accuracy: 1e-9)
        XCTAssertEqual(r.documents[1].warnings.count, 1, "b has no prediction")
        XCTAssertEqual(r.unmatchedPredictions, ["zz"])
        XCTAssertNil(r.errors, "errors are listed only when asked")
    }

    func testErrorsComeWithTheirContext() {
        let (gold, pred) = corpus()
        let r = Scorer(contextWidth: 9, collectErrors: true).score(gold: gold, pred: pred)
        let errors = r.errors!
        XCTAssertEqual(errors.count, 2)
        let date = errors.first { $0.document == "a" }!
        XCTAssertEqual(date.kind, .falseNegative)
        XCTAssertEqual(date.type, "DATE")
        XCTAssertEqual(date.text, "March 25")
        XCTAssertEqual(date.left, "ed Kati on ".suffix(9).description)
        XCTAssertEqual(date.right, ".")
        XCTAssertTrue(r.text(includeErrors: true).contains("⟦March 25⟧"))
    }

    func testTheReportRoundTripsThroughJSON() throws {
        let (gold, pred) = corpus()
        let r = Scorer(collectErrors: true).score(gold: gold, pred: pred)
        let data = try JSONEncoder().encode(r)
        XCTAssertEqual(try JSONDecoder().decode(EvalReport.self, from: data), r)
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let total = object["total"] as! [String: Any]
        let dates = total["dates"] as! [String: Any]
        let value = dates["value"] as! [String: Any]
        XCTAssertEqual(value["f1"] as? Double, 0, "derived figures are written next to the counts")
        XCTAssertEqual(value["fn"] as? Double, 1)
    }

    func testEveryMetricNamesTheLayersItNeeds() {
        for name in LayerScores().metrics.keys {
            XCTAssertFalse(LayerScores.layers(ofMetric: name).isEmpty, name)
        }
        XCTAssertEqual(LayerScores.layers(ofMetric: "mentions.PERSON.relaxed.f1"), [.people])
        XCTAssertEqual(LayerScores.layers(ofMetric: "coref.b3.f1"), [.coreference])
    }
}
