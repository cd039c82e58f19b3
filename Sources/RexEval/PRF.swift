/// Counts of true positives, false positives and false negatives that add up across documents, as spaCy's
/// `PRFScore`.
///
/// In JSON the derived `precision`, `recall` and `f1` are written next to the counts for readers of the
/// report; decoding reads the counts only.
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

    /// Scores `correct` items out of `predicted` predictions and `gold` gold items.
    public init(correct: Int, predicted: Int, gold: Int) {
        self.init(tp: Double(correct), fp: Double(predicted - correct), fn: Double(gold - correct))
    }

    enum CodingKeys: String, CodingKey { case tp, fp, fn, precision, recall, f1 }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        tp = try c.decode(Double.self, forKey: .tp)
        fp = try c.decode(Double.self, forKey: .fp)
        fn = try c.decode(Double.self, forKey: .fn)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(tp, forKey: .tp)
        try c.encode(fp, forKey: .fp)
        try c.encode(fn, forKey: .fn)
        try c.encode(precision, forKey: .precision)
        try c.encode(recall, forKey: .recall)
        try c.encode(f1, forKey: .f1)
    }
}

/// An accuracy that adds up across documents: `correct` cases out of `total`.
public struct Ratio: Codable, Sendable, Equatable {
    public var correct: Double = 0
    public var total: Double = 0
    public init(correct: Double = 0, total: Double = 0) { self.correct = correct; self.total = total }

    /// correct / total, 0 when there is nothing to count.
    public var value: Double { total == 0 ? 0 : correct / total }

    /// Counts one case.
    public mutating func count(_ ok: Bool) {
        total += 1
        if ok { correct += 1 }
    }

    public static func + (a: Ratio, b: Ratio) -> Ratio { Ratio(correct: a.correct + b.correct, total: a.total + b.total) }
    public static func += (a: inout Ratio, b: Ratio) { a = a + b }

    enum CodingKeys: String, CodingKey { case correct, total, accuracy }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        correct = try c.decode(Double.self, forKey: .correct)
        total = try c.decode(Double.self, forKey: .total)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(correct, forKey: .correct)
        try c.encode(total, forKey: .total)
        try c.encode(value, forKey: .accuracy)
    }
}

/// Precision and recall whose numerators and denominators are summed separately, for the cluster metrics
/// (MUC, B³) where precision and recall count different things.
public struct PRSums: Codable, Sendable, Equatable {
    public var precisionNumerator: Double = 0
    public var precisionDenominator: Double = 0
    public var recallNumerator: Double = 0
    public var recallDenominator: Double = 0

    public init(precisionNumerator: Double = 0, precisionDenominator: Double = 0,
                recallNumerator: Double = 0, recallDenominator: Double = 0) {
        self.precisionNumerator = precisionNumerator; self.precisionDenominator = precisionDenominator
        self.recallNumerator = recallNumerator; self.recallDenominator = recallDenominator
    }

    public var precision: Double { precisionDenominator == 0 ? 0 : precisionNumerator / precisionDenominator }
    public var recall: Double { recallDenominator == 0 ? 0 : recallNumerator / recallDenominator }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

    public static func + (a: PRSums, b: PRSums) -> PRSums {
        PRSums(precisionNumerator: a.precisionNumerator + b.precisionNumerator,
               precisionDenominator: a.precisionDenominator + b.precisionDenominator,
               recallNumerator: a.recallNumerator + b.recallNumerator,
               recallDenominator: a.recallDenominator + b.recallDenominator)
    }
    public static func += (a: inout PRSums, b: PRSums) { a = a + b }

    enum CodingKeys: String, CodingKey {
        case precisionNumerator, precisionDenominator, recallNumerator, recallDenominator, precision, recall, f1
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        precisionNumerator = try c.decode(Double.self, forKey: .precisionNumerator)
        precisionDenominator = try c.decode(Double.self, forKey: .precisionDenominator)
        recallNumerator = try c.decode(Double.self, forKey: .recallNumerator)
        recallDenominator = try c.decode(Double.self, forKey: .recallDenominator)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(precisionNumerator, forKey: .precisionNumerator)
        try c.encode(precisionDenominator, forKey: .precisionDenominator)
        try c.encode(recallNumerator, forKey: .recallNumerator)
        try c.encode(recallDenominator, forKey: .recallDenominator)
        try c.encode(precision, forKey: .precision)
        try c.encode(recall, forKey: .recall)
        try c.encode(f1, forKey: .f1)
    }
}

extension Dictionary where Value == PRF {
    /// Adds `other`'s scores key by key.
    mutating func add(_ other: [Key: PRF]) { for (k, v) in other { self[k, default: PRF()] += v } }
}
