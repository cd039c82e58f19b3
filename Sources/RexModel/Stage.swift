/// A named kind of annotation a stage adds to a document ("tokens", "dates", …).
public struct Layer: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let name: String
    public init(_ name: String) { self.name = name }
    public var description: String { name }
    public static func < (a: Layer, b: Layer) -> Bool { a.name < b.name }

    /// The text, title and dct, set by ingestion.
    public static let text = Layer("text")
    /// Section headings and paragraphs, set by ingestion.
    public static let sections = Layer("sections")
    public static let tokens = Layer("tokens")
    public static let sentences = Layer("sentences")
    public static let dates = Layer("dates")
    public static let places = Layer("places")
    public static let organizations = Layer("organizations")
    public static let people = Layer("people")
    public static let coreference = Layer("coreference")
    public static let events = Layer("events")
}

/// One processing step of the pipeline.
///
/// A stage declares the layers it reads (`requires`) and the layers it adds (`adds`), as spaCy components
/// and CoreNLP annotators do; `Pipeline` refuses an order in which a stage runs before what it needs.
public protocol Stage: Sendable {
    var name: String { get }
    var requires: Set<Layer> { get }
    var adds: Set<Layer> { get }
    func process(_ document: inout Document) throws
}

/// Errors in assembling or running a pipeline.
public enum PipelineError: Error, Equatable, CustomStringConvertible {
    /// A stage needs a layer that no earlier stage adds.
    case missingLayer(stage: String, layer: Layer, addedBy: [String])
    case duplicateStage(String)
    /// A stage failed on one document.
    case stageFailed(stage: String, document: String, reason: String)

    public var description: String {
        switch self {
        case let .missingLayer(stage, layer, addedBy):
            let hint = addedBy.isEmpty ? "no stage in this pipeline adds it"
                : "add \(addedBy.joined(separator: " or ")) before it"
            return "E001 stage '\(stage)' requires layer '\(layer)', which no earlier stage adds: \(hint)"
        case let .duplicateStage(name):
            return "E002 stage '\(name)' appears twice in the pipeline"
        case let .stageFailed(stage, document, reason):
            return "E003 stage '\(stage)' failed on document '\(document)': \(reason)"
        }
    }
}

/// An ordered list of stages, checked at construction so that every requirement is met by an earlier stage.
public struct Pipeline: Sendable {
    public let stages: [Stage]
    /// Layers a document has before the first stage runs.
    public let given: Set<Layer>

    public init(_ stages: [Stage], given: Set<Layer> = [.text, .sections]) throws {
        var have = given
        var names = Set<String>()
        for stage in stages {
            guard names.insert(stage.name).inserted else { throw PipelineError.duplicateStage(stage.name) }
            for layer in stage.requires.sorted() where !have.contains(layer) {
                let providers = stages.filter { $0.adds.contains(layer) }.map(\.name)
                throw PipelineError.missingLayer(stage: stage.name, layer: layer, addedBy: providers)
            }
            have.formUnion(stage.adds)
        }
        self.stages = stages
        self.given = given
    }

    /// The layers a document carries after the whole pipeline ran.
    public var produces: Set<Layer> { stages.reduce(given) { $0.union($1.adds) } }

    public func run(_ document: inout Document) throws {
        for stage in stages {
            do {
                try stage.process(&document)
            } catch let error as PipelineError {
                throw error
            } catch {
                throw PipelineError.stageFailed(stage: stage.name, document: document.id, reason: "\(error)")
            }
        }
    }

    /// Runs stages and records the time spent in each (seconds), for benchmarks.
    public func run(_ document: inout Document, timings: inout [String: Double]) throws {
        let clock = ContinuousClock()
        for stage in stages {
            let t0 = clock.now
            try stage.process(&document)
            let d = clock.now - t0
            timings[stage.name, default: 0] += Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
    }
}
