import Foundation
import RexModel
@testable import RexReport
import RexTestSupport
import XCTest

final class MapTests: XCTestCase {
    /// A document with events at a town, at a country-wide place, outside the map and nowhere.
    func sample() -> Document {
        let s = Sample("Gunmen killed 12 in Bamako. Troops left Mali. Police arrested two in Paris. Talks failed.")
        var d = Document(id: "d", text: s.text)
        d.mentions = [
            s.mention("M1", "Bamako", .place, place: PlaceRef(id: "geonames:2460596", name: "Bamako", country: "ML",
                                                               admin1: "Bamako", lat: 12.65, lon: -8.0)),
            s.mention("M2", "Mali", .place, place: PlaceRef(id: "geonames:2453866", name: "Republic of Mali", country: "ML",
                                                             lat: 18.0, lon: -2.0)),
            s.mention("M3", "Paris", .place, place: PlaceRef(id: "geonames:2988507", name: "Paris", country: "FR",
                                                              admin1: "Île-de-France", lat: 48.85, lon: 2.35)),
        ]
        var v1 = Event(id: "V1", type: "ATTACK", trigger: s.trigger("killed"), sentence: 0)
        v1.place = EventPlace(mention: "M1", id: "geonames:2460596", name: "Bamako", lat: 12.65, lon: -8.0)
        v1.fatalities = 12
        var v2 = Event(id: "V2", type: "WITHDRAWAL", trigger: s.trigger("left"), sentence: 1)
        v2.place = EventPlace(mention: "M2", id: "geonames:2453866", name: "Republic of Mali", lat: 18.0, lon: -2.0)
        var v3 = Event(id: "V3", type: "ARREST", trigger: s.trigger("arrested"), sentence: 2)
        v3.place = EventPlace(mention: "M3", id: "geonames:2988507", name: "Paris")
        let v4 = Event(id: "V4", type: "AGREEMENT", trigger: s.trigger("Talks"), sentence: 3)
        d.events = [v1, v2, v3, v4]
        return d
    }

    func testDotsArePlacedFromLatitudeAndLongitudeInsideTheViewBox() throws {
        let outlines = try Repo.outlines()
        let pr = outlines.projection
        let site = ReportSite(documents: [sample()], outlines: outlines)
        let placed = MapPage.place(site.rows, pr)
        XCTAssertEqual(placed.dots.map(\.row.event.id), ["V1"])
        XCTAssertEqual(placed.areas.map(\.name), ["Republic of Mali"])
        XCTAssertEqual(placed.outside.map(\.event.id), ["V3"])
        XCTAssertEqual(placed.unlocated, 1)

        // Bamako by the projection's own formula, worked independently.
        let k = cos(pr.standardParallel * .pi / 180)
        let x = (-8.0 - pr.west) * k * pr.scale, y = (pr.north - 12.65) * pr.scale
        let svg = MapPage.svg(outlines, placed)
        let cx = try XCTUnwrap(Rendered.all(#"<circle class="dot" cx="([0-9.]+)""#, in: svg).first.flatMap(Double.init))
        let cy = try XCTUnwrap(Rendered.all(#"<circle class="dot" cx="[0-9.]+" cy="([0-9.]+)""#, in: svg).first.flatMap(Double.init))
        XCTAssertEqual(cx, x, accuracy: 0.05)
        XCTAssertEqual(cy, y, accuracy: 0.05)
        XCTAssertTrue((0...pr.width).contains(cx) && (0...pr.height).contains(cy))
        XCTAssertTrue(svg.contains("viewBox=\"0 0 \(HTML.num(pr.width)) \(HTML.num(pr.height))\""))
        // Bamako lies in Mali's south-west quarter of the box.
        XCTAssertLessThan(cx, pr.width / 2)
        XCTAssertGreaterThan(cy, pr.height / 2)
    }

    func testProjectionRefusesPointsOutsideTheBoxAndMapsCorners() {
        let p = Projection(west: -18, south: 4, east: 16, north: 27.5, width: 1000)
        XCTAssertNil(p.point(lat: 48.85, lon: 2.35))
        XCTAssertNil(p.point(lat: .nan, lon: 0))
        let nw = p.point(lat: 27.5, lon: -18)!, se = p.point(lat: 4, lon: 16)!
        XCTAssertEqual(nw.x, 0, accuracy: 1e-9); XCTAssertEqual(nw.y, 0, accuracy: 1e-9)
        XCTAssertEqual(se.x, 1000, accuracy: 1e-6); XCTAssertEqual(se.y, p.height, accuracy: 1e-6)
    }

    func testDotsGrowWithFatalities() {
        XCTAssertEqual(MapPage.radius(nil), MapPage.radius(0))
        XCTAssertLessThan(MapPage.radius(1), MapPage.radius(10))
        XCTAssertLessThan(MapPage.radius(10), MapPage.radius(100))
        XCTAssertLessThanOrEqual(MapPage.radius(100_000), 30)
    }

    func testOutlineFileHasCountriesRegionsAndIsSmall() throws {
        let outlines = try Repo.outlines()
        XCTAssertTrue(outlines.layer("countries")?.features.contains { $0.id == "ML" } ?? false)
        for code in ["BF", "NE", "MR", "DZ", "SN", "GN", "CI"] {
            XCTAssertTrue(outlines.layer("countries")?.features.contains { $0.id == code } ?? false, code)
        }
        XCTAssertEqual(outlines.layer("admin1")?.features.count, 9)
        let size = try FileManager.default.attributesOfItem(
            atPath: Repo.root.appendingPathComponent("Gazetteers/" + Outlines.relativePath).path)[.size] as! Int
        XCTAssertLessThan(size, 300_000)
    }

    func testMissingOutlinesNameTheFileAndTheFix() {
        XCTAssertThrowsError(try Outlines.load(dataDirectory: URL(fileURLWithPath: "/nonexistent"))) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("/nonexistent/report/outlines.json"), message)
            XCTAssertTrue(message.contains("build_outlines.py"), message)
        }
    }
}
