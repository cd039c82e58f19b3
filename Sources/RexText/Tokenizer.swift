import RexModel

/// Splits the text into word, number and punctuation tokens with ICU's word break iterator; each token
/// carries its folded form. Whitespace is not a token.
public struct Tokenizer: Stage {
    public let name = "tokenizer"
    public let requires: Set<Layer> = [.text]
    public let adds: Set<Layer> = [.tokens]

    public init() {}

    public func process(_ document: inout Document) throws {
        document.tokens = Self.tokenize(document.text)
        // Made once here for every stage after this one.
        document.scalars = document.scalarText
        document.caseless = document.isCaseless
    }

    public static func tokenize(_ text: String) -> [Token] {
        let (units, toScalar) = ICU.utf16WithScalarMap(text)
        let segments = ICU.wordSegments(units)
        var tokens: [Token] = []
        tokens.reserveCapacity(segments.count / 2)
        let folder = Folder.shared
        // Non-ASCII words folded once per document here: the shared folder takes a lock per call.
        var folds: [String: String] = [:]
        for (a, b, kind) in segments where kind != 0 {
            let k: Token.Kind = kind == 1 ? .punctuation : kind == 2 ? .number : .word
            let range = Int(a)..<Int(b)
            if units[range].allSatisfy({ $0 < 0x80 }) {
                // ASCII: the string built straight from the units, lower-cased on the way unless punctuation.
                let lower = k != .punctuation
                let s = String(unsafeUninitializedCapacity: range.count) { out in
                    for (j, i) in range.enumerated() {
                        let u = UInt8(truncatingIfNeeded: units[i])
                        out[j] = lower && u >= 0x41 && u <= 0x5A ? u | 0x20 : u
                    }
                    return range.count
                }
                // The one ASCII character `foldPunctuation` changes is the backquote.
                let folded = lower || range.count != 1 || units[range.lowerBound] != 0x60 ? s : "'"
                tokens.append(Token(start: Int(toScalar[Int(a)]), end: Int(toScalar[Int(b)]), kind: k, folded: folded))
                continue
            }
            // Curly quotes and dashes, one unit each: folded without building the string first.
            if k == .punctuation, range.count == 1, let p = Self.foldedPunctuation(units[range.lowerBound]) {
                tokens.append(Token(start: Int(toScalar[Int(a)]), end: Int(toScalar[Int(b)]), kind: k, folded: p))
                continue
            }
            let word = String(decoding: units[range], as: UTF16.self)
            let folded: String
            if k == .punctuation {
                folded = foldPunctuation(word)
            } else if let f = folds[word] {
                folded = f
            } else {
                folded = folder.fold(word[...])
                folds[word] = folded
            }
            tokens.append(Token(start: Int(toScalar[Int(a)]), end: Int(toScalar[Int(b)]), kind: k, folded: folded))
        }
        return tokens
    }

    /// `foldPunctuation` of the one-unit punctuation marks it lists, from the unit; nil for the others.
    static func foldedPunctuation(_ u: UInt16) -> String? {
        switch u {
        case 0x2019, 0x2018, 0x02BC, 0x0060, 0x00B4: return "'"
        case 0x201C, 0x201D, 0x00AB, 0x00BB: return "\""
        case 0x2013, 0x2014, 0x2012, 0x2015: return "-"
        default: return nil
        }
    }

    /// Curly quotes and dashes folded to their ASCII forms.
    static func foldPunctuation(_ p: String) -> String {
        switch p {
        case "’", "‘", "ʼ", "`", "´": return "'"
        case "“", "”", "«", "»": return "\""
        case "–", "—", "‒", "―": return "-"
        default: return p
        }
    }
}

extension Document {
    /// The text as scalars: the copy the tokenizer keeps on the document, or a new one when it has none.
    public var scalarText: ScalarText { scalars ?? ScalarText(text) }
    /// Whether the text is caseless: the tokenizer's answer, or `SentenceSplitter.isCaseless` when it has none.
    public var isCaseless: Bool { caseless ?? SentenceSplitter.isCaseless(text) }
}
