import Foundation
@_exported import RexModel
@_exported import RexIngest
@_exported import RexText
@_exported import RexDates
@_exported import RexNames
@_exported import RexCoref
@_exported import RexEvents

/// The assembled rex pipeline: what `rex annotate` runs, for Swift code that depends on the library.
public enum Rex {
    /// The stages of the full pipeline in order, with their data loaded from `data` (the `Gazetteers/` folder).
    /// The gazetteer is most of the loading: it loads on another thread while the other stages load on this one.
    /// Errors are reported in stage order, as if loading ran one stage after the other.
    public static func defaultStages(data: URL) throws -> [Stage] {
        let trace = ProcessInfo.processInfo.environment["REX_TRACE_LOAD"] != nil
        let clock = ContinuousClock()
        let t0 = clock.now
        let names = Background { try NameRecognizer(data: data) }
        let sentences = Result { try SentenceSplitter(data: data) }
        if trace { print("sentences loaded: \(clock.now - t0)") }
        let dates = Result { try DateRecognizer(data: data) }
        if trace { print("dates loaded: \(clock.now - t0)") }
        let coref = Result { try Coreference(data: data) }
        if trace { print("coreference loaded: \(clock.now - t0)") }
        let recognizer = names.wait()
        if trace { print("names loaded: \(clock.now - t0)") }
        var stages: [Stage] = [Tokenizer(), try sentences.get(), try dates.get(), try recognizer.get(), try coref.get()]
        // Events come last and read whatever layers the stages before them add.
        stages.append(try EventExtractor(data: data, requires: eventInputs(after: stages)))
        if trace { print("events loaded: \(clock.now - t0)") }
        return stages
    }

    /// The layers the event extractor reads: tokens and sentences, and those of dates, places, organizations,
    /// people and coreference that earlier stages add.
    public static func eventInputs(after stages: [Stage]) -> Set<Layer> {
        let added = stages.reduce(into: Set<Layer>()) { $0.formUnion($1.adds) }
        return Set<Layer>([.tokens, .sentences]).union(added.intersection([.dates, .places, .organizations, .people, .coreference]))
    }

    /// The full pipeline, checked for order.
    public static func defaultPipeline(data: URL) throws -> Pipeline {
        try Pipeline(defaultStages(data: data))
    }
}

/// Work started on a global queue at once; `wait()` blocks until its result is there.
final class Background<T>: @unchecked Sendable {
    private var result: Result<T, Error>?
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () throws -> T) {
        DispatchQueue.global().async {
            self.result = Result { try work() }
            self.done.signal()
        }
    }

    /// The result; call once.
    func wait() -> Result<T, Error> {
        done.wait()
        return result!
    }
}
