import Foundation
@_exported import RexModel
@_exported import RexIngest
@_exported import RexText
@_exported import RexCoref

/// The assembled rex pipeline: what `rex annotate` runs, for Swift code that depends on the library.
public enum Rex {
    /// The stages of the full pipeline in order, with their data loaded from `data` (the `Gazetteers/` folder).
    public static func defaultStages(data: URL) throws -> [Stage] {
        var stages: [Stage] = [Tokenizer(), try SentenceSplitter(data: data)]
        // Coreference needs the name recognizers' PLACE, ORG and PERSON layers: it joins once they are listed above.
        let added = stages.reduce(into: Set<Layer>()) { $0.formUnion($1.adds) }
        if Coreference.needs.isSubset(of: added) { stages.append(try Coreference(data: data)) }
        return stages
    }

    /// The full pipeline, checked for order.
    public static func defaultPipeline(data: URL) throws -> Pipeline {
        try Pipeline(defaultStages(data: data))
    }
}
