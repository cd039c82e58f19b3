import RexModel

/// Strict and relaxed span scores for one set of mentions.
public struct SpanScores: Codable, Sendable, Equatable {
    /// Same type and the same start and end.
    public var strict = PRF()
    /// Same type and overlapping spans, one-to-one (`SpanMatcher.relaxed`).
    public var relaxed = PRF()
    public init(strict: PRF = PRF(), relaxed: PRF = PRF()) { self.strict = strict; self.relaxed = relaxed }
    public static func + (a: SpanScores, b: SpanScores) -> SpanScores {
        SpanScores(strict: a.strict + b.strict, relaxed: a.relaxed + b.relaxed)
    }
}

/// Mention recognition scores per type and over all types (micro-averaged).
///
/// `all` scores name and nominal mentions together: gold nominal mentions ("the group", "it") must be found
/// too. `names` leaves nominal mentions out on both sides, which is what a name recognizer alone is
/// responsible for.
public struct MentionScores: Codable, Sendable, Equatable {
    /// Per type ("DATE", "PLACE", "ORG", "PERSON"), names and nominal mentions together.
    public var all: [String: SpanScores] = [:]
    /// Per type, name mentions only.
    public var names: [String: SpanScores] = [:]
    public init() {}

    /// All types together, names and nominal mentions.
    public var allTypes: SpanScores { all.values.reduce(SpanScores(), +) }
    /// All types together, name mentions only.
    public var allTypesNames: SpanScores { names.values.reduce(SpanScores(), +) }

    public static func + (a: MentionScores, b: MentionScores) -> MentionScores {
        var r = a
        for (k, v) in b.all { r.all[k] = (r.all[k] ?? SpanScores()) + v }
        for (k, v) in b.names { r.names[k] = (r.names[k] ?? SpanScores()) + v }
        return r
    }
}

public enum MentionScoring {
    /// Scores predicted mentions against gold mentions of one document.
    public static func score(gold: [Mention], pred: [Mention]) -> MentionScores {
        var s = MentionScores()
        for type in MentionType.allCases {
            let g = gold.filter { $0.type == type }, p = pred.filter { $0.type == type }
            s.all[type.rawValue] = spans(gold: g, pred: p)
            s.names[type.rawValue] = spans(gold: g.filter { !$0.isNominal }, pred: p.filter { !$0.isNominal })
        }
        return s
    }

    /// Strict and relaxed counts for mentions of one type.
    static func spans(gold: [Mention], pred: [Mention]) -> SpanScores {
        SpanScores(strict: PRF(correct: SpanMatcher.strict(gold: gold, pred: pred).count, predicted: pred.count, gold: gold.count),
                   relaxed: PRF(correct: SpanMatcher.relaxed(gold: gold, pred: pred).count, predicted: pred.count, gold: gold.count))
    }

    /// Missed gold mentions, spurious predicted mentions, and relaxed matches with other boundaries.
    static func errors(gold: Document, pred: Document, context: ContextWindow, predContext: ContextWindow) -> [EvalError] {
        var out: [EvalError] = []
        let pairs = SpanMatcher.relaxed(gold: gold.mentions, pred: pred.mentions)
        let matchedG = Set(pairs.map(\.gold)), matchedP = Set(pairs.map(\.pred))
        for (i, g) in gold.mentions.enumerated() where !matchedG.contains(i) {
            out.append(EvalError(document: gold.id, layer: "mentions", kind: .falseNegative, type: g.type.rawValue + (g.isNominal ? " nominal" : ""),
                                 start: g.start, end: g.end, context: context, detail: nil))
        }
        for (i, p) in pred.mentions.enumerated() where !matchedP.contains(i) {
            out.append(EvalError(document: gold.id, layer: "mentions", kind: .falsePositive, type: p.type.rawValue + (p.isNominal ? " nominal" : ""),
                                 start: p.start, end: p.end, context: predContext, detail: nil))
        }
        for (gi, pi) in pairs {
            let g = gold.mentions[gi], p = pred.mentions[pi]
            if g.start != p.start || g.end != p.end {
                out.append(EvalError(document: gold.id, layer: "mentions", kind: .boundary, type: g.type.rawValue + (g.isNominal ? " nominal" : ""),
                                     start: g.start, end: g.end, context: context,
                                     detail: "predicted “\(p.text)” [\(p.start), \(p.end))"))
            }
        }
        return out
    }
}
