import Foundation
import RexModel

/// A document's page: its text with every mention and event trigger marked, the events beside it with their
/// slots linked to the words that support them, and its coreference chains as buttons.
enum DocumentPage {
    static func render(_ doc: Document, site: ReportSite) -> String {
        let view = DocumentView(doc)
        var meta: [String] = ["<span>id <code>\(HTML.escape(doc.id))</code></span>"]
        if let dct = doc.dct { meta.append("<span>dated \(HTML.escape(dct))</span>") }
        if let path = doc.source?.path { meta.append("<span>from <code>\(HTML.escape(path))</code></span>") }
        meta.append("<span>\(doc.mentions.count) mentions, \(doc.entities.count) entities, \(doc.events.count) events</span>")

        let legend = """
        <ul class="legend" aria-label="Highlight colours">
        <li><mark class="m m-date">date</mark></li><li><mark class="m m-place">place</mark></li>\
        <li><mark class="m m-org">organization</mark></li><li><mark class="m m-person">person</mark></li>\
        <li><mark class="m m-org nom">nominal (“the group”)</mark></li><li><mark class="trig">event trigger</mark></li>\
        <li><span class="sup">target or weapon words</span></li>
        </ul>
        <p class="hint">Hover over a highlight for its type and normalized value or gazetteer entry. Click one, or use the \
        buttons under <a href="#chains-h">Coreference chains</a>, to highlight every mention of the same entity. Hover or focus \
        an event to see the words its slots rest on; its links lead to them.</p>
        """
        let body = """
        <h1>\(HTML.escape(doc.title ?? doc.id))</h1>
        <p class="meta">\(meta.joined(separator: " · "))</p>
        \(legend)
        <div class="doc">
        <section class="doc-text" aria-labelledby="text-h">
        <h2 id="text-h">Text</h2>
        <div class="text" id="text">\(view.textHTML)</div>
        </section>
        <aside class="doc-side" aria-label="Events and chains">
        <section aria-labelledby="events-h">
        <h2 id="events-h">Events (\(doc.events.count))</h2>
        \(view.eventsHTML)
        </section>
        <section aria-labelledby="chains-h">
        <h2 id="chains-h">Coreference chains (\(doc.entities.count))</h2>
        <p class="status" role="status" id="chain-status"></p>
        \(view.chainsHTML)
        </section>
        </aside>
        </div>
        """
        return Shell.page(title: doc.title ?? doc.id, root: "../", current: nil, body: body)
    }
}

/// The marked-up pieces of one document page.
struct DocumentView {
    let doc: Document
    let text: ScalarText
    private(set) var spans: [MarkSpan] = []
    private(set) var eventsHTML = ""
    private(set) var chainsHTML = ""

    var textHTML: String { Markup.render(text, spans: spans) }

    static func mentionID(_ id: String) -> String { HTML.id("m-" + id) }
    static func triggerID(_ event: String, _ n: Int) -> String { HTML.id("t-" + event + (n == 0 ? "" : "-\(n + 1)")) }

    init(_ doc: Document) {
        self.doc = doc
        text = ScalarText(doc.text)
        let entities = Dictionary(doc.entities.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let mentions = Dictionary(doc.mentions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

        for m in doc.mentions {
            var cls = "m m-" + m.type.rawValue.lowercased()
            if m.isNominal { cls += " nom" }
            var attrs: [(String, String)] = [("class", cls), ("id", Self.mentionID(m.id))]
            if let e = m.entity { attrs.append(("data-e", e)) }
            attrs.append(("data-tip", Self.tip(m, entity: m.entity.flatMap { entities[$0] })))
            attrs.append(("tabindex", "-1"))
            spans.append(MarkSpan(start: m.start, end: m.end, attributes: attrs))
        }

        var items = ""
        for e in doc.events.sorted(by: { ($0.trigger.start, $0.id) < ($1.trigger.start, $1.id) }) {
            items += eventItem(e, mentions: mentions, entities: entities)
        }
        eventsHTML = items.isEmpty ? "<p>No events.</p>" : "<ol class=\"events\">\n\(items)</ol>"

        var chains = ""
        for ent in doc.entities.sorted(by: { ($1.mentions.count, $0.id) < ($0.mentions.count, $1.id) }) {
            chains += "<li><button type=\"button\" class=\"chain c-\(ent.type.rawValue.lowercased())\""
                + HTML.attr("data-e", ent.id) + " aria-pressed=\"false\">"
                + "<span class=\"ctype\">\(ent.type.rawValue)</span> \(HTML.escape(Names.shown(ent.name, entity: ent, mentions: mentions))) "
                + "<span class=\"count\">\(ent.mentions.count)<span class=\"vh\"> mentions</span></span></button></li>\n"
        }
        chainsHTML = chains.isEmpty ? "<p>No chains.</p>" : "<ul class=\"chains\">\n\(chains)</ul>"
    }

    /// The hover text of a mention: type, then its normalized value, gazetteer entry or entity.
    static func tip(_ m: Mention, entity: Entity?) -> String {
        var parts = [m.type.rawValue + (m.isNominal ? " (nominal)" : "")]
        if let t = m.timex {
            var v = t.value
            if let end = t.end { v += " to " + end }
            if t.type != "DATE" { v += " (" + t.type + ")" }
            if let mod = t.mod { v += " " + mod }
            parts.append(v)
            if let a = t.anchor { parts.append("anchored on " + a) }
        }
        if let p = m.place {
            parts.append(p.name)
            if p.id.hasPrefix("geonames:") { parts.append("GeoNames " + p.id.dropFirst("geonames:".count)) }
            else { parts.append(p.id) }
            let area = [p.admin1, p.country].compactMap { $0 }.joined(separator: ", ")
            if !area.isEmpty { parts.append(area) }
            if let lat = p.lat, let lon = p.lon { parts.append(String(format: "%.3f, %.3f", lat, lon)) }
        }
        if let e = entity {
            if e.name != m.place?.name && !Names.isKey(e.name) { parts.append(e.name) }
            if let c = e.canonical, c != m.place?.id { parts.append(c) }
            parts.append("chain of \(e.mentions.count)")
        }
        return parts.joined(separator: " · ")
    }

    /// `4`, `more than 4`, `about 4` from a count and the event's count modifier.
    static func count(_ n: Int, _ mod: String?) -> String {
        switch mod {
        case "MORE_THAN": return "more than \(n)"
        case "LESS_THAN": return "fewer than \(n)"
        case "APPROX": return "about \(n)"
        default: return "\(n)"
        }
    }

    /// The mention of an entity nearest to a position.
    func nearest(entity: String, to pos: Int) -> Mention? {
        doc.mentions.filter { $0.entity == entity }.min { abs($0.start - pos) < abs($1.start - pos) }
    }

    /// The occurrence of `needle` nearest to `pos` (scalar offsets), searching the trigger's sentence first.
    func find(_ needle: String, near pos: Int, sentence: Int) -> Span? {
        let n = Array(needle.unicodeScalars)
        guard !n.isEmpty, n.count <= text.count else { return nil }
        func search(_ range: Range<Int>) -> Span? {
            var best: Span?
            var i = range.lowerBound
            while i + n.count <= range.upperBound {
                if text[i] == n[0] && (0..<n.count).allSatisfy({ text[i + $0] == n[$0] }) {
                    if best == nil || abs(i - pos) < abs(best!.start - pos) { best = Span(start: i, end: i + n.count) }
                }
                i += 1
            }
            return best
        }
        if doc.sentences.indices.contains(sentence) {
            let s = doc.sentences[sentence]
            if let hit = search(max(0, s.start)..<min(text.count, s.end)) { return hit }
        }
        return search(0..<text.count)
    }

    /// One event of the side list; adds the event's trigger and supporting-word spans.
    mutating func eventItem(_ e: Event, mentions: [String: Mention], entities: [String: Entity]) -> String {
        let at = e.trigger.start
        var refs: [String] = []
        func link(_ label: String, _ target: String?) -> String {
            guard let target else { return HTML.escape(label) }
            refs.append(target)
            return "<a class=\"slot\" href=\"#\(target)\">\(HTML.escape(label))</a>"
        }
        func mentionTarget(_ id: String?) -> String? {
            guard let id, mentions[id] != nil else { return nil }
            return Self.mentionID(id)
        }

        var counts: [String] = []
        if let n = e.fatalities { counts.append(Self.count(n, e.countMod) + " killed") }
        if let n = e.injured { counts.append(Self.count(n, e.countMod) + " injured") }
        if let n = e.abducted { counts.append(Self.count(n, e.countMod) + " abducted") }

        // Trigger and the further places the same event is told.
        let tip = (["Event " + e.id, e.type, e.date?.value, e.place?.name].compactMap { $0 } + counts).joined(separator: " · ")
        for (n, t) in ([e.trigger] + (e.also ?? [])).enumerated() {
            spans.append(MarkSpan(start: t.start, end: t.end, attributes: [
                ("class", n == 0 ? "trig" : "trig also"), ("id", Self.triggerID(e.id, n)), ("data-v", e.id),
                ("data-tip", tip), ("tabindex", "-1"),
            ]))
        }

        var rowsHTML = ""
        func row(_ label: String, _ value: String) { rowsHTML += "<dt>\(label)</dt><dd>\(value)</dd>" }
        var told = link("“" + e.trigger.text + "”", Self.triggerID(e.id, 0))
        for (n, t) in (e.also ?? []).enumerated() { told += ", " + link("“" + t.text + "”", Self.triggerID(e.id, n + 1)) }
        row("Told", told)

        if let d = e.date {
            var v = d.value + (d.end.map { " to " + $0 } ?? "") + (d.mod.map { " (" + $0.lowercased() + ")" } ?? "")
            if let f = d.fallback { v += " — from the " + f }
            row("Date", link(v, mentionTarget(d.mention)))
        }
        if let p = e.place {
            var target = mentionTarget(p.mention)
            if target == nil, let id = p.id, doc.sentences.indices.contains(e.sentence) {
                let s = doc.sentences[e.sentence]
                target = doc.mentions.first { $0.place?.id == id && $0.start >= s.start && $0.end <= s.end }.map { Self.mentionID($0.id) }
            }
            var v = link(p.name ?? p.id ?? "?", target)
            if let f = p.fallback { v += " — from the " + HTML.escape(f) }
            row("Place", v)
        }
        if !e.actors.isEmpty {
            let list = e.actors.map { a -> String in
                let name = Names.shown(a.name, entity: a.entity.flatMap { entities[$0] }, mentions: mentions)
                var target = a.entity.flatMap { nearest(entity: $0, to: at) }.map { Self.mentionID($0.id) }
                if target == nil, let hit = find(a.name, near: at, sentence: e.sentence) {
                    target = supportSpan(hit, e.id, "actor", refsCount: refs.count)
                }
                return "<li>\(HTML.escape(a.role)): " + link(name, target) + (a.uncertain == true ? " (suspected)" : "") + "</li>"
            }
            row("Actors", "<ul>" + list.joined() + "</ul>")
        }
        if !e.targets.isEmpty {
            let list = e.targets.map { t -> String in
                var target: String?
                if let hit = find(t.text, near: at, sentence: e.sentence) {
                    target = supportSpan(hit, e.id, "target", refsCount: refs.count)
                } else if let ent = t.entity, let m = nearest(entity: ent, to: at) {
                    target = Self.mentionID(m.id)
                }
                let kind = [t.kind, t.category].compactMap { $0 }.joined(separator: ", ")
                return "<li>" + link(t.text, target) + " <span class=\"note\">(\(HTML.escape(kind)))</span></li>"
            }
            row("Targets", "<ul>" + list.joined() + "</ul>")
        }
        if !e.weapons.isEmpty {
            let list = e.weapons.map { w -> String in
                let target = find(w.text, near: at, sentence: e.sentence).map { supportSpan($0, e.id, "weapon", refsCount: refs.count) }
                return "<li>" + link(w.text, target) + " <span class=\"note\">(\(HTML.escape(w.category)))</span></li>"
            }
            row("Weapons", "<ul>" + list.joined() + "</ul>")
        }
        if !counts.isEmpty { row("Casualties", HTML.escape(counts.joined(separator: ", "))) }
        if let a = e.acled { row("ACLED", HTML.escape(a.eventType + " / " + a.subEventType)) }

        let colour = EventPalette.colour(e.type)
        return "<li class=\"event\" id=\"\(HTML.id("ev-" + e.id))\" tabindex=\"-1\"" + HTML.attr("data-refs", refs.joined(separator: " "))
            + "><h3><span class=\"etype\" style=\"--c:\(colour)\">\(HTML.escape(e.type))</span> <span class=\"eid\">\(HTML.escape(e.id))</span>"
            + (e.date.map { " <span class=\"edate\">\(HTML.escape($0.value))</span>" } ?? "")
            + "</h3><dl>\(rowsHTML)</dl></li>\n"
    }

    /// Marks words a target, weapon or actor rests on; returns the element id.
    mutating func supportSpan(_ span: Span, _ event: String, _ kind: String, refsCount: Int) -> String {
        let id = HTML.id("s-\(event)-\(kind)\(refsCount)")
        spans.append(MarkSpan(start: span.start, end: span.end, tag: "span",
                              attributes: [("class", "sup"), ("id", id), ("tabindex", "-1")]))
        return id
    }
}
