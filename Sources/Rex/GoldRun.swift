import Foundation

extension Rex {
    /// Annotates a text already in memory as plain text: what `rex eval` runs on a gold document's text and
    /// on the external benchmarks. The text is kept as given (only CRLF becomes LF, as for any plain text
    /// input), so that offsets line up with the gold document's.
    public static func annotate(text: String, id: String, dct: String?, pipeline: Pipeline) throws -> Document {
        var doc = Ingestor(dct: dct).plainText(text, id: id)
        try pipeline.run(&doc)
        return doc
    }
}
