import Foundation
@testable import RexReport
import XCTest

final class TimelineTests: XCTestCase {
    func testMonthOfDayMonthAndWeekValues() {
        XCTAssertEqual(Timeline.month("2020-03-25"), "2020-03")
        XCTAssertEqual(Timeline.month("2020-03"), "2020-03")
        XCTAssertEqual(Timeline.month("2020-03-25T10:00"), "2020-03")
        XCTAssertEqual(Timeline.month("2020-W01"), "2020-01", "week 1 of 2020 has its Thursday on 2 January")
        XCTAssertEqual(Timeline.month("2021-W01"), "2021-01")
        XCTAssertEqual(Timeline.month("2020-W53"), "2020-12")
        XCTAssertEqual(Timeline.month("2019-W01"), "2019-01", "its Monday is 31 December 2018, its Thursday 3 January")
        for v in ["2020", "2020-SU", "2020-Q2", "2020-13", "PAST_REF", "P18M", "20-03", ""] {
            XCTAssertNil(Timeline.month(v), v)
        }
    }

    func testBinsByMonthAndTypeWithEmptyMonthsBetween() {
        let bins = Timeline.bin([
            ("2020-11-30", "ATTACK"), ("2021-01-02", "ATTACK"), ("2021-01", "KIDNAPPING"), ("2021-01-15", "ATTACK"),
            ("2020", "COUP"), ("2020-SU", "ATTACK"), ("PAST_REF", "ATTACK"), (nil, "SIEGE"),
        ])
        XCTAssertEqual(bins.months, ["2020-11", "2020-12", "2021-01"])
        XCTAssertEqual(bins.byMonth["2020-11"], ["ATTACK": 1])
        XCTAssertNil(bins.byMonth["2020-12"])
        XCTAssertEqual(bins.byMonth["2021-01"], ["ATTACK": 2, "KIDNAPPING": 1])
        XCTAssertEqual(bins.byYear["2020"], ["COUP": 1, "ATTACK": 1])
        XCTAssertEqual(bins.undated, ["ATTACK": 1, "SIEGE": 1])
        XCTAssertEqual(bins.total(month: "2021-01"), 3)
    }

    func testChartStacksOneBarPerTypeAndMonth() {
        let bins = Timeline.bin([("2021-01-02", "ATTACK"), ("2021-01", "KIDNAPPING"), ("2021-03-15", "ATTACK")])
        let svg = TimelinePage.chart(bins)
        XCTAssertEqual(Rendered.all(#"data-month="([0-9-]+)""#, in: svg), ["2021-01", "2021-01", "2021-03"])
        XCTAssertTrue(svg.contains("<title>2021-01: 1 KIDNAPPING</title>"))
    }
}
