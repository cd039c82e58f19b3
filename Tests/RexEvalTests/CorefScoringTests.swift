import RexModel
import RexTestSupport
import XCTest
@testable import RexEval

final class CorefScoringTests: XCTestCase {
    /// Twelve ORG mentions, four characters each, ten characters apart.
    let text = String(repeating: "Name      ", count: 12)

    func mentions(_ entities: [String]) -> [Mention] {
        entities.enumerated().map { i, e in
            Mention(id: "M\(i + 1)", start: i * 10, end: i * 10 + 4, text: "Name", type: .org, entity: e)
        }
    }

    /// Bagga and Baldwin (1998), figure 4: key {1–5} {6,7} {8–12}; response {1–5} {6–12}.
    func testTheBaggaBaldwinExample() {
        let gold = mentions(["A", "A", "A", "A", "A", "B", "B", "C", "C", "C", "C", "C"])
        let pred = mentions(["X", "X", "X", "X", "X", "Y", "Y", "Y", "Y", "Y", "Y", "Y"])
        let c = CorefScoring.score(gold: gold, pred: pred)
        // MUC recall: (5−1) + (2−1) + (5−1) = 9 over 4 + 1 + 4 = 9 → 1.
        // MUC precision: {1–5} is one key part: 5−1 = 4; {6–12} spans two key clusters: 7−2 = 5; 9 over 4 + 6 = 10.
        assertPR(c.muc, p: 0.9, r: 1, f: 2 * 0.9 / 1.9, "MUC")
        // B³ precision: items 1–5: 5/5 each = 5; items 6,7: 2/7 each = 4/7; items 8–12: 5/7 each = 25/7;
        // (5 + 29/7) / 12 = 64/84 = 16/21. Recall: every key cluster lies inside one response cluster → 1.
        let p = 16.0 / 21
        assertPR(c.b3, p: p, r: 1, f: 2 * p / (p + 1), "B³")
    }

    /// Vilain et al. (1995): key {A B C D}, response {A B} {C D}.
    func testTheVilainExample() {
        let c = CorefScoring.score(gold: mentions(["K", "K", "K", "K"]), pred: mentions(["R1", "R1", "R2", "R2"]))
        // Recall: 4 − 2 parts = 2 over 3; precision: (2−1) + (2−1) = 2 over 2.
        assertPR(c.muc, p: 1, r: 2.0 / 3, f: 0.8, "MUC")
        // B³ recall: each item finds 2 of its 4 → 1/2; precision: each response cluster is pure → 1.
        assertPR(c.b3, p: 1, r: 0.5, f: 2.0 / 3, "B³")
    }

    /// Gold: A, B one entity, C alone. Predicted: A, B and a spurious D in one entity; C missed.
    func testAMissedMentionCountsAgainstRecallAndASpuriousOneAgainstPrecision() {
        let gold = mentions(["E1", "E1", "E2"])
        var pred = mentions(["P1", "P1", "P1", "P1"])
        pred.remove(at: 2)  // C (item 3) not predicted; D is at the fourth position
        let c = CorefScoring.score(gold: gold, pred: pred)
        // MUC recall: {A,B} 2−1 = 1; {C} 1−1 = 0; over 1 + 0 → 1.
        // MUC precision: {A,B,D}: A and B are one key part, D (no gold twin) its own: 3 − 2 = 1 over 2.
        assertPR(c.muc, p: 0.5, r: 1, f: 2.0 / 3, "MUC")
        // B³ recall over gold A, B, C: A 2/2, B 2/2, C 0 (in no predicted cluster) → 2/3.
        // B³ precision over predicted A, B, D: A 2/3, B 2/3, D 0 (in no gold cluster) → (4/3)/3 = 4/9.
        let p: Double = 4.0 / 9, r: Double = 2.0 / 3
        assertPR(c.b3, p: p, r: r, f: 2 * p * r / (p + r), "B³")
    }

    func testNoPredictionScoresZero() {
        let c = CorefScoring.score(gold: mentions(["E1", "E1", "E2"]), pred: [])
        XCTAssertEqual(c.muc.f1, 0)
        XCTAssertEqual(c.b3.f1, 0)
        XCTAssertEqual(c.b3.recallDenominator, 3)
    }

    func testAMentionWithoutEntityIsASingletonAndDatesAreLeftOut() {
        var gold = mentions(["E1", "E1"])
        var pred = mentions(["P1", "P1"])
        pred[1].entity = nil
        gold.append(Mention(id: "D", start: 100, end: 104, text: "Name", type: .date))
        pred.append(Mention(id: "D", start: 100, end: 104, text: "Name", type: .date))
        let c = CorefScoring.score(gold: gold, pred: pred)
        // Response {A} {B}: MUC recall 2 − 2 = 0 of 1; B³ recall 1/2 each; precision pure → 1.
        assertPR(c.muc, p: 0, r: 0, f: 0, "MUC")
        assertPR(c.b3, p: 1, r: 0.5, f: 2.0 / 3, "B³")
    }

    // MARK: Nominal accuracy

    /// JNIM (E1) named twice, "the group" and "it" nominal; AQIM (E2) named once, "the organization" nominal.
    let nominalText = "JNIM came. JNIM left. The group won. It lost. AQIM came. The organization won."

    func nominalGold() -> [Mention] {
        let s = Sample(nominalText)
        return [s.mention("g1", "JNIM", .org, entity: "E1"), s.mention("g2", "JNIM", .org, entity: "E1", occurrence: 2),
                s.mention("g3", "The group", .org, entity: "E1", nominal: true),
                s.mention("g4", "It", .org, entity: "E1", nominal: true),
                s.mention("g5", "AQIM", .org, entity: "E2"),
                s.mention("g6", "The organization", .org, entity: "E2", nominal: true)]
    }

    func testANominalCountsWhenItsTwinIsInTheClusterOfTheEntitysNames() {
        let s = Sample(nominalText)
        // "The group" right (P1 holds JNIM's names); "It" in AQIM's cluster: wrong; "The organization" missed.
        let pred = [s.mention("p1", "JNIM", .org, entity: "P1"), s.mention("p2", "JNIM", .org, entity: "P1", occurrence: 2),
                    s.mention("p3", "group", .org, entity: "P1", nominal: true),
                    s.mention("p4", "It", .org, entity: "P2", nominal: true),
                    s.mention("p5", "AQIM", .org, entity: "P2")]
        let r = CorefScoring.score(gold: nominalGold(), pred: pred).nominal
        XCTAssertEqual(r.correct, 1)
        XCTAssertEqual(r.total, 3)
    }

    func testANominalTwinWithoutEntityIsWrong() {
        let s = Sample(nominalText)
        let pred = [s.mention("p1", "JNIM", .org, entity: "P1"), s.mention("p3", "The group", .org, nominal: true)]
        let r = CorefScoring.score(gold: nominalGold(), pred: pred).nominal
        XCTAssertEqual(r.correct, 0)
        XCTAssertEqual(r.total, 3)
    }

    /// "the junta" and "it" refer to an entity the text never names: the target is the cluster holding most of
    /// its mentions, unless that cluster is another entity's.
    func testAnUnnamedEntitysTargetIsTheClusterOfMostOfItsMentions() {
        let text = "JNIM came. The junta fell. It rose. The junta won."
        let s = Sample(text)
        let gold = [s.mention("g1", "JNIM", .org, entity: "E1"),
                    s.mention("g2", "The junta", .org, entity: "E2", nominal: true),
                    s.mention("g3", "It", .org, entity: "E2", nominal: true),
                    s.mention("g4", "The junta", .org, entity: "E2", nominal: true, occurrence: 2)]
        let good = [s.mention("p1", "JNIM", .org, entity: "P1"),
                    s.mention("p2", "The junta", .org, entity: "P2", nominal: true),
                    s.mention("p3", "It", .org, entity: "P1", nominal: true),
                    s.mention("p4", "The junta", .org, entity: "P2", nominal: true, occurrence: 2)]
        XCTAssertEqual(CorefScoring.score(gold: gold, pred: good).nominal, Ratio(correct: 2, total: 3))
        // All three put in JNIM's cluster: that cluster is JNIM's target, so none is right.
        let merged = good.map { m -> Mention in var m = m; m.entity = "P1"; return m }
        XCTAssertEqual(CorefScoring.score(gold: gold, pred: merged).nominal, Ratio(correct: 0, total: 3))
    }
}
