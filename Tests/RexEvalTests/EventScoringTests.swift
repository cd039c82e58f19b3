import RexModel
import RexTestSupport
import XCTest
@testable import RexEval

final class EventScoringTests: XCTestCase {
    let s = Sample("On March 25, JNIM kidnapped Soumaila Cisse near Niafunke. Gunmen attacked a convoy near Gao, killing 5 soldiers. The army later arrested two suspects.")

    var sentences: [Sentence] {
        let a = s.span("On March 25").0, b = s.span("Gunmen").0, c = s.span("The army").0
        return [Sentence(start: a, end: b - 1), Sentence(start: b, end: c - 1), Sentence(start: c, end: s.text.unicodeScalars.count)]
    }

    func event(_ id: String, _ type: String, _ trigger: String, date: String? = nil, place: EventPlace? = nil,
               actors: [EventActor] = [], fatalities: Int? = nil, abducted: Int? = nil) -> Event {
        var e = Event(id: id, type: type, trigger: s.trigger(trigger), sentence: 0)
        e.date = date.map { EventDate(value: $0) }
        e.place = place
        e.actors = actors
        e.fatalities = fatalities
        e.abducted = abducted
        return e
    }

    /// Gold: G1 KIDNAPPING “kidnapped” (2020-03-25, Niafunke, JNIM, abducted 1); G2 ATTACK “attacked”, also
    /// “killing” (Gao, unidentified gunmen, 5 killed); G3 ARREST “arrested”.
    func gold() -> Document {
        var g1 = event("G1", "KIDNAPPING", "kidnapped", date: "2020-03-25",
                       place: EventPlace(mention: "gm2", id: "geonames:1", name: "Niafunke"),
                       actors: [EventActor(role: "perpetrator", entity: "E1", name: "Jama'at Nusrat al-Islam wal-Muslimin")], abducted: 1)
        g1.sentence = 0
        var g2 = event("G2", "ATTACK", "attacked", place: EventPlace(id: "geonames:3", name: "Gao", lat: 16.27, lon: -0.04),
                       actors: [EventActor(role: "perpetrator", entity: nil, name: "Gunmen", uncertain: true)], fatalities: 5)
        g2.also = [s.trigger("killing")]
        let g3 = event("G3", "ARREST", "arrested")
        let mentions = [s.mention("gm1", "JNIM", .org, entity: "E1"), s.mention("gm2", "Niafunke", .place)]
        let entities = [Entity(id: "E1", type: .org, canonical: "org:jnim", name: "Jama'at Nusrat al-Islam wal-Muslimin", mentions: ["gm1"])]
        return s.document(mentions: mentions, entities: entities, events: [g1, g2, g3], sentences: sentences)
    }

    /// Predicted: P1 KIDNAPPING “kidnapped”, all slots right (another place id but the same mention text; the
    /// actor's entity has canonical org:jnim); P2 ATTACK “killing” (G2's second trigger), 10 km from Gao, no
    /// actor, 4 killed; P3 ATTACK “arrested” (wrong type); P4 KIDNAPPING “Cisse” in G1's sentence.
    func pred() -> Document {
        let p1 = event("P1", "KIDNAPPING", "kidnapped", date: "2020-03-25",
                       place: EventPlace(mention: "pm2", id: "place:niafunke", name: "Niafunké"),
                       actors: [EventActor(role: "perpetrator", entity: "X7", name: "JNIM")], abducted: 1)
        let kmPerDegree = Geo.earthRadiusKm * Double.pi / 180
        let p2 = event("P2", "ATTACK", "killing", place: EventPlace(id: "x:gao", name: "Gao", lat: 16.27 + 10 / kmPerDegree, lon: -0.04),
                       fatalities: 4)
        let p3 = event("P3", "ATTACK", "arrested")
        let p4 = event("P4", "KIDNAPPING", "Cisse")
        let mentions = [s.mention("pm1", "JNIM", .org, entity: "X7"), s.mention("pm2", "Niafunke", .place)]
        let entities = [Entity(id: "X7", type: .org, canonical: "org:jnim", name: "JNIM", mentions: ["pm1"])]
        return s.document(mentions: mentions, entities: entities, events: [p1, p2, p3, p4], sentences: sentences)
    }

    func testDetectionNeedsTheSameTypeAndAnOverlappingTriggerOrSentence() {
        let e = EventScoring.score(gold: gold(), pred: pred())
        // Matched: G1–P1 (same trigger), G2–P2 (P2 overlaps G2's “also” trigger). P3 has the wrong type; P4 is in
        // G1's sentence but G1 is taken (one-to-one). tp 2 of 4 predicted and 3 gold: P 1/2, R 2/3, F1 4/7.
        assertPRF(e.detection, p: 0.5, r: 2.0 / 3, f: 4.0 / 7, "detection")
        assertPRF(e.byType["ARREST"]!, p: 0, r: 0, f: 0, "ARREST")
        XCTAssertEqual(e.byType["ARREST"]!.fn, 1)
        XCTAssertEqual(e.byType["KIDNAPPING"]!.fp, 1)
    }

    func testSlotsAreScoredOverMatchedEvents() {
        let slots = EventScoring.score(gold: gold(), pred: pred()).slots
        // date: both 2020-03-25; G2 and P2 both without date → 2/2.
        XCTAssertEqual(slots.date, Ratio(correct: 2, total: 2))
        // place: P1 by the same mention text “Niafunke”, P2 10 km from Gao → 2/2.
        XCTAssertEqual(slots.place, Ratio(correct: 2, total: 2))
        // perpetrator: P1 shares the canonical id org:jnim (and the name JNIM); P2 has none where gold has
        // “Gunmen” → 1/2.
        XCTAssertEqual(slots.perpetrator, Ratio(correct: 1, total: 2))
        // fatalities: null = null for P1, 4 ≠ 5 for P2 → 1/2; injured null everywhere → 2/2; abducted 1 = 1, null = null.
        XCTAssertEqual(slots.fatalities, Ratio(correct: 1, total: 2))
        XCTAssertEqual(slots.injured, Ratio(correct: 2, total: 2))
        XCTAssertEqual(slots.abducted, Ratio(correct: 2, total: 2))
    }

    func testSameSentenceMatchUsesPredictedSentencesWhenGoldHasNone() {
        var g = s.document(events: [event("G", "ATTACK", "attacked")])
        let p = s.document(events: [event("P", "ATTACK", "killing"), event("Q", "ATTACK", "arrested")], sentences: sentences)
        // “killing” does not overlap “attacked” but lies in its sentence; “arrested” is in the next sentence.
        XCTAssertEqual(EventScoring.match(gold: g, pred: p).map(\.pred), [0])
        g.sentences = sentences
        XCTAssertEqual(EventScoring.score(gold: g, pred: p).detection, PRF(tp: 1, fp: 1, fn: 0))
    }

    func testAnOverlappingTriggerWinsOverTheSameSentence() {
        let g = s.document(events: [event("G", "ATTACK", "attacked")], sentences: sentences)
        let p = s.document(events: [event("P", "ATTACK", "convoy"), event("Q", "ATTACK", "attacked")], sentences: sentences)
        XCTAssertEqual(EventScoring.match(gold: g, pred: p).map(\.pred), [1])
    }

    func testAPredictedSecondTriggerCountsToo() {
        let g = s.document(events: [event("G", "ARREST", "arrested")])
        var p = event("P", "ARREST", "kidnapped")
        p.also = [s.trigger("arrested")]
        XCTAssertEqual(EventScoring.match(gold: g, pred: s.document(events: [p])).count, 1)
    }

    func testPerpetratorGivenAsAnEntityKeyMatchesTheCanonicalId() {
        // The gold build writes an actor whose entity is not mentioned with its key as name.
        var g = event("G", "KIDNAPPING", "kidnapped")
        g.actors = [EventActor(role: "perpetrator", entity: nil, name: "org:jnim")]
        let p = pred().events[0]
        let c = EventScoring.compare(g, in: gold(), with: p, in: pred())
        XCTAssertNil(c.perpetrator)
        XCTAssertNotNil(c.date, "gold has no date, predicted 2020-03-25")
    }
}
