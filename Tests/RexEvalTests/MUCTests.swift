import Foundation
import RexModel
import RexTestSupport
import XCTest
@testable import RexEval

final class MUCTests: XCTestCase {
    func testNormalizationIsGRITs() {
        XCTAssertEqual(MUC4.normalize("The  Guerrillas"), "guerrillas")
        XCTAssertEqual(MUC4.normalize("an army patrol"), "army patrol")
        XCTAssertEqual(MUC4.normalize("theater"), "theater", "only a whole word is an article")
        XCTAssertEqual(MUC4.normalize("members of the FMLN"), "members of fmln", "articles go wherever they stand")
        XCTAssertEqual(MUC4.normalize("\"SANTO TOMAS\" presidential farm"), "santo tomas presidential farm")
        XCTAssertEqual(MUC4.normalize("car-bomb"), "carbomb", "punctuation goes, the words join as in eval.py")
    }

    func testRoleFillersMatchAnyMentionOfAGoldEntityOnce() {
        let gold: [String: [[String]]] = [
            "PerpInd": [["guerrillas", "guerrilla column"]],
            "PerpOrg": [["farabundo marti national liberation front", "fmln"]],
            "Target": [["farm"], ["tank truck", "truck"]],
            "Victim": [["cerezo"]],
            "Weapon": [],
        ]
        let predicted: [String: [String]] = [
            "PerpInd": ["The guerrillas", "the Guerrillas", "guerrilla column"],
            "PerpOrg": ["FMLN"],
            "Target": ["a truck", "the farm house"],
            "Victim": [],
            "Weapon": ["rifles"],
        ]
        let s = MUC4.score(gold: gold, predicted: predicted)
        // PerpInd: "guerrillas" twice counts once; "guerrilla column" is the same entity, already matched:
        // tp 1, fp 1, fn 0 → P 1/2, R 1.
        assertPRF(s["PerpInd"]!, p: 0.5, r: 1, f: 2.0 / 3, "PerpInd")
        assertPRF(s["PerpOrg"]!, p: 1, r: 1, f: 1, "PerpOrg")
        // Target: "truck" matches the tank truck entity; "farm house" nothing; the farm missed: 1/2 and 1/2.
        assertPRF(s["Target"]!, p: 0.5, r: 0.5, f: 0.5, "Target")
        XCTAssertEqual(s["Victim"]!, PRF(tp: 0, fp: 0, fn: 1))
        XCTAssertEqual(s["Weapon"]!, PRF(tp: 0, fp: 1, fn: 0))
        // Micro: tp 1+1+1 = 3, fp 1+0+1+0+1 = 3, fn 0+0+1+1+0 = 2 → P 1/2, R 3/5, F1 6/11.
        var report = MUCReport()
        report.roles = s
        assertPRF(report.micro, p: 0.5, r: 0.6, f: 6.0 / 11, "micro")
    }

    func testMatchingIsTheLargestOneToOne() {
        // Greedy would give "x" the first entity and leave "y" unmatched; the best matching pairs both.
        XCTAssertEqual(MUC4.maximumMatching(fillers: ["x", "y"], entities: [["x", "y"], ["x"]]), 2)
    }

    func testReadsGRITJSONLinesAndNamesABadLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rex-muc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("dev.json")
        try """
        {"docid": "TST1-MUC3-0001", "doctext": "the guerrillas attacked the farm.", "extracts": {"PerpInd": [[["guerrillas", 4]]], "PerpOrg": [], "Target": [[["farm", 28]], []], "Victim": [], "Weapon": []}}

        {"docid": "TST1-MUC3-0002", "doctext": "nothing happened.", "extracts": {"PerpInd": [], "PerpOrg": [], "Target": [], "Victim": [], "Weapon": []}}
        """.write(to: good, atomically: true, encoding: .utf8)
        let docs = try MUC4.read(good)
        XCTAssertEqual(docs.map(\.id), ["TST1-MUC3-0001", "TST1-MUC3-0002"])
        XCTAssertEqual(docs[0].gold["PerpInd"], [["guerrillas"]])
        // The empty gold entity is skipped, as GRIT's eval.py skips it: one Target to find, not two.
        XCTAssertEqual(MUC4.score(gold: docs[0].gold, predicted: [:])["Target"]!.fn, 1)

        let bad = dir.appendingPathComponent("bad.json")
        try "{\"docid\": \"A\", \"doctext\": \"x\", \"extracts\": {}}\n{\"docid\": 3}\n".write(to: bad, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try MUC4.read(bad)) { error in
            guard case let MUC4.ReadError.badLine(_, line, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(line, 2)
        }
    }

    func testRexEventsMapOntoMUCRoles() {
        let text = "FMLN guerrillas led by Joaquin Villalobos attacked a power substation and killed Hector Oqueli."
        var doc = Document(id: "d", text: text)
        doc.entities = [Entity(id: "E1", type: .org, canonical: nil, name: "FMLN", mentions: []),
                        Entity(id: "E2", type: .person, canonical: nil, name: "Joaquin Villalobos", mentions: [])]
        doc.mentions = [Mention(id: "M1", start: 82, end: 95, text: "Hector Oqueli", type: .person, entity: "person:hector-oqueli")]
        var e = Event(id: "V1", type: "ATTACK", trigger: TextSpan(start: 41, end: 49, text: "attacked"), sentence: 0)
        e.actors = [EventActor(role: "perpetrator", entity: "E1", name: "FMLN"),
                    EventActor(role: "perpetrator", entity: "E2", name: "Joaquin Villalobos"),
                    EventActor(role: "perpetrator", entity: nil, name: "guerrillas"),
                    EventActor(role: "mediator", entity: nil, name: "the church")]
        e.targets = [EventTarget(text: "a soldier", entity: nil, kind: "people", category: "military"),
                     EventTarget(text: "Hector Oqueli", entity: "person:hector-oqueli", kind: "people", category: "civilians",
                                 start: 82, end: 95),
                     EventTarget(text: "a power substation", entity: nil, kind: "property", category: "infrastructure")]
        e.weapons = [EventWeapon(text: "rifles", category: "firearms")]
        doc.events = [e]
        let f = MUCRoles.fillers(from: doc)
        XCTAssertEqual(f["PerpOrg"], ["FMLN"])
        XCTAssertEqual(f["PerpInd"], ["Joaquin Villalobos", "guerrillas"])
        XCTAssertEqual(f["Victim"], ["Hector Oqueli"], "victims are MUC-4's human target names, not descriptions")
        XCTAssertEqual(f["Target"], ["a power substation"])
        XCTAssertEqual(f["Weapon"], ["rifles"])
    }

    func testMilitaryClashesAndNonIncidentsGiveNoFillers() {
        var doc = Document(id: "d", text: "Guerrillas clashed with soldiers. Police arrested Juan Perez.")
        var clash = Event(id: "V1", type: "ATTACK", trigger: TextSpan(start: 11, end: 18, text: "clashed"), sentence: 0)
        clash.actors = [EventActor(role: "perpetrator", entity: nil, name: "Guerrillas")]
        clash.targets = [EventTarget(text: "soldiers", entity: nil, kind: "people", category: "military")]
        var arrest = Event(id: "V2", type: "ARREST", trigger: TextSpan(start: 41, end: 49, text: "arrested"), sentence: 1)
        arrest.actors = [EventActor(role: "perpetrator", entity: nil, name: "Police")]
        doc.events = [clash, arrest]
        let f = MUCRoles.fillers(from: doc)
        XCTAssertEqual(f["PerpInd"], [])
        XCTAssertEqual(f["Victim"], [])
    }

    /// A small lexicon as the data files would give it.
    static var lexicon: MUCLexicon {
        var lex = MUCLexicon()
        lex.agents = ["guerrillas": 2, "urban guerrillas": 2, "members": 3, "soldiers": 1, "units": 1]
        lex.weapons = ["dynamite", "bomb", "car bomb"]
        lex.harmNouns = ["murder", "death", "attack"]
        lex.passiveVerbs = ["killed", "assassinated", "kidnapped", "taken hostage"]
        lex.agents["drug trafficking gangs"] = 3
        lex.claimPhrases = ["claimed responsibility", "responsible for"]
        lex.blamePhrases = ["blamed", "accused"]
        return lex
    }

    func testVictimsPassiveAgentsAndShortFillersAcrossTheDocument() {
        let text = "Guerrillas attacked a bank. They condemned the murder of attorney general Luis Perez. "
            + "Ana Gomez, a judge, was assassinated by urban guerrillas. Rosa Diaz said the army is calm. "
            + "Soldiers by members of the front. Gomez's death shocked them."
        var doc = Document(id: "d", text: text)
        func person(_ id: String, _ name: String, entity: String) -> Mention {
            Sample(text).mention(id, name, .person, entity: entity)
        }
        doc.mentions = [person("M1", "Luis Perez", entity: "E1"), person("M2", "Ana Gomez", entity: "E2"),
                        person("M3", "Rosa Diaz", entity: "E3")]
        var sentences: [Sentence] = []
        var start = 0
        for piece in text.components(separatedBy: ". ") {
            let end = start + piece.unicodeScalars.count + 1
            sentences.append(Sentence(start: start, end: min(end, text.unicodeScalars.count)))
            start = end + 1
        }
        doc.sentences = sentences
        var e = Event(id: "V1", type: "ATTACK", trigger: TextSpan(start: 11, end: 19, text: "attacked"), sentence: 0)
        e.actors = [EventActor(role: "perpetrator", entity: nil, name: "0300 guerrillas"),
                    EventActor(role: "perpetrator", entity: nil, name: "disarmed one")]
        e.weapons = [EventWeapon(text: "500 kg of dynamite", category: "explosives")]
        var e2 = Event(id: "V2", type: "KILLING", trigger: TextSpan(start: 0, end: 0, text: ""), sentence: 2)
        let e3 = Event(id: "V3", type: "ATTACK", trigger: TextSpan(start: 0, end: 0, text: ""), sentence: 4)
        doc.events = [e, e2, e3]
        let f = MUCRoles.fillers(from: doc, lexicon: Self.lexicon)
        XCTAssertEqual(f["Victim"], ["Luis Perez", "Ana Gomez"], "after a harm noun and its titles; subject of a passive; not a speaker")
        XCTAssertEqual(f["PerpInd"], ["guerrillas", "urban guerrillas"], "no leading time; an agent noun last; a passive agent")
        XCTAssertEqual(f["Weapon"], ["dynamite"], "the weapon word of the phrase")
        // Without the lexicon only the events' own arguments are mapped.
        let plain = MUCRoles.fillers(from: doc)
        XCTAssertEqual(plain["Victim"], [])
        XCTAssertEqual(plain["PerpInd"], ["0300 guerrillas", "disarmed one"])
        XCTAssertEqual(plain["Weapon"], ["500 kg of dynamite"])
    }

    func testAPersonWhoOwnsTheTriggerIsItsVictimAndAPartOfANameGivesTheWholeName() {
        let text = "Bernardo Jaramillo Ossa's murder was condemned. Jaramillo Ossa was a candidate."
        var doc = Document(id: "d", text: text)
        doc.mentions = [Mention(id: "M1", start: 0, end: 23, text: "Bernardo Jaramillo Ossa", type: .person, entity: "E1"),
                        Mention(id: "M2", start: 48, end: 62, text: "Jaramillo Ossa", type: .person, entity: "E2")]
        doc.sentences = [Sentence(start: 0, end: 47), Sentence(start: 48, end: 79)]
        var e = Event(id: "V1", type: "KILLING", trigger: TextSpan(start: 26, end: 32, text: "murder"), sentence: 0)
        e.actors = [EventActor(role: "perpetrator", entity: "E1", name: "Bernardo Jaramillo Ossa", start: 0, end: 23)]
        var e2 = Event(id: "V2", type: "KILLING", trigger: TextSpan(start: 26, end: 32, text: "murder"), sentence: 0)
        e2.actors = [EventActor(role: "perpetrator", entity: "E2", name: "Jaramillo Ossa", start: 48, end: 62)]
        doc.events = [e, e2]
        let f = MUCRoles.fillers(from: doc, lexicon: Self.lexicon)
        XCTAssertEqual(f["Victim"], ["Bernardo Jaramillo Ossa"])
        XCTAssertEqual(f["PerpInd"], [], "the victim is not taken for a perpetrator, under a shorter name either")
    }

    func testMembersOfAnOrganizationAreIndividualPerpetrators() {
        let text = "Members of the Farabundo Marti National Liberation Front (FMLN) attacked a substation."
        var doc = Document(id: "d", text: text)
        doc.entities = [Entity(id: "E1", type: .org, canonical: nil, name: "FMLN", mentions: [])]
        doc.mentions = [Mention(id: "M1", start: 15, end: 56, text: "Farabundo Marti National Liberation Front", type: .org, entity: "E1"),
                        Mention(id: "M2", start: 58, end: 62, text: "FMLN", type: .org, entity: "E1")]
        doc.sentences = [Sentence(start: 0, end: 86)]
        var e = Event(id: "V1", type: "ATTACK", trigger: TextSpan(start: 64, end: 72, text: "attacked"), sentence: 0)
        e.actors = [EventActor(role: "perpetrator", entity: "E1", name: "FMLN", start: 58, end: 62)]
        doc.events = [e]
        let f = MUCRoles.fillers(from: doc, lexicon: Self.lexicon)
        XCTAssertEqual(f["PerpOrg"], ["Farabundo Marti National Liberation Front"])
        XCTAssertEqual(f["PerpInd"].map { $0.map(MUC4.normalize) }, ["members of farabundo marti national liberation front"])
    }

    func testCoordinatedNamesAndRelativeClausesMakeVictims() {
        let text = "Rebels attacked the site. Roberto Roascio of Milan and Mario Accurso of Rome, together with a Spaniard, "
            + "were taken hostage. Ana Ruiz, who was kidnapped in March, spoke. Luis Gil was taken to a hospital."
        var doc = Document(id: "d", text: text)
        doc.mentions = ["Roberto Roascio", "Mario Accurso", "Ana Ruiz", "Luis Gil"].enumerated().map { n, name in
            Sample(text).mention("M\(n)", name, .person, entity: "E\(n)")
        }
        doc.sentences = [Sentence(start: 0, end: 25)]
        doc.events = [Event(id: "V1", type: "ATTACK", trigger: TextSpan(start: 7, end: 15, text: "attacked"), sentence: 0)]
        let f = MUCRoles.fillers(from: doc, lexicon: Self.lexicon)
        XCTAssertEqual(f["Victim"], ["Roberto Roascio", "Mario Accurso", "Ana Ruiz"], "not a man merely taken to a hospital")
    }

    func testClaimsAndBlamesNamePerpetrators() {
        let text = "A bomb exploded at a bank. The MRTA claimed responsibility for the attack. "
            + "Officials blamed Colombian drug trafficking gangs for the bombing. No one has claimed responsibility."
        var doc = Document(id: "d", text: text)
        doc.entities = [Entity(id: "E1", type: .org, canonical: nil, name: "MRTA", mentions: [])]
        doc.mentions = [Sample(text).mention("M1", "MRTA", .org, entity: "E1")]
        doc.sentences = [Sentence(start: 0, end: 26)]
        doc.events = [Event(id: "V1", type: "BOMBING", trigger: TextSpan(start: 7, end: 15, text: "exploded"), sentence: 0)]
        let f = MUCRoles.fillers(from: doc, lexicon: Self.lexicon)
        XCTAssertEqual(f["PerpOrg"], ["MRTA"])
        XCTAssertEqual(f["PerpInd"], ["colombian drug trafficking gangs"], "an agent phrase with its modifiers; 'no one' is none")
    }

    func testAGroupNamedWithNothingDoneIsNoIncident() {
        // Nothing is attacked, hurt or used: the group's name alone fills no role ("A bomb exploded at a bank" in
        // the test above keeps it).
        let text = "The MRTA claimed responsibility for the attack."
        var doc = Document(id: "d", text: text)
        doc.entities = [Entity(id: "E1", type: .org, canonical: nil, name: "MRTA", mentions: [])]
        doc.mentions = [Mention(id: "M1", start: 4, end: 8, text: "MRTA", type: .org, entity: "E1")]
        doc.sentences = [Sentence(start: 0, end: text.unicodeScalars.count)]
        doc.events = [Event(id: "V1", type: "ATTACK", trigger: TextSpan(start: 40, end: 46, text: "attack"), sentence: 0)]
        let f = MUCRoles.fillers(from: doc, lexicon: Self.lexicon)
        XCTAssertEqual(f["PerpOrg"], [])
        XCTAssertEqual(f.values.map(\.count).reduce(0, +), 0)
    }

    /// The document-level target, weapon and agent rules' lexicon.
    static var damageLexicon: MUCLexicon {
        var lex = lexicon
        lex.agents["security forces"] = 1
        lex.agents["death squads"] = 3
        lex.agents["persons"] = 3
        lex.weapons.formUnion(["grenade", "weapons"])
        lex.propertyHeads = ["building", "church", "institute", "houses", "car", "posts", "town", "offices", "bus", "store", "consulate", "plane"]
        lex.damageBefore = ["destroyed", "affected", "exploded near", "hit", "damaged"]
        lex.damagedAfter = ["destroyed", "damaged"]
        lex.brokeAfter = ["blew up"]
        lex.weaponAfter = ["exploded", "hit"]
        lex.weaponBefore = ["with"]
        lex.byAgent = ["murdered", "planted"]
        lex.doneBy = ["staged", "forced"]
        lex.agents["men"] = 3
        lex.agents["terrorists"] = 2
        lex.skipHeads = ["town", "weapons"]
        lex.combatantModifiers = ["military"]
        lex.demonyms = ["salvadoran"]
        lex.baseHeads = ["posts"]
        return lex
    }

    func testDamagedPropertyWeaponsAndAgentsAcrossTheDocument() {
        let text = "Guerrillas attacked a bank. The blasts affected the cultural institute, a mormon church and two houses. "
            + "A car-bomb exploded near the U.S. embassy. A grenade hit his car. The company's offices were damaged. "
            + "Many were murdered by security forces or death squads. The bomb, planted by unidentified persons, "
            + "destroyed the town, military posts, the posts of the military and a military bus. It damaged the shelves of a book store and the "
            + "Salvadoran consulate. They came with weapons and with dynamite. The mayor hit back. During the last few "
            + "hours terrorists staged two attacks. Then three heavily armed men forced him out. An airlines plane blew up."
        var doc = Document(id: "d", text: text)
        doc.sentences = [Sentence(start: 0, end: 27)]
        doc.events = [Event(id: "V1", type: "ATTACK", trigger: TextSpan(start: 11, end: 19, text: "attacked"), sentence: 0)]
        let f = MUCRoles.fillers(from: doc, lexicon: Self.damageLexicon)
        XCTAssertEqual(f["Target"], ["cultural institute", "mormon church", "houses", "car", "company's offices", "military bus", "book store", "consulate",
                                    "airlines plane"],
                       "a list after the cue, without quantities and possessive pronouns; no head (embassy) gives none; "
                       + "no town, no military base (a military bus is a target); "
                       + "the phrase after 'of' when none before it; no leading demonym")
        XCTAssertEqual(f["Weapon"], ["car-bomb", "grenade", "dynamite"], "not the bare word 'weapons'")
        XCTAssertEqual(f["PerpInd"], ["terrorists", "three heavily armed men", "security forces", "death squads", "unidentified persons"],
                       "an agent before a verb of kind does, without a leading time; passive agents")
        // Without an incident in the document none of this is given.
        doc.events = []
        XCTAssertEqual(MUCRoles.fillers(from: doc, lexicon: Self.damageLexicon)["Target"], [])
    }

    func testVictimsAfterAnOpenAppositionAnAdverbOrAPrecedingParticiple() {
        let text = "Rebels attacked the house. Erika Sullivan and Chris Anderson, a teacher at the school have been killed. "
            + "The assassinated Carlos Pizarro led the movement. Nadine Elkashes, his daughter, was almost killed. "
            + "Ana Ruiz, a judge who said so, was killed. Luis Gil has been elected. Carlos Marcelo who was kidnapped spoke."
        var doc = Document(id: "d", text: text)
        let names = ["Erika Sullivan", "Chris Anderson", "Carlos Pizarro", "Nadine Elkashes", "Ana Ruiz", "Luis Gil", "Carlos Marcelo"]
        doc.mentions = names.enumerated().map { n, name in Sample(text).mention("M\(n)", name, .person, entity: "E\(n)") }
        doc.sentences = [Sentence(start: 0, end: 26)]
        doc.events = [Event(id: "V1", type: "ATTACK", trigger: TextSpan(start: 7, end: 15, text: "attacked"), sentence: 0)]
        let f = MUCRoles.fillers(from: doc, lexicon: Self.lexicon)
        XCTAssertEqual(f["Victim"], ["Erika Sullivan", "Chris Anderson", "Carlos Pizarro", "Nadine Elkashes", "Carlos Marcelo"],
                       "not through a relative clause, not without a harm participle")
    }

    func testNamesAfterAPassiveByAndBeforeAnOrderArePerpetrators() {
        let text = "A bomb exploded at a bank. The killing had been ordered by Fidel Castano and Henry Perez. "
            + "Two engineers were kidnapped by the so-called Nelson Mandela Cell. Pablo Escobar ordered the murder of a judge. "
            + "The chief of the gang, Jose Gacha, ordered the murder of a mayor. "
            + "The report was written by Ana Ruiz."
        var doc = Document(id: "d", text: text)
        let names: [(String, MentionType)] = [("Fidel Castano", .person), ("Henry Perez", .person), ("Nelson Mandela Cell", .org),
                                              ("Pablo Escobar", .person), ("Jose Gacha", .person), ("Ana Ruiz", .person)]
        doc.mentions = names.enumerated().map { n, name in Sample(text).mention("M\(n)", name.0, name.1, entity: "E\(n)") }
        doc.sentences = [Sentence(start: 0, end: 26)]
        doc.events = [Event(id: "V1", type: "BOMBING", trigger: TextSpan(start: 7, end: 15, text: "exploded"), sentence: 0)]
        var lex = Self.lexicon
        lex.byAgent = ["ordered", "kidnapped"]
        lex.claimPhrases.insert("ordered the murder")
        let f = MUCRoles.fillers(from: doc, lexicon: lex)
        XCTAssertEqual(f["PerpInd"], ["Pablo Escobar", "Jose Gacha", "Fidel Castano", "Henry Perez"],
                       "a name before a claim, also after an apposition; not the writer of a report")
        XCTAssertEqual(f["PerpOrg"], ["Nelson Mandela Cell"])
        XCTAssertEqual(f["Victim"], [], "'the murder of a judge.' does not reach past the full stop to Jose Gacha")
    }

    func testABombingOfSoldiersIsNoClash() {
        var doc = Document(id: "d", text: "Guerrillas attacked soldiers with very powerful explosives. Rebels clashed with troops.")
        var bombing = Event(id: "V1", type: "ATTACK", trigger: TextSpan(start: 11, end: 19, text: "attacked"), sentence: 0)
        bombing.actors = [EventActor(role: "perpetrator", entity: nil, name: "Guerrillas")]
        bombing.targets = [EventTarget(text: "soldiers", entity: nil, kind: "people", category: "military")]
        bombing.weapons = [EventWeapon(text: "very powerful explosives", category: "explosives")]
        var clash = Event(id: "V2", type: "ATTACK", trigger: TextSpan(start: 67, end: 74, text: "clashed"), sentence: 1)
        clash.actors = [EventActor(role: "perpetrator", entity: nil, name: "Rebels")]
        clash.targets = [EventTarget(text: "troops", entity: nil, kind: "people", category: "military")]
        var lex = Self.lexicon
        lex.agents["rebels"] = 2
        lex.weapons.insert("explosives")
        lex.bombWords = ["explosives"]
        doc.events = [bombing]
        XCTAssertEqual(MUCRoles.fillers(from: doc, lexicon: lex)["Weapon"], ["explosives"])
        doc.events = [clash]
        XCTAssertEqual(MUCRoles.fillers(from: doc, lexicon: lex)["PerpInd"], [], "a clash between armed men is no incident")
    }
}
