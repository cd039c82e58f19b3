import Foundation
import RexModel
import XCTest
@testable import RexStore

final class BratTests: XCTestCase {
    func roundTrip(_ doc: Document, in dir: URL) throws -> Document {
        let corpus = try BratCorpus(directory: dir.path)
        let name = try corpus.add(doc)
        try corpus.finish()
        return try BratImport.read(annPath: dir.appendingPathComponent(name + ".ann").path)
    }

    func testGoldDocumentsComeBackFromBratUnchanged() throws {
        let dir = try temporaryDirectory(self)
        for doc in try Repo.goldDocuments() {
            assertSameDocument(try roundTrip(doc, in: dir), doc, doc.id)
        }
    }

    func testEveryFieldOfTheSampleSurvivesTheRoundTrip() throws {
        let dir = try temporaryDirectory(self)
        let doc = sampleDocument()
        assertSameDocument(try roundTrip(doc, in: dir), doc)
    }

    func testTheAnnFileUsesBratsOwnAnnotationKinds() throws {
        let ann = BratExport.ann(sampleDocument())
        let lines = ann.split(separator: "\n").map(String.init)
        // Mentions keep their numbers; the nominal one has the attribute; values are normalizations.
        XCTAssertTrue(lines.contains("T3\tORG 38 42\tJNIM"), ann)
        XCTAssertTrue(lines.contains { $0.hasSuffix("\tNominal T7") })
        XCTAssertTrue(lines.contains { $0.contains("\tReference T2 TIMEX3:2020-03-25\t2020-03-25") })
        XCTAssertTrue(lines.contains { $0.contains("\tReference T1 geonames:2451478\tSévaré") })
        // Coreference: the second Sévaré and "The group" point to their entity's first mention.
        XCTAssertTrue(lines.contains { $0.hasSuffix("\tCoreference Arg1:T6 Arg2:T1") })
        XCTAssertTrue(lines.contains { $0.hasSuffix("\tCoreference Arg1:T7 Arg2:T3") })
        // The event, its arguments and the entity and count notes.
        let e1 = try XCTUnwrap(lines.first { $0.hasPrefix("E1\t") })
        XCTAssertTrue(e1.hasPrefix("E1\tATTACK:T"), e1)
        for arg in ["Perpetrator:T3", "Perpetrator2:T4", "Date:T2", "Place:T5", "Target:", "Target2:", "Weapon:", "Also:"] {
            XCTAssertTrue(e1.contains(" " + arg), "\(arg) in \(e1)")
        }
        XCTAssertTrue(lines.contains { $0.hasPrefix("#") && $0.contains("AnnotatorNotes T3\tentity=E1 | name=Jama'at Nusrat al-Islam wal-Muslimin | canonical=org:jnim") }, ann)
        XCTAssertTrue(lines.contains { $0.contains("AnnotatorNotes E1\t") && $0.contains("fatalities=12") && $0.contains("Perpetrator2.uncertain=true") }, ann)
        XCTAssertTrue(lines.contains { $0.contains("\tCategory T") && $0.hasSuffix(" civilians") })
    }

    func testTheCollectionHasTheConfigurationBratNeeds() throws {
        let dir = try temporaryDirectory(self)
        _ = try roundTrip(sampleDocument(), in: dir)
        let conf = try String(contentsOf: dir.appendingPathComponent("annotation.conf"), encoding: .utf8)
        for section in ["[entities]", "[relations]", "[events]", "[attributes]"] { XCTAssertTrue(conf.contains(section)) }
        XCTAssertTrue(conf.contains("\nATTACK\tPerpetrator*:ORG|PERSON|PLACE"), conf)
        XCTAssertTrue(conf.contains("armed_group"), "attribute values have no spaces")
        for f in ["visual.conf", "tools.conf", "sample.txt", "sample.ann", "sample.rex.json"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent(f).path), f)
        }
        XCTAssertEqual(try String(contentsOf: dir.appendingPathComponent("sample.txt"), encoding: .utf8), sampleDocument().text)
    }

    /// What an annotator does in brat: cut a wrong coreference link, add a missed name, fix a count.
    func testCorrectionsMadeInBratBecomeTheGoldDocument() throws {
        let dir = try temporaryDirectory(self)
        let doc = sampleDocument()
        _ = try roundTrip(doc, in: dir)
        let annURL = dir.appendingPathComponent("sample.ann")
        var lines = try String(contentsOf: annURL, encoding: .utf8).split(separator: "\n").map(String.init)
        lines.removeAll { $0.hasSuffix("\tCoreference Arg1:T7 Arg2:T3") }
        lines.append("T99\tPERSON 112 115\t" + ScalarText(doc.text).slice(112, 115))
        lines = lines.map { $0.contains("AnnotatorNotes E1\t") ? $0.replacingOccurrences(of: "fatalities=12", with: "fatalities=14") : $0 }
        try (lines.joined(separator: "\n") + "\n").write(to: annURL, atomically: true, encoding: .utf8)

        let gold = try BratImport.read(annPath: annURL.path)
        let group = try XCTUnwrap(gold.mentions.first { $0.text == "The group" })
        XCTAssertNotEqual(group.entity, "E1", "the cut link takes the nominal out of JNIM's chain")
        XCTAssertEqual(gold.entities.first { $0.id == "E1" }?.mentions, ["M3"])
        let added = try XCTUnwrap(gold.mentions.first { $0.id == "M99" })
        XCTAssertEqual(added.type, .person)
        XCTAssertNotNil(added.entity, "a new name is an entity of its own")
        XCTAssertEqual(gold.mentions.map(\.start), gold.mentions.map(\.start).sorted(), "mentions in text order")
        XCTAssertEqual(gold.events.first?.fatalities, 14)
    }

    func testAnAnnLineThatDoesNotMatchTheTextNamesTheFileAndLine() throws {
        let dir = try temporaryDirectory(self)
        _ = try roundTrip(sampleDocument(), in: dir)
        let annURL = dir.appendingPathComponent("sample.ann")
        let text = try String(contentsOf: annURL, encoding: .utf8)
        let lineNumber = try XCTUnwrap(text.split(separator: "\n").firstIndex { $0.hasPrefix("T3\t") }) + 1
        try text.replacingOccurrences(of: "T3\tORG 38 42\tJNIM", with: "T3\tORG 38 42\tJNIX").write(to: annURL, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try BratImport.read(annPath: annURL.path)) { error in
            guard case let .badAnnLine(file, line, reason)? = error as? StoreError else { return XCTFail("\(error)") }
            XCTAssertEqual(file, annURL.path)
            XCTAssertEqual(line, lineNumber)
            XCTAssertTrue(reason.contains("JNIX"), reason)
        }
    }

    func testWithoutTheSidecarTheCallerSplitsSentences() throws {
        let dir = try temporaryDirectory(self)
        _ = try roundTrip(sampleDocument(), in: dir)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("sample.rex.json"))
        let options = BratImport.Options(sentences: { text in
            var out: [Sentence] = []
            var start = 0
            for (i, u) in text.unicodeScalars.enumerated() where u == "\n" { out.append(Sentence(start: start, end: i)); start = i + 1 }
            out.append(Sentence(start: start, end: text.unicodeScalars.count))
            return out
        })
        let doc = try BratImport.read(annPath: dir.appendingPathComponent("sample.ann").path, options: options)
        XCTAssertEqual(doc.id, "sample")
        XCTAssertEqual(doc.sentences, sampleDocument().sentences)
        XCTAssertEqual(doc.events.map(\.sentence), [1, 2])
    }

    func testNotesEscapeTheirSeparator() {
        let pairs = [("name", "A | B"), ("path", "a\\b"), ("text", "two\nlines")]
        let note = BratNote.format(pairs)
        XCTAssertFalse(note.contains("\n"))
        XCTAssertEqual(BratNote.parse(note).map { "\($0.0)=\($0.1)" }, pairs.map { "\($0.0)=\($0.1)" })
    }
}
