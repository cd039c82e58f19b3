import Foundation
import RexModel
import XCTest
@testable import RexIngest

final class HTMLReaderTests: XCTestCase {
    func testPageFurnitureIsDropped() throws {
        let html = page(title: "Attack near Ségou | The Daily Example", """
        <header class="site-header"><a href="/">Home</a> <a href="/world">World</a> Breaking news ticker</header>
        <nav><ul><li><a href="/africa">Africa</a></li><li><a href="/sahel">Sahel</a></li></ul></nav>
        <style>p { color: red }</style>
        <div class="main">
          <article>
            <h1>Attack near Ségou</h1>
            <div class="share-tools">Share on Facebook · Share on X · Email this story</div>
            \(articleMarkup)
            <script>var tracking = "do not show";</script>
            <div class="newsletter-signup">Get our free daily briefing in your inbox every morning.</div>
          </article>
          <aside class="sidebar"><h3>Most read</h3><p>An unrelated story that many people have read today, with commas, and more.</p></aside>
        </div>
        <div id="comments"><p>Reader comment: what a terrible event, my thoughts are with the families.</p></div>
        <footer>Copyright 2024 The Daily Example. All rights reserved.</footer>
        """)
        let doc = try readHTML(html)
        XCTAssertEqual(doc.text, articleParagraphs.joined(separator: "\n\n"))
        XCTAssertEqual(doc.paragraphs.count, 3)
        let view = ScalarText(doc.text)
        XCTAssertEqual(view.slice(doc.paragraphs[1]), articleParagraphs[1])
    }

    func testCommentSectionLongerThanTheArticleIsDropped() throws {
        let comment = "this is a long comment, with commas, opinions, and many words about the attack and its consequences."
        let comments = (0..<15).map { "<li class=\"comment\"><div class=\"comment-body\"><p>Reader \($0) says: \(comment)</p></div></li>" }
        let html = page(title: "Attack near Ségou", """
        <div id="page" class="site">
          <div class="post-12 post type-post tag-mali category-security">\(articleMarkup)</div>
          <div id="comments" class="comments-area"><h2>15 comments</h2><ol class="comment-list">\(comments.joined())</ol></div>
        </div>
        """)
        XCTAssertEqual(try readHTML(html).text, articleParagraphs.joined(separator: "\n\n"))
    }

    func testWrapperNamedAfterFurnitureKeepsTheArticle() throws {
        // Wrappers are often named after what sits beside the article ("with-sidebar", "ad-margins").
        let html = page(title: "Attack near Ségou", """
        <div class="page-ad-margins layout-with-sidebar">
          <div class="sidebar"><ul><li><a href="/a">Other story</a></li><li><a href="/b">Another story</a></li></ul></div>
          <div class="field-label-hidden">\(articleMarkup)</div>
        </div>
        """)
        XCTAssertEqual(try readHTML(html).text, articleParagraphs.joined(separator: "\n\n"))
    }

    func testHiddenElementsAreDropped() throws {
        let html = page("""
        <div class="story">\(articleMarkup)
          <p style="display: none">Invisible text that a reader never sees on the page at all.</p>
          <p hidden>Another hidden paragraph with enough words to count as one.</p>
          <span class="sr-only">Advertisement</span>
        </div>
        """)
        let text = try readHTML(html).text
        XCTAssertFalse(text.contains("Invisible"))
        XCTAssertFalse(text.contains("hidden paragraph"))
        XCTAssertFalse(text.contains("Advertisement"))
        XCTAssertTrue(text.contains(articleParagraphs[2]))
    }

    func testHeadingsBecomeSections() throws {
        let html = page(title: "Sahel security update | Example News", """
        <div class="article-body">
          <h1>Sahel security update</h1>
          <p>\(articleParagraphs[0])</p>
          <h2>Background</h2>
          <p>\(articleParagraphs[1])</p>
          <h2>Response</h2>
          <p>\(articleParagraphs[2])</p>
        </div>
        """)
        let doc = try readHTML(html)
        let view = ScalarText(doc.text)
        // The headline repeats the title: it is the title, not body text.
        XCTAssertFalse(doc.text.contains("Sahel security update"))
        XCTAssertEqual(doc.sections.map(\.heading), ["Background", "Response"])
        let background = doc.sections[0]
        XCTAssertEqual(view.slice(background.start, background.end), "Background\n\n" + articleParagraphs[1])
        XCTAssertEqual(doc.sections[1].end, view.count)
        XCTAssertTrue(doc.text.hasPrefix(articleParagraphs[0] + "\n\nBackground\n\n"))
    }

    func testListsTablesQuotesAndLineBreaksKeepTheirParagraphs() throws {
        let html = page("""
        <div class="entry-content">
          \(articleMarkup)
          <ul><li>Four soldiers were killed in the attack on the checkpoint.</li><li>Six soldiers were wounded and evacuated to Ségou.</li></ul>
          <blockquote><p>“We will not give up the area,” the governor said, speaking to reporters.</p></blockquote>
          <table><tr><th>Casualties</th><th>Number</th></tr><tr><td>Killed</td><td>4</td></tr><tr><td>Wounded</td><td>6</td></tr></table>
          <p>First line of an address<br>Second line of the address<br>Third line, with a comma.</p>
        </div>
        """)
        let doc = try readHTML(html)
        let paragraphs = doc.text.components(separatedBy: "\n\n")
        XCTAssertTrue(paragraphs.contains("Four soldiers were killed in the attack on the checkpoint."))
        XCTAssertTrue(paragraphs.contains("“We will not give up the area,” the governor said, speaking to reporters."))
        XCTAssertTrue(paragraphs.contains("Killed"), "cells of a data table are kept")
        XCTAssertTrue(paragraphs.contains("6"))
        XCTAssertTrue(paragraphs.contains("First line of an address"))
        XCTAssertTrue(paragraphs.contains("Third line, with a comma."))
        XCTAssertEqual(doc.paragraphs.count, paragraphs.count)
    }

    func testTitleAndDateFromMetaTags() throws {
        let html = page(title: "Attack near Ségou - Example News", head: """
        <meta property="og:title" content="Attack near Ségou">
        <meta property="article:published_time" content="2023-04-14T09:30:00+00:00">
        """, "<article>\(articleMarkup)</article>")
        let doc = try readHTML(html)
        XCTAssertEqual(doc.title, "Attack near Ségou")
        XCTAssertEqual(doc.dct, "2023-04-14")
    }

    func testDateFromDublinCoreAndFromTimeElement() throws {
        let dc = page(head: #"<meta name="DC.date" content="2021-06-02">"#, "<article>\(articleMarkup)</article>")
        XCTAssertEqual(try readHTML(dc).dct, "2021-06-02")
        let time = page(title: "Report", """
        <article><p class="dateline">Published <time datetime="2020-03-25T08:00">25 March 2020</time></p>\(articleMarkup)</article>
        """)
        let doc = try readHTML(time)
        XCTAssertEqual(doc.dct, "2020-03-25")
        XCTAssertEqual(doc.title, "Report")
    }

    func testBrokenMarkupStillYieldsTheParagraphs() throws {
        // Unclosed paragraphs and divs, a stray end tag, no </body> or </html>.
        let html = """
        <html><head><title>Broken</title><body><div class="content"><div>
        <p>\(articleParagraphs[0])
        <p>\(articleParagraphs[1])</span>
        <p>\(articleParagraphs[2])
        """
        let doc = try readHTML(html)
        XCTAssertEqual(doc.text, articleParagraphs.joined(separator: "\n\n"))
    }

    func testWindows1252PageWithMetaCharsetDecodes() throws {
        let html = page(head: #"<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">"#,
                        "<article>\(articleMarkup)<p>The governor\u{2019}s office in Ségou confirmed the toll.</p></article>")
        let bytes = try XCTUnwrap(windows1252(html))
        XCTAssertNil(String(validating: bytes, as: UTF8.self), "the test page is not UTF-8")
        let doc = try HTMLReader.read(bytes: bytes, id: "t", path: "t.html")
        XCTAssertTrue(doc.text.contains("near Ségou on Tuesday"))
        XCTAssertTrue(doc.text.contains("The governor\u{2019}s office"), "0x92 is a curly apostrophe in windows-1252")
    }

    func testLatin1LabelIsReadAsWindows1252() throws {
        let html = page(head: #"<meta charset="ISO-8859-1">"#, "<article>\(articleMarkup)<p>\u{201C}Ségou is calm,\u{201D} he said, adding that roads were open.</p></article>")
        let doc = try HTMLReader.read(bytes: try XCTUnwrap(windows1252(html)), id: "t", path: "t.html")
        XCTAssertTrue(doc.text.contains("\u{201C}Ségou is calm,\u{201D}"))
    }

    func testUTF16PageWithByteOrderMark() throws {
        let html = page(head: #"<meta charset="utf-16">"#, "<article>\(articleMarkup)</article>")
        let bytes: [UInt8] = [0xFF, 0xFE] + Array(html.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let doc = try HTMLReader.read(bytes: bytes, id: "t", path: "t.html")
        XCTAssertEqual(doc.text, articleParagraphs.joined(separator: "\n\n"))
    }

    func testLegacyPageWithoutCharsetIsDetected() throws {
        let french = """
        <p>Des hommes armés ont attaqué un poste de contrôle près de Ségou mardi, tuant quatre soldats et en blessant six autres, selon un communiqué de l'armée.</p>
        <p>L'attaque, menée avant l'aube, a été revendiquée le lendemain par un groupe affilié à al-Qaïda, dont les combattants étendent leurs opérations au centre du Mali depuis 2015.</p>
        <p>Les habitants ont déclaré que les assaillants sont arrivés à moto, ont incendié deux véhicules et sont repartis vers la frontière avant l'arrivée des renforts.</p>
        """
        let bytes = try XCTUnwrap(windows1252(page("<div class=\"article\">\(french)</div>")))
        let doc = try HTMLReader.read(bytes: bytes, id: "t", path: "t.html")
        XCTAssertTrue(doc.text.contains("Des hommes armés ont attaqué un poste de contrôle près de Ségou"))
        XCTAssertTrue(doc.text.contains("affilié à al-Qaïda"))
    }

    func testNavigationOnlyPageHasNoText() {
        let html = page("""
        <nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/about">About us</a></li></ul></nav>
        <footer><a href="/contact">Contact</a></footer>
        """)
        XCTAssertThrowsIngestError(try readHTML(html), .noText(path: "t.html"), naming: "t.html")
    }

    func testEmptyAndBinaryInputAreRefusedNamingTheFile() {
        XCTAssertThrowsIngestError(try HTMLReader.read(bytes: [], id: "e", path: "dir/e.html"),
                                   .empty(path: "dir/e.html"), naming: "dir/e.html")
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]
        XCTAssertThrowsIngestError(try HTMLReader.read(bytes: png, id: "b", path: "dir/b.html"),
                                   .binary(path: "dir/b.html"), naming: "dir/b.html")
        XCTAssertThrowsIngestError(try HTMLReader.read(bytes: Array("   \n  ".utf8), id: "w", path: "w.html"),
                                   .noText(path: "w.html"), naming: "w.html")
    }

    func testIngestorReadsHTMLFilesWithSourceAndUserDct() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rex-ingest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("report.html")
        try Data(page("<article>\(articleMarkup)</article>").utf8).write(to: file)
        let doc = try Ingestor(dct: "2024-01-31").read(path: file.path)
        XCTAssertEqual(doc.id, "report")
        XCTAssertEqual(doc.source?.format, "html")
        XCTAssertEqual(doc.source?.sha256?.count, 64)
        XCTAssertEqual(doc.dct, "2024-01-31")
        XCTAssertEqual(doc.text, articleParagraphs.joined(separator: "\n\n"))
    }

    func testDeclaredCharsetIsFoundInMetaAndXMLDeclaration() {
        XCTAssertEqual(HTMLReader.declaredCharset(Array(#"<html><head><meta charset="utf-8">"#.utf8)), "utf-8")
        XCTAssertEqual(HTMLReader.declaredCharset(Array(#"<meta http-equiv="content-type" content="text/html; charset=ISO-8859-1" />"#.utf8)), "ISO-8859-1")
        XCTAssertEqual(HTMLReader.declaredCharset(Array(#"<?xml version="1.0" encoding="windows-1252"?><html>"#.utf8)), "windows-1252")
        XCTAssertNil(HTMLReader.declaredCharset(Array("<html><body>charset</body></html>".utf8)))
    }

    /// `s` encoded as windows-1252, or nil when it has characters outside that charset.
    func windows1252(_ s: String) -> [UInt8]? {
        let specials: [Character: UInt8] = ["\u{2019}": 0x92, "\u{2018}": 0x91, "\u{201C}": 0x93, "\u{201D}": 0x94,
                                            "\u{2013}": 0x96, "\u{2014}": 0x97, "\u{20AC}": 0x80]
        var out: [UInt8] = []
        for ch in s {
            if let b = specials[ch] { out.append(b); continue }
            guard ch.unicodeScalars.count == 1, let v = ch.unicodeScalars.first?.value, v < 0x100 else { return nil }
            out.append(UInt8(v))
        }
        return out
    }
}
