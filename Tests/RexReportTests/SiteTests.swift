import Foundation
import RexModel
@testable import RexReport
import RexTestSupport
import XCTest

final class SiteTests: XCTestCase {
    func testEventsTableHasOneRowPerEventLinkingToItsPlaceInTheDocument() throws {
        let docs = try Repo.gold()
        let site = ReportSite(documents: docs, outlines: try Repo.outlines())
        let files = Dictionary(site.files().map { ($0.path, $0.contents) }, uniquingKeysWith: { a, _ in a })
        let table = try XCTUnwrap(files["events.html"])
        let total = docs.reduce(0) { $0 + $1.events.count }
        XCTAssertGreaterThan(total, 0)
        XCTAssertEqual(Rendered.all(#"<tr (data-type)="#, in: table).count, total)
        for (i, doc) in docs.enumerated() {
            let page = try XCTUnwrap(files[site.pages[i]])
            for e in doc.events {
                let anchor = site.pages[i] + "#" + HTML.id("ev-" + e.id)
                XCTAssertTrue(table.contains("href=\"\(anchor)\""), anchor)
                XCTAssertTrue(page.contains("id=\"\(HTML.id("ev-" + e.id))\""), anchor)
            }
        }
        XCTAssertEqual(Rendered.all(#"<button type="button" class="(sort)""#, in: table).count, EventsPage.columns.count)
        for field in ["f-from", "f-to", "f-type", "f-actor", "f-place", "f-cas", "f-doc"] {
            XCTAssertTrue(table.contains("<label for=\"\(field)\">"), field)
        }
    }

    func testIndexCountsEventsPlacesAndOrganizationsPerDocument() {
        let s = Sample("JNIM and the group hit Kati and Kati again; MINUSMA left Gao.")
        var d = Document(id: "d1", text: s.text, title: "One")
        d.mentions = [s.mention("M1", "JNIM", .org, entity: "E1"), s.mention("M2", "the group", .org, entity: "E1"),
                      s.mention("M3", "Kati", .place, place: PlaceRef(id: "geonames:1", name: "Kati")),
                      s.mention("M4", "Kati", .place, place: PlaceRef(id: "geonames:1", name: "Kati"), occurrence: 2),
                      s.mention("M5", "MINUSMA", .org), s.mention("M6", "Gao", .place)]
        d.entities = [Entity(id: "E1", type: .org, canonical: nil, name: "JNIM", mentions: ["M1", "M2"])]
        d.events = [Event(id: "V1", type: "ATTACK", trigger: s.trigger("hit"), sentence: 0)]
        XCTAssertEqual(DocumentCounts.places(d), 2)
        XCTAssertEqual(DocumentCounts.entities(d, .org), 2)
        let html = IndexPage.render(ReportSite(documents: [d], outlines: Outlines(
            projection: Projection(west: 0, south: 0, east: 1, north: 1, width: 10), layers: [])))
        XCTAssertTrue(html.contains(#"<td class="num">1</td><td class="num">2</td><td class="num">2</td>"#))
    }

    func testPageNamesAreSafeAndUnique() {
        XCTAssertEqual(ReportSite.pageNames(["a/b", "a?b", "A_b", "ok"]),
                       ["docs/a_b.html", "docs/a_b-2.html", "docs/A_b-3.html", "docs/ok.html"])
    }

    func testActorKeysAreShownAsNames() {
        let mentions = ["M1": Mention(id: "M1", start: 0, end: 3, text: "the French troops", type: .org, nominal: true)]
        let e = Entity(id: "E7", type: .org, canonical: "org:french-military", name: "org:french-military", mentions: ["M1"])
        XCTAssertEqual(Names.shown("org:french-military", entity: e, mentions: mentions), "french military")
        XCTAssertEqual(Names.shown("JNIM", entity: nil, mentions: [:]), "JNIM")
        XCTAssertEqual(Names.shown("org:jnim", entity: Entity(id: "E1", type: .org, canonical: nil, name: "JNIM", mentions: []),
                                   mentions: [:]), "JNIM")
    }

    func testWritesEverySiteFileWithRelativeLinksOnly() throws {
        let site = ReportSite(documents: try Repo.gold(), outlines: try Repo.outlines())
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rex-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try site.write(to: dir)
        for (path, contents) in site.files() {
            XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent(path).path), path)
            XCTAssertFalse(contents.contains("http://") || contents.contains("https://") || contents.contains("//cdn"), path)
            if path.hasSuffix(".html") {
                for ref in Rendered.all(##"(?:href|src)="([^"#][^"]*)""##, in: contents) {
                    let target = dir.appendingPathComponent(path).deletingLastPathComponent()
                        .appendingPathComponent(String(ref.split(separator: "#")[0])).standardizedFileURL
                    XCTAssertTrue(FileManager.default.fileExists(atPath: target.path), "\(path) → \(ref)")
                }
            }
        }
    }
}
