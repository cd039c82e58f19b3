import Foundation
import RexEval
import RexModel
import XCTest

/// TimeML reading and TempEval-3 scoring on a tiny hand-written file whose scores are worked out by hand.
final class TimeMLTests: XCTestCase {
    static let tml = """
    <?xml version="1.0" ?>
    <TimeML>
    <DOCID>tiny</DOCID>
    <DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" temporalFunction="false" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
    <TEXT>
    Prices <EVENT eid="e1" class="OCCURRENCE">fell</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P1W">a week</TIMEX3> of gains &amp; losses; <TIMEX3 tid="t3" type="DATE" value="1997-Q4">the fourth quarter</TIMEX3> was flat.
    </TEXT>
    </TimeML>
    """

    // The plain text, with scalar offsets worked out by hand: "yesterday" 13..<22, "a week" 29..<35 ("week"
    // 31..<35), "the fourth quarter" 55..<73 ("fourth quarter" 59..<73), "flat" 78..<82.
    static let text = "\nPrices fell yesterday after a week of gains & losses; the fourth quarter was flat.\n"

    func testReadsTextDctAndOffsetsOfInlineTimexes() throws {
        let doc = try TimeML.parse(Self.tml, name: "tiny.tml")
        XCTAssertEqual(doc.text, Self.text, "tags removed, &amp; decoded")
        XCTAssertEqual(doc.dct, "1998-01-08")
        XCTAssertEqual(doc.timexes.map(\.text), ["yesterday", "a week", "the fourth quarter"])
        XCTAssertEqual(doc.timexes.map(\.start), [13, 29, 55])
        XCTAssertEqual(doc.timexes.map(\.end), [22, 35, 73])
        XCTAssertEqual(doc.timexes.map(\.value), ["1998-01-07", "P1W", "1997-Q4"])
        XCTAssertEqual(doc.timexes.map(\.type), ["DATE", "DURATION", "DATE"])
        for t in doc.timexes {
            XCTAssertEqual(String(doc.text.unicodeScalars.dropFirst(t.start).prefix(t.end - t.start)), t.text)
        }
    }

    func testScoresLikeTheTempEval3Scorer() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rex-timeml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.tml.write(to: dir.appendingPathComponent("tiny.tml"), atomically: true, encoding: .utf8)

        var dctSeen: [String] = []
        let report = try TimeML.score(directory: dir) { text, dct in
            dctSeen.append(dct)
            XCTAssertEqual(text, Self.text)
            func m(_ id: String, _ a: Int, _ b: Int, _ type: String, _ value: String) -> Mention {
                let s = String(text.unicodeScalars.dropFirst(a).prefix(b - a))
                return Mention(id: id, start: a, end: b, text: s, type: .date, timex: Timex(type: type, value: value))
            }
            return [
                m("D1", 13, 22, "DATE", "1998-01-07"),  // exact span, right value
                m("D2", 31, 35, "DATE", "P1W"),         // "week": overlaps "a week", right value, wrong type
                m("D3", 59, 73, "DATE", "1998-Q4"),     // "fourth quarter": overlaps, wrong value
                m("D4", 78, 82, "DATE", "PRESENT_REF"), // "flat": spurious
                Mention(id: "P1", start: 1, end: 7, text: "Prices", type: .org),  // not a date: ignored
            ]
        }
        XCTAssertEqual(dctSeen, ["1998-01-08"])
        XCTAssertEqual(report.files, 1)
        // Strict: only "yesterday" has the gold span: tp 1 of 4 predicted, 3 gold.
        XCTAssertEqual(report.strict, PRF(tp: 1, fp: 3, fn: 2))
        XCTAssertEqual(report.strict.f1, 2 * 0.25 * (1.0 / 3) / (0.25 + 1.0 / 3), accuracy: 1e-9)  // 0.2857
        // Relaxed: three overlaps, "flat" is the one false positive.
        XCTAssertEqual(report.relaxed, PRF(tp: 3, fp: 1, fn: 0))
        XCTAssertEqual(report.relaxed.f1, 2 * 0.75 * 1 / 1.75, accuracy: 1e-9)  // 0.857
        // Value: relaxed matches with the gold value ("yesterday", "week") over 4 predicted and 3 gold.
        XCTAssertEqual(report.value, PRF(tp: 2, fp: 2, fn: 1))
        XCTAssertEqual(report.value.f1, 4.0 / 7, accuracy: 1e-9)  // 2·tp / (pred + gold) = 0.571
        // Type: right on 2 of the 3 relaxed matches.
        XCTAssertEqual(report.typeAccuracy, 2.0 / 3, accuracy: 1e-9)
    }

    func testOneToOneMatchingPrefersTheExactSpan() {
        let gold = [TimeMLTimex(start: 0, end: 10, text: "a", type: "DATE", value: "1")]
        let pred = [TimeMLTimex(start: 0, end: 4, text: "b", type: "DATE", value: "1"),
                    TimeMLTimex(start: 0, end: 10, text: "a", type: "DATE", value: "2")]
        let c = TimeML.compare(gold: gold, predicted: pred)
        XCTAssertEqual(c.strict, PRF(tp: 1, fp: 1, fn: 0))
        XCTAssertEqual(c.relaxed, PRF(tp: 1, fp: 1, fn: 0), "a gold expression matches one prediction only")
        XCTAssertEqual(c.value, PRF(tp: 0, fp: 2, fn: 1), "the exact span was chosen, and its value is wrong")
    }
}
