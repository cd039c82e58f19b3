import Foundation
import RexModel

/// Events by month and type: a stacked bar chart (SVG) and the same counts as a table.
enum TimelinePage {
    static func legend(_ types: [String]) -> String {
        "<ul class=\"keys\" aria-label=\"Event types\">" + types.map {
            "<li><span class=\"swatch\" style=\"--c:\(EventPalette.colour($0))\" aria-hidden=\"true\"></span>\(HTML.escape($0))</li>"
        }.joined() + "</ul>"
    }

    /// The chart; exposed for tests.
    static func chart(_ bins: Timeline.Bins) -> String {
        let months = bins.months
        guard !months.isEmpty else { return "<p>No event is dated to the month.</p>" }
        let types = EventPalette.sorted(bins.types)
        let barW = max(5.0, min(24.0, 1100.0 / Double(months.count)))
        let left = 40.0, top = 12.0, plotH = 200.0
        let width = left + Double(months.count) * barW + 16, height = top + plotH + 40
        let maxCount = max(1, months.map { bins.total(month: $0) }.max() ?? 1)
        let unit = plotH / Double(maxCount)

        var svg = "<svg class=\"timeline\" viewBox=\"0 0 \(HTML.num(width)) \(HTML.num(height))\" width=\"\(HTML.num(width))\" "
            + "role=\"img\" aria-labelledby=\"tl-title\"><title id=\"tl-title\">Events per month from \(months.first!) to "
            + "\(months.last!), stacked by type; the table below gives the numbers.</title>"
        // Axes and ticks.
        let ticks = Array(Set([0, maxCount / 2, maxCount])).sorted()
        for t in ticks {
            let y = top + plotH - Double(t) * unit
            svg += "<line class=\"grid\" x1=\"\(HTML.num(left))\" x2=\"\(HTML.num(width - 8))\" y1=\"\(HTML.num(y))\" y2=\"\(HTML.num(y))\"/>"
                + "<text class=\"tick\" x=\"\(HTML.num(left - 6))\" y=\"\(HTML.num(y + 4))\" text-anchor=\"end\">\(t)</text>"
        }
        let yearStep = barW * 12 >= 34 ? 1 : barW * 12 * 2 >= 34 ? 2 : 5
        for (i, m) in months.enumerated() {
            let x = left + Double(i) * barW
            var y = top + plotH
            for type in types {
                guard let n = bins.byMonth[m]?[type], n > 0 else { continue }
                let h = Double(n) * unit
                y -= h
                svg += "<rect class=\"bar\" x=\"\(HTML.num(x + 0.5))\" y=\"\(HTML.num(y))\" width=\"\(HTML.num(max(1, barW - 1)))\" "
                    + "height=\"\(HTML.num(h))\" fill=\"\(EventPalette.colour(type))\" data-month=\"\(m)\"\(HTML.attr("data-type", type))>"
                    + "<title>\(m): \(n) \(HTML.escape(type))</title></rect>"
            }
            let year = Int(m.prefix(4))!
            if m.hasSuffix("-01") && year % yearStep == 0 || i == 0 {
                svg += "<line class=\"axis\" x1=\"\(HTML.num(x))\" x2=\"\(HTML.num(x))\" y1=\"\(HTML.num(top + plotH))\" y2=\"\(HTML.num(top + plotH + 5))\"/>"
                    + "<text class=\"tick\" x=\"\(HTML.num(x))\" y=\"\(HTML.num(top + plotH + 18))\">\(i == 0 && !m.hasSuffix("-01") ? m : String(year))</text>"
            }
        }
        svg += "<line class=\"axis\" x1=\"\(HTML.num(left))\" x2=\"\(HTML.num(width - 8))\" y1=\"\(HTML.num(top + plotH))\" y2=\"\(HTML.num(top + plotH))\"/>"
        return svg + "</svg>"
    }

    static func table(_ rows: [(String, [String: Int])], types: [String], caption: String, id: String) -> String {
        var html = "<div class=\"scroll\" role=\"region\" aria-labelledby=\"\(id)\" tabindex=\"0\"><table class=\"data compact\">"
            + "<caption id=\"\(id)\">\(caption)</caption><thead><tr><th scope=\"col\">When</th>"
        for t in types { html += "<th scope=\"col\" class=\"num\">\(HTML.escape(t))</th>" }
        html += "<th scope=\"col\" class=\"num\">All</th></tr></thead><tbody>"
        for (label, counts) in rows {
            html += "<tr><th scope=\"row\">\(HTML.escape(label))</th>"
            for t in types { html += "<td class=\"num\">\(counts[t].map(String.init) ?? "")</td>" }
            html += "<td class=\"num\">\(counts.values.reduce(0, +))</td></tr>"
        }
        return html + "</tbody></table></div>"
    }

    static func render(_ site: ReportSite) -> String {
        let bins = Timeline.bin(site.rows.map { ($0.date, $0.event.type) })
        let types = EventPalette.sorted(bins.types)
        let monthRows = bins.months.compactMap { m in bins.byMonth[m].map { (m, $0) } }
        let yearRows = bins.byYear.keys.sorted().map { ($0, bins.byYear[$0]!) }
        let dated = monthRows.reduce(0) { $0 + $1.1.values.reduce(0, +) }
        let yearOnly = yearRows.reduce(0) { $0 + $1.1.values.reduce(0, +) }
        let undated = bins.undated.values.reduce(0, +)
        var body = """
        <h1>Timeline</h1>
        <p>\(dated) of \(site.rows.count) events are dated to the month or day and shown by month; \(yearOnly) are dated \
        only to the year and \(undated) have no usable date (both listed below the chart).</p>
        \(legend(types))
        <figure class="chart"><div class="scroll">\(chart(bins))</div>
        <figcaption>Events per month, stacked by type. Hover a bar for its count.</figcaption></figure>
        <h2>Counts</h2>
        \(table(monthRows, types: types, caption: "Events per month (months without events left out)", id: "tl-months"))
        """
        if !yearRows.isEmpty {
            body += table(yearRows, types: types, caption: "Events dated only to the year", id: "tl-years")
        }
        if undated > 0 {
            body += table([("no date", bins.undated)], types: types, caption: "Events without a usable date", id: "tl-undated")
        }
        return Shell.page(title: "Timeline", root: "", current: .timeline, body: body)
    }
}
