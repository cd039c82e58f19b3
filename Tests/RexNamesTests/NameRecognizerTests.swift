import XCTest
import Foundation
import RexModel
import RexText
@testable import RexNames

/// Small gazetteers written here; the word lists are the repository's `Gazetteers/lexicon/names-*.txt`.
enum Fixture {
    static let places = """
    # FORMAT: id\tname\tkind\tcountry\tadmin1\tadmin2\tlat\tlon\tpopulation\tnames\tsource\tlicence\tflags
    geonames:2453866\tRepublic of Mali\tA.PCLI\tML\t\t\t18\t-2\t19077690\tRepublic of Mali|Mali\tgeonames\tCC-BY-4.0\t
    geonames:2440476\tRepublic of Niger\tA.PCLI\tNE\t\t\t18\t9\t15878271\tRepublic of Niger|Niger\tgeonames\tCC-BY-4.0\t
    place:country-ng\tNigeria\tA.PCLI\tNG\t\t\t10\t8\t\tNigeria|Federal Republic of Nigeria\tcountries\tODbL-1.0\t
    place:country-us\tUnited States\tA.PCLI\tUS\t\t\t38\t-97\t\tUnited States|U.S.|US|USA\tcountries\tODbL-1.0\t
    geonames:2440477\tNiger\tH.STM\tML\t\t\t16.5\t-1\t\tNiger|Niger River|River Niger\tgeonames\tCC-BY-4.0\t
    geonames:2460596\tBamako\tP.PPLC\tML\tBamako\t\t12.65\t-8.0\t1297281\tBamako\tgeonames\tCC-BY-4.0\t
    geonames:2453348\tMopti\tP.PPLA\tML\tMopti Region\tMopti\t14.4843\t-4.1827\t114296\tMopti\tgeonames\tCC-BY-4.0\t
    geonames:2453347\tMopti Region\tA.ADM1\tML\tMopti Region\t\t14.5\t-3.5\t\tMopti Region|Mopti|Région de Mopti\tgeonames\tCC-BY-4.0\t
    geonames:2451478\tSégou\tP.PPLA\tML\tSégou Region\tSégou\t13.4317\t-6.2157\t130690\tSégou|Segou\tgeonames\tCC-BY-4.0\t
    geonames:2451477\tSégou Region\tA.ADM1\tML\tSégou Region\t\t13.8\t-6.0\t\tSégou Region|Ségou|Segou\tgeonames\tCC-BY-4.0\t
    geonames:2457673\tFarabougou\tP.PPL\tML\tKoulikoro Region\tKati\t13.57543\t-7.74821\t\tFarabougou\tgeonames\tCC-BY-4.0\t
    geonames:2457672\tFarabougou\tP.PPL\tML\tKayes Region\tKita\t14.5015\t-9.43313\t\tFarabougou\tgeonames\tCC-BY-4.0\t
    geonames:2457671\tFarabougou\tP.PPL\tML\tSégou Region\tNiono\t14.8921\t-6.1414\t\tFarabougou\tgeonames\tCC-BY-4.0\t
    geonames:2455558\tKati\tP.PPLA2\tML\tKoulikoro Region\tKati\t12.744\t-8.073\t66895\tKati\tgeonames\tCC-BY-4.0\t
    geonames:2457163\tGao\tP.PPLA\tML\tGao Region\tGao\t16.27167\t-0.04472\t87000\tGao\tgeonames\tCC-BY-4.0\t
    geonames:2457161\tGao Region\tA.ADM1\tML\tGao Region\t\t16.6\t0.5\t\tGao Region|Gao\tgeonames\tCC-BY-4.0\t
    place:sahara\tSahara\tT.DSRT\t\t\t\t23\t10\t\tSahara|the Sahara\thand\tCC-BY-4.0\t
    geonames:2451185\tSahel\tP.PPL\tML\tKayes Region\t\t14.1\t-10.1\t\tSahel\tgeonames\tCC-BY-4.0\t
    osm:4577364792\tMoura\tP.PPLA2\tNE\tDiffa\t\t13.32\t11.88\t20000\tMoura\tosm\tODbL-1.0\t
    geonames:2453345\tMoura\tP.PPL\tML\tMopti Region\tDjenné\t14.33\t-4.6\t\tMoura|Mora\tgeonames\tCC-BY-4.0\t
    geonames:6872485\tGouni\tP.PPL\tML\tTombouctou Region\tGourma-Rharous\t15.99\t-2.96\t3000\tGouni\tgeonames\tCC-BY-4.0\t
    geonames:2456895\tGouni\tP.PPL\tML\tMopti Region\tBandiagara\t14.11\t-3.98\t\tGouni\tgeonames\tCC-BY-4.0\t
    """

    static let organizations = """
    # FORMAT: id\tname\ttype\tacronyms\taliases\tcountry\tsource
    org:jnim\tJama'at Nusrat al-Islam wal-Muslimin\tjihadist group\tJNIM|GSIM\tJamaat Nusrat al-Islam wal Muslimeen\t\thand
    org:isgs\tIslamic State in the Greater Sahara\tjihadist group\tISGS|ISIS-GS\tIS Sahel\t\thand
    org:al-qaeda\tal-Qaeda\tjihadist group\t\tal Qaeda\t\thand
    org:minusma\tUnited Nations Multidimensional Integrated Stabilization Mission in Mali\tinternational mission\tMINUSMA\tMultidimensional Integrated Stabilization Mission in Mali\t\thand
    org:fama\tMalian Armed Forces\tstate forces\tFAMa\tMali's Armed Forces\tML\thand
    """

    static let people = """
    # FORMAT: id\tname\tvariants\troles\torganizations\tcountry\tsource
    person:iyad-ag-ghaly\tIyad Ag Ghaly\tIyad ag Ghaly\tAnsar Dine leader\torg:ansar-dine\tML\thand
    """

    static let demonyms = """
    # FORMAT: demonym\tcountry\tplace_id
    Malian\tML\tgeonames:2453866
    Malians\tML\tgeonames:2453866
    Nigerien\tNE\tgeonames:2440476
    """

    static let gazetteer: Gazetteer = {
        let data = try! DataDirectory.locate()
        let lexicon = try! Lexicon(data: data)
        return try! Gazetteer.load(placesTSV: places, organizationsTSV: organizations, peopleTSV: people,
                                   demonymsTSV: demonyms, lexicon: lexicon)
    }()

    /// Tokens, sentences and name mentions of a text (with optional mentions already there, e.g. dates).
    static func annotate(_ text: String, existing: [Mention] = []) throws -> Document {
        var doc = Document(id: "t", text: text)
        try Tokenizer().process(&doc)
        try SentenceSplitter(abbreviations: ["U.S.": .modifier]).process(&doc)
        doc.mentions = existing
        try NameRecognizer(gazetteer: gazetteer).process(&doc)
        return doc
    }
}

extension Document {
    func names(_ type: MentionType) -> [String] { mentions.filter { $0.type == type }.map(\.text) }
    func place(_ text: String) -> PlaceRef? { mentions.first { $0.type == .place && $0.text == text }?.place }
}

final class NameKeyTests: XCTestCase {
    func testHyphensApostrophesAndDiacriticsShareOneKey() {
        func k(_ s: String) -> [String] { NameKey.keys(s[...]).map(\.key) }
        XCTAssertEqual(k("al-Qaeda"), k("al Qaeda"))
        XCTAssertEqual(k("Jama’at Nusrat"), k("Jamaat Nusrat"))
        XCTAssertEqual(k("Ségou"), ["segou"])
        XCTAssertEqual(k("Côte d’Ivoire"), k("Cote d'Ivoire"))
        XCTAssertEqual(k("U.S."), ["u.s"])
    }

    func testPossessiveIsCutAndRemembered() {
        let key = NameKey.key("Mali’s")
        XCTAssertEqual(key.key, "mali")
        XCTAssertTrue(key.possessive)
        XCTAssertEqual(key.possessiveLength, 2)
    }

    func testASCIIFastPathAgreesWithTheGeneralPath() {
        for name in ["Bir Mou`attalat", "St. Louis", "U.S.A.", "O'Neil's Post", "G5 Sahel", "Center for Strategic & International Studies",
                     "Ni-gie (Niger)", "Jama'at Nusrat al-Islam wal-Muslimin", "ISIS-GS"] {
            XCTAssertEqual(NameKey.asciiKeys(name[...]), NameKey.split(name[...]).map { NameKey.key($0) }, name)
        }
    }

    func testGazetteerNamesAndTextTokensGetTheSameKeys() {
        for name in ["Jama’at Nusrat al-Islam wal-Muslimin", "Côte d’Ivoire", "U.S. Department of State", "ISIS-GS",
                     "Center for Strategic & International Studies", "G5 Sahel", "Mali’s Armed Forces"] {
            let tokens = Tokenizer.tokenize(name)
            // As the recognizer reads text: hyphens skipped, the period of "U.S." belongs to the word.
            let fromText = tokens.indices.filter { k in
                tokens[k].folded != "-" && !(tokens[k].folded == "." && k > 0 && tokens[k - 1].folded.contains(".")
                                             && tokens[k - 1].end == tokens[k].start)
            }.map { NameKey.key(tokens[$0].folded[...]).key }
            XCTAssertEqual(fromText, NameKey.keys(name[...]).map(\.key), name)
        }
    }
}

final class NameRecognizerTests: XCTestCase {
    func testLongestMatchWinsAndNamesInsideLongerNamesAreNotMentions() throws {
        let doc = try Fixture.annotate("Islamic State in the Greater Sahara attacked the Multidimensional Integrated Stabilization Mission in Mali.")
        XCTAssertEqual(doc.names(.org), ["Islamic State in the Greater Sahara", "Multidimensional Integrated Stabilization Mission in Mali"])
        XCTAssertEqual(doc.names(.place), [])
        XCTAssertEqual(doc.mentions.first?.entity, "org:isgs")
    }

    func testAcronymsMatchOnlyWithTheirCapitals() throws {
        let doc = try Fixture.annotate("JNIM and FAMa clashed. Jnim is no acronym, nor is FAMA or fama.")
        XCTAssertEqual(doc.names(.org), ["JNIM", "FAMa"])
    }

    func testCommonWordsNeedCapitalsAndPlaceCues() throws {
        let doc = try Fixture.annotate("Kati said gao. Attacks near Kati and in Gao continued.")
        // "Kati" at the start of a sentence without a cue is no place; "gao" in lower case never is.
        XCTAssertEqual(doc.names(.place), ["Kati", "Gao"])
        XCTAssertEqual(doc.mentions.filter { $0.type == .place }.first?.start, 28)
    }

    func testPossessivePlacesAndDemonymsAreNotPlaceMentions() throws {
        let doc = try Fixture.annotate("Mali’s decision angered Malian forces, and MINUSMA’s withdrawal began in Mali.")
        XCTAssertEqual(doc.names(.place), ["Mali"])
        XCTAssertEqual(doc.names(.org), ["MINUSMA"])
        XCTAssertEqual(Fixture.gazetteer.demonym("Malian")?.placeId, "geonames:2453866")
    }

    func testCapitalizedNameWithPossessiveIsOneOrganization() throws {
        let doc = try Fixture.annotate("Civilians were targeted by Mali’s Armed Forces (FAMa).")
        XCTAssertEqual(doc.names(.org), ["Mali’s Armed Forces", "FAMa"])
        XCTAssertEqual(Set(doc.mentions.compactMap(\.entity)), ["org:fama"])
    }

    func testNigerTheCountryTheRiverAndNigeria() throws {
        let doc = try Fixture.annotate("Niger and Nigeria signed. Boats sailed along the Niger River.")
        XCTAssertEqual(doc.names(.place), ["Niger", "Nigeria", "Niger River"])
        XCTAssertEqual(doc.place("Niger")?.id, "geonames:2440476")
        XCTAssertEqual(doc.place("Nigeria")?.id, "place:country-ng")
        XCTAssertEqual(doc.place("Niger River")?.id, "geonames:2440477")
    }

    func testACountryInThePossessiveOrADirectionWordSelectsTheSense() throws {
        XCTAssertEqual(try Fixture.annotate("Fighting spread to Moura.").place("Moura")?.id, "osm:4577364792", "without a cue, the larger town")
        XCTAssertEqual(try Fixture.annotate("Fighting spread to Niger’s Moura.").place("Moura")?.id, "osm:4577364792")
        XCTAssertEqual(try Fixture.annotate("Fighting spread to Mali’s Moura.").place("Moura")?.id, "geonames:2453345")
        XCTAssertEqual(try Fixture.annotate("Soldiers killed 300 men in Moura in central Mali.").place("Moura")?.id, "geonames:2453345")
        XCTAssertEqual(try Fixture.annotate("Gunmen killed 50 people in the central Malian town of Gouni.").place("Gouni")?.id, "geonames:2456895")
        XCTAssertEqual(try Fixture.annotate("Gunmen killed 50 people in the northern Malian town of Gouni.").place("Gouni")?.id, "geonames:6872485")
    }

    func testTownUnlessTheTextSaysRegion() throws {
        let doc = try Fixture.annotate("Fighting in Mopti spread. Attacks intensified in the Mopti and Ségou Regions and the Gao region.")
        let places = doc.mentions.filter { $0.type == .place }
        XCTAssertEqual(places.map(\.text), ["Mopti", "Mopti", "Ségou Regions", "Gao region"])
        XCTAssertEqual(places.map { $0.place?.id }, ["geonames:2453348", "geonames:2453347", "geonames:2451477", "geonames:2457161"])
    }

    func testAPartOfATownAndRegionNameMeansTheRegionButNotForACountry() throws {
        let doc = try Fixture.annotate("JNIM is active in northern Gao. A bomb exploded in Gao. Troops left northern Mali.")
        XCTAssertEqual(doc.mentions.filter { $0.text == "Gao" }.map { $0.place?.id }, ["geonames:2457161", "geonames:2457163"])
        XCTAssertEqual(doc.place("Mali")?.id, "geonames:2453866")
    }

    func testHomonymResolvedByTheRegionNamedWithIt() throws {
        let doc = try Fixture.annotate("Jihadists besieged the village of Farabougou (Ségou region) for weeks.")
        XCTAssertEqual(doc.place("Farabougou")?.id, "geonames:2457671")
        XCTAssertEqual(doc.place("Ségou region")?.id, "geonames:2451477")
    }

    func testHomonymResolvedByTheFocusCountryEvenWhenVillagesShareTheCountrysName() throws {
        // Four villages called Mali: the country is still the one the report is about, and the Moura of Mali
        // (a spelling of Mora) beats the Moura of Niger, whose primary name it is.
        let places = """
        # FORMAT: id\tname\tkind\tcountry\tadmin1\tadmin2\tlat\tlon\tpopulation\tnames\tsource\tlicence\tflags
        geonames:2453866\tRepublic of Mali\tA.PCLI\tML\t\t\t18\t-2\t19077690\tRepublic of Mali|Mali\tgeonames\tCC-BY-4.0\t
        geonames:2440476\tRepublic of Niger\tA.PCLI\tNE\t\t\t18\t9\t15878271\tRepublic of Niger|Niger\tgeonames\tCC-BY-4.0\t
        geonames:1\tMali\tP.PPL\tGN\t\t\t12.1\t-12.3\t\tMali\tgeonames\tCC-BY-4.0\t
        geonames:2\tMali\tP.PPL\tGN\t\t\t11.2\t-12.0\t\tMali\tgeonames\tCC-BY-4.0\t
        geonames:3\tMali\tP.PPL\tSN\t\t\t13.1\t-12.1\t\tMali\tgeonames\tCC-BY-4.0\t
        geonames:4\tMali\tP.PPL\tTG\t\t\t9.1\t1.1\t\tMali\tgeonames\tCC-BY-4.0\t
        geonames:2453345\tMora\tP.PPL\tML\tMopti\tDjenne\t14.33\t-4.60\t\tMora|Moura\tgeonames\tCC-BY-4.0\t
        osm:4577364792\tMoura\tP.PPL\tNE\t\t\t13.32\t11.88\t\tMoura\tosm\tODbL-1.0\t
        """
        let g = try Gazetteer.load(placesTSV: places, organizationsTSV: "", peopleTSV: "", demonymsTSV: "",
                                   lexicon: try Lexicon(data: DataDirectory.locate()))
        var doc = Document(id: "t", text: "Mali held elections. Troops from Niger left Mali. In Mali, soldiers killed 300 men in Moura.")
        try Tokenizer().process(&doc)
        try SentenceSplitter(abbreviations: [:]).process(&doc)
        try NameRecognizer(gazetteer: g).process(&doc)
        XCTAssertEqual(doc.place("Mali")?.id, "geonames:2453866")
        XCTAssertEqual(doc.place("Moura")?.id, "geonames:2453345")
    }

    func testHomonymResolvedByStatedDistanceAndBearing() throws {
        let doc = try Fixture.annotate("Suspected terrorists laid siege to Farabougou, a town roughly 260 miles northeast of Bamako.")
        XCTAssertEqual(doc.place("Farabougou")?.id, "geonames:2457671")
        let near = try Fixture.annotate("Suspected terrorists laid siege to Farabougou, 40 kilometers from Bamako.")
        XCTAssertEqual(near.place("Farabougou")?.id, "geonames:2457673")
        let conf = near.mentions.first { $0.text == "Farabougou" }?.confidence ?? 0
        XCTAssertGreaterThan(conf, 0)
        XCTAssertLessThanOrEqual(conf, 1)
    }

    func testUnknownOrganizationFromAcronymDefinitionIsUsedAgain() throws {
        let doc = try Fixture.annotate("Mali joined the National Financial Intelligence Processing Unit (CENTIF-Mali). Later CENTIF-Mali reported.")
        XCTAssertEqual(doc.names(.org), ["National Financial Intelligence Processing Unit", "CENTIF-Mali", "CENTIF-Mali"])
        XCTAssertEqual(Set(doc.mentions.filter { $0.type == .org }.compactMap(\.entity)), ["org:centif-mali"])
        XCTAssertEqual(doc.names(.place), ["Mali"])
    }

    func testUnknownOrganizationFromHeadWord() throws {
        let doc = try Fixture.annotate("The Special Intervention Brigade and the Ministry of Religious Affairs met the Wagner group.")
        XCTAssertEqual(doc.names(.org), ["Special Intervention Brigade", "Ministry of Religious Affairs", "Wagner"])
    }

    func testNamesThatAreNoOrganizationKeepPlacesOut() throws {
        let doc = try Fixture.annotate("The Agreement for Peace and Reconciliation in Mali stalled.")
        XCTAssertEqual(doc.names(.place), [])
        XCTAssertEqual(doc.names(.org), [])
    }

    func testPeopleFromTitlesRolesAndNameShapeWithoutTheTitle() throws {
        let doc = try Fixture.annotate("President Ibrahim Boubacar Keïta met leader Iyad Ag Ghaly and Mohamed Toure. Keïta left.")
        XCTAssertEqual(doc.names(.person), ["Ibrahim Boubacar Keïta", "Iyad Ag Ghaly", "Mohamed Toure", "Keïta"])
        let ids = doc.mentions.filter { $0.type == .person }.map { $0.entity ?? "" }
        XCTAssertEqual(ids[1], "person:iyad-ag-ghaly")
        XCTAssertEqual(ids[0], ids[3])
    }

    func testNameInsideHyphenatedModifierIsAMention() throws {
        let doc = try Fixture.annotate("The al-Qaeda-affiliated group JNIM-affiliated fighters struck.")
        XCTAssertEqual(doc.names(.org), ["al-Qaeda", "JNIM"])
    }

    func testMentionsNeverOverlapEachOtherOrDatesAndAreSortedWithOwnIds() throws {
        let text = "On March 25, JNIM attacked Bamako, Mali, near Kati."
        let date = Mention(id: "D1", start: 3, end: 11, text: "March 25", type: .date)
        let doc = try Fixture.annotate(text, existing: [date])
        let ms = doc.mentions
        XCTAssertEqual(ms.map(\.start), ms.map(\.start).sorted())
        for (a, b) in zip(ms, ms.dropFirst()) { XCTAssertLessThanOrEqual(a.end, b.start) }
        XCTAssertEqual(ms.map(\.id), ["D1", "O1", "P1", "P2", "P3"])
        let bamako = doc.place("Bamako")
        XCTAssertEqual(bamako?.country, "ML")
        XCTAssertEqual(bamako?.lat ?? 0, 12.65, accuracy: 0.001)
        XCTAssertTrue(ms.filter { $0.type != .date }.allSatisfy { $0.confidence != nil })
    }

    func testPlaceSpellingWithTheArticleMatchesWithoutIt() throws {
        let doc = try Fixture.annotate("Militants moved into the Sahara.")
        XCTAssertEqual(doc.names(.place), ["Sahara"])
    }

    func testBadGazetteerLineNamesFileAndLine() {
        let bad = "# comment\ngeonames:1\tX\tP.PPL\tML\t\t\tnorth\t3\t\tX\tgeonames\tCC-BY-4.0\t\n"
        XCTAssertThrowsError(try Gazetteer.load(placesTSV: bad, lexicon: Fixture.gazetteer.lexicon)) { error in
            XCTAssertEqual(error as? DataError, .badLine(file: "places.tsv", line: 2, reason: "lat/lon is not a number"))
        }
    }
}
