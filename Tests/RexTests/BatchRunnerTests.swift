import Foundation
import XCTest
@testable import Rex

/// The batch runner streams: a finished document comes out while the runner waits for the next input, in
/// input order, whatever --jobs is.
final class BatchRunnerTests: XCTestCase {
    /// Inputs that arrive one at a time: input k+1 exists only once document k has come out (a client that
    /// waits for each answer before sending the next document).
    final class OneAtATime: Sequence, IteratorProtocol, @unchecked Sendable {
        let count: Int
        var given = 0
        let emitted = DispatchSemaphore(value: 0)
        init(count: Int) { self.count = count }
        func next() -> BatchInput? {
            guard given < count else { return nil }
            if given > 0, emitted.wait(timeout: .now() + 10) == .timedOut { return nil }
            given += 1
            return .record(id: "d\(given)", content: "Document number \(given). JNIM attacked Kati.", format: .text, dct: nil)
        }
    }

    func testAFinishedDocumentComesOutWhileTheNextInputIsAwaited() async throws {
        let runner = BatchRunner(ingestor: Ingestor(), pipeline: try Pipeline([Tokenizer()]), jobs: 2)
        let inputs = OneAtATime(count: 4)
        var ids: [String] = []
        await runner.run(inputs) { _, _, result in
            ids.append((try? result.get().id) ?? "failed")
            inputs.emitted.signal()
        }
        XCTAssertEqual(ids, ["d1", "d2", "d3", "d4"], "every document, in order, none waiting for the input after it")
    }

    func testRejectedInputsAreSkippedAndTheRestKeepTheirOrder() async throws {
        let runner = BatchRunner(ingestor: Ingestor(), pipeline: try Pipeline([Tokenizer()]), jobs: 3)
        let inputs = (1...20).map { BatchInput.record(id: "d\($0)", content: String(repeating: "word ", count: $0 * 50), format: .text, dct: nil) }
        var ids: [String] = []
        await runner.run(inputs, accept: { $0.label != "record 'd7'" }) { _, _, result in
            ids.append((try? result.get().id) ?? "failed")
        }
        XCTAssertEqual(ids, (1...20).filter { $0 != 7 }.map { "d\($0)" })
    }
}
