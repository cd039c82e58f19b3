import RexModel

/// A possible name mention before the recognizer picks the non-overlapping best ones.
struct Candidate {
    enum Source: String {
        case gazetteer, acronymDefinition, documentAcronym, orgHead, groupPhrase, title, nameShape, personPartial, placeCue
    }
    /// First token and end token (exclusive) of the span, designators included.
    var a: Int
    var b: Int
    var type: MentionType
    var source: Source
    /// Gazetteer entries of `type` the span may name.
    var refs: [NameRef] = []
    /// Canonical id for names no gazetteer holds ("org:centif-mali"), or for ORG/PERSON from the gazetteer.
    var entity: String? = nil
    /// Higher wins between candidates of the same length.
    var priority: Int
    var confidence: Double
    /// The feature kind prefix a designator or cue asks for ("A.ADM1", "H.STM", "P").
    var sense: String? = nil
    /// The designator that closed the span is plural ("Regions") and applies to a coordination.
    var pluralSense = false
    /// A name that is no mention (an agreement, a program): it only keeps other mentions out of its span.
    var block = false
    /// A designator closed the span ("Moura area", "Gassel village").
    var designated = false
    /// The span's last token is a possessive ("Mali’s").
    var possessive = false
    /// Number of words in the span, the first sort key.
    var words: Int

    init(a: Int, b: Int, type: MentionType, source: Source, priority: Int, confidence: Double, words: Int) {
        self.a = a; self.b = b; self.type = type; self.source = source; self.priority = priority
        self.confidence = confidence; self.words = words
    }
}

/// ASCII slug for ids of names no gazetteer holds: "National Financial Intelligence Processing Unit" →
/// "national-financial-intelligence-processing-unit".
func slug(_ s: String) -> String {
    // ASCII text (the usual case) on bytes: the same result without folding and Unicode properties.
    if s.utf8.allSatisfy({ $0 < 0x80 }) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count)
        var dash = false
        for b in s.utf8 {
            let l = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
            if (l >= 0x61 && l <= 0x7A) || (l >= 0x30 && l <= 0x39) {
                if dash && !bytes.isEmpty { bytes.append(0x2D) }
                dash = false
                bytes.append(l)
            } else if l != 0x27 {
                dash = true
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
    var out = ""
    var dash = false
    for c in NameKey.fold(s[...]).unicodeScalars {
        if c.isASCII && (c.properties.isAlphabetic || c.properties.numericType != nil) {
            if dash && !out.isEmpty { out.append("-") }
            dash = false
            out.unicodeScalars.append(c)
        } else if c != "'" {
            dash = true
        }
    }
    return out
}
