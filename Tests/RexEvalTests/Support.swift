import RexModel
import RexEval
import RexTestSupport
import XCTest

func assertPRF(_ s: PRF, p: Double, r: Double, f: Double, _ what: String = "", file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(s.precision, p, accuracy: 1e-9, "precision \(what)", file: file, line: line)
    XCTAssertEqual(s.recall, r, accuracy: 1e-9, "recall \(what)", file: file, line: line)
    XCTAssertEqual(s.f1, f, accuracy: 1e-9, "F1 \(what)", file: file, line: line)
}

func assertPR(_ s: PRSums, p: Double, r: Double, f: Double, _ what: String = "", file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(s.precision, p, accuracy: 1e-9, "precision \(what)", file: file, line: line)
    XCTAssertEqual(s.recall, r, accuracy: 1e-9, "recall \(what)", file: file, line: line)
    XCTAssertEqual(s.f1, f, accuracy: 1e-9, "F1 \(what)", file: file, line: line)
}
