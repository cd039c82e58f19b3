import Foundation
import RexModel

/// A static report site over annotated documents: an index, one page per document, an events table, a
/// timeline and a map, with one stylesheet and one script. Self-contained: no fonts, scripts or images from
/// elsewhere; it opens from the file system.
public struct ReportSite: Sendable {
    public var documents: [Document]
    public var outlines: Outlines
    /// File names of the document pages, relative to the site root, in document order.
    public let pages: [String]
    public let rows: [EventRow]

    public init(documents: [Document], outlines: Outlines) {
        self.documents = documents
        self.outlines = outlines
        pages = ReportSite.pageNames(documents.map(\.id))
        rows = EventRow.rows(documents, pages: pages)
    }

    /// Page file names from document ids: safe characters only, made unique with a number when two ids
    /// map to the same name.
    public static func pageNames(_ ids: [String]) -> [String] {
        var used = Set<String>()
        return ids.map { id in
            let base = HTML.id(id)
            var name = base, n = 2
            while !used.insert(name.lowercased()).inserted { name = "\(base)-\(n)"; n += 1 }
            return "docs/\(name).html"
        }
    }

    /// Every file of the site: path relative to the root, and contents.
    public func files() -> [(path: String, contents: String)] {
        var files: [(String, String)] = [
            ("index.html", IndexPage.render(self)),
            ("events.html", EventsPage.render(self)),
            ("timeline.html", TimelinePage.render(self)),
            ("map.html", MapPage.render(self)),
            ("report.css", Assets.css),
            ("report.js", Assets.js),
        ]
        for (i, doc) in documents.enumerated() {
            files.append((pages[i], DocumentPage.render(doc, site: self)))
        }
        return files
    }

    /// Writes the site into `directory`, creating it and `docs/` as needed; existing files are replaced.
    public func write(to directory: URL) throws {
        let fm = FileManager.default
        for (path, contents) in files() {
            let url = directory.appendingPathComponent(path)
            do {
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(contents.utf8).write(to: url)
            } catch {
                throw ReportError.cannotWrite(path: url.path, reason: error.localizedDescription)
            }
        }
    }
}

/// The frame every page shares: head, skip link, navigation, footer.
enum Shell {
    enum Nav: String, CaseIterable {
        case documents = "Documents", events = "Events", timeline = "Timeline", map = "Map"
        var file: String {
            switch self {
            case .documents: return "index.html"
            case .events: return "events.html"
            case .timeline: return "timeline.html"
            case .map: return "map.html"
            }
        }
    }

    /// - Parameters:
    ///   - root: the relative path from the page to the site root ("" or "../").
    static func page(title: String, root: String, current: Nav?, body: String, footer: String = "") -> String {
        var nav = ""
        for item in Nav.allCases {
            nav += "<li><a href=\"\(root)\(item.file)\"" + (item == current ? " aria-current=\"page\"" : "")
                + ">\(item.rawValue)</a></li>"
        }
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title)) · rex report</title>
        <link rel="stylesheet" href="\(root)report.css">
        <script src="\(root)report.js" defer></script>
        </head>
        <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="site"><p class="brand">rex report</p><nav aria-label="Report"><ul>\(nav)</ul></nav></header>
        <main id="main" tabindex="-1">
        \(body)
        </main>
        <footer class="site">\(footer.isEmpty ? "" : footer + " ")Written by <code>rex report</code>; works offline.</footer>
        </body>
        </html>

        """
    }
}

/// Document statistics shown on the index.
enum DocumentCounts {
    /// Distinct places: by gazetteer id, else by the mention's text.
    static func places(_ d: Document) -> Int {
        Set(d.mentions.filter { $0.type == .place && !$0.isNominal }.map { $0.place?.id ?? "text:" + $0.text.lowercased() }).count
    }

    /// Distinct organizations or people: coreference entities, plus unattached name mentions by text.
    static func entities(_ d: Document, _ type: MentionType) -> Int {
        var keys = Set(d.entities.filter { $0.type == type }.map { "e:" + $0.id })
        for m in d.mentions where m.type == type && m.entity == nil && !m.isNominal { keys.insert("t:" + m.text.lowercased()) }
        return keys.count
    }
}

enum IndexPage {
    static func render(_ site: ReportSite) -> String {
        var rows = ""
        var total = (events: 0, places: 0, orgs: 0, people: 0, mentions: 0)
        for (i, d) in site.documents.enumerated() {
            let c = (d.events.count, DocumentCounts.places(d), DocumentCounts.entities(d, .org),
                     DocumentCounts.entities(d, .person), d.mentions.count)
            total.events += c.0; total.places += c.1; total.orgs += c.2; total.people += c.3; total.mentions += c.4
            rows += "<tr><th scope=\"row\"><a href=\"\(HTML.escape(site.pages[i]))\">\(HTML.escape(d.title ?? d.id))</a>"
                + "<div class=\"sub\">\(HTML.escape(d.id))</div></th>"
                + "<td>\(HTML.escape(d.dct ?? "–"))</td><td class=\"num\">\(c.0)</td><td class=\"num\">\(c.1)</td>"
                + "<td class=\"num\">\(c.2)</td><td class=\"num\">\(c.3)</td><td class=\"num\">\(c.4)</td></tr>\n"
        }
        let body = """
        <h1>Documents</h1>
        <p>\(site.documents.count) documents, \(total.events) events. See all events in the <a href="events.html">events table</a>, \
        by month on the <a href="timeline.html">timeline</a>, by place on the <a href="map.html">map</a>.</p>
        <div class="scroll" role="region" aria-labelledby="doc-caption" tabindex="0">
        <table class="data">
        <caption id="doc-caption">Documents with their counts. Places are distinct gazetteer entries; organizations and people are distinct entities.</caption>
        <thead><tr><th scope="col">Document</th><th scope="col">Date</th><th scope="col" class="num">Events</th>\
        <th scope="col" class="num">Places</th><th scope="col" class="num">Organizations</th><th scope="col" class="num">People</th>\
        <th scope="col" class="num">Mentions</th></tr></thead>
        <tbody>
        \(rows)</tbody>
        <tfoot><tr><th scope="row">All documents</th><td></td><td class="num">\(total.events)</td><td class="num">\(total.places)</td>\
        <td class="num">\(total.orgs)</td><td class="num">\(total.people)</td><td class="num">\(total.mentions)</td></tr></tfoot>
        </table>
        </div>
        """
        return Shell.page(title: "Documents", root: "", current: .documents, body: body)
    }
}
