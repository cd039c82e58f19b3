import XCTest
@testable import RexCoref

/// Per-token word flags say what the word lists say, whatever the bit filter in front of the table.
final class WordFlagTests: XCTestCase {
    func testFlagsAgreeWithTheWordLists() throws {
        let lex = try Fixtures.lexicon()
        let table = lex.flagTable(demonyms: ["malian": "ML", "french": "FR"])
        for (name, flag) in WordFlags.classes {
            for w in lex.words[name] ?? [] { XCTAssertTrue(table[w].contains(flag), "\(w) is \(name)") }
        }
        XCTAssertTrue(table["group"].contains(.head))
        XCTAssertTrue(table["its"].contains(.pronoun))
        XCTAssertTrue(table["malian"].contains(.demonym))
        XCTAssertTrue(table["known"].contains(.phraseStart), "the first word of \"known as\"")
        for w in ["xylophone", "Group", "", "zzzz"] { XCTAssertEqual(table[w], [], w) }
    }

    func testEndingsAreTheWordsSuffixes() {
        XCTAssertEqual(WordFlags.endings("killed"), .endsEd)
        XCTAssertEqual(WordFlags.endings("fighting"), .endsIng)
        XCTAssertEqual(WordFlags.endings("recently"), .endsLy)
        XCTAssertEqual(WordFlags.endings("troops"), .endsS)
        XCTAssertEqual(WordFlags.endings("press"), [.endsS, .endsSS])
        XCTAssertEqual(WordFlags.endings("s"), .endsS)
        XCTAssertEqual(WordFlags.endings("ng"), [])
        XCTAssertEqual(WordFlags.endings(""), [])
    }

    func testAcronymsAndInitialsOfASCIIAndOtherNames() {
        XCTAssertTrue(CorefRun.isAcronym("JNIM"))
        XCTAssertTrue(CorefRun.isAcronym("FAMa"))
        XCTAssertTrue(CorefRun.isAcronym("G5-S"))
        XCTAssertFalse(CorefRun.isAcronym("Mali"))
        XCTAssertFalse(CorefRun.isAcronym("AB CD"))
        XCTAssertFalse(CorefRun.isAcronym("ABCDEFGHIJK"))
        XCTAssertTrue(CorefRun.isAcronym("ÉTAT"))
        XCTAssertEqual(CorefRun.initials("Movement for Unity and Jihad in West Africa"), "MUJWA")
        XCTAssertEqual(CorefRun.initials("Jama'at Nusrat al-Islam wal-Muslimin"), "JNIM")
        XCTAssertEqual(CorefRun.initials("Échelon Tactique"), "ÉT")
        XCTAssertEqual(CorefRun.initials("al-Mourabitoun"), "M")
        XCTAssertEqual(CorefRun.capitals("FAMa"), "FAM")
        XCTAssertEqual(CorefRun.capitals("ÉTAT"), "ÉTAT")
        XCTAssertEqual(CorefRun.nameKey("Al-Qaeda in the Islamic Maghreb"), "al qaeda in the islamic maghreb")
        XCTAssertEqual(CorefRun.nameKey("Ségou"), "segou")
    }
}
