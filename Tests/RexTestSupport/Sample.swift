import RexModel

// Shared by the test targets that build documents from hand-written sentences (RexEvalTests, RexReportTests,
// RexCorefTests, RexStoreTests).

/// Builds mentions from their surface text, so that hand-made examples read as sentences.
public struct Sample {
    public let text: String
    public init(_ text: String) { self.text = text }

    /// Scalar offsets of the `occurrence`-th (from 1) appearance of `surface`.
    public func span(_ surface: String, occurrence: Int = 1) -> (Int, Int) {
        let scalars = Array(text.unicodeScalars), needle = Array(surface.unicodeScalars)
        var seen = 0
        for i in 0...(scalars.count - needle.count) where Array(scalars[i..<i + needle.count]) == needle {
            seen += 1
            if seen == occurrence { return (i, i + needle.count) }
        }
        fatalError("“\(surface)” (occurrence \(occurrence)) is not in the sample text")
    }

    public func mention(_ id: String, _ surface: String, _ type: MentionType, entity: String? = nil, nominal: Bool = false,
                        value: String? = nil, mod: String? = nil, place: PlaceRef? = nil, occurrence: Int = 1) -> Mention {
        let (a, b) = span(surface, occurrence: occurrence)
        return Mention(id: id, start: a, end: b, text: surface, type: type, entity: entity, nominal: nominal ? true : nil,
                       timex: value.map { Timex(type: "DATE", value: $0, mod: mod) }, place: place)
    }

    public func trigger(_ surface: String, occurrence: Int = 1) -> TextSpan {
        let (a, b) = span(surface, occurrence: occurrence)
        return TextSpan(start: a, end: b, text: surface)
    }

    public func document(_ id: String = "d", mentions: [Mention] = [], entities: [Entity] = [], events: [Event] = [],
                         sentences: [Sentence] = []) -> Document {
        var d = Document(id: id, text: text)
        d.mentions = mentions; d.entities = entities; d.events = events; d.sentences = sentences
        return d
    }
}
