import Foundation
import RexModel

/// Reads an HTML page into a document: its title, document time, and the main text a reader sees, with
/// headings as sections. Script, style, navigation, footers, share and subscribe boxes are dropped; the
/// main content is the part of the page that holds the most running text (a readability-style score).
public enum HTMLReader {
    public static func read(bytes: [UInt8], id: String, path: String) throws -> Document {
        if bytes.isEmpty { throw IngestError.empty(path: path) }
        if TextDecoding.looksBinary(bytes) { throw IngestError.binary(path: path) }
        let encoding = try encodingFor(bytes, path: path)
        guard let tree = HTMLTree(bytes: bytes, encoding: encoding) else { throw IngestError.unparsableHTML(path: path) }
        var extractor = MainText(tree: tree)
        let (blocks, title, dct) = extractor.extract()
        var text = ""
        var sections: [Section] = []
        var paragraphs: [Span] = []
        var offset = 0
        var openHeading: (start: Int, text: String)? = nil
        for block in blocks {
            if !text.isEmpty { text += "\n\n"; offset += 2 }
            let n = block.text.unicodeScalars.count
            if block.isHeading {
                if let h = openHeading { sections.append(Section(start: h.start, end: offset - 2, heading: h.text)) }
                openHeading = (offset, block.text)
            }
            paragraphs.append(Span(start: offset, end: offset + n))
            text += block.text
            offset += n
        }
        if let h = openHeading { sections.append(Section(start: h.start, end: offset, heading: h.text)) }
        if text.isEmpty { throw IngestError.noText(path: path) }
        var doc = Document(id: id, text: text, title: title, dct: dct)
        doc.sections = sections
        doc.paragraphs = paragraphs
        return doc
    }

    /// UTF-8 when the bytes are valid UTF-8; the page's own declaration when it has one; else ICU's guess.
    static func encodingFor(_ bytes: [UInt8], path: String) throws -> String? {
        if String(validating: bytes, as: UTF8.self) != nil { return "UTF-8" }
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self).lowercased()
        if head.contains("charset") { return nil }
        let (guess, confidence) = TextDecoding.detect(bytes)
        if let guess, confidence >= 30, TextDecoding.acceptedGuesses.contains(guess) { return guess }
        throw IngestError.unsupportedEncoding(path: path, guess: guess)
    }
}

/// One paragraph-like block of the main text.
struct TextBlock {
    var text: String
    var isHeading: Bool
}

/// The main-text extractor over a parsed page.
struct MainText {
    let tree: HTMLTree
    private var removed: [Bool]

    static let droppedTags: Set<String> = [
        "script", "style", "noscript", "template", "svg", "iframe", "form", "button", "select", "input",
        "textarea", "nav", "footer", "aside", "head", "link", "meta", "canvas", "video", "audio", "object",
        "embed", "menu", "header", "figure", "picture", "img", "label", "dialog",
    ]
    static let blockTags: Set<String> = [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "td", "th", "tr", "table", "blockquote",
        "pre", "section", "article", "main", "br", "dd", "dt", "dl", "hr", "tbody", "thead", "center", "address",
    ]
    static let headingTags: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]
    static let boilerplate = try! NSRegularExpression(pattern:
        "share|social|subscri|newsletter|comment|related|promo|advert|(^|[-_ ])ads?([-_ ]|$)|sponsor|sidebar|footer|(^|[-_ ])nav|menu|breadcrumb|cookie|popup|modal|sign-?up|widget|banner|outbrain|taboola|recirc|popular|trending|byline|author|caption|(^|[-_ ])tags?([-_ ]|$)|toolbar|print|masthead|skip|hidden|disclaimer|copyright|most-read|read-more|more-stories|recommend|teaser|login|paywall|rail",
        options: [.caseInsensitive])
    static let keepers = try! NSRegularExpression(pattern:
        "article-?body|articlebody|story-?body|entry-content|post-content|post-body|article-content|body-text|article__body|story-content",
        options: [.caseInsensitive])
    static let positive = try! NSRegularExpression(pattern:
        "article|body|content|entry|main|page|post|text|blog|story", options: [.caseInsensitive])

    init(tree: HTMLTree) {
        self.tree = tree
        removed = Array(repeating: false, count: tree.nodes.count)
    }

    static func matches(_ re: NSRegularExpression, _ s: String) -> Bool {
        re.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
    }

    /// Marks nodes that are never main text.
    mutating func markBoilerplate() {
        for (i, node) in tree.nodes.enumerated() where node.name != "#text" {
            if Self.droppedTags.contains(node.name) { removed[i] = true; continue }
            if node.attribute("hidden") != nil || node.attribute("aria-hidden") == "true" { removed[i] = true; continue }
            if let style = node.attribute("style")?.lowercased().replacingOccurrences(of: " ", with: ""),
               style.contains("display:none") || style.contains("visibility:hidden") { removed[i] = true; continue }
            if let role = node.attribute("role"), ["navigation", "banner", "contentinfo", "complementary", "dialog", "menu"].contains(role) {
                removed[i] = true; continue
            }
            let cls = (node.attribute("class") ?? "") + " " + (node.attribute("id") ?? "")
            if cls.count > 1, !["body", "html", "article", "main"].contains(node.name),
               Self.matches(Self.boilerplate, cls), !Self.matches(Self.keepers, cls) {
                removed[i] = true
            }
        }
    }

    func isRemoved(_ i: Int) -> Bool {
        var j = i
        while j > 0 { if removed[j] { return true }; j = tree.nodes[j].parent }
        return false
    }

    /// Text length and linked-text length under `i`, skipping removed nodes.
    func lengths(_ i: Int) -> (text: Int, link: Int) {
        var text = 0, link = 0
        func walk(_ j: Int, inLink: Bool) {
            if removed[j] { return }
            let n = tree.nodes[j]
            if n.name == "#text" {
                let c = n.text.unicodeScalars.reduce(0) { $0 + ($1.properties.isWhitespace ? 0 : 1) }
                text += c
                if inLink { link += c }
                return
            }
            for c in n.children { walk(c, inLink: inLink || n.name == "a") }
        }
        walk(i, inLink: false)
        return (text, link)
    }

    /// Picks the node holding the article: the best readability-style score over paragraph containers.
    func bestCandidate() -> Int {
        var score: [Int: Double] = [:]
        for (i, node) in tree.nodes.enumerated() where ["p", "pre", "td", "blockquote"].contains(node.name) || isLeafDiv(i) {
            if isRemoved(i) { continue }
            let t = tree.text(of: i)
            let len = t.count
            if len < 25 { continue }
            let commas = t.filter { $0 == "," || $0 == "،" }.count
            let s = 1.0 + Double(commas) + min(Double(len) / 100.0, 3.0)
            var p = node.parent, level = 0
            while p > 0 && level < 3 {
                score[p, default: initialScore(p)] += s / Double([1, 2, 3][level])
                p = tree.nodes[p].parent
                level += 1
            }
        }
        var best = HTMLTree.root, bestScore = -Double.infinity
        for (i, s) in score {
            let (text, link) = lengths(i)
            let density = text == 0 ? 1 : Double(link) / Double(text)
            let final = s * (1 - density)
            if final > bestScore || (final == bestScore && i < best) { best = i; bestScore = final }
        }
        return best
    }

    func isLeafDiv(_ i: Int) -> Bool {
        let n = tree.nodes[i]
        guard n.name == "div" else { return false }
        return !n.children.contains { Self.blockTags.contains(tree.nodes[$0].name) }
    }

    func initialScore(_ i: Int) -> Double {
        let n = tree.nodes[i]
        var s: Double
        switch n.name {
        case "article": s = 10
        case "div", "main", "section": s = 5
        case "pre", "td", "blockquote": s = 3
        case "ol", "ul", "dl", "dd", "dt", "li", "form": s = -3
        case "h1", "h2", "h3", "h4", "h5", "h6", "th": s = -5
        default: s = 0
        }
        let cls = (n.attribute("class") ?? "") + " " + (n.attribute("id") ?? "")
        if Self.matches(Self.keepers, cls) { s += 40 }
        else if Self.matches(Self.positive, cls) { s += 15 }
        if n.attribute("itemprop") == "articleBody" { s += 50 }
        return s
    }

    /// The nodes whose text forms the article: the best candidate and its siblings that also read as text.
    func contentRoots() -> [Int] {
        let top = bestCandidate()
        if top == HTMLTree.root { return [HTMLTree.root] }
        let parent = tree.nodes[top].parent
        guard parent >= 0 else { return [top] }
        let topLen = lengths(top).text
        var roots: [Int] = []
        for sib in tree.nodes[parent].children {
            if sib == top { roots.append(sib); continue }
            if removed[sib] || tree.nodes[sib].name == "#text" { continue }
            let (text, link) = lengths(sib)
            let density = text == 0 ? 1 : Double(link) / Double(text)
            if tree.nodes[sib].name == "p" && text > 80 && density < 0.25 { roots.append(sib) }
            else if text > max(200, topLen / 3) && density < 0.2 { roots.append(sib) }
        }
        return roots
    }

    /// Splits the content roots into paragraph blocks.
    func blocks(of roots: [Int]) -> [TextBlock] {
        var out: [TextBlock] = []
        var current = ""
        var currentLink = 0
        var currentHeading = false
        func flush() {
            let t = HTMLTree.collapse(current)
            if !t.isEmpty {
                let chars = t.count
                let density = Double(currentLink) / Double(max(chars, 1))
                if !(density > 0.6 && chars < 200) { out.append(TextBlock(text: t, isHeading: currentHeading)) }
            }
            current = ""; currentLink = 0; currentHeading = false
        }
        func walk(_ j: Int, inLink: Bool) {
            if removed[j] { return }
            let n = tree.nodes[j]
            if n.name == "#text" {
                current += n.text
                if inLink { currentLink += n.text.count }
                return
            }
            let block = Self.blockTags.contains(n.name)
            if block { flush() }
            if Self.headingTags.contains(n.name) { currentHeading = true }
            for c in n.children { walk(c, inLink: inLink || n.name == "a") }
            if block { flush() }
        }
        for r in roots { walk(r, inLink: false) }
        flush()
        return out
    }

    mutating func extract() -> (blocks: [TextBlock], title: String?, dct: String?) {
        let title = findTitle()
        let dct = findDate()
        markBoilerplate()
        var blocks = self.blocks(of: contentRoots())
        // A page whose scoring found nothing readable falls back to all visible text.
        if blocks.isEmpty { blocks = self.blocks(of: [HTMLTree.root]) }
        return (blocks, title, dct)
    }

    func metas() -> [(key: String, content: String)] {
        tree.descendants(of: HTMLTree.root, named: "meta").compactMap { i in
            let n = tree.nodes[i]
            guard let content = n.attribute("content") else { return nil }
            let key = (n.attribute("property") ?? n.attribute("name") ?? n.attribute("itemprop") ?? "").lowercased()
            return key.isEmpty ? nil : (key, content)
        }
    }

    func findTitle() -> String? {
        if let og = metas().first(where: { $0.key == "og:title" })?.content, !og.isEmpty { return HTMLTree.collapse(og) }
        if let t = tree.descendants(of: HTMLTree.root, named: "title").first {
            let s = tree.text(of: t)
            if !s.isEmpty { return s }
        }
        if let h = tree.descendants(of: HTMLTree.root, named: "h1").first {
            let s = tree.text(of: h)
            if !s.isEmpty { return s }
        }
        return nil
    }

    /// The publication date from meta tags or the first `<time datetime>`, as an ISO date.
    func findDate() -> String? {
        let keys = ["article:published_time", "date", "dc.date", "dc.date.issued", "datepublished", "pubdate",
                    "publishdate", "og:published_time", "sailthru.date", "article.published", "dcterms.date"]
        let m = metas()
        for key in keys {
            if let c = m.first(where: { $0.key == key })?.content, let d = isoDate(c) { return d }
        }
        for i in tree.descendants(of: HTMLTree.root, named: "time") {
            if let dt = tree.nodes[i].attribute("datetime"), let d = isoDate(dt) { return d }
        }
        return nil
    }

    /// The leading YYYY-MM-DD (or YYYY-MM, YYYY) of a date-time string.
    func isoDate(_ s: String) -> String? {
        let t = s.trimmingCharacters(in: .whitespaces)
        let re = try! NSRegularExpression(pattern: "^(\\d{4})(-\\d{2})?(-\\d{2})?")
        guard let m = re.firstMatch(in: t, range: NSRange(t.startIndex..., in: t)), let r = Range(m.range, in: t) else {
            return nil
        }
        return String(t[r])
    }
}
