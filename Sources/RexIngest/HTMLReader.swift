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
