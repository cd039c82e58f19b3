import Foundation
import XCTest
import RexModel
@testable import RexText

final class TokenizerTests: XCTestCase {
    func testTokensCarryScalarOffsetsAndFoldedForms() {
        let text = "Jamâ’ah Nusrah 😀 al-Islâm: 132 civilians"
        let tokens = Tokenizer.tokenize(text)
        let view = ScalarText(text)
        for t in tokens { XCTAssertFalse(view.slice(t.start, t.end).contains(" ")) }
        XCTAssertEqual(tokens.first?.folded, "jama'ah")
        XCTAssertEqual(view.slice(tokens[0].start, tokens[0].end), "Jamâ’ah")
        let islam = tokens.first { $0.folded == "islam" }
        XCTAssertNotNil(islam)
        XCTAssertEqual(view.slice(islam!.start, islam!.end), "Islâm", "offsets stay right after a non-BMP character")
        XCTAssertEqual(tokens.first { $0.kind == .number }?.folded, "132")
        XCTAssertTrue(tokens.contains { $0.kind == .punctuation && $0.folded == ":" })
    }

    func testTheStageKeepsTheScalarsAndCaseOfTheTextForLaterStagesUntilTheTextChanges() throws {
        var doc = Document(id: "d", text: "GUNMEN ATTACKED SÉGOU 😀 ON MONDAY")
        XCTAssertNil(doc.scalars)
        XCTAssertTrue(doc.isCaseless, "computed when the tokenizer has not run")
        try Tokenizer().process(&doc)
        XCTAssertEqual(doc.scalars, ScalarText(doc.text))
        XCTAssertEqual(doc.caseless, true)
        XCTAssertEqual(doc.scalarText.slice(16, 21), "SÉGOU")
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(doc)) as! [String: Any]
        XCTAssertNil(json["scalars"], "working data, not encoded")
        XCTAssertNil(json["caseless"])
        doc.text = "Gunmen attacked Ségou."
        XCTAssertNil(doc.scalars, "dropped with the text they were made from")
        XCTAssertNil(doc.caseless)
        XCTAssertFalse(doc.isCaseless)
        XCTAssertEqual(doc.scalarText.slice(16, 21), "Ségou")
    }

    func testFoldingHandlesDiacriticsAndCurlyQuotes() {
        XCTAssertEqual(Folder.shared.fold("Ségou"), "segou")
        XCTAssertEqual(Folder.shared.fold("Goïta"), "goita")
        XCTAssertEqual(Folder.shared.fold("Al-Nue’eimi"), "al-nue'eimi")
        XCTAssertEqual(Folder.shared.fold("JNIM"), "jnim")
    }
}

final class SentenceSplitterTests: XCTestCase {
    func split(_ text: String, sections: [Section] = []) throws -> [String] {
        var doc = Document(id: "t", text: text)
        doc.sections = sections
        try Tokenizer().process(&doc)
        let splitter = SentenceSplitter(abbreviations: ["Gen.": .title, "Col.": .title, "Mr.": .title, "No.": .title,
                                                        "U.S.": .modifier, "U.N.": .modifier, "etc.": .other],
                                        sentenceStarters: ["The", "In"])
        try splitter.process(&doc)
        let view = ScalarText(text)
        return doc.sentences.map { view.slice($0.start, $0.end) }
    }

    func testTitlesAndAbbreviationsDoNotEndSentences() throws {
        XCTAssertEqual(try split("Gen. Goita met Col. Wague. Then U.S. forces left."),
                       ["Gen. Goita met Col. Wague.", "Then U.S. forces left."])
        XCTAssertEqual(try split("Mr. Cisse was held. He was freed."), ["Mr. Cisse was held.", "He was freed."])
        XCTAssertEqual(try split("Mohamed Toure, the U.N. High Commissioner, spoke. (Sources: U.S. News, U.N. MINUSMA)"),
                       ["Mohamed Toure, the U.N. High Commissioner, spoke.", "(Sources: U.S. News, U.N. MINUSMA)"])
        XCTAssertEqual(try split("Troops went back to the U.S. The mission ended."),
                       ["Troops went back to the U.S.", "The mission ended."])
        XCTAssertEqual(try split("Arms, cash, etc. were seized. Fuel, food, etc. Nothing else."),
                       ["Arms, cash, etc. were seized.", "Fuel, food, etc.", "Nothing else."])
    }

    func testLinesWithoutFinalPunctuationAreSentences() throws {
        XCTAssertEqual(try split("Mali: Turning Into A Terrorist Sanctuary\n\n• Attack on Kati\n• Siege of Farabougou"),
                       ["Mali: Turning Into A Terrorist Sanctuary", "• Attack on Kati", "• Siege of Farabougou"])
    }

    func testANumberedListItemKeepsItsNumber() throws {
        XCTAssertEqual(try split("You can help:\n  1. Spread the word.\n  2. Subscribe."),
                       ["You can help:", "1. Spread the word.", "2. Subscribe."])
    }

    func testASectionLeadInIsItsOwnSentence() throws {
        let text = "2020 Terrorist Incidents:  JNIM attacked. ISIS-GS too."
        let s = try split(text, sections: [Section(start: 0, end: text.unicodeScalars.count, heading: "2020 Terrorist Incidents")])
        XCTAssertEqual(s, ["2020 Terrorist Incidents:", "JNIM attacked.", "ISIS-GS too."])
    }

    func testSentenceSpansExcludeOuterWhitespace() throws {
        let text = "  One.   Two.  "
        var doc = Document(id: "t", text: text)
        try Tokenizer().process(&doc)
        try SentenceSplitter(abbreviations: [:]).process(&doc)
        XCTAssertEqual(doc.sentences, [Sentence(start: 2, end: 6), Sentence(start: 9, end: 13)])
    }
}

final class CaselessSentenceTests: XCTestCase {
    func split(_ text: String) throws -> [String] {
        var doc = Document(id: "t", text: text)
        try Tokenizer().process(&doc)
        try SentenceSplitter(abbreviations: ["Col.": .title, "U.S.": .modifier]).process(&doc)
        let view = ScalarText(text)
        return doc.sentences.map { view.slice($0.start, $0.end) }
    }

    func testLowerCaseTextIsSplitAtFullStops() throws {
        XCTAssertEqual(try split("the army denied that guerrillas attacked the farm.  col. isaacs said the attack failed. he added more."),
                       ["the army denied that guerrillas attacked the farm.", "col. isaacs said the attack failed.", "he added more."])
    }

    func testUpperCaseWireTextIsSplitAtFullStops() throws {
        XCTAssertEqual(try split("GUERRILLAS ATTACKED THE FARM.  THE ARMY DENIED IT. A U.S. OFFICIAL CONFIRMED."),
                       ["GUERRILLAS ATTACKED THE FARM.", "THE ARMY DENIED IT.", "A U.S. OFFICIAL CONFIRMED."])
    }
}
