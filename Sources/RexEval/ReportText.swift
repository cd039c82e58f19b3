import Foundation
import RexModel

/// The report as text for a terminal: totals with their definitions, the per-document table, the errors.
extension EvalReport {
    public func text(includeErrors: Bool = true) -> String {
        var out: [String] = []
        let t = total
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        func prf(_ p: PRF) -> String { "\(f(p.precision)) \(f(p.recall)) \(f(p.f1))" }
        func counts(_ p: PRF) -> String { String(format: "%5.0f %5.0f", p.tp + p.fn, p.tp + p.fp) }
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }

        out.append("Gold documents: \(documents.count)")
        out.append("")
        out.append("Sentences (same end offset)")
        out.append("  P R F1 \(prf(t.sentences))   (\(Int(t.sentences.tp + t.sentences.fn)) gold, \(Int(t.sentences.tp + t.sentences.fp)) predicted)")
        out.append("")
        out.append("Mentions — strict: same type and span; relaxed: same type, overlapping spans, one-to-one.")
        out.append("  'all' = names and nominal mentions together; 'names' = nominal mentions left out on both sides.")
        out.append("  type    set     gold  pred   strict P     R     F1      relaxed P    R     F1")
        var rows: [(String, String, SpanScores)] = []
        for type in MentionType.allCases.map(\.rawValue) {
            rows.append((type, "all", t.mentions.all[type] ?? SpanScores()))
            if type != MentionType.date.rawValue { rows.append((type, "names", t.mentions.names[type] ?? SpanScores())) }
        }
        rows.append(("ALL", "all", t.mentions.allTypes))
        rows.append(("ALL", "names", t.mentions.allTypesNames))
        for (type, set, s) in rows {
            out.append("  \(pad(type, 7)) \(pad(set, 6)) \(counts(s.relaxed))   \(prf(s.strict))     \(prf(s.relaxed))")
        }
        out.append("")
        out.append("DATE values (TempEval-3 value F1: relaxed match with the same value)")
        out.append("  value P R F1 \(prf(t.dates.value))   (\(Int(t.dates.value.tp)) right of \(Int(t.dates.value.tp + t.dates.value.fn)) gold, \(Int(t.dates.value.tp + t.dates.value.fp)) predicted)")
        out.append("  agreement over \(Int(t.dates.type.total)) relaxed matches: type \(f(t.dates.type.value))  mod \(f(t.dates.mod.value))  end \(f(t.dates.end.value))")
        out.append("")
        out.append("PLACE links (same id, or within 30 km)")
        out.append("  accuracy over relaxed-matched PLACE mentions: \(f(t.places.accuracy.value)) (\(Int(t.places.accuracy.correct))/\(Int(t.places.accuracy.total)))")
        out.append("  end to end P R F1 \(prf(t.places.endToEnd))")
        out.append("")
        out.append("Coreference over ORG, PLACE, PERSON mentions (aligned by overlap; a missed mention counts against recall, a spurious one against precision)")
        out.append("  MUC P R F1 \(f(t.coreference.muc.precision)) \(f(t.coreference.muc.recall)) \(f(t.coreference.muc.f1))")
        out.append("  B³  P R F1 \(f(t.coreference.b3.precision)) \(f(t.coreference.b3.recall)) \(f(t.coreference.b3.f1))")
        out.append("  nominal mentions resolved to the right entity: \(f(t.coreference.nominal.value)) (\(Int(t.coreference.nominal.correct))/\(Int(t.coreference.nominal.total)))")
        out.append("")
        out.append("Events (same type and overlapping trigger or same sentence, one-to-one)")
        out.append("  detection P R F1 \(prf(t.events.detection))   (\(Int(t.events.detection.tp + t.events.detection.fn)) gold, \(Int(t.events.detection.tp + t.events.detection.fp)) predicted)")
        for type in t.events.byType.keys.sorted() {
            let p = t.events.byType[type]!
            out.append("    \(pad(type, 12)) \(counts(p))  \(prf(p))")
        }
        out.append("  slot accuracy over \(Int(t.events.slots.date.total)) matched events: "
                   + t.events.slots.all.map { "\($0.name) \(f($0.ratio.value))" }.joined(separator: "  "))
        out.append("")
        out.append("Per document (F1 unless marked)")
        out.append("  document                 mentions  names  date-value  link-acc  MUC    B³     events")
        for d in documents {
            let s = d.scores
            out.append("  \(pad(d.id, 24)) \(f(s.mentions.allTypes.relaxed.f1))     \(f(s.mentions.allTypesNames.relaxed.f1))  \(f(s.dates.value.f1))       \(f(s.places.accuracy.value))     \(f(s.coreference.muc.f1))  \(f(s.coreference.b3.f1))  \(f(s.events.detection.f1))")
            for w in d.warnings { out.append("    warning: \(w)") }
        }
        if !unmatchedPredictions.isEmpty {
            out.append("  predicted documents with no gold (not scored): " + unmatchedPredictions.joined(separator: ", "))
        }
        if includeErrors, let errors {
            out.append("")
            out.append("Errors (\(errors.count))")
            for e in errors {
                let where_ = "\(e.document) [\(e.start),\(e.end))"
                var line = "  \(pad(e.layer, 8)) \(pad(e.kind.rawValue, 8)) \(pad(e.type, 14)) \(where_)  …\(e.left)⟦\(e.text)⟧\(e.right)…"
                if let d = e.detail { line += "\n      \(d)" }
                out.append(line)
            }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
