import Foundation
import RexModel
@testable import RexReport
import RexTestSupport
import XCTest

final class EscapingTests: XCTestCase {
    func testEscapesMarkupCharactersAndQuotes() {
        XCTAssertEqual(HTML.escape(#"<script>alert("x" & 'y')</script>"#),
                       "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;")
    }

    func testReplacesControlCharactersButKeepsLineBreaksAndNonBMP() {
        XCTAssertEqual(HTML.escape("a\u{0}b\u{7}c\nd\te\u{1F600}"), "a\u{FFFD}b\u{FFFD}c\nd\te\u{1F600}")
    }

    func testAttributeValuesAreEscaped() {
        XCTAssertEqual(HTML.attr("data-tip", #"a "b" <c>"#), #" data-tip="a &quot;b&quot; &lt;c&gt;""#)
        XCTAssertEqual(HTML.attr("x", nil), "")
    }

    func testIdsKeepOnlySafeCharacters() {
        XCTAssertEqual(HTML.id("m-M1"), "m-M1")
        XCTAssertEqual(HTML.id("a b\"<é>"), "a_b____")
    }

    func testDocumentFieldsNeverReachThePageUnescaped() throws {
        let s = Sample(#"<b>JNIM</b> attacked "Kati" & left."#)
        var d = Document(id: #"x"><script>1</script>"#, text: s.text, title: "<script>alert(1)</script>")
        d.mentions = [s.mention("M1", "JNIM", .org, entity: "E1"), s.mention("M2", "Kati", .place,
                      place: PlaceRef(id: "geonames:1", name: #"Kati "town" <x>"#, lat: 12.7, lon: -8.1))]
        d.entities = [Entity(id: "E1", type: .org, canonical: nil, name: "<i>JNIM</i>", mentions: ["M1"])]
        var e = Event(id: "V1", type: "ATTACK<", trigger: s.trigger("attacked"), sentence: 0)
        e.actors = [EventActor(role: "perpetrator", entity: "E1", name: "<i>JNIM</i>")]
        e.targets = [EventTarget(text: #""Kati""#, entity: nil, kind: "property", category: "<c>")]
        d.events = [e]
        let site = ReportSite(documents: [d], outlines: Outlines(
            projection: Projection(west: -18, south: 4, east: 16, north: 27.5, width: 1000), layers: []))
        for (path, html) in site.files() where path.hasSuffix(".html") {
            XCTAssertFalse(html.contains("<script>alert"), path)
            XCTAssertFalse(html.contains("<script>1"), path)
            XCTAssertFalse(html.contains("<b>JNIM"), path)
            XCTAssertFalse(html.contains("<i>JNIM"), path)
            XCTAssertFalse(html.contains("ATTACK<"), path)
            XCTAssertFalse(html.contains("<c>"), path)
        }
        let page = site.files().first { $0.path.hasPrefix("docs/") }!.contents
        XCTAssertTrue(page.contains("&lt;b&gt;"))
        XCTAssertTrue(page.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; · rex report</title>"))
        XCTAssertEqual(site.pages, ["docs/x___script_1__script_.html"])
    }
}
