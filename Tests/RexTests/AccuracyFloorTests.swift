import Foundation
import Rex
import RexEval
import XCTest

/// Runs the default pipeline over the gold corpus (Corpus/gold) and fails when any layer's figure falls below
/// its floor in accuracy-floors.json.
///
/// Floors are the figures measured when they were set, minus a small margin, and only ever go up. A metric
/// whose layer the pipeline does not build yet keeps its floor at today's score; the test says so.
final class AccuracyFloorTests: XCTestCase {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let root = here.deletingLastPathComponent().deletingLastPathComponent()
    static let floorsFile = here.appendingPathComponent("accuracy-floors.json")
    /// How far above its floor a figure may be before the test suggests raising the floor.
    static let raiseHint = 0.02

    func testNoLayerFallsBelowItsFloor() throws {
        let goldDir = Self.root.appendingPathComponent("Corpus/gold")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: goldDir.path)) ?? [])
            .filter { $0.hasSuffix(".json") }.sorted()
        if names.isEmpty {
            throw XCTSkip("Corpus/gold holds no gold documents yet (build them with scripts/gold/build_gold.py); no accuracy to guard")
        }
        let gold = try names.map { name -> Document in
            let url = goldDir.appendingPathComponent(name)
            do { return try JSONDecoder().decode(Document.self, from: Data(contentsOf: url)) } catch {
                throw GoldError(description: "Corpus/gold/\(name) is not a document/1 JSON document: \(error)")
            }
        }
        let pipeline = try Rex.defaultPipeline(data: DataDirectory.locate())
        let pred = try gold.map { try Rex.annotate(text: $0.text, id: $0.id, dct: $0.dct, pipeline: pipeline) }
        for (g, p) in zip(gold, pred) {
            XCTAssertEqual(g.text, p.text, "\(g.id): the pipeline's text differs from the gold text; offsets would not line up")
        }
        let metrics = Scorer().score(gold: gold, pred: pred).metrics

        let floors = try JSONDecoder().decode([String: Double].self, from: Data(contentsOf: Self.floorsFile))
        let built = pipeline.produces
        var lines: [String] = []
        for (name, score) in metrics.sorted(by: { $0.key < $1.key }) {
            guard let floor = floors[name] else {
                XCTFail("\(name) = \(fmt(score)) has no floor in Tests/RexTests/accuracy-floors.json; add it")
                continue
            }
            let missing = LayerScores.layers(ofMetric: name).subtracting(built).map(\.name).sorted()
            var line = "\(name) = \(fmt(score)) (floor \(fmt(floor)))"
            if !missing.isEmpty {
                line += ": \(missing.count > 1 ? "layers" : "layer") \(missing.joined(separator: ", ")) not built yet; the floor stays at today's score"
            } else if score > floor + Self.raiseHint {
                line += ": above its floor; raise the floor"
            }
            lines.append(line)
            if score < floor - 1e-9 {
                XCTFail("\(name) = \(fmt(score)) fell below its floor \(fmt(floor))")
            }
        }
        for name in floors.keys.sorted() where metrics[name] == nil {
            XCTFail("accuracy-floors.json has a floor for \(name), which the evaluator does not measure")
        }
        print("Accuracy on Corpus/gold (\(gold.count) documents):\n  " + lines.joined(separator: "\n  "))
    }

    struct GoldError: Error, CustomStringConvertible { let description: String }

    private func fmt(_ x: Double) -> String { String(format: "%.4f", x) }
}
