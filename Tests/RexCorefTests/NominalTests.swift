import RexModel
import XCTest
@testable import RexCoref

/// Descriptions and pronouns: appositions, head rules, agreement, and what stays unresolved.
final class NominalTests: XCTestCase {
    // MARK: Appositions

    func testADescriptionBesideANameIsThatNamesEntity() throws {
        var c = CorefCase("Jihadists laid siege to Farabougou, a town roughly 260 miles northeast of Bamako. They encircled the town.")
        c.name("Farabougou", .place, place: Fixtures.farabougou)
        c.name("Bamako", .place, place: Fixtures.bamako)
        let r = try c.run()
        let town = try XCTUnwrap(r.mention("a town"))
        XCTAssertEqual(town.nominal, true)
        XCTAssertEqual(town.type, .place)
        XCTAssertEqual(town.entity, r.entity("Farabougou"))
        XCTAssertEqual(town.place?.id, Fixtures.farabougou.id)
        // Bamako is only a point of reference: "the town" is Farabougou.
        XCTAssertEqual(r.entity("the town"), r.entity("Farabougou"))
    }

    func testADescriptionBeforeANamingWordIsTheNamedEntity() throws {
        var c = CorefCase("In 2017 the militants formed a new alliance called JNIM. Its leader is Iyad Ag Ghaly.")
        c.name("JNIM", .org, id: "org:jnim")
        c.name("Iyad Ag Ghaly", .person, id: "person:iyad-ag-ghaly")
        let r = try c.run()
        XCTAssertEqual(r.entity("a new alliance"), r.entity("JNIM"))
    }

    func testAPhraseThatContainsANameIsNoNominal() throws {
        // Names win: "an al Qaeda coalition" contains a name, "the capital Bamako" too.
        var c = CorefCase("JNIM, an al Qaeda coalition, struck near the capital Bamako.")
        c.name("JNIM", .org, id: "org:jnim")
        c.name("al Qaeda", .org, id: "org:al-qaeda")
        c.name("Bamako", .place, place: Fixtures.bamako)
        let r = try c.run()
        XCTAssertEqual(r.nominals.map(\.text), [])
    }

    func testAPhraseWithAWordTheDocumentNamesIsNoNominalEvenIfUntagged() throws {
        // The recognizer left "Mali" of "The Mali military government" untagged; the document names Mali elsewhere.
        var c = CorefCase("Mali is at war. The Mali military government expelled the French. Mali hired mercenaries.")
        c.name("Mali", .place, place: Fixtures.mali)
        c.name("Mali", .place, occurrence: 3, place: Fixtures.mali)
        let r = try c.run()
        XCTAssertNil(r.mention("The Mali military government"))
        XCTAssertNil(r.mention("military government"))
    }

    func testAPersonsDescriptionAfterADashOrBeforeTheName() throws {
        var c = CorefCase("France announced the death of Bah ag Moussa—a close associate of Ghaly. Its founder and leader, Iyad Ag Ghaly, fled.")
        c.name("Bah ag Moussa", .person)
        c.name("Ghaly", .person)
        c.name("Iyad Ag Ghaly", .person)
        let r = try c.run()
        XCTAssertEqual(r.entity("a close associate"), r.entity("Bah ag Moussa"))
        XCTAssertEqual(r.entity("Its founder"), r.entity("Iyad Ag Ghaly"))
    }

    func testACopulaTellsWhatAnUnknownNameIsWithoutMakingAMention() throws {
        var c = CorefCase("Dan Na Ambassagou is a militia of Dogon hunters. The militia attacked Ogossagou.")
        c.name("Dan Na Ambassagou", .org, id: "org:own-dan-na-ambassagou")
        c.name("Ogossagou", .place)
        let r = try c.run()
        XCTAssertNil(r.mention("a militia"), "a predicate is no mention")
        XCTAssertEqual(r.entity("The militia"), r.entity("Dan Na Ambassagou"))
    }

    func testAPlaceGivenAsADistanceFromAnotherIsNotTheTown() throws {
        var c = CorefCase("Gunmen attacked Kati — 15 kilometers from Bamako — on Monday. The town was sealed off.")
        c.name("Kati", .place, place: Fixtures.kati)
        c.name("Bamako", .place, place: Fixtures.bamako)
        let r = try c.run()
        XCTAssertEqual(r.entity("The town"), r.entity("Kati"))
        XCTAssertEqual(r.nominals.count, 1)
    }

    // MARK: Descriptions by their head

    func testTheGroupIsTheMostRecentArmedGroupNotAMission() throws {
        var c = CorefCase("JNIM attacked a base near Boni. MINUSMA reported the attack. The group later claimed it.")
        c.name("JNIM", .org, id: "org:jnim")
        c.name("Boni", .place)
        c.name("MINUSMA", .org, id: "org:minusma")
        let r = try c.run()
        XCTAssertEqual(r.entity("The group"), r.entity("JNIM"))
        XCTAssertEqual(r.mention("The group")?.type, .org)
    }

    func testMilitantsInGeneralAreNoEntity() throws {
        var c = CorefCase("JNIM attacked Boni. The militants have carried out more attacks since.")
        c.name("JNIM", .org, id: "org:jnim")
        c.name("Boni", .place)
        let r = try c.run()
        XCTAssertNil(r.mention("The militants"))
    }

    func testTheGroupWithNoArmedGroupInTheWindowStaysUnresolved() throws {
        var c = CorefCase("MINUSMA reported an attack near Boni. The group behind it is unknown.")
        c.name("MINUSMA", .org, id: "org:minusma")
        c.name("Boni", .place)
        let r = try c.run()
        XCTAssertNil(r.mention("The group"))
    }

    func testTheTownIsTheLastTownAndTheCapitalIsTheCountrysCapital() throws {
        var c = CorefCase("Mali is at war. Gunmen attacked Mopti in Mali on Monday. The town lies far from the capital.")
        c.name("Mali", .place, place: Fixtures.mali)
        c.name("Mopti", .place, place: Fixtures.mopti)
        c.name("Mali", .place, occurrence: 2, place: Fixtures.mali)
        let r = try c.run()
        XCTAssertEqual(r.entity("The town"), r.entity("Mopti"))
        let capital = try XCTUnwrap(r.mention("the capital"))
        XCTAssertEqual(r.canonical(capital.entity), Fixtures.bamako.id, "the gazetteer's capital of the document's country")
        XCTAssertEqual(capital.place?.name, "Bamako")
    }

    func testTheCountryAndTheJuntaBelongToTheDocumentsCountry() throws {
        var c = CorefCase("France withdrew from Mali. Mali hired mercenaries. The junta said the country is safe, and Malian troops agreed.")
        c.name("France", .place, place: Fixtures.france)
        c.name("Mali", .place, place: Fixtures.mali)
        c.name("Mali", .place, occurrence: 2, place: Fixtures.mali)
        let r = try c.run()
        XCTAssertEqual(r.entity("the country"), r.entity("Mali"))
        XCTAssertEqual(r.canonical(r.entity("The junta")), "org:mali-government", "an entity of its own, never named")
        XCTAssertNil(r.mention("Malian troops"), "the army is an entity only where the document names it")

        var named = CorefCase("FAMa patrols Mopti. Mali is at war, and Malian troops left Mali.")
        named.name("FAMa", .org, id: "org:fama")
        named.name("Mopti", .place, place: Fixtures.mopti)
        named.name("Mali", .place, place: Fixtures.mali)
        named.name("Mali", .place, occurrence: 3, place: Fixtures.mali)  // the second is inside "Malian"
        let n = try named.run()
        XCTAssertEqual(n.entity("Malian troops"), n.entity("FAMa"))
    }

    // MARK: Pronouns

    func testPronounsAgreeInNumberAndAnimacy() throws {
        var c = CorefCase("Keita announced that he would resign. JNIM claimed the attack and its fighters fled. France stated that it would leave.")
        c.name("Keita", .person)
        c.name("JNIM", .org, id: "org:jnim")
        c.name("France", .place, place: Fixtures.france)
        let r = try c.run()
        XCTAssertEqual(r.entity("he"), r.entity("Keita"))
        XCTAssertEqual(r.mention("he")?.type, .person)
        XCTAssertEqual(r.entity("its"), r.entity("JNIM"))
        XCTAssertEqual(r.entity("it"), r.entity("France"), "the reporting verb's subject")
        XCTAssertEqual(r.mention("it")?.type, .place)
    }

    func testTheyForAnOrganizationButNotForACrowd() throws {
        var c = CorefCase("On March 25, members of JNIM kidnapped Soumaila Cisse. They held him until October. JNIM attacked civilians in Mopti; they fled.")
        c.name("JNIM", .org, id: "org:jnim")
        c.name("Soumaila Cisse", .person)
        c.name("JNIM", .org, id: "org:jnim", occurrence: 2)
        c.name("Mopti", .place, place: Fixtures.mopti)
        let r = try c.run()
        XCTAssertEqual(r.entity("They"), r.entity("JNIM"))
        XCTAssertEqual(r.entity("him"), r.entity("Soumaila Cisse"))
        XCTAssertNil(r.mention("they"), "after 'civilians', 'they' is the civilians")
    }

    func testAPossessiveForAPlaceIsNotAnnotated() throws {
        var c = CorefCase("FAMa patrols the north. Mali closed its borders. Mali said its army would stay.")
        c.name("FAMa", .org, id: "org:fama")
        c.name("Mali", .place, place: Fixtures.mali)
        c.name("Mali", .place, occurrence: 2, place: Fixtures.mali)
        let r = try c.run()
        XCTAssertNil(r.mention("its"))
        // "its army" is Mali's army: a description of the country's military.
        XCTAssertEqual(r.canonical(r.entity("its army")), "org:fama")
    }

    func testEmptyAndUnresolvablePronounsStayUnresolved() throws {
        let c = CorefCase("It is unclear who fired. They left before dawn. He was never found.")
        let r = try c.run()
        XCTAssertTrue(r.nominals.isEmpty)
        XCTAssertTrue(r.doc.entities.isEmpty)
    }

    func testAnExpletiveItIsLeftAlone() throws {
        var c = CorefCase("JNIM attacked Boni. It was reported that it had lost men.")
        c.name("JNIM", .org, id: "org:jnim")
        c.name("Boni", .place)
        let r = try c.run()
        XCTAssertNil(r.mention("It"))
    }

    // MARK: Output

    func testNominalMentionsAreSortedNumberedAndNeverOverlapNames() throws {
        var c = CorefCase("JNIM struck Kati. The group then left the town, and its fighters returned to Mali. Mali said the country was safe.")
        c.name("JNIM", .org, id: "org:jnim")
        c.name("Kati", .place, place: Fixtures.kati)
        c.name("Mali", .place, place: Fixtures.mali)
        c.name("Mali", .place, occurrence: 2, place: Fixtures.mali)
        let r = try c.run()
        let ms = r.doc.mentions
        XCTAssertEqual(ms.map(\.start), ms.map(\.start).sorted())
        for (a, b) in zip(ms, ms.dropFirst()) { XCTAssertLessThanOrEqual(a.end, b.start, "\(a.text) overlaps \(b.text)") }
        XCTAssertEqual(r.nominals.map(\.id), (1...r.nominals.count).map { "C\($0)" })
        XCTAssertEqual(r.nominals.map(\.text), ["The group", "the town", "its", "the country"])
        for e in r.doc.entities {
            XCTAssertEqual(Set(e.mentions), Set(ms.filter { $0.entity == e.id }.map(\.id)), "entity \(e.id) lists its mentions")
        }
        XCTAssertEqual(r.doc.entities.map(\.id), (1...r.doc.entities.count).map { "E\($0)" })
    }

    func testNamesGivenOutOfOrderComeOutSortedWithTheSameEntities() throws {
        var c = CorefCase("Mali said JNIM struck Kati. The group then left the town, and its fighters returned to Mali.")
        c.name("Mali", .place, occurrence: 2, place: Fixtures.mali)
        c.name("Kati", .place, place: Fixtures.kati)
        c.name("JNIM", .org, id: "org:jnim")
        c.name("Mali", .place, place: Fixtures.mali)
        let sorted = try c.run(), unsorted = try c.run(inOrderAdded: true)
        let ms = unsorted.doc.mentions
        XCTAssertEqual(ms.map(\.start), ms.map(\.start).sorted())
        XCTAssertEqual(ms.map(\.text), sorted.doc.mentions.map(\.text))
        XCTAssertEqual(ms.map(\.entity), sorted.doc.mentions.map(\.entity))
        XCTAssertEqual(unsorted.doc.entities, sorted.doc.entities)
        XCTAssertFalse(sorted.nominals.isEmpty)
        XCTAssertEqual(unsorted.nominals.map(\.id), sorted.nominals.map(\.id))
    }
}
