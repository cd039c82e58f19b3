import RexModel
import XCTest
@testable import RexCoref

/// Names: ids, acronyms, gazetteer spellings, partial person names, renamings.
final class NameClusterTests: XCTestCase {
    func testAnAcronymInParenthesesJoinsItsDefinition() throws {
        var c = CorefCase("The Coordination of Azawad Movements (CMA) met in Kidal. The CMA refused to sign.")
        c.name("Coordination of Azawad Movements", .org)
        c.name("CMA", .org, id: "org:own-cma")
        c.name("CMA", .org, id: "org:own-cma", occurrence: 2)
        let r = try c.run()
        XCTAssertNotNil(r.entity("CMA"))
        XCTAssertEqual(r.entity("Coordination of Azawad Movements"), r.entity("CMA"))
        XCTAssertEqual(r.entity("CMA", 2), r.entity("CMA"))
        XCTAssertEqual(r.doc.entities.count, 1)
    }

    func testAnAcronymMadeOfTheInitialsJoinsTheFullName() throws {
        var c = CorefCase("The Macina Liberation Front recruits among herders. In 2019 the MLF attacked Dioura.")
        c.name("Macina Liberation Front", .org)
        c.name("MLF", .org)
        let r = try c.run()
        XCTAssertEqual(r.entity("MLF"), r.entity("Macina Liberation Front"))
    }

    func testSpellingsTheGazetteerKnowsAreOneEntityWithItsCanonicalID() throws {
        var c = CorefCase("The Group for the Support of Islam and Muslims grew. Jamaat Nusrat al-Islam wal Muslimeen then split. JNIM denied it.")
        c.name("Group for the Support of Islam and Muslims", .org)
        c.name("Jamaat Nusrat al-Islam wal Muslimeen", .org)
        c.name("JNIM", .org)
        let r = try c.run()
        let e = r.entity("JNIM")
        XCTAssertEqual(r.entity("Group for the Support of Islam and Muslims"), e)
        XCTAssertEqual(r.entity("Jamaat Nusrat al-Islam wal Muslimeen"), e)
        XCTAssertEqual(r.canonical(e), "org:jnim")
        XCTAssertEqual(r.doc.entities.first { $0.id == e }?.name, "Jama'at Nusrat al-Islam wal-Muslimin")
    }

    func testAPartialPersonNameJoinsTheOneFullNameItEnds() throws {
        var c = CorefCase("Fawaz Ould Ahmeida was arrested. Ould Ahmeida was tried with Soumaila Cisse. Cisse was freed.")
        c.name("Fawaz Ould Ahmeida", .person)
        c.name("Ould Ahmeida", .person)
        c.name("Soumaila Cisse", .person)
        c.name("Cisse", .person)
        let r = try c.run()
        XCTAssertEqual(r.entity("Ould Ahmeida"), r.entity("Fawaz Ould Ahmeida"))
        XCTAssertEqual(r.entity("Cisse"), r.entity("Soumaila Cisse"))
        XCTAssertNotEqual(r.entity("Cisse"), r.entity("Ould Ahmeida"))
    }

    func testASurnameTwoPeopleShareStaysApart() throws {
        var c = CorefCase("Amadou Toure met Mohamed Toure. Toure spoke first.")
        c.name("Amadou Toure", .person)
        c.name("Mohamed Toure", .person)
        c.name("Toure", .person, occurrence: 3)
        let r = try c.run()
        let toure = r.doc.mentions.last { $0.text == "Toure" }
        XCTAssertNotEqual(toure?.entity, r.entity("Amadou Toure"))
        XCTAssertNotEqual(toure?.entity, r.entity("Mohamed Toure"))
    }

    func testARenamedGroupIsOneEntityAndAPartIsNot() throws {
        // ISGS and IS Sahel: one id; GSPC renamed to AQIM (org-relations renamed-to); JNIM, of which AQIM is
        // part, stays apart.
        var c = CorefCase("ISGS became IS Sahel in 2022. The GSPC became AQIM, which is part of JNIM.")
        c.name("ISGS", .org, id: "org:isgs")
        c.name("IS Sahel", .org, id: "org:isgs")
        c.name("GSPC", .org, id: "org:gspc")
        c.name("AQIM", .org, id: "org:aqim")
        c.name("JNIM", .org, id: "org:jnim")
        let r = try c.run()
        XCTAssertEqual(r.entity("ISGS"), r.entity("IS Sahel"))
        XCTAssertEqual(r.entity("GSPC"), r.entity("AQIM"))
        XCTAssertEqual(r.canonical(r.entity("GSPC")), "org:aqim")
        XCTAssertNotEqual(r.entity("AQIM"), r.entity("JNIM"))
    }

    func testTwoGazetteerEntriesAreNeverMergedByTheNameRules() throws {
        // "(AQIM)" after a different known name is not its definition.
        var c = CorefCase("Jama'at Nusrat al-Islam wal-Muslimin (AQIM) is a typo.")
        c.name("Jama'at Nusrat al-Islam wal-Muslimin", .org, id: "org:jnim")
        c.name("AQIM", .org, id: "org:aqim")
        let r = try c.run()
        XCTAssertNotEqual(r.entity("AQIM"), r.entity("Jama'at Nusrat al-Islam wal-Muslimin"))
    }

    func testPlacesAreOneEntityByTheirPlaceID() throws {
        var c = CorefCase("Mali lies in the Sahel. Troops left Mali.")
        c.name("Mali", .place, place: Fixtures.mali)
        c.name("Mali", .place, occurrence: 2, place: Fixtures.mali)
        let r = try c.run()
        XCTAssertEqual(r.entity("Mali"), r.entity("Mali", 2))
        XCTAssertEqual(r.canonical(r.entity("Mali")), "geonames:2453866")
    }
}
