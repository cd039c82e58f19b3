import Foundation
@_exported import RexModel
@_exported import RexIngest
@_exported import RexText
@_exported import RexDates
@_exported import RexNames
@_exported import RexCoref

/// The assembled rex pipeline: what `rex annotate` runs, for Swift code that depends on the library.
public enum Rex {
    /// The stages of the full pipeline in order, with their data loaded from `data` (the `Gazetteers/` folder).
    public static func defaultStages(data: URL) throws -> [Stage] {
        [Tokenizer(), try SentenceSplitter(data: data),
         try DateRecognizer(data: data),
         try NameRecognizer(data: data),
         try Coreference(data: data)]
    }

    /// The full pipeline, checked for order.
    public static func defaultPipeline(data: URL) throws -> Pipeline {
        try Pipeline(defaultStages(data: data))
    }
}
