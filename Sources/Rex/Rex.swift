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
    public static func defaultStages(data: URL) throws -> [Stage] {
        var stages: [Stage] = [Tokenizer(), try SentenceSplitter(data: data),
                               try DateRecognizer(data: data),
                               try NameRecognizer(data: data),
                               try Coreference(data: data)]
        // Events come last and read whatever layers the stages before them add.
        stages.append(try EventExtractor(data: data, requires: eventInputs(after: stages)))
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
