import Foundation
import RexModel
import XCTest
@testable import RexIngest

/// Paths inside the repository, found from this file's location (tests read only the repository).
enum Repo {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }
}

/// Reads an HTML string as a page named t.html.
func readHTML(_ html: String) throws -> Document {
    try HTMLReader.read(bytes: Array(html.utf8), id: "t", path: "t.html")
}

/// Asserts that `body` throws exactly `expected`, and that its message names the file.
func XCTAssertThrowsIngestError<T>(_ body: @autoclosure () throws -> T, _ expected: IngestError, naming path: String,
                                   file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertThrowsError(try body(), file: file, line: line) { error in
        XCTAssertEqual(error as? IngestError, expected, file: file, line: line)
        XCTAssertTrue("\(error)".hasPrefix(path + ":"), "message names the file: \(error)", file: file, line: line)
    }
}

/// A minimal page around some body markup.
func page(title: String = "A page", head: String = "", _ body: String) -> String {
    "<!DOCTYPE html><html><head><title>\(title)</title>\(head)</head><body>\(body)</body></html>"
}

/// Three paragraphs of running text, enough for the extractor to see an article.
let articleParagraphs = [
    "Gunmen attacked a checkpoint near Ségou on Tuesday, killing four soldiers and wounding six others, according to a statement from the armed forces.",
    "The attack, which took place before dawn, was claimed the next day by a group affiliated with al-Qaeda, whose fighters have expanded their operations in central Mali since 2015.",
    "Residents said that the assailants arrived on motorcycles, burned two vehicles and left towards the border before reinforcements could reach the area.",
]

let articleMarkup = articleParagraphs.map { "<p>\($0)</p>" }.joined(separator: "\n")
