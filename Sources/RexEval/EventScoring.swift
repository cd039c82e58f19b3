import Foundation
import RexModel

/// Slot agreement over matched events. Each slot agrees when both sides leave it empty.
public struct EventSlots: Codable, Sendable, Equatable {
    /// Same TIMEX3 value.
    public var date = Ratio()
    /// Same place id, or coordinates within `LinkScoring.radiusKm`, or the same place mention text.
    public var place = Ratio()
    /// Some perpetrator in common: an entity's canonical id or a name (actor, entity or name mention).
    public var perpetrator = Ratio()
    public var fatalities = Ratio()
    public var injured = Ratio()
    public var abducted = Ratio()
    public init() {}

    /// The slots by name, in report order.
    public var all: [(name: String, ratio: Ratio)] {
        [("date", date), ("place", place), ("perpetrator", perpetrator), ("fatalities", fatalities),
         ("injured", injured), ("abducted", abducted)]
    }

    public static func + (a: EventSlots, b: EventSlots) -> EventSlots {
        var r = a
        r.date += b.date; r.place += b.place; r.perpetrator += b.perpetrator
        r.fatalities += b.fatalities; r.injured += b.injured; r.abducted += b.abducted
        return r
    }
}

/// Event detection and slot scores.
///
/// A predicted event matches a gold event of the same type when one of its triggers (the trigger or an `also`
/// span) overlaps one of the gold event's triggers, or else lies in the same sentence as one of them;
/// matching is one-to-one, overlapping triggers first, then same-sentence pairs by trigger distance.
/// Sentences are the gold document's, or the prediction's when gold has none (the texts are the same).
public struct EventScores: Codable, Sendable, Equatable {
    public var detection = PRF()
    /// Detection per event type.
    public var byType: [String: PRF] = [:]
    /// Slot agreement over the matched events.
    public var slots = EventSlots()
    public init() {}
    public static func + (a: EventScores, b: EventScores) -> EventScores {
        var r = a
        r.detection += b.detection
        r.byType.add(b.byType)
        r.slots = r.slots + b.slots
        return r
    }
}

public enum EventScoring {
    public static func score(gold: Document, pred: Document) -> EventScores {
        var s = EventScores()
        let pairs = match(gold: gold, pred: pred)
        s.detection = PRF(correct: pairs.count, predicted: pred.events.count, gold: gold.events.count)
        for type in Set(gold.events.map(\.type) + pred.events.map(\.type)) {
            let correct = pairs.filter { gold.events[$0.gold].type == type }.count
            s.byType[type] = PRF(correct: correct, predicted: pred.events.filter { $0.type == type }.count,
                                 gold: gold.events.filter { $0.type == type }.count)
        }
        for (gi, pi) in pairs {
            let c = compare(gold.events[gi], in: gold, with: pred.events[pi], in: pred)
            s.slots.date.count(c.date == nil)
            s.slots.place.count(c.place == nil)
            s.slots.perpetrator.count(c.perpetrator == nil)
            s.slots.fatalities.count(c.fatalities == nil)
            s.slots.injured.count(c.injured == nil)
            s.slots.abducted.count(c.abducted == nil)
        }
        return s
    }

    /// Pairs (gold index, predicted index) of matched events.
    public static func match(gold: Document, pred: Document) -> [(gold: Int, pred: Int)] {
        // Sentences from gold when it has them, else from the prediction (the texts are the same).
        let sentences = (gold.sentences.isEmpty ? pred.sentences : gold.sentences).map { Span(start: $0.start, end: $0.end) }
        func sentence(of offset: Int) -> Int? { sentences.firstIndex { $0.start <= offset && offset < $0.end } }
        struct Candidate { var g: Int; var p: Int; var rank: Int }
        var candidates: [Candidate] = []
        for (gi, g) in gold.events.enumerated() {
            let triggers = [g.trigger] + (g.also ?? [])
            let spans = triggers.map { Span(start: $0.start, end: $0.end) }
            let goldSentences = Set(spans.compactMap { sentence(of: $0.start) })
            for (pi, p) in pred.events.enumerated() where p.type == g.type {
                let ps = ([p.trigger] + (p.also ?? [])).map { Span(start: $0.start, end: $0.end) }
                if ps.contains(where: { a in spans.contains { $0.overlaps(a) } }) {
                    candidates.append(Candidate(g: gi, p: pi, rank: 0))
                } else if ps.contains(where: { sentence(of: $0.start).map(goldSentences.contains) ?? false }) {
                    let distance = ps.flatMap { a in spans.map { abs($0.start - a.start) } }.min() ?? 0
                    candidates.append(Candidate(g: gi, p: pi, rank: 1 + distance))
                }
            }
        }
        candidates.sort { ($0.rank, $0.g, $0.p) < ($1.rank, $1.g, $1.p) }
        var usedG = Set<Int>(), usedP = Set<Int>()
        var pairs: [(gold: Int, pred: Int)] = []
        for c in candidates where !usedG.contains(c.g) && !usedP.contains(c.p) {
            usedG.insert(c.g); usedP.insert(c.p)
            pairs.append((c.g, c.p))
        }
        return pairs.sorted { $0.gold < $1.gold }
    }

    /// Each slot's disagreement, described; nil where the slot agrees.
    struct SlotComparison {
        var date: String?, place: String?, perpetrator: String?, fatalities: String?, injured: String?, abducted: String?
        var disagreements: [String] {
            [("date", date), ("place", place), ("perpetrator", perpetrator), ("fatalities", fatalities),
             ("injured", injured), ("abducted", abducted)].compactMap { n, d in d.map { "\(n): \($0)" } }
        }
    }

    static func compare(_ g: Event, in gd: Document, with p: Event, in pd: Document) -> SlotComparison {
        var c = SlotComparison()
        let gv = EvalText.timexValue(g.date?.value), pv = EvalText.timexValue(p.date?.value)
        if gv != pv { c.date = "gold \(gv ?? "none"), predicted \(pv ?? "none")" }
        if !samePlace(g.place, in: gd, p.place, in: pd) {
            c.place = "gold \(describe(g.place, in: gd)), predicted \(describe(p.place, in: pd))"
        }
        let ga = perpetrators(g, in: gd), pa = perpetrators(p, in: pd)
        if !(ga.isEmpty && pa.isEmpty) && ga.isDisjoint(with: pa) {
            c.perpetrator = "gold \(names(g)), predicted \(names(p))"
        }
        func count(_ a: Int?, _ b: Int?) -> String? { a == b ? nil : "gold \(a.map(String.init) ?? "null"), predicted \(b.map(String.init) ?? "null")" }
        c.fatalities = count(g.fatalities, p.fatalities)
        c.injured = count(g.injured, p.injured)
        c.abducted = count(g.abducted, p.abducted)
        return c
    }

    static func samePlace(_ g: EventPlace?, in gd: Document, _ p: EventPlace?, in pd: Document) -> Bool {
        guard let g, let p else { return g == nil && p == nil }
        if let a = g.id, a == p.id { return true }
        if let d = Geo.distanceKm((g.lat, g.lon), (p.lat, p.lon)), d <= LinkScoring.radiusKm { return true }
        if let a = mentionText(g.mention, in: gd), let b = mentionText(p.mention, in: pd) {
            return EvalText.fold(a) == EvalText.fold(b)
        }
        return false
    }

    static func mentionText(_ id: String?, in doc: Document) -> String? {
        guard let id else { return nil }
        return doc.mentions.first { $0.id == id }?.text
    }

    static func describe(_ place: EventPlace?, in doc: Document) -> String {
        guard let place else { return "none" }
        return [place.id, mentionText(place.mention, in: doc).map { "“\($0)”" } ?? place.name].compactMap { $0 }.joined(separator: " ")
    }

    static func names(_ e: Event) -> String {
        let a = e.actors.filter(isPerpetrator).map(\.name)
        return a.isEmpty ? "none" : a.joined(separator: "; ")
    }

    static func isPerpetrator(_ a: EventActor) -> Bool { a.role.lowercased() == "perpetrator" }

    /// Folded identifiers of an event's perpetrators: each actor's name, and for an actor with an entity,
    /// the entity's canonical id, its name and the texts of its name mentions.
    static func perpetrators(_ e: Event, in doc: Document) -> Set<String> {
        var out = Set<String>()
        for a in e.actors where isPerpetrator(a) {
            out.insert(EvalText.fold(a.name))
            guard let id = a.entity else { continue }
            guard let entity = doc.entities.first(where: { $0.id == id }) else {
                out.insert(EvalText.fold(id))  // an entity key given directly ("org:jnim")
                continue
            }
            if let canonical = entity.canonical { out.insert(EvalText.fold(canonical)) }
            out.insert(EvalText.fold(entity.name))
            let ids = Set(entity.mentions)
            for m in doc.mentions where ids.contains(m.id) && !m.isNominal { out.insert(EvalText.fold(m.text)) }
        }
        out.remove("")
        return out
    }

    static func errors(gold: Document, pred: Document, context: ContextWindow, predContext: ContextWindow) -> [EvalError] {
        var out: [EvalError] = []
        let pairs = match(gold: gold, pred: pred)
        let mg = Set(pairs.map(\.gold)), mp = Set(pairs.map(\.pred))
        for (i, g) in gold.events.enumerated() where !mg.contains(i) {
            out.append(EvalError(document: gold.id, layer: "events", kind: .falseNegative, type: g.type,
                                 start: g.trigger.start, end: g.trigger.end, context: context, detail: "gold \(g.id)"))
        }
        for (i, p) in pred.events.enumerated() where !mp.contains(i) {
            out.append(EvalError(document: gold.id, layer: "events", kind: .falsePositive, type: p.type,
                                 start: p.trigger.start, end: p.trigger.end, context: predContext, detail: "predicted \(p.id)"))
        }
        for (gi, pi) in pairs {
            let g = gold.events[gi], p = pred.events[pi]
            let d = compare(g, in: gold, with: p, in: pred).disagreements
            if !d.isEmpty {
                out.append(EvalError(document: gold.id, layer: "events", kind: .slot, type: g.type,
                                     start: g.trigger.start, end: g.trigger.end, context: context,
                                     detail: "gold \(g.id), predicted \(p.id): " + d.joined(separator: "; ")))
            }
        }
        return out
    }
}
