/// Counts of true positives, false positives and false negatives that add up across documents, as spaCy's
/// `PRFScore`.
public struct PRF: Codable, Sendable, Equatable {
    public var tp: Double = 0
    public var fp: Double = 0
    public var fn: Double = 0
    public init(tp: Double = 0, fp: Double = 0, fn: Double = 0) { self.tp = tp; self.fp = fp; self.fn = fn }

    public var precision: Double { tp + fp == 0 ? 0 : tp / (tp + fp) }
    public var recall: Double { tp + fn == 0 ? 0 : tp / (tp + fn) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

    public static func + (a: PRF, b: PRF) -> PRF { PRF(tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn) }
    public static func += (a: inout PRF, b: PRF) { a = a + b }
}
