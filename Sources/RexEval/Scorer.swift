import Foundation
import RexModel

/// Every layer's scores for one document or for a whole corpus; scores of documents add up.
public struct LayerScores: Codable, Sendable, Equatable {
    /// Sentence ends: a predicted sentence end is right when a gold sentence ends at the same offset.
    public var sentences = PRF()
    public var mentions = MentionScores()
    public var dates = DateScores()
    public var places = LinkScores()
    public var coreference = CorefScores()
    public var events = EventScores()
    public init() {}

    public static func + (a: LayerScores, b: LayerScores) -> LayerScores {
        var r = LayerScores()
        r.sentences = a.sentences + b.sentences
        r.mentions = a.mentions + b.mentions
        r.dates = a.dates + b.dates
        r.places = a.places + b.places
        r.coreference = a.coreference + b.coreference
        r.events = a.events + b.events
        return r
    }

    /// The headline figures by name, for floors and summaries: F1 or accuracy, between 0 and 1.
    ///
    /// Names: `mentions.TYPE.strict.f1` and `mentions.TYPE.relaxed.f1` (names and nominals),
    /// `mentions.names.TYPE.relaxed.f1` (names only), `mentions.all.relaxed.f1`, `mentions.names.relaxed.f1`,
    /// `dates.value.f1`, `places.link.accuracy`, `places.link.f1`, `coref.muc.f1`, `coref.b3.f1`, `coref.nominal.accuracy`,
    /// `events.detection.f1`, `events.slot.SLOT.accuracy`.
    public var metrics: [String: Double] {
        var m: [String: Double] = [:]
        m["sentences.boundary.f1"] = sentences.f1
        for type in MentionType.allCases.map(\.rawValue) {
            let all = mentions.all[type] ?? SpanScores(), names = mentions.names[type] ?? SpanScores()
            m["mentions.\(type).strict.f1"] = all.strict.f1
            m["mentions.\(type).relaxed.f1"] = all.relaxed.f1
            if type != MentionType.date.rawValue { m["mentions.names.\(type).relaxed.f1"] = names.relaxed.f1 }
        }
        m["mentions.all.relaxed.f1"] = mentions.allTypes.relaxed.f1
        m["mentions.names.relaxed.f1"] = mentions.allTypesNames.relaxed.f1
        m["dates.value.f1"] = dates.value.f1
        m["places.link.accuracy"] = places.accuracy.value
        m["places.link.f1"] = places.endToEnd.f1
        m["coref.muc.f1"] = coreference.muc.f1
        m["coref.b3.f1"] = coreference.b3.f1
        m["coref.nominal.accuracy"] = coreference.nominal.value
        m["events.detection.f1"] = events.detection.f1
        for (name, ratio) in events.slots.all { m["events.slot.\(name).accuracy"] = ratio.value }
        return m
    }

    /// The pipeline layers a metric depends on: a metric can only rise above zero once they are built.
    public static func layers(ofMetric name: String) -> Set<Layer> {
        let byType: [String: Layer] = ["DATE": .dates, "PLACE": .places, "ORG": .organizations, "PERSON": .people]
        let parts = name.split(separator: ".").map(String.init)
        switch parts.first {
        case "mentions":
            if let layer = parts.dropFirst().compactMap({ byType[$0] }).first { return [layer] }
            return parts.contains("names") ? [.places, .organizations, .people] : [.dates, .places, .organizations, .people]
        case "sentences": return [.sentences]
        case "dates": return [.dates]
        case "places": return [.places]
        case "coref": return [.coreference]
        case "events": return [.events]
        default: return []
        }
    }
}

/// A false positive, false negative or wrong attribute, with its context, for `rex eval --errors`.
public struct EvalError: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case falsePositive = "FP", falseNegative = "FN"
        /// A relaxed match whose span differs.
        case boundary
        /// A matched DATE whose value, mod or end differs.
        case value
        /// A matched PLACE linked to another place.
        case link
        /// A matched event with a wrong slot.
        case slot
    }
    public var document: String
    /// "mentions", "dates", "places", "events".
    public var layer: String
    public var kind: Kind
    /// Mention type or event type.
    public var type: String
    public var start: Int
    public var end: Int
    public var text: String
    public var left: String
    public var right: String
    public var detail: String?

    init(document: String, layer: String, kind: Kind, type: String, start: Int, end: Int, context: ContextWindow, detail: String?) {
        let c = context.around(start, end)
        self.document = document; self.layer = layer; self.kind = kind; self.type = type
        self.start = start; self.end = end; self.text = c.text; self.left = c.left; self.right = c.right
        self.detail = detail
    }
}

/// One document's scores.
public struct DocumentReport: Codable, Sendable, Equatable {
    public var id: String
    public var scores: LayerScores
    /// Problems that make the scores doubtful (no prediction, different text).
    public var warnings: [String]
}

/// The result of `rex eval` on a gold folder: totals (micro-averaged over documents), each document's
/// scores, and optionally the errors.
public struct EvalReport: Codable, Sendable, Equatable {
    public var schema = "rex-eval/1"
    /// How each figure is defined, written into the report so that numbers are never read without it.
    public var definitions: [String: String] = Scorer.definitions
    public var total = LayerScores()
    public var documents: [DocumentReport] = []
    /// Predicted documents with no gold document of the same id (not scored).
    public var unmatchedPredictions: [String] = []
    public var errors: [EvalError]?
    /// The headline figures of `total` by name (see `LayerScores.metrics`).
    public var metrics: [String: Double] = [:]
    public init() {}
}

/// Scores predicted documents against gold documents, matched by id. Pure: no files, no pipeline.
public struct Scorer: Sendable {
    /// Characters of context shown on each side of an error.
    public var contextWidth = 60
    /// Whether to list every error in the report.
    public var collectErrors = false

    public init(contextWidth: Int = 60, collectErrors: Bool = false) {
        self.contextWidth = contextWidth
        self.collectErrors = collectErrors
    }

    public static let definitions: [String: String] = [
        "sentences": "boundary P/R/F1 over sentence ends: a predicted end is right when a gold sentence ends at "
            + "the same offset; documents whose gold has no sentences are not scored.",
        "mentions": "strict = same type and same span; relaxed = same type and overlapping spans, one-to-one. "
            + "'all' scores names and nominal mentions together; 'names' leaves nominal mentions out on both sides.",
        "dates": "value = TempEval-3 value F1: a relaxed DATE match with the same TIMEX3 value, over all predicted "
            + "and all gold DATE mentions; type, mod and end = agreement over relaxed-matched DATE pairs.",
        "places": "link accuracy over relaxed-matched PLACE mentions whose gold mention has a place: same id, or "
            + "coordinates within 30 km (haversine); end-to-end F1 counts the same correct links against all "
            + "predicted and gold PLACE mentions that have a place.",
        "coreference": "MUC and B-cubed over ORG, PLACE and PERSON mentions (names and nominals); predicted "
            + "mentions are aligned with gold ones by relaxed overlap of any of the three types; as in the CoNLL-2012 "
            + "reference scorer, a gold mention without a predicted twin counts against recall only, a predicted "
            + "mention without a gold twin against precision only; a mention without an entity is a singleton. "
            + "nominal accuracy = share of gold nominal mentions whose predicted twin is in the gold entity's "
            + "predicted cluster (the one holding most twins of its name mentions; for an unnamed entity, of its "
            + "mentions).",
        "events": "detection = same type and (overlapping trigger, or any 'also' trigger, or same sentence), "
            + "one-to-one; slots = agreement over matched events (both empty agrees): date same value; place same "
            + "id, within 30 km or same mention text; perpetrator shares a canonical id or name; counts equal.",
    ]

    /// Scores every gold document against the predicted document with the same id (an empty prediction when
    /// there is none).
    public func score(gold: [Document], pred: [Document]) -> EvalReport {
        var byID: [String: Document] = [:]
        for p in pred where byID[p.id] == nil { byID[p.id] = p }
        var report = EvalReport()
        var errors: [EvalError] = []
        for g in gold {
            var warnings: [String] = []
            var p: Document
            if let found = byID[g.id] {
                p = found
                if p.text != g.text { warnings.append("the predicted text differs from the gold text; offsets do not line up") }
            } else {
                p = Document(id: g.id, text: g.text, dct: g.dct)
                warnings.append("no predicted document with this id; scored as empty")
            }
            let (scores, errs) = score(gold: g, pred: p)
            report.documents.append(DocumentReport(id: g.id, scores: scores, warnings: warnings))
            report.total = report.total + scores
            errors += errs
        }
        let goldIDs = Set(gold.map(\.id))
        report.unmatchedPredictions = pred.map(\.id).filter { !goldIDs.contains($0) }
        if collectErrors { report.errors = errors }
        report.metrics = report.total.metrics
        return report
    }

    /// Scores one predicted document against its gold document.
    public func score(gold: Document, pred: Document) -> (LayerScores, [EvalError]) {
        var s = LayerScores()
        if !gold.sentences.isEmpty {
            let g = Set(gold.sentences.map(\.end)), p = Set(pred.sentences.map(\.end))
            s.sentences = PRF(tp: Double(g.intersection(p).count), fp: Double(p.subtracting(g).count),
                              fn: Double(g.subtracting(p).count))
        }
        s.mentions = MentionScoring.score(gold: gold.mentions, pred: pred.mentions)
        s.dates = DateScoring.score(gold: gold.mentions, pred: pred.mentions)
        s.places = LinkScoring.score(gold: gold.mentions, pred: pred.mentions)
        s.coreference = CorefScoring.score(gold: gold.mentions, pred: pred.mentions)
        s.events = EventScoring.score(gold: gold, pred: pred)
        guard collectErrors else { return (s, []) }
        let gc = ContextWindow(text: ScalarText(gold.text), width: contextWidth)
        let pc = ContextWindow(text: ScalarText(pred.text), width: contextWidth)
        let errors = MentionScoring.errors(gold: gold, pred: pred, context: gc, predContext: pc)
            + DateScoring.errors(gold: gold, pred: pred, context: gc)
            + LinkScoring.errors(gold: gold, pred: pred, context: gc)
            + EventScoring.errors(gold: gold, pred: pred, context: gc, predContext: pc)
        let order = ["mentions": 0, "dates": 1, "places": 2, "events": 3]
        return (s, errors.sorted { (order[$0.layer] ?? 9, $0.start, $0.end) < (order[$1.layer] ?? 9, $1.start, $1.end) })
    }
}
