import Foundation
import RexModel
import XCTest
@testable import RexIngest

final class TextDecodingTests: XCTestCase {
    func testUTF8ByteOrderMarkIsDropped() throws {
        let (text, encoding) = try TextDecoding.decode([0xEF, 0xBB, 0xBF] + Array("Ségou".utf8), path: "a.txt")
        XCTAssertEqual(text, "Ségou")
        XCTAssertEqual(text.unicodeScalars.first, "S")
        XCTAssertEqual(encoding, "UTF-8")
    }

    func testUTF16LittleEndianWithByteOrderMark() throws {
        let units = Array("Mopti, Ségou 😀".utf16)
        let bytes: [UInt8] = [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let (text, encoding) = try TextDecoding.decode(bytes, path: "a.txt")
        XCTAssertEqual(text, "Mopti, Ségou 😀")
        XCTAssertEqual(encoding, "UTF-16LE")
    }

    func testLatin1TextIsDetectedAndDecoded() throws {
        let french = """
        Des hommes armés ont attaqué un poste de contrôle près de Ségou mardi, tuant quatre soldats et en blessant \
        six autres, selon un communiqué de l'armée. L'attaque a été revendiquée le lendemain par un groupe affilié \
        à al-Qaïda, dont les combattants étendent leurs opérations au centre du Mali depuis 2015. Les habitants \
        ont déclaré que les assaillants sont arrivés à moto et ont incendié deux véhicules.
        """
        let bytes = french.unicodeScalars.map { UInt8($0.value) }
        XCTAssertNil(String(validating: bytes, as: UTF8.self))
        let (text, encoding) = try TextDecoding.decode(bytes, path: "fr.txt")
        XCTAssertEqual(text, french)
        XCTAssertTrue(["ISO-8859-1", "windows-1252"].contains(encoding), encoding)
    }

    func testBinaryEmptyAndUndecodableInputAreRefused() {
        XCTAssertThrowsIngestError(try TextDecoding.decode([], path: "e.txt"), .empty(path: "e.txt"), naming: "e.txt")
        let junk: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x03, 0x00, 0x3E, 0x00]
        XCTAssertThrowsIngestError(try TextDecoding.decode(junk, path: "b.txt"), .binary(path: "b.txt"), naming: "b.txt")
        let controls = [UInt8](repeating: 0x01, count: 20) + Array("text".utf8)
        XCTAssertThrowsIngestError(try TextDecoding.decode(controls, path: "c.txt"), .binary(path: "c.txt"), naming: "c.txt")
    }
}

final class IngestorTests: XCTestCase {
    func testCRLFBecomesLFAndLayoutIsKeptAsWritten() throws {
        let raw = "Overview:\r\n  • JNIM  operates in Mali.\r\n\r\n  • ISGS operates near Ménaka.\r\nEnd.\r"
        let doc = try Ingestor().read(bytes: Array(raw.utf8), format: .text, id: "r", path: "r.txt")
        XCTAssertEqual(doc.text, "Overview:\n  • JNIM  operates in Mali.\n\n  • ISGS operates near Ménaka.\nEnd.\n")
        let view = ScalarText(doc.text)
        XCTAssertEqual(doc.paragraphs.map { view.slice($0) },
                       ["Overview:", "• JNIM  operates in Mali.", "• ISGS operates near Ménaka.", "End."])
        XCTAssertEqual(doc.source?.format, "text")
        XCTAssertEqual(doc.source?.sha256, SHA256.hex(Array(raw.utf8)))
    }

    func testTooLargeInputIsRefused() {
        let bytes = Array(String(repeating: "Mali. ", count: 10).utf8)
        XCTAssertThrowsIngestError(try Ingestor(maxBytes: 16).read(bytes: bytes, format: .text, id: "big", path: "big.txt"),
                                   .tooLarge(path: "big.txt", bytes: bytes.count, limit: 16), naming: "big.txt")
    }

    func testTooLargeFileIsRefusedBeforeReading() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rex-ingest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("big.txt")
        try Data(repeating: 0x41, count: 100).write(to: file)
        XCTAssertThrowsIngestError(try Ingestor(maxBytes: 50).read(path: file.path),
                                   .tooLarge(path: file.path, bytes: 100, limit: 50), naming: file.path)
        let empty = dir.appendingPathComponent("empty.txt")
        try Data().write(to: empty)
        XCTAssertThrowsIngestError(try Ingestor().read(path: empty.path), .empty(path: empty.path), naming: empty.path)
        XCTAssertThrowsIngestError(try Ingestor().read(path: dir.appendingPathComponent("x.pdf").path),
                                   .unsupportedFormat(path: dir.appendingPathComponent("x.pdf").path, ext: "pdf"),
                                   naming: dir.appendingPathComponent("x.pdf").path)
    }

    func testWhitespaceOnlyTextHasNoText() {
        XCTAssertThrowsIngestError(try Ingestor().read(bytes: Array(" \n\t\n".utf8), format: .text, id: "w", path: "w.txt"),
                                   .noText(path: "w.txt"), naming: "w.txt")
    }

    func testSeedReportReadsWithItsSectionLeadIns() throws {
        let path = Repo.url("Corpus/raw/002_8eb456ff738a521f.txt").path
        let doc = try Ingestor().read(path: path)
        XCTAssertEqual(doc.id, "002_8eb456ff738a521f")
        XCTAssertTrue(doc.sections.contains { $0.heading == "2020 Terrorist Incidents" })
        XCTAssertTrue(doc.text.contains("Incidents:\u{00A0} JNIM"), "spaces stay as written")
    }
}

final class LayoutTests: XCTestCase {
    func layout(_ text: String) -> (paragraphs: [String], sections: [(String?, String)]) {
        let view = ScalarText(text)
        let paragraphs = Layout.paragraphs(in: view)
        let sections = Layout.sections(in: view, paragraphs: paragraphs)
        return (paragraphs.map { view.slice($0) }, sections.map { ($0.heading, view.slice($0.start, $0.end)) })
    }

    func testParagraphsAreNonEmptyLinesTrimmed() {
        let (paragraphs, _) = layout("First line.\n\n   Second line, indented.  \nThird line.\n\n\n")
        XCTAssertEqual(paragraphs, ["First line.", "Second line, indented.", "Third line."])
    }

    func testSectionLeadInAndHeadingLines() {
        let text = """
        Mali: Turning Into A Terrorist Sanctuary
        The country has seen attacks rise.
        2020 Terrorist Incidents:  JNIM and ISIS-GS continued to conduct terrorist attacks.  Attacks pressed south.
        On March 25, members of JNIM kidnapped a leader.
        """
        let (_, sections) = layout(text)
        XCTAssertEqual(sections.map(\.0), ["Mali: Turning Into A Terrorist Sanctuary", "2020 Terrorist Incidents"])
        XCTAssertTrue(sections[1].1.hasPrefix("2020 Terrorist Incidents:  JNIM"))
        XCTAssertTrue(sections[1].1.hasSuffix("kidnapped a leader."))
        XCTAssertTrue(sections[0].1.hasSuffix("attacks rise.\n"))
    }

    func testBulletsAndSentencesAreNotHeadings() {
        let (_, sections) = layout("  • Al Qaeda in the Islamic Maghreb (AQIM)\nThe group attacked Gao, killing two.\n")
        XCTAssertTrue(sections.isEmpty)
    }
}
