import Foundation
import RexIngest
import RexModel
import RexText
import XCTest
@testable import RexDates

/// The rules and stages loaded once from the repository's Gazetteers/.
enum Fixture {
    static let data: URL = try! DataDirectory.locate()
    static let recognizer: DateRecognizer = try! DateRecognizer(data: data)
    static let splitter: SentenceSplitter = try! SentenceSplitter(data: data)

    /// The document after ingestion (sections, paragraphs), tokens, sentences and dates.
    static func annotate(_ text: String, dct: String? = nil) throws -> Document {
        var doc = Ingestor(dct: dct).plainText(text, id: "test")
        try Pipeline([Tokenizer(), splitter, recognizer]).run(&doc)
        return doc
    }

    /// The DATE mentions of a text.
    static func dates(_ text: String, dct: String? = nil) throws -> [Mention] {
        try annotate(text, dct: dct).mentions.filter { $0.type == .date }
    }
}

/// What a DATE mention should be; nil fields are not checked.
struct Expected {
    var text: String
    var value: String
    var type = "DATE"
    var mod: String? = nil
    var end: String? = nil
    var anchor: String?? = .none
}

/// Checks that `text` holds exactly the expected DATE mentions, in order.
func assertDates(_ text: String, dct: String? = nil, _ expected: [Expected],
                 file: StaticString = #filePath, line: UInt = #line) throws {
    let found = try Fixture.dates(text, dct: dct)
    let shown = found.map { "\($0.text)=\($0.timex?.value ?? "?")" }.joined(separator: ", ")
    XCTAssertEqual(found.count, expected.count, "found: \(shown)", file: file, line: line)
    for (m, e) in zip(found, expected) {
        XCTAssertEqual(m.text, e.text, "found: \(shown)", file: file, line: line)
        XCTAssertEqual(m.timex?.value, e.value, "\(e.text)", file: file, line: line)
        XCTAssertEqual(m.timex?.type, e.type, "\(e.text)", file: file, line: line)
        XCTAssertEqual(m.timex?.mod, e.mod, "\(e.text)", file: file, line: line)
        XCTAssertEqual(m.timex?.end, e.end, "\(e.text)", file: file, line: line)
        if case .some(let anchor) = e.anchor {
            XCTAssertEqual(m.timex?.anchor, anchor, "\(e.text)", file: file, line: line)
        }
    }
}
