import Foundation
import RexModel

/// Every event of every document in one table, sortable by each column and filtered by date, type, actor,
/// place, casualties and document. Sorting and filtering are buttons and labelled form fields; without
/// script the full table still reads.
enum EventsPage {
    static let columns: [(title: String, numeric: Bool)] = [
        ("Date", false), ("Type", false), ("Actors", false), ("Place", false), ("Killed", true), ("Injured", true),
        ("Abducted", true), ("Document", false),
    ]

    static func countCell(_ n: Int?, _ mod: String?) -> String {
        guard let n else { return "<td class=\"num\" data-v=\"\"><span class=\"vh\">unknown</span></td>" }
        let shown: String
        switch mod {
        case "MORE_THAN": shown = "\(n)+"
        case "LESS_THAN": shown = "&lt;\(n)"
        case "APPROX": shown = "~\(n)"
        default: shown = "\(n)"
        }
        return "<td class=\"num\" data-v=\"\(n)\">\(shown)</td>"
    }

    static func render(_ site: ReportSite) -> String {
        var body = ""
        for r in site.rows {
            let e = r.event
            let actors = r.actors.joined(separator: "; ")
            body += "<tr" + HTML.attr("data-type", e.type) + HTML.attr("data-date", r.date ?? "")
                + HTML.attr("data-actor", actors) + HTML.attr("data-place", r.placeName ?? "")
                + HTML.attr("data-cas", r.casualties.map(String.init) ?? "") + " data-doc=\"\(r.documentIndex)\">"
            body += "<td class=\"nowrap\"" + HTML.attr("data-v", r.date ?? "") + ">\(HTML.escape(r.date ?? "–"))</td>"
            body += "<td><span class=\"etype\" style=\"--c:\(EventPalette.colour(e.type))\">\(HTML.escape(e.type))</span></td>"
            body += "<td>\(HTML.escape(actors))</td><td>\(HTML.escape(r.placeName ?? ""))</td>"
            body += countCell(e.fatalities, e.countMod) + countCell(e.injured, e.countMod) + countCell(e.abducted, e.countMod)
            body += "<td" + HTML.attr("data-v", String(format: "%05d-%08d", r.documentIndex, e.trigger.start))
                + "><a href=\"\(HTML.escape(r.anchor))\">\(HTML.escape(r.documentTitle))</a>"
                + " <span class=\"note\">“\(HTML.escape(e.trigger.text))”</span></td></tr>\n"
        }
        var head = ""
        for (i, c) in columns.enumerated() {
            head += "<th scope=\"col\" aria-sort=\"none\"" + (c.numeric ? " class=\"num\"" : "") + ">"
                + "<button type=\"button\" class=\"sort\" data-col=\"\(i)\" data-kind=\"\(c.numeric ? "num" : "text")\">"
                + "\(c.title)<span class=\"arrow\" aria-hidden=\"true\"></span></button></th>"
        }
        let types = EventPalette.sorted(Set(site.rows.map(\.event.type)))
        let typeOptions = types.map { "<option\(HTML.attr("value", $0))>\(HTML.escape($0))</option>" }.joined()
        let docOptions = site.documents.enumerated().map {
            "<option value=\"\($0.offset)\">\(HTML.escape($0.element.title ?? $0.element.id))</option>"
        }.joined()

        let page = """
        <h1>Events</h1>
        <form class="filters" id="filters" role="search" aria-label="Filter events">
        <div class="field"><label for="f-from">Date from</label><input id="f-from" name="from" type="text" inputmode="numeric" placeholder="YYYY-MM" size="10" autocomplete="off"></div>
        <div class="field"><label for="f-to">Date to</label><input id="f-to" name="to" type="text" inputmode="numeric" placeholder="YYYY-MM" size="10" autocomplete="off"></div>
        <div class="field"><label for="f-type">Type</label><select id="f-type" name="type"><option value="">all types</option>\(typeOptions)</select></div>
        <div class="field"><label for="f-actor">Actor</label><input id="f-actor" name="actor" type="search" autocomplete="off"></div>
        <div class="field"><label for="f-place">Place</label><input id="f-place" name="place" type="search" autocomplete="off"></div>
        <div class="field"><label for="f-cas">Casualties at least</label><input id="f-cas" name="cas" type="number" min="0" step="1" size="5"></div>
        <div class="field"><label for="f-doc">Document</label><select id="f-doc" name="doc"><option value="">all documents</option>\(docOptions)</select></div>
        <div class="field actions"><button type="reset" id="f-reset">Clear filters</button></div>
        </form>
        <p class="status" id="table-status" role="status" aria-live="polite">\(site.rows.count) events.</p>
        <div class="scroll" role="region" aria-labelledby="events-caption" tabindex="0">
        <table class="data" id="events-table">
        <caption id="events-caption">All events. Sort with the column buttons; casualties are killed plus injured. \
        A “+” marks a lower bound (“more than”).</caption>
        <thead><tr>\(head)</tr></thead>
        <tbody>
        \(body)</tbody>
        </table>
        </div>
        """
        return Shell.page(title: "Events", root: "", current: .events, body: page)
    }
}
