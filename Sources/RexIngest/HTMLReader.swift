import Foundation
import RexModel

/// Reads an HTML page into a document: its title, document time, and the main text a reader sees, as
/// paragraphs separated by a blank line, with the article's headings as sections. The page is decoded first
/// (BOM, UTF-8, its declared charset, else ICU's guess); the main text is found by `MainText`.
public enum HTMLReader {
    /// Reads a page; `path` names the file in error messages.
    public static func read(bytes: [UInt8], id: String, path: String) throws -> Document {
        let (html, _) = try TextDecoding.decode(bytes, path: path, declared: declaredCharset(bytes))
        // libxml2 gets UTF-8 and is told to ignore the page's own charset declaration, which no longer holds.
        guard let tree = HTMLTree(utf8: Array(html.utf8)) else {
            throw IngestError.unparsableHTML(path: path)
        }
        let meta = PageMetadata(tree: tree)
        let title = meta.title(), dct = meta.date()
        var extractor = MainText(tree: tree)
        extractor.title = title
        let blocks = extractor.extract()
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

    /// The charset a page declares in its first bytes: `<meta charset="…">`, `<meta http-equiv="Content-Type"
    /// content="text/html; charset=…">`, or an XML declaration's `encoding="…"`.
    static func declaredCharset(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(4096).map { $0 < 0x80 ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
        let patterns = [
            "<meta[^>]*?charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9_.:-]+)",
            "<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9_.:-]+)",
        ]
        for p in patterns {
            let re = try! NSRegularExpression(pattern: p, options: [.caseInsensitive])
            if let m = re.firstMatch(in: head, range: NSRange(head.startIndex..., in: head)),
               let r = Range(m.range(at: 1), in: head) {
                return String(head[r])
            }
        }
        return nil
    }
}

/// The title and publication date a page declares about itself.
struct PageMetadata {
    let tree: HTMLTree

    func metas() -> [(key: String, content: String)] {
        tree.descendants(of: HTMLTree.root, named: "meta").compactMap { i in
            let n = tree.nodes[i]
            guard let content = n.attribute("content") else { return nil }
            let key = (n.attribute("property") ?? n.attribute("name") ?? n.attribute("itemprop") ?? "").lowercased()
            return key.isEmpty ? nil : (key, content)
        }
    }

    func title() -> String? {
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
    func date() -> String? {
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
