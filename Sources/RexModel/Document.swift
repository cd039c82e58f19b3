/// An annotated document: the `document/1` data contract of `Pipeline.md` and the shared schema.
///
/// Offsets everywhere count Unicode scalars into `text` (`end` exclusive), as Python's `text[a:b]`.
/// The document is a value: stages receive it `inout` and add their layers.
public struct Document: Codable, Sendable, Equatable {
    public var schema: String = "document/1"
    /// Stable id: given, or derived from the file name.
    public var id: String
    public var source: Source?
    public var title: String?
    /// Document creation time (full or partial ISO date) used to anchor dates; nil when unknown.
    public var dct: String?
    /// The plain text every offset points into. Changing it drops `scalars` and `caseless`, made from it.
    public var text: String {
        didSet { scalars = nil; caseless = nil }
    }
    public var sections: [Section] = []
    public var sentences: [Sentence] = []
    public var mentions: [Mention] = []
    public var entities: [Entity] = []
    public var events: [Event] = []
    /// Facts between entities (merged into, leader of, designated by…) stated in the text; written to JSON only
    /// when there are some.
    public var relations: [Relation] = []
    /// Tokens are working data for stages; they are not part of the JSON contract.
    public var tokens: [Token] = []
    /// Paragraph spans (blocks separated by blank lines or block elements); working data.
    public var paragraphs: [Span] = []
    /// `text` as scalars, made once by the tokenizer (or ingestion) for the stages after it, which otherwise
    /// each build their own; nil until then. Working data, not encoded.
    public var scalars: ScalarText?
    /// Whether `text` is all upper or all lower case (`SentenceSplitter.isCaseless`), found once by the
    /// tokenizer; nil until then. Working data, not encoded.
    public var caseless: Bool?

    public init(id: String, text: String, title: String? = nil, dct: String? = nil, source: Source? = nil) {
        self.id = id
        self.text = text
        self.title = title
        self.dct = dct
        self.source = source
    }

    enum CodingKeys: String, CodingKey {
        case schema, id, source, title, dct, text, sections, sentences, mentions, entities, events, relations
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try c.decodeIfPresent(String.self, forKey: .schema) ?? "document/1"
        id = try c.decode(String.self, forKey: .id)
        source = try c.decodeIfPresent(Source.self, forKey: .source)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        dct = try c.decodeIfPresent(String.self, forKey: .dct)
        text = try c.decode(String.self, forKey: .text)
        sections = try c.decodeIfPresent([Section].self, forKey: .sections) ?? []
        sentences = try c.decodeIfPresent([Sentence].self, forKey: .sentences) ?? []
        mentions = try c.decodeIfPresent([Mention].self, forKey: .mentions) ?? []
        entities = try c.decodeIfPresent([Entity].self, forKey: .entities) ?? []
        events = try c.decodeIfPresent([Event].self, forKey: .events) ?? []
        relations = try c.decodeIfPresent([Relation].self, forKey: .relations) ?? []
    }

    /// Kept in step with `writeJSON` (ModelJSON.swift), which writes the same bytes when annotating.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(id, forKey: .id)
        try c.encode(source, forKey: .source)
        try c.encode(title, forKey: .title)
        try c.encode(dct, forKey: .dct)
        try c.encode(text, forKey: .text)
        try c.encode(sections, forKey: .sections)
        try c.encode(sentences, forKey: .sentences)
        try c.encode(mentions, forKey: .mentions)
        try c.encode(entities, forKey: .entities)
        try c.encode(events, forKey: .events)
        if !relations.isEmpty { try c.encode(relations, forKey: .relations) }
    }
}

/// Where a document came from.
public struct Source: Codable, Sendable, Equatable {
    public var path: String?
    public var format: String
    public var sha256: String?
    public init(path: String?, format: String, sha256: String?) {
        self.path = path; self.format = format; self.sha256 = sha256
    }
}

/// A half-open range of Unicode-scalar offsets into the document text.
public struct Span: Codable, Sendable, Equatable, Hashable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) { self.start = start; self.end = end }
    public var length: Int { end - start }
    public func overlaps(_ o: Span) -> Bool { start < o.end && o.start < end }
    public func contains(_ o: Span) -> Bool { start <= o.start && o.end <= end }
}

/// A titled part of the document; `heading` is the heading's text as written.
public struct Section: Codable, Sendable, Equatable {
    public var start: Int
    public var end: Int
    public var heading: String?
    public init(start: Int, end: Int, heading: String?) { self.start = start; self.end = end; self.heading = heading }
}

public struct Sentence: Codable, Sendable, Equatable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) { self.start = start; self.end = end }
}

extension Array where Element == Sentence {
    /// The index of the sentence holding `offset` (the last one starting at or before it), 0 when none: where a
    /// span that names no sentence of its own belongs.
    public func index(holding offset: Int) -> Int {
        if let i = firstIndex(where: { $0.start <= offset && offset < $0.end }) { return i }
        return lastIndex(where: { $0.start <= offset }) ?? 0
    }
}

/// A word or punctuation token. `folded` is the ICU-folded form (diacritics and curly quotes folded,
/// lower-cased) used for matching.
public struct Token: Sendable, Equatable {
    public enum Kind: UInt8, Sendable { case punctuation, number, word }
    public var start: Int
    public var end: Int
    public var kind: Kind
    public var folded: String
    public init(start: Int, end: Int, kind: Kind, folded: String) {
        self.start = start; self.end = end; self.kind = kind; self.folded = folded
    }
}

public enum MentionType: String, Codable, Sendable, CaseIterable {
    case date = "DATE", place = "PLACE", org = "ORG", person = "PERSON"
}

/// A span of text recognized as a date, place, organization or person.
public struct Mention: Codable, Sendable, Equatable {
    public var id: String
    public var start: Int
    public var end: Int
    public var text: String
    public var type: MentionType
    public var entity: String?
    /// True for a non-name mention ("the group", "it") attached to an entity by coreference.
    public var nominal: Bool?
    public var timex: Timex?
    public var place: PlaceRef?
    /// How sure the recognizer is (0...1); nil in gold.
    public var confidence: Double?

    public init(id: String, start: Int, end: Int, text: String, type: MentionType, entity: String? = nil,
                nominal: Bool? = nil, timex: Timex? = nil, place: PlaceRef? = nil, confidence: Double? = nil) {
        self.id = id; self.start = start; self.end = end; self.text = text; self.type = type
        self.entity = entity; self.nominal = nominal; self.timex = timex; self.place = place
        self.confidence = confidence
    }

    public var span: Span { Span(start: start, end: end) }
    public var isNominal: Bool { nominal == true }
}

/// A TIMEX3-style normalization.
public struct Timex: Codable, Sendable, Equatable {
    public var type: String
    public var value: String
    public var mod: String?
    public var end: String?
    /// Which anchor resolved an underspecified value: "dct", "section", "narrative", or nil when absolute.
    public var anchor: String?
    public init(type: String, value: String, mod: String? = nil, end: String? = nil, anchor: String? = nil) {
        self.type = type; self.value = value; self.mod = mod; self.end = end; self.anchor = anchor
    }
}

/// The gazetteer entry a PLACE mention links to.
public struct PlaceRef: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var country: String?
    public var admin1: String?
    public var lat: Double?
    public var lon: Double?
    public init(id: String, name: String, country: String? = nil, admin1: String? = nil,
                lat: Double? = nil, lon: Double? = nil) {
        self.id = id; self.name = name; self.country = country; self.admin1 = admin1; self.lat = lat; self.lon = lon
    }
}

/// A coreference cluster: one real-world organization, place or person.
public struct Entity: Codable, Sendable, Equatable {
    public var id: String
    public var type: MentionType
    public var canonical: String?
    public var name: String
    public var mentions: [String]
    public init(id: String, type: MentionType, canonical: String?, name: String, mentions: [String]) {
        self.id = id; self.type = type; self.canonical = canonical; self.name = name; self.mentions = mentions
    }
}
