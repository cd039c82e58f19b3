import RexModel
import RexTestSupport
import XCTest
@testable import RexEval

final class MentionScoringTests: XCTestCase {
    let s = Sample("On March 25 JNIM attacked Kati and the group fled to Mopti.")

    /// Gold: DATE “March 25”, ORG “JNIM”, PLACE “Kati”, ORG nominal “the group”, PLACE “Mopti”.
    /// Predicted: DATE “On March 25” (overlaps), ORG “JNIM” (exact), PLACE “Kati” (exact), ORG nominal “group”
    /// (overlaps “the group”), PERSON “Mopti” (wrong type).
    func scores() -> MentionScores {
        let gold = [s.mention("g1", "March 25", .date), s.mention("g2", "JNIM", .org), s.mention("g3", "Kati", .place),
                    s.mention("g4", "the group", .org, nominal: true), s.mention("g5", "Mopti", .place)]
        let pred = [s.mention("p1", "On March 25", .date), s.mention("p2", "JNIM", .org), s.mention("p3", "Kati", .place),
                    s.mention("p4", "group", .org, nominal: true), s.mention("p5", "Mopti", .person)]
        return MentionScoring.score(gold: gold, pred: pred)
    }

    func testStrictNeedsTheSameSpanRelaxedAnOverlap() {
        let m = scores()
        // DATE: 1 gold, 1 predicted; the spans differ: strict 0/1, relaxed 1/1.
        assertPRF(m.all["DATE"]!.strict, p: 0, r: 0, f: 0, "DATE strict")
        assertPRF(m.all["DATE"]!.relaxed, p: 1, r: 1, f: 1, "DATE relaxed")
        // ORG: JNIM exact, “group” inside “the group”: strict 1 of 2 each way (0.5), relaxed 2 of 2.
        assertPRF(m.all["ORG"]!.strict, p: 0.5, r: 0.5, f: 0.5, "ORG strict")
        assertPRF(m.all["ORG"]!.relaxed, p: 1, r: 1, f: 1, "ORG relaxed")
        // PLACE: Kati found, Mopti predicted as PERSON: P 1/1, R 1/2, F1 2/3 under both.
        assertPRF(m.all["PLACE"]!.strict, p: 1, r: 0.5, f: 2.0 / 3, "PLACE strict")
        assertPRF(m.all["PLACE"]!.relaxed, p: 1, r: 0.5, f: 2.0 / 3, "PLACE relaxed")
        // PERSON: no gold, one false positive.
        assertPRF(m.all["PERSON"]!.relaxed, p: 0, r: 0, f: 0, "PERSON")
        XCTAssertEqual(m.all["PERSON"]!.relaxed.fp, 1)
        // All types: strict tp 0+1+1+0 = 2 of 5 predicted and 5 gold = 0.4; relaxed tp 1+2+1 = 4 of 5 = 0.8.
        assertPRF(m.allTypes.strict, p: 0.4, r: 0.4, f: 0.4, "all strict")
        assertPRF(m.allTypes.relaxed, p: 0.8, r: 0.8, f: 0.8, "all relaxed")
    }

    func testNamesOnlyLeaveNominalMentionsOutOnBothSides() {
        let m = scores()
        // Without “the group” / “group”: ORG is JNIM alone, exact.
        assertPRF(m.names["ORG"]!.strict, p: 1, r: 1, f: 1, "ORG names")
        // 4 gold and 4 predicted names; strict tp JNIM, Kati = 2 (0.5); relaxed adds March 25 = 3 (0.75).
        assertPRF(m.allTypesNames.strict, p: 0.5, r: 0.5, f: 0.5, "names strict")
        assertPRF(m.allTypesNames.relaxed, p: 0.75, r: 0.75, f: 0.75, "names relaxed")
    }

    func testAPredictedDuplicateIsAFalsePositive() {
        let gold = [s.mention("g", "Kati", .place)]
        let pred = [s.mention("p1", "Kati", .place), s.mention("p2", "Kati", .place)]
        let m = MentionScoring.score(gold: gold, pred: pred)
        // One of the two identical predictions matches: tp 1, fp 1: P 0.5, R 1, F1 2/3.
        assertPRF(m.all["PLACE"]!.strict, p: 0.5, r: 1, f: 2.0 / 3, "strict")
        assertPRF(m.all["PLACE"]!.relaxed, p: 0.5, r: 1, f: 2.0 / 3, "relaxed")
    }

    func testRelaxedMatchingIsOneToOneAndPrefersTheExactSpan() {
        // Gold “Kati” and “Mopti”; predicted “attacked Kati” and “Kati” both overlap “Kati”, the second exactly.
        let gold = [s.mention("g1", "Kati", .place), s.mention("g2", "Mopti", .place)]
        let pred = [s.mention("p1", "attacked Kati", .place), s.mention("p2", "Kati", .place)]
        let pairs = SpanMatcher.relaxed(gold: gold, pred: pred)
        XCTAssertEqual(pairs.map(\.gold), [0])
        XCTAssertEqual(pairs.map(\.pred), [1], "the exact span wins; the longer one stays a false positive")
    }
}
