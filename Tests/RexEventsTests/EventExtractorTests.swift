import XCTest
import RexModel
import RexText
@testable import RexEvents

/// Builds a document from text and the names in it, as earlier stages (or gold) would annotate it, and runs
/// the event extractor with the repository's rule files.
final class Fixture {
    var doc: Document
    private var next = 1

    init(_ text: String, dct: String? = nil) {
        doc = Document(id: "t", text: text, dct: dct)
    }

    /// Adds a mention for the `occurrence`-th appearance of `surface` (1-based).
    @discardableResult
    func mention(_ surface: String, _ type: MentionType, entity: String? = nil, timex: String? = nil,
                          place: PlaceRef? = nil, nominal: Bool = false, occurrence: Int = 1) -> Self {
        let scalars = Array(doc.text.unicodeScalars), needle = Array(surface.unicodeScalars)
        var found = 0
        for i in 0...(scalars.count - needle.count) where Array(scalars[i..<(i + needle.count)]) == needle {
            found += 1
            if found == occurrence {
                doc.mentions.append(Mention(id: "M\(next)", start: i, end: i + needle.count, text: surface, type: type,
                                            entity: entity ?? place?.id, nominal: nominal ? true : nil,
                                            timex: timex.map { Timex(type: "DATE", value: $0) }, place: place))
                next += 1
                doc.mentions.sort { $0.start < $1.start }
                return self
            }
        }
        XCTFail("'\(surface)' not found \(occurrence) times in the text")
        return self
    }

    func run() throws -> Document {
        var d = doc
        try Tokenizer().process(&d)
        try SentenceSplitter(abbreviations: ["U.S.": .modifier, "U.N.": .modifier, "Col.": .title]).process(&d)
        try Fixture.extractor.process(&d)
        return d
    }

    static let rules: EventRules = {
        do { return try EventRules(data: DataDirectory.locate()) } catch { fatalError("\(error)") }
    }()
    static let extractor = EventExtractor(rules: rules, requires: [.tokens, .sentences, .dates, .places, .organizations, .people])
}

let mali = PlaceRef(id: "geonames:2453866", name: "Republic of Mali", country: "ML", lat: 18, lon: -2)
let farabougou = PlaceRef(id: "geonames:2457671", name: "Farabougou", country: "ML", admin1: "Ségou", lat: 14.89, lon: -6.14)
let kati = PlaceRef(id: "geonames:2455558", name: "Kati", country: "ML", admin1: "Koulikoro", lat: 12.74, lon: -8.07)
let gaoRegion = PlaceRef(id: "geonames:2457161", name: "Gao Region", country: "ML", admin1: "Gao", lat: 16.6, lon: 1.6)
let moura = PlaceRef(id: "geonames:2453345", name: "Moura", country: "ML", admin1: "Mopti", lat: 14.33, lon: -4.6)
let bamako = PlaceRef(id: "geonames:2460596", name: "Bamako", country: "ML", admin1: "Bamako", lat: 12.65, lon: -8.0)

final class TriggerTests: XCTestCase {
    func testVerbInflectionsNounsAndMultiwordFormsAreTriggers() throws {
        for (sentence, type, trigger) in [
            ("On March 25, members of JNIM kidnapped a teacher.", "KIDNAPPING", "kidnapped"),
            ("On March 25, JNIM kidnaps a teacher in Kati.", "KIDNAPPING", "kidnaps"),
            ("On March 25, suspected terrorists laid siege to Kati.", "SIEGE", "laid siege"),
            ("On March 25, gunmen took as many as 170 hostages in Kati.", "KIDNAPPING", "took as many as 170 hostages"),
            ("On March 25, JNIM launched rocket attacks on a base in Kati.", "SHELLING", "rocket attacks"),
            ("On March 25, a coup d’état ousted the president.", "COUP", "coup d’état"),
        ] {
            let f = Fixture(sentence)
            f.mention("March 25", .date, timex: "2020-03-25")
            if sentence.contains("JNIM") { f.mention("JNIM", .org, entity: "org:jnim") }
            if sentence.contains("Kati") { f.mention("Kati", .place, place: kati) }
            let events = try f.run().events
            XCTAssertEqual(events.map(\.type), [type], sentence)
            XCTAssertEqual(events.first?.trigger.text, trigger, sentence)
        }
    }

    func testTriggerWordsInsideNamesAndAdjectivalParticiplesAreNot() throws {
        let f = Fixture("Ansar Dine is a U.S.-designated group. The detained soldiers were freed on March 25.")
        f.mention("Ansar Dine", .org, entity: "org:ansar-dine").mention("March 25", .date, timex: "2020-03-25")
        XCTAssertEqual(try f.run().events.map(\.type), [])
    }
}

final class ArgumentTests: XCTestCase {
    func testMembersOfAnOrganizationAreItsPerpetrators() throws {
        let f = Fixture("On March 25, members of JNIM kidnapped political opposition leader Soumaila Cisse.")
        f.mention("March 25", .date, timex: "2020-03-25").mention("JNIM", .org, entity: "org:jnim")
            .mention("Soumaila Cisse", .person, entity: "person:soumaila-cisse")
        let e = try XCTUnwrap(f.run().events.first)
        XCTAssertEqual(e.actors.compactMap(\.entity), ["org:jnim"])
        XCTAssertTrue(e.actors.contains { $0.entity == nil && $0.name == "members of JNIM" }, "the individuals are kept too")
        XCTAssertEqual(e.targets.first?.entity, "person:soumaila-cisse")
        XCTAssertEqual(e.abducted, 1, "one named person kidnapped")
        XCTAssertEqual(e.date?.value, "2020-03-25")
        XCTAssertNil(e.date?.fallback)
        XCTAssertEqual(e.acled?.subEventType, "Abduction/forced disappearance")
        XCTAssertEqual(e.gtd?.name, "Hostage Taking (Kidnapping)")
    }

    func testAPassiveByPhraseInTheNextSentenceNamesThePerpetrator() throws {
        let f = Fixture("On November 30, terrorists launched rocket attacks on three military installations. "
                        + "Orchestrated by JNIM, rockets landed on FAMa bases, causing damage but no reported casualties.")
        f.mention("November 30", .date, timex: "2020-11-30").mention("JNIM", .org, entity: "org:jnim")
            .mention("FAMa", .org, entity: "org:fama")
        let events = try f.run().events
        XCTAssertEqual(events.count, 1)
        let e = try XCTUnwrap(events.first)
        XCTAssertEqual(e.type, "SHELLING")
        XCTAssertEqual(e.actors.compactMap(\.entity), ["org:jnim"])
        XCTAssertEqual(e.fatalities, 0, "\"no reported casualties\" is a count of zero")
        XCTAssertEqual(e.targets.first?.category, "military")
    }

    func testAClaimOfResponsibilityNamesThePerpetrator() throws {
        let f = Fixture("On March 7, 2015, a masked gunman opened fire on La Terrasse, a restaurant in Bamako. "
                        + "Al-Mourabitoun claimed responsibility for the attack.")
        f.mention("March 7, 2015", .date, timex: "2015-03-07").mention("Al-Mourabitoun", .org, entity: "org:al-mourabitoun")
            .mention("Bamako", .place, place: PlaceRef(id: "geonames:2460596", name: "Bamako", country: "ML", admin1: "Bamako"))
        let events = try f.run().events
        XCTAssertEqual(events.count, 1, "\"the attack\" is the same event")
        XCTAssertEqual(events.first?.actors.compactMap(\.entity), ["org:al-mourabitoun"])
        XCTAssertEqual(events.first?.place?.id, "geonames:2460596")
        XCTAssertEqual(events.first?.also?.map(\.text), ["attack"])
    }

    func testUncertainUnnamedPerpetratorsAreKeptAsWords() throws {
        let f = Fixture("At the beginning of October, suspected terrorists laid siege to Farabougou.")
        f.mention("the beginning of October", .date, timex: "2020-10").mention("Farabougou", .place, place: farabougou)
        let e = try XCTUnwrap(f.run().events.first)
        XCTAssertEqual(e.actors.map(\.name), ["suspected terrorists"])
        XCTAssertEqual(e.actors.first?.uncertain, true)
        XCTAssertEqual(e.place?.id, farabougou.id)
    }

    func testAnAffiliatedGroupIsTheAgentAndCountsVictims() throws {
        let f = Fixture("During June 18-19, JNIM-affiliated Katiba Macina killed 132 civilians in central Mali.")
        f.mention("June 18-19", .date, timex: "2022-06-18").mention("JNIM", .org, entity: "org:jnim")
            .mention("Katiba Macina", .org, entity: "org:katiba-macina").mention("Mali", .place, place: mali)
        let d = try f.run()
        let e = try XCTUnwrap(d.events.first)
        XCTAssertEqual(e.type, "KILLING")
        XCTAssertEqual(e.actors.compactMap(\.entity), ["org:katiba-macina"])
        XCTAssertEqual(e.fatalities, 132)
        XCTAssertEqual(e.acled?.eventType, "Violence against civilians")
        XCTAssertTrue(d.relations.contains { $0.type == "affiliated-with" && $0.subject.entity == "org:katiba-macina" && $0.object.entity == "org:jnim" })
    }

    func testKillingMilitaryTargetsIsAnAttack() throws {
        let f = Fixture("On July 22, JNIM conducted a complex attack against the military base in Kati, killing one soldier.")
        f.mention("July 22", .date, timex: "2022-07-22").mention("JNIM", .org, entity: "org:jnim").mention("Kati", .place, place: kati)
        let events = try f.run().events
        XCTAssertEqual(events.map(\.type), ["ATTACK"], "one incident with several actions is one event")
        XCTAssertEqual(events.first?.fatalities, 1)
        XCTAssertEqual(events.first?.actors.compactMap(\.entity), ["org:jnim"])
    }
}

final class CountTests: XCTestCase {
    func count(_ sentence: String) throws -> Event {
        let f = Fixture(sentence)
        f.mention("In March 2019", .date, timex: "2019-03")
        return try XCTUnwrap(f.run().events.first, sentence)
    }

    func testCountModifiers() throws {
        let more = try count("In March 2019, gunmen killed more than 200 villagers.")
        XCTAssertEqual(more.fatalities, 200); XCTAssertEqual(more.countMod, "MORE_THAN")
        let least = try count("In March 2019, gunmen kidnapped at least 370 people.")
        XCTAssertEqual(least.abducted, 370); XCTAssertEqual(least.countMod, "MORE_THAN")
        let upTo = try count("In March 2019, soldiers killed up to 300 civilians.")
        XCTAssertEqual(upTo.fatalities, 300); XCTAssertEqual(upTo.countMod, "LESS_THAN")
        let words = try count("In March 2019, gunmen killed twenty villagers and wounded three.")
        XCTAssertEqual(words.fatalities, 20); XCTAssertEqual(words.injured, 3)
    }

    func testAVagueQuantityIsNullNotZero() throws {
        let dozens = try count("In March 2019, gunmen killed dozens of villagers in Kati and wounded a soldier.")
        XCTAssertNil(dozens.fatalities)
        XCTAssertEqual(dozens.countMod, "APPROX")
        XCTAssertEqual(dozens.injured, 1)
    }

    func testAnUnknownCountIsNull() throws {
        let e = try count("In March 2019, gunmen attacked a checkpoint.")
        XCTAssertNil(e.fatalities); XCTAssertNil(e.injured); XCTAssertNil(e.abducted)
    }
}

final class FilterTests: XCTestCase {
    func testNegatedPlannedAndHypotheticalEventsAreNotEvents() throws {
        for sentence in ["On March 25, JNIM did not attack the base.",
                         "On March 25, JNIM threatened to attack the base.",
                         "On March 25, officials said JNIM could attack the base.",
                         "On March 25, there was no attack on the base."] {
            let f = Fixture(sentence)
            f.mention("March 25", .date, timex: "2020-03-25")
            if sentence.contains("JNIM") { f.mention("JNIM", .org, entity: "org:jnim") }
            XCTAssertEqual(try f.run().events.count, 0, sentence)
        }
    }

    func testSummariesAndTrendsAreNotEvents() throws {
        for sentence in ["In 2020, there were hundreds of terrorist attacks.",
                         "Terrorist attacks increased in number and lethality throughout the country.",
                         "JNIM continued to conduct attacks against peacekeepers.",
                         "Thousands of civilians have been killed since 2012."] {
            let f = Fixture(sentence)
            if sentence.contains("JNIM") { f.mention("JNIM", .org, entity: "org:jnim") }
            if sentence.contains("In 2020") { f.mention("2020", .date, timex: "2020") }
            if sentence.contains("2012") { f.mention("2012", .date, timex: "2012") }
            XCTAssertEqual(try f.run().events.count, 0, sentence)
        }
    }

    func testAFailedAttemptIsAnEventWithItsModality() throws {
        let f = Fixture("On March 25, gunmen attempted to kidnap a teacher in Kati.")
        f.mention("March 25", .date, timex: "2020-03-25").mention("Kati", .place, place: kati)
        let e = try XCTUnwrap(f.run().events.first)
        XCTAssertEqual(e.type, "KIDNAPPING")
        XCTAssertEqual(e.modality, "failed")
    }
}

final class CoreferenceAndFallbackTests: XCTestCase {
    func testTheSameEventToldTwiceIsOneRecordWithBothProvenances() throws {
        let f = Fixture("A coup d’état on August 18 resulted in the overthrow of the government.\n"
                        + "Plans were later delayed by the coup in August.")
        f.mention("August 18", .date, timex: "2020-08-18").mention("August", .date, timex: "2020-08", occurrence: 2)
        let events = try f.run().events
        XCTAssertEqual(events.count, 1)
        let e = try XCTUnwrap(events.first)
        XCTAssertEqual(e.type, "COUP")
        XCTAssertEqual(e.trigger.text, "coup d’état")
        XCTAssertEqual(e.also?.map(\.text), ["overthrow", "coup"])
        XCTAssertEqual(e.date?.value, "2020-08-18")
    }

    func testNeighbouringIncidentsWithTheirOwnDatesAndCountsStayApart() throws {
        let f = Fixture("In March 2019, suspected militiamen killed more than 150 people in an attack on Fulani villages. "
                        + "That January, men dressed as hunters killed 37 Fulani civilians in a village attack.")
        f.mention("March 2019", .date, timex: "2019-03").mention("That January", .date, timex: "2019-01")
        let events = try f.run().events
        XCTAssertEqual(events.map(\.fatalities), [150, 37])
        XCTAssertEqual(events.map { $0.date?.value }, ["2019-03", "2019-01"])
    }

    func testASentenceRepeatedWordForWordIsTheSameEvent() throws {
        let text = "The Security Council ended the mission on June 30, 2023. Troops began withdrawing from Mali immediately."
        let f = Fixture(text + "\n\nOther news followed.\n\n" + text)
        f.mention("June 30, 2023", .date, timex: "2023-06-30").mention("Mali", .place, place: mali)
            .mention("June 30, 2023", .date, timex: "2023-06-30", occurrence: 2).mention("Mali", .place, place: mali, occurrence: 2)
        let events = try f.run().events.filter { $0.type == "WITHDRAWAL" }
        XCTAssertEqual(events.count, 1)
        XCTAssertEqual(events.first?.also?.count, 1)
    }

    func testADefiniteNounKeepsTheDateOfItsOwnPhraseOrOfItsClauseWhenItRefersToNothing() throws {
        let f = Fixture("Terrorists took advantage of the departure of French counterterrorism forces in 2021 by seizing towns.")
        f.mention("2021", .date, timex: "2021")
        XCTAssertEqual(try f.run().events.first { $0.type == "WITHDRAWAL" }?.date?.value, "2021")

        let g = Fixture("The EU trains soldiers in Mali.\n\nIn April the European Union announced the full suspension of the EU Training Mission.")
        g.mention("Mali", .place, place: mali).mention("April", .date, timex: "2022-04").mention("European Union", .org, entity: "org:eu")
            .mention("EU Training Mission", .org, entity: "org:eutm")
        let e = try XCTUnwrap(g.run().events.first { $0.type == "WITHDRAWAL" })
        XCTAssertEqual(e.date?.value, "2022-04")
        XCTAssertNil(e.date?.fallback)
    }

    func testDateAndPlaceFallBackToTheParagraphAndTheFallbackIsRecorded() throws {
        let f = Fixture("On April 6, 2023, fighting spread near Kati. Islamic terrorists attacked a checkpoint, killing two policemen.")
        f.mention("April 6, 2023", .date, timex: "2023-04-06").mention("Kati", .place, place: kati)
        let e = try XCTUnwrap(f.run().events.first)
        XCTAssertEqual(e.type, "ATTACK")
        XCTAssertEqual(e.date?.value, "2023-04-06")
        XCTAssertEqual(e.date?.fallback, "paragraph")
        XCTAssertEqual(e.place?.id, kati.id)
        XCTAssertEqual(e.place?.fallback, "paragraph")
        XCTAssertEqual(e.fatalities, 2)
    }

    func testAPlaceOfARelativeClauseIsTheSentenceLevelFallback() throws {
        let menaka = PlaceRef(id: "geonames:12070577", name: "Ménaka Region", country: "ML", admin1: "Ménaka", lat: 16.0, lon: 2.5)
        let f = Fixture("On November 13, 2020, soldiers neutralized Bah ag Moussa who was in a truck in the Menaka region.")
        f.mention("November 13, 2020", .date, timex: "2020-11-13").mention("Bah ag Moussa", .person, entity: "person:bah-ag-moussa")
            .mention("Menaka region", .place, place: menaka)
        let e = try XCTUnwrap(f.run().events.first)
        XCTAssertEqual(e.place?.id, menaka.id)
        XCTAssertEqual(e.place?.fallback, "sentence")

        let g = Fixture("On December 9, 2022, he was extradited to the United States after being indicted in Brooklyn.")
        g.mention("December 9, 2022", .date, timex: "2022-12-09")
            .mention("Brooklyn", .place, place: PlaceRef(id: "geonames:5110302", name: "Brooklyn", country: "US", admin1: "New York"))
        XCTAssertNotEqual(try g.run().events.first?.place?.id, "geonames:5110302", "a clause of its own is another event's")
    }

    func testAPlaceFallsBackToTheDocumentsCountry() throws {
        let f = Fixture("Mali is in crisis.\n\nOn April 6, 2023, gunmen attacked a checkpoint.")
        f.mention("Mali", .place, place: mali).mention("April 6, 2023", .date, timex: "2023-04-06")
        let e = try XCTUnwrap(f.run().events.first)
        XCTAssertEqual(e.place?.id, mali.id)
        XCTAssertEqual(e.place?.fallback, "document")
        XCTAssertNil(e.date?.fallback)
    }
}

final class PerpetratorTests: XCTestCase {
    func testThePerpetratorIsFoundThroughCoreference() throws {
        let f = Fixture("JNIM is active in central Mali. On March 5, the group attacked a checkpoint in Kati.")
        f.mention("JNIM", .org, entity: "E1").mention("Mali", .place, place: mali).mention("March 5", .date, timex: "2021-03-05")
            .mention("the group", .org, entity: "E1", nominal: true).mention("Kati", .place, place: kati)
        f.doc.entities = [Entity(id: "E1", type: .org, canonical: "org:jnim", name: "JNIM", mentions: ["M1", "M4"])]
        let e = try XCTUnwrap(f.run().events.first)
        XCTAssertEqual(e.actors.compactMap(\.entity), ["E1"])
        XCTAssertEqual(e.actors.first?.name, "JNIM", "a description goes by its entity's name")
    }

    func testSuspectedNamedPerpetratorsAreUncertainAndAllegedEventsSaySo() throws {
        let f = Fixture("On March 5, suspected JNIM militants attacked a checkpoint in Kati.")
        f.mention("March 5", .date, timex: "2021-03-05").mention("JNIM", .org, entity: "org:jnim").mention("Kati", .place, place: kati)
        let e = try XCTUnwrap(f.run().events.first)
        XCTAssertEqual(e.actors.first { $0.entity == "org:jnim" }?.uncertain, true)

        let g = Fixture("On March 5, soldiers allegedly killed twelve civilians in Kati.")
        g.mention("March 5", .date, timex: "2021-03-05").mention("Kati", .place, place: kati)
        let k = try XCTUnwrap(g.run().events.first)
        XCTAssertEqual(k.modality, "alleged")
        XCTAssertEqual(k.fatalities, 12)
    }

    func testANameDescribedBetweenCommasIsTheSubjectNotTheNameInItsDescription() throws {
        let f = Fixture("On March 7, 2015, a masked gunman opened fire on a restaurant in Bamako. "
                        + "Al-Mourabitoun, a group of extremists affiliated with al-Qaeda in the Islamic Maghreb (AQIM), claimed responsibility for the attack.")
        f.mention("March 7, 2015", .date, timex: "2015-03-07").mention("Bamako", .place, place: bamako)
            .mention("Al-Mourabitoun", .org, entity: "org:al-mourabitoun").mention("al-Qaeda in the Islamic Maghreb", .org, entity: "org:aqim")
            .mention("AQIM", .org, entity: "org:aqim")
        let events = try f.run().events
        XCTAssertEqual(events.count, 1)
        XCTAssertEqual(events.first?.actors.compactMap(\.entity), ["org:al-mourabitoun"])
    }

    func testAStateSideNamedByAModifierOfTheEventNoun() throws {
        let f = Fixture("Mali has had two coups. Following the 2020 military coup, aid was suspended. "
                        + "Koufa was reportedly killed in a November 2018 French attack.")
        f.mention("Mali", .place, place: mali).mention("2020", .date, timex: "2020").mention("Koufa", .person, entity: "person:koufa")
            .mention("November 2018", .date, timex: "2018-11")
        let events = try f.run().events
        XCTAssertEqual(events.first { $0.type == "COUP" }?.actors.compactMap(\.entity), ["org:fama"], "the military of the country the report is about")
        XCTAssertEqual(events.first { $0.type == "ATTACK" }?.actors.compactMap(\.entity), ["org:french-military"])
    }

    func testTheCountriesAreTheCountriesNamedTogetherShortlyBefore() throws {
        let niger = PlaceRef(id: "geonames:2440476", name: "Republic of Niger", country: "NE", lat: 18, lon: 9)
        let f = Fixture("Mali and Niger formed the G5 Sahel. The group aims at security. The countries formally agreed to set up a joint force in February 2017.")
        f.mention("Mali", .place, place: mali).mention("Niger", .place, place: niger).mention("G5 Sahel", .org, entity: "org:g5-sahel")
            .mention("February 2017", .date, timex: "2017-02")
        let e = try XCTUnwrap(f.run().events.first { $0.trigger.text == "agreed" })
        XCTAssertEqual(Set(e.actors.compactMap(\.entity)), [mali.id, niger.id])
    }

    func testACountryInAListOfCountriesIsAnAgentAndADateIsNot() throws {
        let f = Fixture("In February 2014, Mali and four other West African countries agreed to form the G5 Sahel.")
        f.mention("February 2014", .date, timex: "2014-02").mention("Mali", .place, place: mali).mention("G5 Sahel", .org, entity: "org:g5-sahel")
        let e = try XCTUnwrap(f.run().events.first { $0.type == "AGREEMENT" })
        XCTAssertTrue(e.actors.contains { $0.entity == mali.id })
        XCTAssertFalse(e.actors.contains { $0.name.contains("2014") })
    }
}

final class TargetAndPlaceTests: XCTestCase {
    func testTargetsHaveACategoryAndANamedBuildingIsProperty() throws {
        let f = Fixture("On March 5, gunmen killed three peacekeepers and two civilians in Kati.")
        f.mention("March 5", .date, timex: "2021-03-05").mention("Kati", .place, place: kati)
        let e = try XCTUnwrap(f.run().events.first)
        XCTAssertEqual(Set(e.targets.compactMap(\.category)), ["peacekeepers", "civilians"])
        XCTAssertEqual(e.fatalities, 5)

        let g = Fixture("On November 20, 2015, gunmen stormed the Radisson Blu Hotel in Bamako.")
        g.mention("November 20, 2015", .date, timex: "2015-11-20").mention("Radisson Blu Hotel", .org, entity: "org:radisson")
            .mention("Bamako", .place, place: bamako)
        let t = try XCTUnwrap(g.run().events.first?.targets.first)
        XCTAssertEqual(t.kind, "property")
        XCTAssertEqual(t.entity, "org:radisson")
    }

    func testThePlaceIsTheMostSpecificOneThePhraseGives() throws {
        let f = Fixture("The French journalist was seized in 2021 while in northern Mali (the Gao region) by JNIM.")
        f.mention("2021", .date, timex: "2021").mention("Mali", .place, place: mali).mention("Gao region", .place, place: gaoRegion)
            .mention("JNIM", .org, entity: "org:jnim")
        let e = try XCTUnwrap(f.run().events.first)
        XCTAssertEqual(e.place?.id, gaoRegion.id)
        XCTAssertNil(e.place?.fallback)

        let g = Fixture("In April 2022, more than 300 people were killed in central Mali's Moura area.")
        g.mention("April 2022", .date, timex: "2022-04").mention("Mali", .place, place: mali).mention("Moura area", .place, place: moura)
        XCTAssertEqual(try g.run().events.first?.place?.id, moura.id)
    }
}

final class RelationTests: XCTestCase {
    func testMergersAndLeadersAreFactsWithDates() throws {
        let f = Fixture("In March 2017, AQIM, AAD, and al-Mourabitoun merged to form JNIM. AQIM leader Abdelmalek Droukdel was killed.")
        f.mention("March 2017", .date, timex: "2017-03").mention("AQIM", .org, entity: "org:aqim")
            .mention("AAD", .org, entity: "org:ansar-dine").mention("al-Mourabitoun", .org, entity: "org:al-mourabitoun")
            .mention("JNIM", .org, entity: "org:jnim").mention("AQIM", .org, entity: "org:aqim", occurrence: 2)
            .mention("Abdelmalek Droukdel", .person, entity: "person:abdelmalek-droukdel")
        let d = try f.run()
        let merged = d.relations.filter { $0.type == "merged-into" }
        XCTAssertEqual(Set(merged.compactMap(\.subject.entity)), ["org:aqim", "org:ansar-dine", "org:al-mourabitoun"])
        XCTAssertTrue(merged.allSatisfy { $0.object.entity == "org:jnim" && $0.date == "2017-03" })
        XCTAssertTrue(d.relations.contains { $0.type == "leader-of" && $0.subject.entity == "person:abdelmalek-droukdel" })
        XCTAssertEqual(d.relations.first?.id, "R1")
        // Provenance: the sentence and the offsets of the words that state the fact.
        let text = Array(d.text.unicodeScalars)
        for r in d.relations {
            XCTAssertEqual(String(String.UnicodeScalarView(text[r.trigger.start..<r.trigger.end])), r.trigger.text)
            XCTAssertEqual(String(String.UnicodeScalarView(text[r.subject.start..<r.subject.end])), r.subject.text)
            XCTAssertTrue(d.sentences.indices.contains(r.sentence))
        }
        XCTAssertEqual(d.events.first { $0.type == "MERGER" }?.actors.count, 3)
    }
}

final class DataTests: XCTestCase {
    func testABadRuleLineIsReportedWithFileAndLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rex-events-\(UUID().uuidString)")
        let rules = dir.appendingPathComponent("rules/events")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        let source = try DataDirectory.locate().appendingPathComponent("rules/events")
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: rules.appendingPathComponent(name))
        }
        try "# comment\nATTACK\tadverb\tattack\n".write(to: rules.appendingPathComponent("triggers.tsv"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try EventRules(data: dir)) { error in
            XCTAssertTrue("\(error)".contains("triggers.tsv:2"), "\(error)")
        }
        try? FileManager.default.removeItem(at: dir)
    }
}

/// Demonyms and countries in the possessive are no PLACE mentions, but the actor they qualify is the country's.
final class NationalActorTests: XCTestCase {
    func perpetrators(_ f: Fixture) throws -> [[String]] {
        try f.run().events.map { $0.actors.filter { $0.role == "perpetrator" }.map { $0.entity ?? "words:" + $0.name } }
    }

    func testADemonymBeforeForcesLinksTheActorToItsCountrysMilitary() throws {
        for (sentence, key) in [
            ("On March 25, Malian soldiers attacked a village.", "org:fama"),
            ("On March 25, the Burkinabe army attacked a village.", "org:burkina-military"),
            ("On March 25, Nigerien forces attacked a village.", "org:niger-military"),
            ("On March 25, Malian security forces arrested three men.", "org:fama"),
            ("On March 25, French troops killed a jihadist leader.", "org:french-military"),
        ] {
            let f = Fixture(sentence).mention("March 25", .date, timex: "2020-03-25")
            XCTAssertEqual(try perpetrators(f), [[key]], sentence)
        }
    }

    func testACountryInThePossessiveLinksTheActorToItsGovernmentOrMilitary() throws {
        for (sentence, key) in [
            ("On July 10, 2022, Mali’s military government arrested 49 soldiers.", "org:mali-government"),
            ("On July 10, 2022, Mali's army attacked a village.", "org:fama"),
            ("On July 10, 2022, Burkina Faso’s junta arrested a journalist.", "org:burkina-government"),
        ] {
            let f = Fixture(sentence).mention("July 10, 2022", .date, timex: "2022-07-10")
            XCTAssertEqual(try perpetrators(f), [[key]], sentence)
        }
    }

    func testTheDocumentsEntityForTheActorIsUsedWhenThereIsOne() throws {
        let f = Fixture("The Malian Armed Forces (FAMa) patrol Mopti. On March 25, Malian troops attacked a village.")
        f.mention("Malian Armed Forces", .org, entity: "E7").mention("FAMa", .org, entity: "E7")
            .mention("March 25", .date, timex: "2020-03-25")
        f.doc.entities = [Entity(id: "E7", type: .org, canonical: "org:fama", name: "Malian Armed Forces", mentions: ["M1", "M2"])]
        let events = try f.run().events
        XCTAssertEqual(events.first?.actors.map(\.entity), ["E7"])
        XCTAssertEqual(events.first?.actors.map(\.name), ["Malian Armed Forces"])
    }

    func testADemonymBeforeANounTriggerIsTheCountrysMilitary() throws {
        let f = Fixture("Koufa was reportedly killed in a November 2018 French attack in central Mali.")
        f.mention("November 2018", .date, timex: "2018-11").mention("Mali", .place, place: mali)
        XCTAssertEqual(try perpetrators(f), [["org:french-military"]])
    }

    func testWithoutANationalHeadTheWordsStay() throws {
        // "officers" are not the army.
        let sentence = "On March 25, Malian army officers attacked a village."
        let f = Fixture(sentence).mention("March 25", .date, timex: "2020-03-25")
        let actors = try perpetrators(f)
        XCTAssertFalse(actors.joined().contains { $0.hasPrefix("org:") || $0.hasPrefix("state:") }, "\(sentence): \(actors)")
    }

    func testACountryWithoutAnActorInTheTableStillLinksToItsCountry() throws {
        // Côte d’Ivoire has no row in coref-national.tsv: the actor is its state key, typed as state forces.
        for (sentence, key) in [("On March 25, Ivorian soldiers attacked a village.", "state:ci-military"),
                                ("On March 25, Senegal's government arrested a journalist.", "state:sn-government")] {
            let f = Fixture(sentence).mention("March 25", .date, timex: "2020-03-25")
            XCTAssertEqual(try perpetrators(f), [[key]], sentence)
        }
        let f = Fixture("On March 25, Ivorian soldiers attacked a village.").mention("March 25", .date, timex: "2020-03-25")
        XCTAssertEqual(try f.run().events.first?.acled?.interaction?.first, "1", "state forces are ACLED actor type 1")
    }
}

extension NationalActorTests {
    func testATargetDescribedByADemonymIsTheCountrysForces() throws {
        let f = Fixture("On March 25, JNIM attacked Malian government forces near Kati.")
        f.mention("March 25", .date, timex: "2020-03-25").mention("JNIM", .org, entity: "org:jnim").mention("Kati", .place, place: kati)
        let target = try f.run().events.first?.targets.first
        XCTAssertEqual(target?.entity, "org:fama")
        XCTAssertEqual(target?.category, "military")
    }
}

/// Text cut in odd places (web pages): a sentence that opens on its trigger never looks into the sentence before.
final class SentenceEdgeTests: XCTestCase {
    func testATriggerOpeningASentenceAfterADashOrParenthesisIsNoCrashAndFindsNoSubjectThere() throws {
        for text in ["The convoy came from Gao —\n\n, attacked by gunmen, the convoy burned.",
                     "The convoy came from Gao (Mali)\n\n, attacked by gunmen, the convoy burned.",
                     "Patrols —\n\nattacked by gunmen near Gao.",
                     "—\n\n, ambushed by JNIM, soldiers fled."] {
            let d = try Fixture(text).run()
            for e in d.events {
                XCTAssertGreaterThanOrEqual(e.trigger.start, d.sentences[e.sentence].start, text)
                for a in e.actors { if let s = a.start { XCTAssertGreaterThanOrEqual(s, d.sentences[e.sentence].start, text) } }
            }
        }
    }
}
