import XCTest
import RexModel
import RexIngest
import RexText
@testable import RexDates

final class DateFormatTests: XCTestCase {
    func testFullDatesInEveryCommonOrderAndStyle() throws {
        try assertDates("They met on November 29, 2023, on 29 November 2023, on 2023-11-29 and on 11/29/2023.", [
            Expected(text: "November 29, 2023", value: "2023-11-29", anchor: .some(nil)),
            Expected(text: "29 November 2023", value: "2023-11-29"),
            Expected(text: "2023-11-29", value: "2023-11-29"),
            Expected(text: "11/29/2023", value: "2023-11-29"),
        ])
    }

    func testWeekdaysAbbreviationsAndOrdinalsBelongToTheDate() throws {
        try assertDates("It happened on Wednesday, November 29, 2023, again on Nov. 30th 2023 and on 13/12/2023.", [
            Expected(text: "Wednesday, November 29, 2023", value: "2023-11-29"),
            Expected(text: "Nov. 30th 2023", value: "2023-11-30"),
            Expected(text: "13/12/2023", value: "2023-12-13"),
        ])
    }

    func testMonthYearYearsAndDecades() throws {
        try assertDates("In September 2023, January of 2013, in 2012, in the 1990s and in the late '90s.", [
            Expected(text: "September 2023", value: "2023-09"),
            Expected(text: "January of 2013", value: "2013-01"),
            Expected(text: "2012", value: "2012"),
            Expected(text: "1990s", value: "199"),
            Expected(text: "the late '90s", value: "199", mod: "END"),
        ])
    }

    func testSpansLeaveOutTheGoverningPreposition() throws {
        let found = try Fixture.dates("On March 25, 2020, members of JNIM kidnapped him.")
        XCTAssertEqual(found.map(\.text), ["March 25, 2020"])
        XCTAssertEqual(found.first?.start, 3)
    }

    func testSeasonsQuartersAndPartsOfTheYear() throws {
        try assertDates("In the summer of 2020, in summer 2019, in the first quarter of 2022 and the last three months of 2022.", [
            Expected(text: "the summer of 2020", value: "2020-SU"),
            Expected(text: "summer 2019", value: "2019-SU"),
            Expected(text: "the first quarter of 2022", value: "2022-Q1"),
            Expected(text: "the last three months of 2022", value: "2022-Q4"),
        ])
    }

    func testTimesOfDayTakeTheNarrativeDay() throws {
        try assertDates("On August 6, 2023, the deadline passed at midnight; troops moved at 10:30 p.m.", [
            Expected(text: "August 6, 2023", value: "2023-08-06"),
            Expected(text: "midnight", value: "2023-08-06T24:00", type: "TIME", anchor: "narrative"),
            Expected(text: "10:30 p.m.", value: "2023-08-06T22:30", type: "TIME", anchor: "narrative"),
        ])
    }
}

final class DateModTests: XCTestCase {
    func testPartOfModifiersAreInTheSpanAndSetTheMod() throws {
        try assertDates("In 2020: late March 2020, early 2013, mid-2020, the beginning of October 2020, the end of 2021.", [
            Expected(text: "2020", value: "2020"),
            Expected(text: "late March 2020", value: "2020-03", mod: "END"),
            Expected(text: "early 2013", value: "2013", mod: "START"),
            Expected(text: "mid-2020", value: "2020", mod: "MID"),
            Expected(text: "the beginning of October 2020", value: "2020-10", mod: "START"),
            Expected(text: "the end of 2021", value: "2021", mod: "END"),
        ])
    }

    func testBeforeAndAfterSetTheModButStayOutOfTheSpan() throws {
        try assertDates("It was not expected before September 2013, and grew after 2015, about 2015 and since 2012.", [
            Expected(text: "September 2013", value: "2013-09", mod: "BEFORE"),
            Expected(text: "2015", value: "2015", mod: "AFTER"),
            Expected(text: "about 2015", value: "2015", mod: "APPROX"),
            Expected(text: "2012", value: "2012"),
        ])
    }
}

final class DateAnchoringTests: XCTestCase {
    func testSectionHeadingYearAnchorsDatesWithoutYear() throws {
        let text = "Overview:  The year was hard.\n\n2020 Terrorist Incidents:  There were attacks.\n\n"
            + "  • On March 25, members of JNIM kidnapped Soumaila Cisse.  They held him until the beginning of October."
        try assertDates(text, dct: "2021", [
            Expected(text: "2020", value: "2020"),
            Expected(text: "March 25", value: "2020-03-25", anchor: "section"),
            Expected(text: "the beginning of October", value: "2020-10", mod: "START"),
        ])
    }

    func testDatedEntryLeadInIsTheTimeOfWriting() throws {
        let text = "Mali: Turning Into A Terrorist Sanctuary\n\nApril 14, 2023: The junta expelled the French in February. Now the army is alone."
        try assertDates(text, dct: "2023-04-14", [
            Expected(text: "April 14, 2023", value: "2023-04-14"),
            Expected(text: "February", value: "2023-02", anchor: "section"),
            Expected(text: "Now", value: "PRESENT_REF", anchor: .some(nil)),
        ])
    }

    func testNarrativeReferenceTimeAnchorsAnaphora() throws {
        let text = "In March 2019, militants attacked Ogossagou. That January, they had struck Koulogon. "
            + "In 2011, the Emir pledged money; the following year, the rebellion began. "
            + "On January 23, 2023, JNIM released photos. A few days later, it attacked. Later that month, it withdrew."
        try assertDates(text, dct: "2023-12", [
            Expected(text: "March 2019", value: "2019-03"),
            Expected(text: "That January", value: "2019-01", anchor: "narrative"),
            Expected(text: "2011", value: "2011"),
            Expected(text: "the following year", value: "2012", anchor: "narrative"),
            Expected(text: "January 23, 2023", value: "2023-01-23"),
            Expected(text: "A few days later", value: "2023-01-23", mod: "AFTER", anchor: "narrative"),
            Expected(text: "Later that month", value: "2023-01", mod: "END", anchor: "narrative"),
        ])
    }

    func testDeicticExpressionsUseTheDct() throws {
        try assertDates("Last week the army said it would return next year; it left yesterday.", dct: "2023-04-14", [
            Expected(text: "Last week", value: "2023-W14", anchor: "dct"),
            Expected(text: "next year", value: "2024", anchor: "dct"),
            Expected(text: "yesterday", value: "2023-04-13", anchor: "dct"),
        ])
    }

    func testTenseDecidesTheDirectionOfAWeekday() throws {
        // 2000-01-07 is a Friday.
        try assertDates("The ruling came Wednesday.", dct: "2000-01-07", [Expected(text: "Wednesday", value: "2000-01-05")])
        try assertDates("The father will travel Wednesday.", dct: "2000-01-07", [Expected(text: "Wednesday", value: "2000-01-12")])
    }

    func testMonthWithoutYearInNewsIsTheNearestInTheTensesDirection() throws {
        try assertDates("The offer, which expires Nov. 21, was extended.", dct: "1989-11-02",
                        [Expected(text: "Nov. 21", value: "1989-11-21", anchor: "dct")])
        try assertDates("The company was founded in March.", dct: "1989-10-27",
                        [Expected(text: "March", value: "1989-03", anchor: "dct")])
    }

    func testPartialDctGivesGenericPresentAndThePreviousYearForPastEvents() throws {
        try assertDates("Today the group is active. A coup on August 18 overthrew the president.", dct: "2021", [
            Expected(text: "Today", value: "PRESENT_REF", anchor: .some(nil)),
            Expected(text: "August 18", value: "2020-08-18", anchor: "dct"),
        ])
    }

    func testWithoutDctTheLatestStatedYearIsTheLastResort() throws {
        try assertDates("A coup on August 18 overthrew the president. JNIM formed in 2017; attacks rose in 2020.", [
            Expected(text: "August 18", value: "2020-08-18", anchor: "narrative"),
            Expected(text: "2017", value: "2017"),
            Expected(text: "2020", value: "2020"),
        ])
        let unknown = try Fixture.dates("They left on August 18.")
        XCTAssertEqual(unknown.first?.timex?.value, "XXXX-08-18", "no anchor at all: the year stays open")
        XCTAssertLessThan(unknown.first?.confidence ?? 1, 0.5)
    }

    func testAWeekdayNamedWithTheDayPicksTheYear() throws {
        try assertDates("The New York Times said in an editorial on Monday, Oct. 26: the murder was planned.", dct: "1998-10-25",
                        [Expected(text: "Monday, Oct. 26", value: "1998-10-26")])
        try assertDates("The attack took place on Sunday 12 March.", dct: "1998-10-25",
                        [Expected(text: "Sunday 12 March", value: "1995-03-12")])
    }

    func testGenericReferences() throws {
        try assertDates("It recently attacked, as it did in the past; in the future and currently it will not.", [
            Expected(text: "recently", value: "PAST_REF"),
            Expected(text: "the past", value: "PAST_REF"),
            Expected(text: "the future", value: "FUTURE_REF"),
            Expected(text: "currently", value: "PRESENT_REF"),
        ])
    }
}

final class DateRangeTests: XCTestCase {
    func testRangesInOneExpressionAndJoinedByConnectors() throws {
        try assertDates("In 2022: June 18-19, between July and September 2022, from January to March 2012, a 2021-25 plan, "
                        + "January/February 2015.", dct: "2023", [
            Expected(text: "2022", value: "2022"),
            Expected(text: "June 18-19", value: "2022-06-18", end: "2022-06-19"),
            Expected(text: "July and September 2022", value: "2022-07", end: "2022-09"),
            Expected(text: "January to March 2012", value: "2012-01", end: "2012-03"),
            Expected(text: "2021-25", value: "2021", end: "2025"),
            Expected(text: "January/February 2015", value: "2015-01", end: "2015-02"),
        ])
    }

    func testUntilWithoutFromKeepsTwoDates() throws {
        let found = try Fixture.dates("The offer runs today through Nov. 17.", dct: "1989-10-27")
        XCTAssertEqual(found.map(\.text), ["today", "Nov. 17"])
    }
}

final class DurationAndSetTests: XCTestCase {
    func testDurationsWithTheirModifiers() throws {
        try assertDates("An 18-month term, held for up to six months over the past four years, for more than nine years, "
                        + "for nine years, for several years, over a decade.", [
            Expected(text: "18-month", value: "P18M", type: "DURATION"),
            Expected(text: "up to six months", value: "P6M", type: "DURATION", mod: "LESS_THAN"),
            Expected(text: "the past four years", value: "P4Y", type: "DURATION"),
            Expected(text: "more than nine years", value: "P9Y", type: "DURATION", mod: "MORE_THAN"),
            Expected(text: "nine years", value: "P9Y", type: "DURATION"),
            Expected(text: "several years", value: "PXY", type: "DURATION"),
            Expected(text: "over a decade", value: "P10Y", type: "DURATION", mod: "MORE_THAN"),
        ])
    }

    func testFractionsGoToTheNextSmallerUnit() throws {
        try assertDates("It lasted 2 1/2 years and five and a half hours.", [
            Expected(text: "2 1/2 years", value: "P2Y6M", type: "DURATION"),
            Expected(text: "five and a half hours", value: "PT5H30M", type: "DURATION"),
        ])
    }

    func testSets() throws {
        try assertDates("Each month Wagner costs $10.8 million a month; the weekly paper runs annually.", [
            Expected(text: "Each month", value: "P1M", type: "SET"),
            Expected(text: "a month", value: "P1M", type: "SET"),
            Expected(text: "weekly", value: "P1W", type: "SET"),
            Expected(text: "annually", value: "P1Y", type: "SET"),
        ])
    }
}

final class NotDateTests: XCTestCase {
    func testNamesNumbersAndMoneyThatLookLikeDatesAreNotDates() throws {
        let text = "ISIS-GS and the G5 Sahel acted under UNSCR 2396 and Resolution 2085, pursuant to section 7008, "
            + "despite COVID-19; 2,000 troops and 1500 soldiers cost $10.8 million; 132 civilians died; "
            + "a 6-year-old boy survived; IS Sahel, formerly known as ISGS, read USA Today; ISIS-Sahel (formerly ISIS-GS) grew."
        let found = try Fixture.dates(text)
        XCTAssertEqual(found.map(\.text), [], "found: \(found.map(\.text))")
    }

    func testMayAndMarchAsWordsAreNotMonths() throws {
        let found = try Fixture.dates("Troops may march on the town; the March of the Combatant Mothers went on.")
        XCTAssertEqual(found.map(\.text), [])
    }
}

final class DateMentionTests: XCTestCase {
    func testIdsAreNumberedAndMentionsStaySortedAmongOthers() throws {
        var doc = Fixture.annotateWithoutDates("In 2012 Mali fell; in 2013 France came.")
        doc.mentions = [Mention(id: "P1", start: 8, end: 12, text: "Mali", type: .place)]
        try Fixture.recognizer.process(&doc)
        XCTAssertEqual(doc.mentions.map(\.id), ["D1", "P1", "D2"])
        XCTAssertEqual(doc.mentions.map(\.start), doc.mentions.map(\.start).sorted())
        // Running again replaces the dates rather than adding them twice.
        try Fixture.recognizer.process(&doc)
        XCTAssertEqual(doc.mentions.map(\.id), ["D1", "P1", "D2"])
        for m in doc.mentions where m.type == .date {
            XCTAssertNotNil(m.confidence)
            XCTAssertEqual(m.text, String(doc.text.unicodeScalars.dropFirst(m.start).prefix(m.end - m.start)))
        }
    }

    func testOffsetsCountUnicodeScalars() throws {
        let found = try Fixture.dates("😀 Ségou fell on 12 March 2013.")
        XCTAssertEqual(found.first?.text, "12 March 2013")
        XCTAssertEqual(found.first?.start, 16)
    }
}

extension Fixture {
    /// Tokens and sentences, no dates.
    static func annotateWithoutDates(_ text: String) -> Document {
        var doc = Ingestor().plainText(text, id: "test")
        try! Pipeline([Tokenizer(), splitter]).run(&doc)
        return doc
    }
}
