import Foundation
import RexModel
import RexNames
import XCTest
@testable import RexCoref

/// The word lists load from the repository and a bad line names its file and line.
final class LexiconTests: XCTestCase {
    func testTheRepositoryWordListsLoad() throws {
        let lex = try Fixtures.lexicon()
        XCTAssertEqual(lex.heads["group"]?.first?.rule, .recent)
        XCTAssertEqual(lex.heads["forces"]?.first?.words, ["armed", "forces"], "the longer head is tried first")
        XCTAssertEqual(lex.pronouns["their"], CorefLexicon.Pronoun(plural: true, animacy: .group, form: .possessive))
        XCTAssertEqual(lex.national["ML|government"], "org:mali-government")
        XCTAssertTrue(lex.unnamed.contains("org:mali-government"))
        XCTAssertEqual(lex.phrase("naming", in: ["known", "as", "x"], at: 0), 2)
    }

    func testABadLineNamesItsFileAndLine() throws {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("coref-lexicon-\(UUID().uuidString)")
        try fm.createDirectory(at: dir.appendingPathComponent("lexicon"), withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: dir) }
        let data = try DataDirectory.locate()
        for f in CorefLexicon.files {
            try fm.copyItem(at: data.appendingPathComponent(f), to: dir.appendingPathComponent(f))
        }
        let heads = dir.appendingPathComponent("lexicon/coref-heads.txt")
        var text = try String(contentsOf: heads, encoding: .utf8)
        text += "squad\tORG\tsg\tnearest\tmilitia\n"
        try text.write(to: heads, atomically: true, encoding: .utf8)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        XCTAssertThrowsError(try CorefLexicon(data: dir)) { error in
            guard case let DataError.badLine(file, l, reason) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(file.hasSuffix("coref-heads.txt"))
            XCTAssertEqual(l, line)
            XCTAssertTrue(reason.contains("nearest"), reason)
        }
    }

    func testMissingGazetteersLeaveTheKnowledgeEmpty() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coref-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let k = try CorefKnowledge(data: dir)
        XCTAssertTrue(k.organizations.isEmpty && k.placeKinds.isEmpty && k.renamedTo.isEmpty)
    }

    func testTheGazetteerFilesAreRead() throws {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("coref-gaz-\(UUID().uuidString)")
        try fm.createDirectory(at: dir.appendingPathComponent("places"), withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: dir) }
        func write(_ name: String, _ lines: [String]) throws {
            try (["# test file", "# FORMAT: …"] + lines).joined(separator: "\n").appending("\n")
                .write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try write("organizations.tsv", [
            "org:aqim\tal-Qaeda in the Islamic Maghreb\tjihadist group\tAQIM|AQMI\tAl Qaeda in the Islamic Maghreb\tDZ\thand",
            "org:gspc\tSalafist Group for Preaching and Combat\tjihadist group\tGSPC\t\tDZ\thand",
            "org:x\tOld X\tmilitia\t\t\tML\thand",
            "org:y\tNew Y\tmilitia\t\t\tML\thand",
        ])
        try write("org-relations.tsv", ["org:gspc\trenamed-to\torg:x\t2007\t\thand", "org:x\trenamed-to\torg:y\t2010\t\thand",
                                         "org:aqim\tpart-of\torg:y\t\t\thand"])
        try write("people.tsv", ["person:soumaila-cisse\tSoumaïla Cissé\tSoumaila Cisse|Cisse\trole\torg:urd\tML\thand"])
        try write("places/places.tsv", [
            "geonames:2453866\tMali\tA.PCLI\tML\t\t\t18.0\t-2.0\t\tMali\tgeonames\tCC-BY-4.0\t",
            "geonames:2460596\tBamako\tP.PPLC\tML\tBamako\t\t12.65\t-8.0\t\tBamako\tgeonames\tCC-BY-4.0\t",
            "geonames:2455558\tKati\tP.PPLA2\tML\tKoulikoro\t\t12.74\t-8.07\t\tKati\tgeonames\tCC-BY-4.0\t",
        ])
        try write("places/demonyms.tsv", ["Malian\tML\tgeonames:2453866", "malienne\tML\tgeonames:2453866"])
        let k = try CorefKnowledge(data: dir)
        XCTAssertEqual(k.lookup("AQMI", type: .org), "org:aqim")
        XCTAssertEqual(k.lookup("Al Qaeda in the Islamic Maghreb", type: .org), "org:aqim")
        XCTAssertNil(k.lookup("AQMI", type: .person))
        XCTAssertEqual(k.current("org:gspc"), "org:y", "renamings are followed to the end")
        XCTAssertEqual(k.current("org:aqim"), "org:aqim", "part-of is no renaming")
        XCTAssertEqual(k.lookup("Cisse", type: .person), "person:soumaila-cisse")
        XCTAssertEqual(k.placeKinds["geonames:2455558"], "P.PPLA2")
        XCTAssertEqual(k.capitals["ML"]?.name, "Bamako")
        XCTAssertEqual(k.capitals["ML"]?.lat, 12.65)
        XCTAssertEqual(k.countries["ML"]?.id, "geonames:2453866")
        XCTAssertEqual(k.demonyms["malian"], "ML")
    }

    func testPlacesTakenFromTheGazetteerGiveTheSameKnowledgeAsReadingTheFiles() throws {
        let data = try DataDirectory.locate()
        let read = try CorefKnowledge(data: data)
        let shared = try CorefKnowledge(data: data, gazetteer: Gazetteer.shared(data: data))
        XCTAssertGreaterThan(read.placeKinds.count, 1000)
        for (id, kind) in read.placeKinds where shared.placeKind(id) != kind {
            XCTFail("\(id): \(kind) read from the files, \(shared.placeKind(id) ?? "nil") from the gazetteer")
            break
        }
        XCTAssertNil(shared.placeKind("geonames:0"))
        XCTAssertEqual(shared.capitals, read.capitals)
        XCTAssertEqual(shared.countries, read.countries)
        XCTAssertEqual(shared.spellings, read.spellings)
        XCTAssertEqual(shared.demonyms, read.demonyms)
    }
}
