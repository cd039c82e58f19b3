import RexModel
import RexTestSupport
import XCTest
@testable import RexEval

final class DateScoringTests: XCTestCase {
    let s = Sample("On March 25 they struck; in late March they left; in 2012 it began; today it ends.")

    func testValueF1CountsRelaxedMatchesWithTheSameValue() {
        let gold = [s.mention("g1", "March 25", .date, value: "2020-03-25"),
                    s.mention("g2", "late March", .date, value: "2020-03", mod: "END"),
                    s.mention("g3", "2012", .date, value: "2012")]
        let pred = [s.mention("p1", "March 25", .date, value: "2020-03-25"),  // right
                    s.mention("p2", "March", .date, value: "2020-03", occurrence: 2),  // right value, no mod
                    s.mention("p3", "2012", .date, value: "2013"),  // wrong value
                    s.mention("p4", "today", .date, value: "PRESENT_REF")]  // not in gold
        let d = DateScoring.score(gold: gold, pred: pred)
        // 2 right values; P = 2/4, R = 2/3, F1 = 2·(1/2)(2/3)/(1/2 + 2/3) = 4/7.
        assertPRF(d.value, p: 0.5, r: 2.0 / 3, f: 4.0 / 7, "value")
        // Over the 3 relaxed pairs: mod agrees for March 25 and 2012 (none/none), not for late March (END/none).
        XCTAssertEqual(d.mod, Ratio(correct: 2, total: 3))
        XCTAssertEqual(d.type, Ratio(correct: 3, total: 3))
        XCTAssertEqual(d.end, Ratio(correct: 3, total: 3))
    }

    func testValuesCompareWithoutCase() {
        let gold = [s.mention("g", "2012", .date, value: "2020-SP")]
        let pred = [s.mention("p", "2012", .date, value: "2020-sp")]
        XCTAssertEqual(DateScoring.score(gold: gold, pred: pred).value.tp, 1)
    }
}

final class LinkScoringTests: XCTestCase {
    let s = Sample("Fighting in Kati, Mopti and Gao spread across the Sahel.")
    /// Kilometres per degree of latitude on the scoring sphere.
    let kmPerDegree = Geo.earthRadiusKm * Double.pi / 180

    func place(_ id: String, _ lat: Double, _ lon: Double) -> PlaceRef { PlaceRef(id: id, name: id, lat: lat, lon: lon) }

    func testHaversineOfOneDegreeOfLatitude() {
        XCTAssertEqual(Geo.distanceKm(lat1: 0, lon1: 0, lat2: 1, lon2: 0), kmPerDegree, accuracy: 1e-9)
        // One degree of longitude at 60° N is half a degree at the equator.
        XCTAssertEqual(Geo.distanceKm(lat1: 60, lon1: 0, lat2: 60, lon2: 1), kmPerDegree / 2, accuracy: 0.01)
    }

    func testALinkIsRightWithTheSameIdOrWithin30Km() {
        let gold = [s.mention("g1", "Kati", .place, place: place("geonames:1", 12.744, -8.073)),
                    s.mention("g2", "Mopti", .place, place: place("geonames:2", 14.49, -4.2)),
                    s.mention("g3", "Gao", .place, place: place("geonames:3", 16.27, -0.04)),
                    s.mention("g4", "Sahel", .place, place: place("geonames:4", 14.5, 0))]
        // Same id; another id 25 km north of Mopti; another id 40 km north of Gao; the Sahel not found.
        let pred = [s.mention("p1", "Kati", .place, place: place("geonames:1", 12.744, -8.073)),
                    s.mention("p2", "Mopti", .place, place: place("x:2", 14.49 + 25 / kmPerDegree, -4.2)),
                    s.mention("p3", "Gao", .place, place: place("x:3", 16.27 + 40 / kmPerDegree, -0.04))]
        XCTAssertEqual(Geo.distanceKm(lat1: 14.49, lon1: -4.2, lat2: 14.49 + 25 / kmPerDegree, lon2: -4.2), 25, accuracy: 1e-6)
        let l = LinkScoring.score(gold: gold, pred: pred)
        // Over the 3 matched mentions, Kati (same id) and Mopti (25 km) are right, Gao (40 km) is not: 2/3.
        XCTAssertEqual(l.accuracy, Ratio(correct: 2, total: 3))
        // End to end: 2 right of 3 predicted and 4 gold: P 2/3, R 1/2, F1 4/7.
        assertPRF(l.endToEnd, p: 2.0 / 3, r: 0.5, f: 4.0 / 7, "end to end")
    }

    func testAMissingPredictedPlaceIsAWrongLink() {
        let gold = [s.mention("g", "Kati", .place, place: place("geonames:1", 12.744, -8.073))]
        let pred = [s.mention("p", "Kati", .place)]
        XCTAssertEqual(LinkScoring.score(gold: gold, pred: pred).accuracy, Ratio(correct: 0, total: 1))
    }
}
