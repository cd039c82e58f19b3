import Foundation
import RexModel

/// One-to-one alignment of predicted spans with gold spans.
public enum SpanMatcher {
    /// Pairs (gold index, predicted index) of overlapping spans, each gold and each predicted item used at
    /// most once.
    ///
    /// Greedy over all overlapping pairs, best first: an exact span before a partial one, then the longer
    /// overlap, then the closer start, then text order. With gold spans that never overlap (the corpus
    /// convention) this is the natural alignment; it needs no global optimization.
    /// - Parameter sameType: when true, only spans of the same mention type are paired.
    /// - Complexity: O(g·p) comparisons, then a sort of the overlapping pairs.
    public static func relaxed(gold: [Mention], pred: [Mention], sameType: Bool = true) -> [(gold: Int, pred: Int)] {
        struct Candidate { var g: Int; var p: Int; var exact: Bool; var overlap: Int; var shift: Int }
        var candidates: [Candidate] = []
        let order = pred.indices.sorted { pred[$0].start < pred[$1].start }
        for (gi, g) in gold.enumerated() {
            for pi in order {
                let p = pred[pi]
                if p.start >= g.end { break }
                guard p.end > g.start, !sameType || p.type == g.type else { continue }
                let overlap = min(g.end, p.end) - max(g.start, p.start)
                candidates.append(Candidate(g: gi, p: pi, exact: g.start == p.start && g.end == p.end,
                                            overlap: overlap, shift: abs(g.start - p.start)))
            }
        }
        candidates.sort {
            if $0.exact != $1.exact { return $0.exact }
            if $0.overlap != $1.overlap { return $0.overlap > $1.overlap }
            if $0.shift != $1.shift { return $0.shift < $1.shift }
            return ($0.g, $0.p) < ($1.g, $1.p)
        }
        var usedG = Set<Int>(), usedP = Set<Int>()
        var pairs: [(gold: Int, pred: Int)] = []
        for c in candidates where !usedG.contains(c.g) && !usedP.contains(c.p) {
            usedG.insert(c.g); usedP.insert(c.p)
            pairs.append((c.g, c.p))
        }
        return pairs.sorted { $0.gold < $1.gold }
    }

    /// Pairs of identical spans of the same type, one-to-one (a predicted duplicate of a span is a false
    /// positive).
    public static func strict(gold: [Mention], pred: [Mention]) -> [(gold: Int, pred: Int)] {
        struct Key: Hashable { var type: MentionType; var start: Int; var end: Int }
        var free: [Key: [Int]] = [:]
        for (pi, p) in pred.enumerated().reversed() { free[Key(type: p.type, start: p.start, end: p.end), default: []].append(pi) }
        var pairs: [(gold: Int, pred: Int)] = []
        for (gi, g) in gold.enumerated() {
            let k = Key(type: g.type, start: g.start, end: g.end)
            if let pi = free[k]?.popLast() { pairs.append((gi, pi)) }
        }
        return pairs
    }
}

/// Geographic distance.
public enum Geo {
    /// Mean Earth radius in kilometres (IUGG).
    public static let earthRadiusKm = 6371.0088

    /// Great-circle distance in kilometres between two points given in degrees (haversine formula).
    public static func distanceKm(lat1: Double, lon1: Double, lat2: Double, lon2: Double) -> Double {
        let rad = Double.pi / 180
        let dLat = (lat2 - lat1) * rad, dLon = (lon2 - lon1) * rad
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * rad) * cos(lat2 * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * earthRadiusKm * asin(min(1, sqrt(a)))
    }

    /// Distance between two optional coordinates, nil when either is missing.
    static func distanceKm(_ a: (Double?, Double?), _ b: (Double?, Double?)) -> Double? {
        guard let lat1 = a.0, let lon1 = a.1, let lat2 = b.0, let lon2 = b.1 else { return nil }
        return distanceKm(lat1: lat1, lon1: lon1, lat2: lat2, lon2: lon2)
    }
}

/// Text comparisons used by the scorers.
enum EvalText {
    /// Lower case, diacritics removed, curly quotes straightened, runs of white space made one space.
    static func fold(_ s: String) -> String {
        let folded = s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: "’", with: "'").replacingOccurrences(of: "‘", with: "'")
        return folded.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// A TIMEX3 value as compared: trimmed, upper case ("2020-sp" = "2020-SP").
    static func timexValue(_ s: String?) -> String? {
        guard let s else { return nil }
        return s.trimmingCharacters(in: .whitespaces).uppercased()
    }
}

/// The text around a span, for error listings.
struct ContextWindow {
    let text: ScalarText
    let width: Int

    /// (left, span, right), each on one line.
    func around(_ start: Int, _ end: Int) -> (left: String, text: String, right: String) {
        func flat(_ s: String) -> String {
            String(String.UnicodeScalarView(s.unicodeScalars.map { $0 == "\n" || $0 == "\t" || $0 == "\r" ? " " : $0 }))
        }
        return (flat(text.slice(start - width, start)), flat(text.slice(start, end)), flat(text.slice(end, end + width)))
    }
}
