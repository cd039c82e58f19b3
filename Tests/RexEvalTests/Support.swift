import RexModel
import RexEval
import XCTest

/// Builds mentions from their surface text, so that hand-made examples read as sentences.
struct Sample {
    let text: String
    init(_ text: String) { self.text = text }

    /// Scalar offsets of the `occurrence`-th (from 1) appearance of `surface`.
    func span(_ surface: String, occurrence: Int = 1) -> (Int, Int) {
        let scalars = Array(text.unicodeScalars), needle = Array(surface.unicodeScalars)
        var seen = 0
        for i in 0...(scalars.count - needle.count) where Array(scalars[i..<i + needle.count]) == needle {
            seen += 1
            if seen == occurrence { return (i, i + needle.count) }
        }
        fatalError("“\(surface)” (occurrence \(occurrence)) is not in the sample text")
    }

    func mention(_ id: String, _ surface: String, _ type: MentionType, entity: String? = nil, nominal: Bool = false,
                 value: String? = nil, mod: String? = nil, place: PlaceRef? = nil, occurrence: Int = 1) -> Mention {
        let (a, b) = span(surface, occurrence: occurrence)
        return Mention(id: id, start: a, end: b, text: surface, type: type, entity: entity, nominal: nominal ? true : nil,
                       timex: value.map { Timex(type: "DATE", value: $0, mod: mod) }, place: place)
    }

    func trigger(_ surface: String, occurrence: Int = 1) -> TextSpan {
        let (a, b) = span(surface, occurrence: occurrence)
        return TextSpan(start: a, end: b, text: surface)
    }

    func document(_ id: String = "d", mentions: [Mention] = [], entities: [Entity] = [], events: [Event] = [],
                  sentences: [Sentence] = []) -> Document {
        var d = Document(id: id, text: text)
        d.mentions = mentions; d.entities = entities; d.events = events; d.sentences = sentences
        return d
    }
}

func assertPRF(_ s: PRF, p: Double, r: Double, f: Double, _ what: String = "", file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(s.precision, p, accuracy: 1e-9, "precision \(what)", file: file, line: line)
    XCTAssertEqual(s.recall, r, accuracy: 1e-9, "recall \(what)", file: file, line: line)
    XCTAssertEqual(s.f1, f, accuracy: 1e-9, "F1 \(what)", file: file, line: line)
}

func assertPR(_ s: PRSums, p: Double, r: Double, f: Double, _ what: String = "", file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(s.precision, p, accuracy: 1e-9, "precision \(what)", file: file, line: line)
    XCTAssertEqual(s.recall, r, accuracy: 1e-9, "recall \(what)", file: file, line: line)
    XCTAssertEqual(s.f1, f, accuracy: 1e-9, "F1 \(what)", file: file, line: line)
}
