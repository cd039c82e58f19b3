import Foundation
import RexIngest
import RexModel
import RexText
import XCTest
@testable import RexDates

/// The rule files are data: copied to a scratch folder, edited, and loaded without a recompile.
final class DateRulesTests: XCTestCase {
    var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("rex-dates-\(UUID().uuidString)")
        let rules = scratch.appendingPathComponent("rules")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixture.data.appendingPathComponent("rules/dates"),
                                        to: rules.appendingPathComponent("dates"))
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    func append(_ line: String, to file: String) throws {
        let url = scratch.appendingPathComponent("rules/dates/\(file)")
        var text = try String(contentsOf: url, encoding: .utf8)
        text += line + "\n"
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func lineCount(_ file: String) throws -> Int {
        try String(contentsOf: scratch.appendingPathComponent("rules/dates/\(file)"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).count - 1
    }

    func dates(_ text: String, rules: DateRules) throws -> [Mention] {
        var doc = Ingestor().plainText(text, id: "t")
        try Pipeline([Tokenizer(), Fixture.splitter, DateRecognizer(rules: rules)]).run(&doc)
        return doc.mentions
    }

    func testANewMonthWordNeedsNoRecompile() throws {
        try append("janvier\tmonth\t01", to: "months.txt")
        let found = try dates("Le 12 janvier 2020, Barkhane frappa.", rules: DateRules(data: scratch))
        XCTAssertEqual(found.map(\.text), ["12 janvier 2020"])
        XCTAssertEqual(found.first?.timex?.value, "2020-01-12")
    }

    func testANewPatternNeedsNoRecompile() throws {
        try append("ramadan\tramadan #year\tDATE\t{year}\tmod=APPROX", to: "patterns.txt")
        let found = try dates("During ramadan 2021 attacks fell.", rules: DateRules(data: scratch))
        XCTAssertEqual(found.map(\.text), ["ramadan 2021"])
        XCTAssertEqual(found.first?.timex?.mod, "APPROX")
    }

    func testABadPatternIsReportedWithFileAndLine() throws {
        try append("broken\t%nosuchclass #year\tDATE\t{year}", to: "patterns.txt")
        let line = try lineCount("patterns.txt")
        XCTAssertThrowsError(try DateRules(data: scratch)) { error in
            guard case let DataError.badLine(file, l, reason) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(file.hasSuffix("rules/dates/patterns.txt"), file)
            XCTAssertEqual(l, line)
            XCTAssertTrue(reason.contains("%nosuchclass"), reason)
        }
    }

    func testAValueNamingAnUncapturedGroupIsReported() throws {
        try append("bad-value\tmidyear #year\tDATE\t{month}-{year}", to: "patterns.txt")
        XCTAssertThrowsError(try DateRules(data: scratch)) { error in
            XCTAssertTrue("\(error)".contains("patterns.txt:"), "\(error)")
            XCTAssertTrue("\(error)".contains("{month}"), "\(error)")
        }
    }

    func testABadRegularExpressionIsReported() throws {
        try append("broken\t(\\d", to: "tokens.txt")
        XCTAssertThrowsError(try DateRules(data: scratch)) { error in
            XCTAssertTrue("\(error)".contains("tokens.txt:\(try! self.lineCount("tokens.txt"))"), "\(error)")
        }
    }

    func testEveryRuleFileOpensWithItsPurposeAndFormat() throws {
        let dir = Fixture.data.appendingPathComponent("rules/dates")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }
        XCTAssertFalse(files.isEmpty)
        for name in files {
            let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            let header = text.split(separator: "\n").prefix { $0.hasPrefix("#") }
            XCTAssertFalse(header.isEmpty, "\(name) opens with no comment")
            XCTAssertTrue(header.contains { $0.contains("FORMAT:") }, "\(name) has no # FORMAT: line in its header")
        }
    }
}

final class TokenPatternTests: XCTestCase {
    func testOptionalGroupsGluedTokensAndSpanMarkers() throws {
        let rules = Fixture.recognizer.rules
        func spans(_ source: String, _ text: String) throws -> [String] {
            let p = try TokenPattern(source, tokenClasses: rules.tokenClasses, lexicon: rules.lexicon)
            var vocabulary = rules.vocabulary
            var program = PatternProgram()
            let sequence = program.add(p, &vocabulary, lexicon: rules.lexicon)
            let doc = Fixture.annotateWithoutDates(text)
            let mt = MatchText(tokens: doc.tokens, scalars: ScalarText(doc.text), vocabulary: vocabulary)
            var matcher = PatternMatcher(text: mt, program: program, classes: rules.tokenClasses, lexicon: rules.lexicon)
            var states: [PatternMatcher.State] = []
            matcher.matches(sequence, at: 0, into: &states)
            return states.map { mt.text($0.spanStart, $0.spanEnd) }
        }
        XCTAssertEqual(try spans("%month #day ( , #year )?", "June 18, 2022").first, "June 18, 2022")
        XCTAssertTrue(try spans("%month #day ( , #year )?", "June 18, 2022").contains("June 18"))
        XCTAssertEqual(try spans("#year ~- ~#mm", "2023-11"), ["2023-11"])
        XCTAssertEqual(try spans("#year ~- ~#mm", "2023 - 11"), [])
        XCTAssertEqual(try spans("since [ then ]", "since then"), ["then"])
        XCTAssertEqual(try spans("[ soon after ] ,|.", "soon after the coup"), [])
        XCTAssertThrowsError(try TokenPattern("( %month", tokenClasses: rules.tokenClasses, lexicon: rules.lexicon))
    }
}

/// What lets the recognizer skip a rule or a try before running it: a skip is right only if the rule could not
/// have matched there.
final class RuleSkipTests: XCTestCase {
    func testARequirementNamesWhatTheRuleCannotMatchWithout() throws {
        let rules = Fixture.recognizer.rules
        let p = try TokenPattern("the? ( %number:n | #num:n ) %unit ago", tokenClasses: rules.tokenClasses, lexicon: rules.lexicon)
        var vocabulary = rules.vocabulary
        var program = PatternProgram()
        let sequence = program.add(p, &vocabulary, lexicon: rules.lexicon)
        var sets: [[Int32]] = []
        let q = program.requirement(sequence, lexicon: rules.lexicon, wordSets: &sets)
        // The unit and "ago" are needed; "the" is optional, and the group has two ways to match.
        XCTAssertEqual(q.classes, 1 << UInt64(rules.lexicon.classIds["unit"]!))
        XCTAssertEqual(sets, [[vocabulary.id("ago")]])
        XCTAssertEqual(q.wordSets, 1)
        XCTAssertEqual(q.tokenClasses, 0)
        // "the", a number (of one or more tokens: "twenty-five"), a unit and "ago".
        XCTAssertGreaterThanOrEqual(q.reach, 4 + rules.lexicon.maxTokens(rules.lexicon.classIds["number"]!) - 1)
    }

    func testTheFilterAndTheClassStartsNeverRuleOutAWordTheRulesKnow() {
        let rules = Fixture.recognizer.rules
        for w in rules.vocabulary.words {
            var h = Vocabulary.hashStart
            for b in w.utf8 { h = Vocabulary.hashStep(h, b) }
            XCTAssertTrue(rules.wordFilter.mayContain(hash: h), w)
        }
        let month = rules.lexicon.classIds["month"]!
        XCTAssertTrue(rules.lexicon.mayStart(month, rules.vocabulary.id("march")))
        XCTAssertFalse(rules.lexicon.mayStart(month, rules.vocabulary.id("ago")))
        XCTAssertFalse(rules.lexicon.mayStart(month, -1))
    }
}

final class TimePointTests: XCTestCase {
    func testParsesAndWritesTimexValues() {
        for v in ["2023", "2023-04", "2023-04-14", "2023-W14", "2023-Q4", "2023-H1", "2023-SP", "199", "20"] {
            XCTAssertEqual(TimePoint(v)?.value, v)
        }
        XCTAssertNil(TimePoint("2023-02-30"))
        XCTAssertNil(TimePoint("PAST_REF"))
        XCTAssertEqual(TimePoint("2024-02-29")?.granularity, .day)
    }

    func testByteParserAgreesWithTheGeneralOne() {
        let values = ["2023", "2023-04", "2023-04-14", "2023-04-14T10:30", "2023-04-14TNI", "2023T10", "199", "20",
                      "1", "12345", "2023-W14", "2023-W+5", "2023-W54", "2023-Q4", "2023-Q5", "2023-H2", "2023-SP",
                      "2023-XX", "XXXX-04", "2023-13", "2023-+4", "2023-4", "2023-004", "2023-02-29", "2024-02-29",
                      "2023-04-+1", "2023-04-14-1", "2023--04", "2023-", "-", "", "T", "PXY", "P3Y", "2023-W",
                      "0000-01-01", "20-1", "199T", "2023-04-31", "2023-12-31T24:00", "２０２３"]
        for v in values {
            XCTAssertEqual(TimePoint(v), TimePoint(parsing: v), v)
        }
    }

    func testIsoWeeksAcrossYearEnds() {
        XCTAssertEqual(TimePoint("2023-04-14")!.truncated(to: .week).value, "2023-W15")
        XCTAssertEqual(TimePoint("2021-01-01")!.truncated(to: .week).value, "2020-W53")
        XCTAssertEqual(TimePoint("2023-04-14")!.shifted(by: -1, .week)!.value, "2023-W14")
        XCTAssertEqual(TimePoint("2023-04-14")!.weekday, 5)
    }

    func testShiftingByUnits() {
        XCTAssertEqual(TimePoint("2012-12")!.shifted(by: 1, .month)!.value, "2013-01")
        XCTAssertEqual(TimePoint("2020-03-01")!.shifted(by: -1, .day)!.value, "2020-02-29")
        XCTAssertEqual(TimePoint("2022-11-15")!.shifted(by: 0, .quarter)!.value, "2022-Q4")
        XCTAssertEqual(TimePoint("2022-FA")!.shifted(by: 1, .season)!.value, "2022-WI")
        XCTAssertEqual(TimePoint("2022-WI")!.shifted(by: 1, .season)!.value, "2023-SP")
        XCTAssertNil(TimePoint("2022")!.shifted(by: 1, .month), "a year cannot be shifted by months")
    }
}
