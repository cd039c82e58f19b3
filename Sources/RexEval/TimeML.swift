import Foundation
import RexModel

/// Scores of a temporal-expression recognizer on TimeML data, as the TempEval-3 scorer reports them:
/// strict (exact span) and relaxed (overlapping span) extraction, value F1 over relaxed matches, and the
/// accuracy of the TIMEX3 type on relaxed matches.
public struct TimeMLReport: Codable, Sendable, Equatable {
    public var files: Int
    public var strict: PRF
    public var relaxed: PRF
    public var value: PRF
    public var typeAccuracy: Double
}

/// One TIMEX3 of a TimeML document, with its offsets (Unicode scalars) in the document's plain text.
public struct TimeMLTimex: Codable, Sendable, Equatable {
    public var start: Int
    public var end: Int
    public var text: String
    public var type: String
    public var value: String

    public init(start: Int, end: Int, text: String, type: String, value: String) {
        self.start = start; self.end = end; self.text = text; self.type = type; self.value = value
    }
}

/// A TimeML document: the plain text of its `<TEXT>` element, its creation time and its gold TIMEX3s.
public struct TimeMLDocument: Sendable {
    public var name: String
    public var text: String
    /// The value of the TIMEX3 with functionInDocument="CREATION_TIME" (nil when there is none).
    public var dct: String?
    public var timexes: [TimeMLTimex]
}

/// One difference between gold and prediction, for error analysis.
public struct TimeMLDifference: Sendable {
    public enum Kind: String, Sendable { case missed, spurious, span, value, type }
    public var kind: Kind
    public var gold: TimeMLTimex?
    public var predicted: TimeMLTimex?
}

/// Reads TimeML (TempEval-3 TBAQ) files and scores a recognizer on them.
///
/// Matching follows the TempEval-3 scorer (`TE3-evaluation.py`, entities part): a gold and a predicted
/// expression match strictly when their spans are equal and relaxedly when they overlap; precision counts
/// predicted expressions with a match, recall gold ones. Matching is one-to-one (each gold expression pairs
/// with at most one prediction, an exact span first, else the largest overlap), so a single true-positive
/// count serves both. Value F1 counts relaxed matches with the same value as true positives over the
/// predicted and gold totals, which equals the scorer's "value accuracy × relaxed F1" for one-to-one
/// matches; type accuracy is the share of relaxed matches with the same type.
public enum TimeML {
    public enum ReadError: Error, CustomStringConvertible {
        case unreadable(String)
        case noText(String)
        case malformed(String, String)
        public var description: String {
            switch self {
            case let .unreadable(p): return "cannot read TimeML file \(p)"
            case let .noText(p): return "\(p): no <TEXT> element"
            case let .malformed(p, why): return "\(p): \(why)"
            }
        }
    }

    /// Scores `recognize` (given each file's plain text and DCT) on every `.tml` file under `directory`.
    public static func score(directory: URL, recognize: (_ text: String, _ dct: String) throws -> [Mention]) throws -> TimeMLReport {
        var report = TimeMLReport(files: 0, strict: PRF(), relaxed: PRF(), value: PRF(), typeAccuracy: 0)
        var typeMatches = 0.0
        for url in try files(in: directory) {
            let doc = try read(url)
            let predicted = try recognize(doc.text, doc.dct ?? "")
            let s = compare(gold: doc.timexes, predicted: timexes(from: predicted))
            report.files += 1
            report.strict += s.strict
            report.relaxed += s.relaxed
            report.value += s.value
            typeMatches += s.typeMatches
        }
        report.typeAccuracy = report.relaxed.tp == 0 ? 0 : typeMatches / report.relaxed.tp
        return report
    }

    /// The `.tml` files under a folder, recursively, in name order.
    public static func files(in directory: URL) throws -> [URL] {
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else {
            throw ReadError.unreadable(directory.path)
        }
        var out: [URL] = []
        for case let url as URL in walker where url.pathExtension.lowercased() == "tml" { out.append(url) }
        return out.sorted { $0.path < $1.path }
    }

    /// The DATE mentions of a prediction as TimeML expressions.
    public static func timexes(from mentions: [Mention]) -> [TimeMLTimex] {
        mentions.compactMap { m in
            guard m.type == .date, let t = m.timex else { return nil }
            return TimeMLTimex(start: m.start, end: m.end, text: m.text, type: t.type, value: t.value)
        }
    }

    public static func read(_ url: URL) throws -> TimeMLDocument {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw ReadError.unreadable(url.path) }
        return try parse(String(decoding: data, as: UTF8.self), name: url.lastPathComponent)
    }

    /// Parses TimeML markup: the text of `<TEXT>` without tags (entities decoded, CRLF as LF), the TIMEX3
    /// elements inside it with their offsets, and the creation time.
    public static func parse(_ xml: String, name: String) throws -> TimeMLDocument {
        let source = xml.replacingOccurrences(of: "\r\n", with: "\n")
        var dct: String? = nil
        if let r = source.range(of: #"<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>"#, options: .regularExpression) {
            dct = attribute("value", in: String(source[r]))
        }
        guard let open = source.range(of: "<TEXT>"), let close = source.range(of: "</TEXT>", range: open.upperBound..<source.endIndex) else {
            throw ReadError.noText(name)
        }
        let body = source[open.upperBound..<close.lowerBound]
        var text: [Unicode.Scalar] = []
        var count = 0
        var timexes: [TimeMLTimex] = []
        var openTimex: (start: Int, type: String, value: String)? = nil
        var i = body.startIndex
        while i < body.endIndex {
            let c = body[i]
            if c == "<" {
                guard let gt = body[i...].firstIndex(of: ">") else { throw ReadError.malformed(name, "unclosed tag") }
                let tag = String(body[i...gt])
                if tag.hasPrefix("<TIMEX3") {
                    if openTimex != nil { throw ReadError.malformed(name, "nested TIMEX3") }
                    openTimex = (count, attribute("type", in: tag) ?? "", attribute("value", in: tag) ?? "")
                } else if tag.hasPrefix("</TIMEX3") {
                    guard let o = openTimex else { throw ReadError.malformed(name, "</TIMEX3> without <TIMEX3>") }
                    let scalars = text
                    var a = o.start, b = count
                    while a < b, scalars[a].properties.isWhitespace { a += 1 }
                    while b > a, scalars[b - 1].properties.isWhitespace { b -= 1 }
                    var s = String.UnicodeScalarView(); s.append(contentsOf: scalars[a..<b])
                    timexes.append(TimeMLTimex(start: a, end: b, text: String(s), type: o.type, value: o.value))
                    openTimex = nil
                }
                i = body.index(after: gt)
                continue
            }
            if c == "&", let semi = body[i...].prefix(10).firstIndex(of: ";"),
               let decoded = entity(String(body[body.index(after: i)..<semi])) {
                text.append(decoded); count += 1
                i = body.index(after: semi)
                continue
            }
            for u in String(c).unicodeScalars { text.append(u); count += 1 }
            i = body.index(after: i)
        }
        var plain = String.UnicodeScalarView()
        plain.append(contentsOf: text)
        return TimeMLDocument(name: name, text: String(plain), dct: dct, timexes: timexes)
    }

    static func attribute(_ name: String, in tag: String) -> String? {
        guard let r = tag.range(of: " " + name + "=\"") else { return nil }
        guard let end = tag[r.upperBound...].firstIndex(of: "\"") else { return nil }
        return String(tag[r.upperBound..<end])
    }

    static func entity(_ e: String) -> Unicode.Scalar? {
        switch e {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            if e.hasPrefix("#x"), let v = UInt32(e.dropFirst(2), radix: 16) { return Unicode.Scalar(v) }
            if e.hasPrefix("#"), let v = UInt32(e.dropFirst()) { return Unicode.Scalar(v) }
            return nil
        }
    }

    /// Counts for one document.
    public struct Comparison: Sendable {
        public var strict = PRF()
        public var relaxed = PRF()
        public var value = PRF()
        public var typeMatches = 0.0
        public var differences: [TimeMLDifference] = []
    }

    /// Matches predicted expressions to gold ones (one-to-one; exact span first, else the largest overlap).
    public static func compare(gold: [TimeMLTimex], predicted: [TimeMLTimex]) -> Comparison {
        var c = Comparison()
        var used = [Bool](repeating: false, count: predicted.count)
        var pairs: [(Int, Int)] = []
        // Exact spans first, then overlaps.
        var goldMatched = [Bool](repeating: false, count: gold.count)
        for (g, gt) in gold.enumerated() {
            if let p = predicted.indices.first(where: { !used[$0] && predicted[$0].start == gt.start && predicted[$0].end == gt.end }) {
                used[p] = true; goldMatched[g] = true; pairs.append((g, p))
            }
        }
        for (g, gt) in gold.enumerated() where !goldMatched[g] {
            var best: (Int, Int)? = nil
            for (p, pt) in predicted.enumerated() where !used[p] {
                let overlap = min(gt.end, pt.end) - max(gt.start, pt.start)
                if overlap > 0, overlap > (best?.1 ?? 0) { best = (p, overlap) }
            }
            if let (p, _) = best { used[p] = true; goldMatched[g] = true; pairs.append((g, p)) }
        }
        let exact = pairs.filter { gold[$0.0].start == predicted[$0.1].start && gold[$0.0].end == predicted[$0.1].end }.count
        let sameValue = pairs.filter { gold[$0.0].value == predicted[$0.1].value }.count
        c.typeMatches = Double(pairs.filter { gold[$0.0].type == predicted[$0.1].type }.count)
        let ng = Double(gold.count), np = Double(predicted.count)
        c.strict = PRF(tp: Double(exact), fp: np - Double(exact), fn: ng - Double(exact))
        c.relaxed = PRF(tp: Double(pairs.count), fp: np - Double(pairs.count), fn: ng - Double(pairs.count))
        c.value = PRF(tp: Double(sameValue), fp: np - Double(sameValue), fn: ng - Double(sameValue))
        for (g, gt) in gold.enumerated() where !goldMatched[g] { c.differences.append(TimeMLDifference(kind: .missed, gold: gt)) }
        for (p, pt) in predicted.enumerated() where !used[p] { c.differences.append(TimeMLDifference(kind: .spurious, predicted: pt)) }
        for (g, p) in pairs {
            let gt = gold[g], pt = predicted[p]
            if gt.start != pt.start || gt.end != pt.end { c.differences.append(TimeMLDifference(kind: .span, gold: gt, predicted: pt)) }
            if gt.value != pt.value { c.differences.append(TimeMLDifference(kind: .value, gold: gt, predicted: pt)) }
            else if gt.type != pt.type { c.differences.append(TimeMLDifference(kind: .type, gold: gt, predicted: pt)) }
        }
        return c
    }
}
