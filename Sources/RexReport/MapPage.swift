import Foundation
import RexModel

/// Event locations over the outlines of the Sahel: one dot per located event, sized by fatalities and
/// coloured by type; country- or region-wide places as one dashed ring per place with its number of events.
enum MapPage {
    struct Dot {
        var row: EventRow
        var x: Double
        var y: Double
        var r: Double
    }

    struct Area {
        var name: String
        var x: Double
        var y: Double
        var rows: [EventRow]
    }

    struct Placement {
        var dots: [Dot] = []
        var areas: [Area] = []
        /// Located events outside the map's box.
        var outside: [EventRow] = []
        /// Events without coordinates.
        var unlocated = 0
    }

    /// Dot radius in map units: area grows with the number killed; unknown or none get the smallest dot.
    static func radius(_ fatalities: Int?) -> Double {
        guard let f = fatalities, f > 0 else { return 4 }
        return min(30, 4 + 2.4 * Double(f).squareRoot())
    }

    static func place(_ rows: [EventRow], _ projection: Projection) -> Placement {
        var p = Placement()
        var areaIndex: [String: Int] = [:]
        for row in rows {
            guard let loc = row.location else { p.unlocated += 1; continue }
            guard let pt = projection.point(lat: loc.lat, lon: loc.lon) else { p.outside.append(row); continue }
            if loc.coarse {
                let key = row.placeName ?? String(format: "%.3f,%.3f", loc.lat, loc.lon)
                if let i = areaIndex[key] { p.areas[i].rows.append(row) } else {
                    areaIndex[key] = p.areas.count
                    p.areas.append(Area(name: key, x: pt.x, y: pt.y, rows: [row]))
                }
            } else {
                p.dots.append(Dot(row: row, x: pt.x, y: pt.y, r: radius(row.event.fatalities)))
            }
        }
        // Big dots first so that small ones stay on top and can be pointed at.
        p.dots.sort { ($1.r, $0.row.anchor) < ($0.r, $1.row.anchor) }
        return p
    }

    static func describe(_ row: EventRow) -> String {
        var parts = [row.event.type, row.date ?? "undated", row.placeName ?? "?"]
        if let f = row.event.fatalities { parts.append(DocumentView.count(f, row.event.countMod) + " killed") }
        else { parts.append("fatalities unknown") }
        return parts.joined(separator: ", ") + " (" + row.documentTitle + ")"
    }

    static func svg(_ outlines: Outlines, _ p: Placement, root: String = "") -> String {
        let pr = outlines.projection
        var s = "<svg class=\"map\" id=\"map\" viewBox=\"0 0 \(HTML.num(pr.width)) \(HTML.num(pr.height))\" "
            + "role=\"group\" aria-labelledby=\"map-title\"><title id=\"map-title\">Map of event locations in Mali and "
            + "its neighbours: \(p.dots.count) located events, \(p.areas.count) country- or region-wide places</title>"
            + "<rect class=\"sea\" width=\"\(HTML.num(pr.width))\" height=\"\(HTML.num(pr.height))\"/>"
        for (layer, cls) in [("countries", "country"), ("admin2", "adm2"), ("admin1", "adm1")] {
            guard let l = outlines.layer(layer) else { continue }
            s += "<g class=\"outlines \(cls)s\" aria-hidden=\"true\">"
            for f in l.features {
                s += "<path class=\"\(cls)\(f.id == "ML" ? " mali" : "")\"" + HTML.attr("data-name", f.name) + HTML.attr("d", f.d) + "/>"
            }
            s += "</g>"
        }
        s += "<g class=\"labels\" aria-hidden=\"true\">"
        for (layer, cls) in [("countries", "lab-country"), ("admin1", "lab-adm1")] {
            for f in outlines.layer(layer)?.features ?? [] {
                guard let l = f.label, l.count == 2 else { continue }
                s += "<text class=\"\(cls)\" x=\"\(HTML.num(l[0]))\" y=\"\(HTML.num(l[1]))\" text-anchor=\"middle\">\(HTML.escape(f.name))</text>"
            }
        }
        s += "</g><g class=\"areas\">"
        for a in p.areas {
            s += "<a href=\"\(root)events.html#place=\(HTML.escape(a.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))\">"
                + "<title>\(HTML.escape(a.name)): \(a.rows.count) event\(a.rows.count == 1 ? "" : "s") placed only at country or region level</title>"
                + "<circle class=\"area\" cx=\"\(HTML.num(a.x))\" cy=\"\(HTML.num(a.y))\" r=\"16\"/>"
                + "<text class=\"area-n\" x=\"\(HTML.num(a.x))\" y=\"\(HTML.num(a.y + 5))\" text-anchor=\"middle\">\(a.rows.count)</text></a>"
        }
        s += "</g><g class=\"dots\">"
        for d in p.dots {
            let colour = EventPalette.colour(d.row.event.type)
            s += "<a href=\"\(root)\(HTML.escape(d.row.anchor))\"><title>\(HTML.escape(describe(d.row)))</title>"
                + "<circle class=\"dot\(d.row.event.fatalities != nil ? "" : " unknown")\" cx=\"\(HTML.num(d.x))\" cy=\"\(HTML.num(d.y))\" r=\"\(HTML.num(d.r))\" "
                + "style=\"--c:\(colour)\"" + HTML.attr("data-type", d.row.event.type) + "/></a>"
        }
        return s + "</g></svg>"
    }

    static func render(_ site: ReportSite) -> String {
        let p = place(site.rows, site.outlines.projection)
        let types = EventPalette.sorted(Set(p.dots.map(\.row.event.type)))
        var body = """
        <h1>Map</h1>
        <p>\(p.dots.count) events at a located place, \(p.areas.reduce(0) { $0 + $1.rows.count }) placed only at country or \
        region level (dashed rings, with their number), \(p.outside.count) outside the map and \(p.unlocated) without a place \
        on the map. Dots are sized by the number killed; select one to open its event.</p>
        <figure class="mapfig">\(svg(site.outlines, p))
        <figcaption>
        \(TimelinePage.legend(types))
        <ul class="keys" aria-label="Dot sizes">\
        <li><svg class="key" width="20" height="20" aria-hidden="true"><circle class="dot unknown" cx="10" cy="10" r="4" style="--c:#37474f"/></svg>fatalities unknown</li>\
        <li><svg class="key" width="20" height="20" aria-hidden="true"><circle class="dot" cx="10" cy="10" r="\(HTML.num(radius(1) * 0.75))" style="--c:#37474f"/></svg>1 killed</li>\
        <li><svg class="key" width="30" height="30" aria-hidden="true"><circle class="dot" cx="15" cy="15" r="\(HTML.num(radius(10) * 0.75))" style="--c:#37474f"/></svg>10 killed</li>\
        <li><svg class="key" width="50" height="50" aria-hidden="true"><circle class="dot" cx="25" cy="25" r="\(HTML.num(radius(100) * 0.75))" style="--c:#37474f"/></svg>100 killed</li>\
        <li><svg class="key" width="36" height="36" aria-hidden="true"><circle class="area" cx="18" cy="18" r="14"/></svg>country- or region-wide place</li></ul>
        </figcaption></figure>
        """
        if !p.areas.isEmpty {
            body += "<h2>Country- and region-wide places</h2><ul class=\"plain\">"
            for a in p.areas {
                body += "<li><a href=\"events.html#place=\(HTML.escape(a.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))\">"
                    + "\(HTML.escape(a.name))</a>: \(a.rows.count) event\(a.rows.count == 1 ? "" : "s")</li>"
            }
            body += "</ul>"
        }
        if !p.outside.isEmpty {
            body += "<h2>Outside the map</h2><ul class=\"plain\">"
            for r in p.outside { body += "<li><a href=\"\(HTML.escape(r.anchor))\">\(HTML.escape(describe(r)))</a></li>" }
            body += "</ul>"
        }
        let credit = "Outlines: Natural Earth (public domain); Mali régions and cercles: geoBoundaries CGAZ, CC BY 4.0 "
            + "(Runfola et al. 2020), from OCHA COD-AB Mali."
        return Shell.page(title: "Map", root: "", current: .map, body: body, footer: HTML.escape(credit))
    }
}
