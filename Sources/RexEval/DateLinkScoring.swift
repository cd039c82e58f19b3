import Foundation
import RexModel

/// DATE normalization scores.
///
/// `value` is TempEval-3's value F1: a predicted DATE mention counts as correct when it overlaps a gold DATE
/// mention (relaxed, one-to-one) and has the same TIMEX3 value; precision divides by all predicted DATE
/// mentions, recall by all gold ones. `type`, `mod` and `end` are agreement over the relaxed-matched pairs
/// (an absent mod or end on both sides agrees), reported apart so that a wrong modifier does not hide a right
/// value.
public struct DateScores: Codable, Sendable, Equatable {
    public var value = PRF()
    public var type = Ratio()
    public var mod = Ratio()
    public var end = Ratio()
    public init() {}
    public static func + (a: DateScores, b: DateScores) -> DateScores {
        var r = a
        r.value += b.value; r.type += b.type; r.mod += b.mod; r.end += b.end
        return r
    }
}

/// PLACE linking scores.
///
/// `accuracy` is over relaxed-matched PLACE mentions (names and nominals) whose gold mention has a place:
/// correct when the predicted place has the same id, or both have coordinates within `LinkScoring.radiusKm`.
/// `endToEnd` counts the same correct links against every predicted and every gold PLACE mention that has
/// a place, so that it also falls when mentions are missed.
public struct LinkScores: Codable, Sendable, Equatable {
    public var accuracy = Ratio()
    public var endToEnd = PRF()
    public init() {}
    public static func + (a: LinkScores, b: LinkScores) -> LinkScores {
        var r = a
        r.accuracy += b.accuracy; r.endToEnd += b.endToEnd
        return r
    }
}

public enum DateScoring {
    public static func score(gold: [Mention], pred: [Mention]) -> DateScores {
        let g = gold.filter { $0.type == .date }, p = pred.filter { $0.type == .date }
        var s = DateScores()
        var correct = 0
        for (gi, pi) in SpanMatcher.relaxed(gold: g, pred: p) {
            let gt = g[gi].timex, pt = p[pi].timex
            if let gv = EvalText.timexValue(gt?.value), gv == EvalText.timexValue(pt?.value) { correct += 1 }
            s.type.count(gt?.type == pt?.type)
            s.mod.count(EvalText.timexValue(gt?.mod) == EvalText.timexValue(pt?.mod))
            s.end.count(EvalText.timexValue(gt?.end) == EvalText.timexValue(pt?.end))
        }
        s.value = PRF(correct: correct, predicted: p.count, gold: g.count)
        return s
    }

    /// Relaxed-matched DATE mentions whose value, mod or end differ.
    static func errors(gold: Document, pred: Document, context: ContextWindow) -> [EvalError] {
        let g = gold.mentions.filter { $0.type == .date }, p = pred.mentions.filter { $0.type == .date }
        var out: [EvalError] = []
        for (gi, pi) in SpanMatcher.relaxed(gold: g, pred: p) {
            let gt = g[gi].timex, pt = p[pi].timex
            func show(_ t: Timex?) -> String {
                guard let t else { return "no value" }
                return [t.type, t.value, t.mod.map { "mod \($0)" }, t.end.map { "end \($0)" }].compactMap { $0 }.joined(separator: " ")
            }
            let same = EvalText.timexValue(gt?.value) == EvalText.timexValue(pt?.value)
                && EvalText.timexValue(gt?.mod) == EvalText.timexValue(pt?.mod)
                && EvalText.timexValue(gt?.end) == EvalText.timexValue(pt?.end)
            if !same {
                out.append(EvalError(document: gold.id, layer: "dates", kind: .value, type: "DATE", start: g[gi].start,
                                     end: g[gi].end, context: context, detail: "gold \(show(gt)); predicted \(show(pt))"))
            }
        }
        return out
    }
}

public enum LinkScoring {
    /// Two places closer than this count as the same place (a town and its GeoNames duplicate, a region's
    /// centroid given two ways).
    public static let radiusKm = 30.0

    /// Whether a predicted place is the gold place: same id, or both with coordinates within `radiusKm`.
    public static func samePlace(_ gold: PlaceRef?, _ pred: PlaceRef?) -> Bool {
        guard let gold, let pred else { return false }
        if gold.id == pred.id { return true }
        if let d = Geo.distanceKm((gold.lat, gold.lon), (pred.lat, pred.lon)) { return d <= radiusKm }
        return false
    }

    public static func score(gold: [Mention], pred: [Mention]) -> LinkScores {
        let g = gold.filter { $0.type == .place }, p = pred.filter { $0.type == .place }
        var s = LinkScores()
        var correct = 0
        for (gi, pi) in SpanMatcher.relaxed(gold: g, pred: p) where g[gi].place != nil {
            let ok = samePlace(g[gi].place, p[pi].place)
            s.accuracy.count(ok)
            if ok { correct += 1 }
        }
        s.endToEnd = PRF(correct: correct, predicted: p.filter { $0.place != nil }.count, gold: g.filter { $0.place != nil }.count)
        return s
    }

    static func errors(gold: Document, pred: Document, context: ContextWindow) -> [EvalError] {
        let g = gold.mentions.filter { $0.type == .place }, p = pred.mentions.filter { $0.type == .place }
        var out: [EvalError] = []
        for (gi, pi) in SpanMatcher.relaxed(gold: g, pred: p) {
            guard let gp = g[gi].place, !samePlace(gp, p[pi].place) else { continue }
            var detail = "gold \(gp.id) \(gp.name)"
            if let pp = p[pi].place {
                detail += "; predicted \(pp.id) \(pp.name)"
                if let d = Geo.distanceKm((gp.lat, gp.lon), (pp.lat, pp.lon)) { detail += String(format: ", %.0f km away", d) }
            } else {
                detail += "; predicted no place"
            }
            out.append(EvalError(document: gold.id, layer: "places", kind: .link, type: "PLACE", start: g[gi].start,
                                 end: g[gi].end, context: context, detail: detail))
        }
        return out
    }
}
