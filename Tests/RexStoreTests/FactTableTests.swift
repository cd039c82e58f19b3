import Foundation
import RexModel
import XCTest
@testable import RexStore

final class FactTableTests: XCTestCase {
    func csv(_ docs: [Document], in dir: URL) throws -> String {
        let path = dir.appendingPathComponent("events-\(UUID().uuidString).csv").path
        let w = FactWriter()
        try w.add(path: path, format: .csv, table: .events)
        for d in docs { w.add(d) }
        w.close()
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    func testTheEventsTableHasTheACLEDLikeColumnsInOrder() throws {
        let dir = try temporaryDirectory(self)
        let lines = try csv([sampleDocument()], in: dir).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "event_id,event_date,date_precision,event_type,sub_event_type,actor1,assoc_actor_1,actor2,"
                       + "interaction,country,admin1,admin2,location,latitude,longitude,geo_precision,fatalities,injured,"
                       + "abducted,source_document,notes,rex_type,count_mod")
        XCTAssertEqual(lines.count, 3)
    }

    func testARowCarriesTheEventsValues() throws {
        let dir = try temporaryDirectory(self)
        let lines = try csv([sampleDocument()], in: dir).split(separator: "\n").map(String.init)
        // The notes column is the supporting sentence, quoted because it holds commas and quotes.
        XCTAssertEqual(lines[1], "sample:V1,2020-03-25,1,Violence against civilians,Attack,Jama'at Nusrat al-Islam wal-Muslimin,"
                       + "Islamic State Sahel,Civilians,Rebel group-Civilians,ML,Mopti,,Ogossagou,14.27,-3.98,1,12,,,sample,"
                       + "\"On March 25, 2020, JNIM fighters and Islamic State Sahel militants attacked the village of Ogossagou "
                       + "near Sévaré, killing 12 civilians, \"\"the villagers\"\" said, and burned a truck.\",ATTACK,")
        // "late March 2020" from the document: first day of the month, part-of-month precision; no place.
        XCTAssertEqual(lines[2], "sample:V2,2020-03-01,2,,,Jama'at Nusrat al-Islam wal-Muslimin,,,,,,,,,,,,3,,sample,"
                       + "The group said it used a car bomb.,BOMBING,MORE_THAN")
    }

    func testJSONLinesCarryTheSameColumnsWithNumbersAndNulls() throws {
        let dir = try temporaryDirectory(self)
        let path = dir.appendingPathComponent("events.jsonl").path
        let w = FactWriter()
        try w.add(path: path, format: .jsonl, table: .events)
        w.add(sampleDocument())
        w.close()
        let first = try XCTUnwrap(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").first)
        let obj = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        XCTAssertEqual(Set(obj.keys), Set(FactTable.eventColumns))
        XCTAssertEqual(obj["fatalities"] as? Int, 12)
        XCTAssertEqual(obj["latitude"] as? Double, 14.27)
        XCTAssertTrue(obj["injured"] is NSNull)
        XCTAssertEqual(obj["actor2"] as? String, "Civilians")
        XCTAssertTrue(first.hasPrefix("{\"event_id\":\"sample:V1\",\"event_date\":"), "columns in order")
    }

    func testExportFromTheDatabaseEqualsExportFromTheDocuments() async throws {
        let dir = try temporaryDirectory(self)
        let docs = (try Repo.goldDocuments() + [sampleDocument()]).sorted { $0.id < $1.id }
        let store = try await DocumentStore.open(dir.appendingPathComponent("c.sqlite").path)
        for d in docs { try await store.write(d, origin: Origin.of(d), run: nil) }
        let path = dir.appendingPathComponent("db.csv").path
        let w = FactWriter()
        try w.add(path: path, format: .csv, table: .events)
        try await store.exportFacts(to: w)
        w.close()
        let fromDB = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertEqual(fromDB, try csv(docs, in: dir))
        XCTAssertEqual(fromDB.split(separator: "\n").count - 1, docs.reduce(0) { $0 + $1.events.count })
        try await store.close()
    }

    func testDatesBecomeTheirFirstDayWithACLEDPrecision() throws {
        func p(_ v: String, end: String? = nil, mod: String? = nil) -> String {
            guard let x = FactRules.period(value: v, end: end, mod: mod) else { return "none" }
            return "\(x.first) \(x.last) \(x.precision)"
        }
        XCTAssertEqual(p("2020-03-25"), "2020-03-25 2020-03-25 1")
        XCTAssertEqual(p("2020-03-25", mod: "APPROX"), "2020-03-25 2020-03-25 2")
        XCTAssertEqual(p("2020-06-18", end: "2020-06-19"), "2020-06-18 2020-06-19 2")
        XCTAssertEqual(p("2020-02"), "2020-02-01 2020-02-29 3")
        XCTAssertEqual(p("2020-03", mod: "END"), "2020-03-01 2020-03-31 2")
        XCTAssertEqual(p("2013-W05"), "2013-01-28 2013-02-03 2")
        XCTAssertEqual(p("2015-SU"), "2015-06-01 2015-08-31 3")
        XCTAssertEqual(p("2015-WI"), "2015-12-01 2016-02-29 3")
        XCTAssertEqual(p("2012"), "2012-01-01 2012-12-31 3")
        XCTAssertEqual(p("2019-Q3"), "2019-07-01 2019-09-30 3")
        XCTAssertEqual(p("PAST_REF"), "none")
        XCTAssertEqual(p("P18M"), "none")
    }

    func testGeoPrecisionSeparatesTownsFromRegionsAndContext() {
        let town = PlaceRef(id: "geonames:1", name: "Sévaré", country: "ML", admin1: "Mopti")
        let region = PlaceRef(id: "geonames:2", name: "Mopti", country: "ML", admin1: "Mopti")
        let country = PlaceRef(id: "geonames:3", name: "Republic of Mali", country: "ML")
        XCTAssertEqual(FactRules.geoPrecision(place: town, fallback: nil), 1)
        XCTAssertEqual(FactRules.geoPrecision(place: town, fallback: "paragraph"), 2)
        XCTAssertEqual(FactRules.geoPrecision(place: region, fallback: nil), 3)
        XCTAssertEqual(FactRules.geoPrecision(place: country, fallback: nil), 3)
        XCTAssertNil(FactRules.geoPrecision(place: nil, fallback: nil))
    }

    func testCSVQuotesOnlyWhatNeedsIt() {
        XCTAssertEqual(FactTable.csvLine([.text("a"), .int(3), .null, .text("b,c"), .text("say \"hi\""), .text("x\ny")]),
                       "a,3,,\"b,c\",\"say \"\"hi\"\"\",\"x\ny\"")
    }
}
