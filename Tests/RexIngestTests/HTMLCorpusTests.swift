import Foundation
import XCTest
@testable import RexIngest

/// Real pages from the article-extraction benchmark (Corpus/html): the extracted text must match the
/// article a person reads.
final class HTMLCorpusTests: XCTestCase {
    func testRealPagesMatchTheirReferenceText() throws {
        let dir = Repo.url("Corpus/html")
        let data = try Data(contentsOf: dir.appendingPathComponent("ground-truth.json"))
        let truth = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
        XCTAssertEqual(truth.count, 3)
        for (name, entry) in truth.sorted(by: { $0.key < $1.key }) {
            let reference = try XCTUnwrap(entry["articleBody"] as? String)
            let path = dir.appendingPathComponent(name + ".html").path
            let bytes = try XCTUnwrap(FileManager.default.contents(atPath: path), "missing \(path)")
            let doc = try HTMLReader.read(bytes: [UInt8](bytes), id: name, path: path)
            let overlap = TextOverlap(predicted: doc.text, reference: reference)
            XCTAssertGreaterThanOrEqual(overlap.f1, 0.9, "\(name): P \(overlap.precision) R \(overlap.recall)")
            XCTAssertFalse(doc.paragraphs.isEmpty, name)
            XCTAssertNotNil(doc.title, name)
        }
    }

    func testTextOverlapCountsSharedTokensOnce() {
        let o = TextOverlap(predicted: "the cat, the hat; a bat", reference: "The cat sat on the mat.")
        XCTAssertEqual(o.predicted, 6)
        XCTAssertEqual(o.reference, 6)
        XCTAssertEqual(o.common, 3)  // the, cat, the
        XCTAssertEqual(o.precision, 0.5, accuracy: 1e-9)
        XCTAssertEqual(o.f1, 0.5, accuracy: 1e-9)
        var total = TextOverlap()
        total.add(o)
        total.add(TextOverlap(predicted: "x", reference: "x"))
        XCTAssertEqual(total.common, 4)
        XCTAssertEqual(TextOverlap(predicted: "", reference: "a").f1, 0)
    }
}
