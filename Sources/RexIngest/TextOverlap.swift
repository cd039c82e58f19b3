/// Bag-of-tokens overlap between an extracted text and a reference text: the measure of the
/// article-extraction benchmarks (tokens are runs of letters and digits, compared lower-cased; each reference
/// token can be matched once). Values add up over documents for micro-averaged scores.
public struct TextOverlap: Sendable, Equatable {
    /// Tokens found in both texts, counted with multiplicity.
    public var common = 0
    /// Tokens of the extracted text.
    public var predicted = 0
    /// Tokens of the reference text.
    public var reference = 0

    public init() {}

    public init(predicted p: String, reference r: String) {
        let pt = Self.tokens(p), rt = Self.tokens(r)
        var counts: [String: Int] = [:]
        for t in rt { counts[t, default: 0] += 1 }
        for t in pt { if let c = counts[t], c > 0 { counts[t] = c - 1; common += 1 } }
        predicted = pt.count
        reference = rt.count
    }

    /// The lower-cased runs of letters and digits of `s`.
    public static func tokens(_ s: String) -> [String] {
        s.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }

    /// Adds another document's counts (micro-averaging).
    public mutating func add(_ o: TextOverlap) { common += o.common; predicted += o.predicted; reference += o.reference }

    public var precision: Double { predicted == 0 ? 0 : Double(common) / Double(predicted) }
    public var recall: Double { reference == 0 ? 0 : Double(common) / Double(reference) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
}
