import Foundation
import XCTest
@testable import RexModel

final class CompactJSONTests: XCTestCase {
    func foundation<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    func testGoldDocumentsComeOutByteForByteAsFoundationWritesThem() throws {
        let gold = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Corpus/gold")
        let files = try FileManager.default.contentsOfDirectory(at: gold, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
        XCTAssertGreaterThanOrEqual(files.count, 5)
        for url in files {
            let doc = try JSONDecoder().decode(Document.self, from: Data(contentsOf: url))
            XCTAssertFalse(doc.mentions.isEmpty)
            XCTAssertEqual(try CompactJSON.encode(doc), try foundation(doc), url.lastPathComponent)
        }
    }

    struct Sample: Encodable {
        var text: String
        var numbers: [Double]
        var small: Float
        var count: Int
        var flag: Bool
        var missing: String?
        var nested: [String: [Int]]
        var byte: UInt8
    }

    func testEscapesNumbersAndKeyOrderMatchFoundation() throws {
        let controls = String(decoding: (0..<32).map { UInt8($0) }, as: UTF8.self)
        let s = Sample(text: "a/b \"q\" \\ é 😀 \u{2028}\u{7f}<>&'" + controls,
                       numbers: [0.89, 1, -88.91667, 1e-7, 1e20, 0.1 + 0.2, 5e-324, 123456789, -0.0],
                       small: 0.1, count: -42, flag: false, missing: nil,
                       nested: ["b": [2], "a_b": [], "aB": [1, 2], "A": [3], "é": [4], "a10": [5], "a2": [6]],
                       byte: 255)
        XCTAssertEqual(try CompactJSON.encode(s), try foundation(s))
    }

    func testNotANumberIsAnErrorNamingWhere() {
        struct Bad: Encodable { var values: [String: Double] }
        XCTAssertThrowsError(try CompactJSON.encode(Bad(values: ["lat": .nan]))) { error in
            XCTAssertTrue("\(error)".contains("lat"), "\(error)")
        }
    }
}
