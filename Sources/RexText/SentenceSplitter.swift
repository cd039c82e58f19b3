import Foundation
import RexModel

/// Splits the text into sentences with ICU's sentence break iterator, then repairs what it gets wrong in
/// reports: no break after abbreviations listed in `lexicon/abbreviations.txt` ("Gen.", "U.S."), a break at
/// every line end (headings and list items without final punctuation are sentences of their own), and a
/// break after a section lead-in ("2020 Terrorist Incidents:").
public struct SentenceSplitter: Stage {
    public let name = "sentences"
    public let requires: Set<Layer> = [.text, .sections, .tokens]
    public let adds: Set<Layer> = [.sentences]

    /// Abbreviation → true when it always precedes a name (a title).
    let abbreviations: [String: Bool]

    public init(abbreviations: [String: Bool]) { self.abbreviations = abbreviations }

    /// Loads the abbreviation list from the data folder.
    public init(data: URL) throws {
        let file = try DataFile(data.appendingPathComponent("lexicon/abbreviations.txt"))
        var table: [String: Bool] = [:]
        for row in file.rows {
            guard row.fields.count >= 2, ["title", "other"].contains(row.fields[1]) else {
                throw file.error(row.line, "expected 'abbreviation<TAB>title|other'")
            }
            table[row.fields[0]] = row.fields[1] == "title"
        }
        self.init(abbreviations: table)
    }

    public func process(_ document: inout Document) throws {
        document.sentences = split(document)
    }

    func split(_ document: Document) -> [Sentence] {
        let text = ScalarText(document.text)
        let (units, toScalar) = ICU.utf16WithScalarMap(document.text)
        var ends = Set(ICU.sentenceBounds(units).map { Int(toScalar[Int($0)]) })
        // Every line end is a boundary.
        for i in 0..<text.count where text[i] == "\n" { ends.insert(i + 1) }
        // A section lead-in ends where its colon is.
        for s in document.sections {
            guard let h = s.heading else { continue }
            let n = h.unicodeScalars.count
            if s.start + n < text.count, text[s.start + n] == ":" { ends.insert(s.start + n + 1) }
        }
        ends.insert(text.count)
        // Undo breaks after abbreviations.
        let tokens = document.tokens
        var tokenIndexByEnd: [Int: Int] = [:]
        for (k, t) in tokens.enumerated() { tokenIndexByEnd[t.end] = k }
        for end in ends.sorted() where end < text.count {
            var e = end
            while e > 0, text[e - 1] == " " { e -= 1 }
            guard e > 0, text[e - 1] == ".", !(end > 0 && text[end - 1] == "\n") else { continue }
            guard let word = abbreviation(endingAt: e, text: text) else { continue }
            guard let isTitle = abbreviations[word] else { continue }
            // The next token decides for non-title abbreviations.
            var j = end
            while j < text.count, text[j] == " " { j += 1 }
            guard j < text.count, text[j] != "\n" else { continue }
            let next = text[j]
            let nextLower = next.properties.isLowercase || next.properties.numericType != nil
            if isTitle || nextLower || word.count <= 5 && isCapitalizedNameStart(text, j) {
                ends.remove(end)
            }
        }
        var sentences: [Sentence] = []
        var start = 0
        for end in ends.sorted() {
            var a = start, b = end
            while a < b, text[a].properties.isWhitespace { a += 1 }
            while b > a, text[b - 1].properties.isWhitespace { b -= 1 }
            if a < b { sentences.append(Sentence(start: a, end: b)) }
            start = end
        }
        return sentences
    }

    /// The whitespace-delimited word that ends at `e` (including its final period).
    func abbreviation(endingAt e: Int, text: ScalarText) -> String? {
        var a = e
        while a > 0, !text[a - 1].properties.isWhitespace, !"(\"“'‘".unicodeScalars.contains(text[a - 1]) { a -= 1 }
        return a < e ? text.slice(a, e) : nil
    }

    /// "U.S. Department", "U.N. Security": an abbreviation followed by a capitalized word that continues a name.
    func isCapitalizedNameStart(_ text: ScalarText, _ j: Int) -> Bool {
        var k = j
        while k < text.count, text[k].properties.isAlphabetic { k += 1 }
        let word = text.slice(j, k)
        return ["Department", "Government", "Embassy", "Security", "Forces", "Army", "Military", "Congress",
                "Senate", "State", "Treasury", "Mission", "Secretary", "Special", "Marine", "Air", "Navy", "Africa",
                "Command", "Peacekeeping", "Peacekeepers", "Agency", "Ambassador", "President", "Office",
                "Panel", "Mali", "Sanctions", "Stabilization", "Multidimensional", "Human"].contains(word)
    }
}
