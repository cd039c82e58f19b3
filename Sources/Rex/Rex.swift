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
    /// The gazetteer is most of the loading: it loads on another thread while the other stages load on this one,
    /// once, for the name recognizer and coreference both. Errors are reported in stage order, as if loading ran
    /// one stage after the other.
    public static func defaultStages(data: URL) throws -> [Stage] {
        let trace = ProcessInfo.processInfo.environment["REX_TRACE_LOAD"] != nil
        let clock = ContinuousClock()
        let t0 = clock.now
        let named = Background { () throws -> (NameRecognizer, Result<CorefKnowledge, Error>) in
            let g = try Gazetteer.shared(data: data)
            return (NameRecognizer(gazetteer: g), Result { try CorefKnowledge(data: data, gazetteer: g) })
        }
        let sentences = Result { try SentenceSplitter(data: data) }
        if trace { print("sentences loaded: \(clock.now - t0)") }
        let dates = Result { try DateRecognizer(data: data) }
        if trace { print("dates loaded: \(clock.now - t0)") }
        let corefLexicon = Result { try CorefLexicon(data: data) }
        if trace { print("coreference word lists loaded: \(clock.now - t0)") }
        let eventRules = Result { try EventRules(data: data) }
        if trace { print("event rules loaded: \(clock.now - t0)") }
        let loaded = named.wait()
        if trace { print("names and coreference knowledge loaded: \(clock.now - t0)") }
        let splitter = try sentences.get(), dateStage = try dates.get()
        let (recognizer, knowledge) = try loaded.get()
        let coref = Coreference(lexicon: try corefLexicon.get(), knowledge: try knowledge.get())
        var stages: [Stage] = [Tokenizer(), splitter, dateStage, recognizer, coref]
        // Events come last and read whatever layers the stages before them add.
        stages.append(EventExtractor(rules: try eventRules.get(), requires: eventInputs(after: stages)))
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
