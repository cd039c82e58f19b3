import Foundation
import Rex
import RexEval
import XCTest

/// Text without case (MUC-4 wire text is upper case) through the whole pipeline with the Latin America pack,
/// and MUC-4's role fillers from the events. The sentences are invented for the test; the pack is the repo's
/// Gazetteers/packs/latam.
final class CaselessMUCTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let wire = """
        SAN SALVADOR, 12 MAR 90 -- URBAN GUERRILLAS OF THE FARABUNDO MARTI NATIONAL LIBERATION FRONT \
        MURDERED MAYOR JOSE ARMANDO PALACIOS IN USULUTAN YESTERDAY. THE FMLN ALSO DYNAMITED A POWER PYLON \
        IN SAN MIGUEL. A MILITARY SPOKESMAN SAID THE ARMY WILL PURSUE THE ATTACKERS.
        """

    func annotate(_ text: String) throws -> Document {
        let data = try DataDirectory.locate(explicit: Self.root.appendingPathComponent("Gazetteers").path, pack: "latam")
        return try Rex.annotate(text: text, id: "wire", dct: nil, pipeline: Rex.defaultPipeline(data: data))
    }

    func testUpperCaseWireTextIsSplitAndItsNamesFoundWhateverTheirCase() throws {
        let doc = try annotate(Self.wire)
        XCTAssertEqual(doc.sentences.count, 3, "full stops end sentences in text without case")
        let names = Set(doc.mentions.filter { !$0.isNominal }.map { "\($0.type.rawValue) \($0.text)" })
        XCTAssertTrue(names.contains("ORG FARABUNDO MARTI NATIONAL LIBERATION FRONT"), "\(names)")
        XCTAssertTrue(names.contains("ORG FMLN"), "an acronym of the pack matches in capitals: \(names)")
        XCTAssertTrue(names.contains("PERSON JOSE ARMANDO PALACIOS"), "a title then words that are not common: \(names)")
        XCTAssertFalse(names.contains { $0.hasPrefix("PERSON") && $0.contains("YESTERDAY") }, "\(names)")
        XCTAssertFalse(names.contains { $0.hasPrefix("ORG URBAN") }, "capital-based rules stay silent: \(names)")
    }

    func testMUCRolesFromUpperAndLowerCaseTextAreTheSame() throws {
        let upper = MUCRoles.fillers(from: try annotate(Self.wire))
        let lower = MUCRoles.fillers(from: try annotate(Self.wire.lowercased()))
        for role in MUC4.roles {
            XCTAssertEqual(upper[role]!.map { $0.lowercased() }, lower[role]!, role)
        }
        // The murdered mayor is the victim (his name without the title); the guerrillas are the individuals and
        // their front the organization, once for both its names, by the full one; the pylon is the physical target.
        XCTAssertEqual(upper["Victim"], ["JOSE ARMANDO PALACIOS"])
        XCTAssertEqual(upper["PerpInd"], ["URBAN GUERRILLAS"])
        XCTAssertEqual(upper["PerpOrg"], ["FARABUNDO MARTI NATIONAL LIBERATION FRONT"])
        XCTAssertEqual(upper["Target"].map { $0.map(MUC4.normalize) }, ["power pylon"])
        XCTAssertEqual(upper["Weapon"], [])
    }

    func testArmedGroupsOfTheDocumentArePerpetratorOrganizations() throws {
        let doc = try annotate("""
            THE MEDELLIN CARTEL HAS BEEN BLAMED FOR MANY CRIMES. GUNMEN KILLED JUDGE MARIA ELENA ORTIZ IN \
            MEDELLIN TODAY.
            """)
        let orgs = Self.root.appendingPathComponent("Gazetteers/packs/latam/organizations.tsv")
        let armed = try MUCRoles.armedGroups(organizations: orgs)
        XCTAssertTrue(armed.contains("org:medellin-cartel"))
        let f = MUCRoles.fillers(from: doc, armedGroups: armed)
        XCTAssertEqual(f["Victim"], ["MARIA ELENA ORTIZ"])
        XCTAssertEqual(f["PerpInd"], ["GUNMEN"])
        XCTAssertEqual(f["PerpOrg"], ["MEDELLIN CARTEL"], "named in another sentence of a document with an incident")
        XCTAssertEqual(MUCRoles.fillers(from: doc)["PerpOrg"], [], "without the pack's armed groups, only actors count")
    }
}
