import RexModel

/// Finds paragraphs and section headings in plain text, as an analyst sees them.
///
/// A paragraph is a run of non-empty lines. A section starts at a heading: a short line without final
/// punctuation ("Mali: Turning Into A Terrorist Sanctuary"), or a short lead-in ending with a colon at the
/// start of a paragraph ("2020 Terrorist Incidents:", "April 14, 2023:"). A section runs to the next heading.
public enum Layout {
    public static func paragraphs(in text: ScalarText) -> [Span] {
        var result: [Span] = []
        var lineStart = 0
        var paraStart: Int? = nil
        var paraEnd = 0
        let n = text.count
        var i = 0
        while i <= n {
            if i == n || text[i] == "\n" {
                let (a, b) = trimmed(text, lineStart, i)
                if a < b {
                    if paraStart == nil { paraStart = a }
                    paraEnd = b
                    // Each non-empty line is its own paragraph when lines are long (one paragraph per line),
                    // which is how reports exported to text are laid out.
                    result.append(Span(start: paraStart!, end: paraEnd))
                    paraStart = nil
                }
                lineStart = i + 1
            }
            i += 1
        }
        return result
    }

    /// Section headings found at paragraph starts; the sections cover the text from one heading to the next.
    public static func sections(in text: ScalarText, paragraphs: [Span]) -> [Section] {
        var heads: [(start: Int, heading: String)] = []
        for p in paragraphs {
            let line = text.slice(p)
            if let h = heading(of: line) { heads.append((p.start, h)) }
        }
        var sections: [Section] = []
        for (k, h) in heads.enumerated() {
            let end = k + 1 < heads.count ? heads[k + 1].start : text.count
            sections.append(Section(start: h.start, end: end, heading: h.heading))
        }
        return sections
    }

    /// The heading a paragraph opens with, if any.
    static func heading(of line: String) -> String? {
        // Words separated by spaces and tabs, counted up to 13 only: paragraphs can be long.
        var words = 0
        var inWord = false
        for ch in line {
            if ch == " " || ch == "\t" { inWord = false; continue }
            if !inWord { inWord = true; words += 1; if words > 12 { break } }
        }
        if words == 0 { return nil }
        // A whole short line with no final sentence punctuation.
        if words <= 12, let last = line.last, !".!?;,\"”".contains(last), line.utf8.count < 100 || line.count < 100,
           let first = line.first, first.isUppercase || first.isNumber || first == "•" ? first != "•" : false {
            return line.hasSuffix(":") ? String(line.dropLast()) : line
        }
        // A lead-in "Heading:  text" at the start of a paragraph.
        // A lead of more than 70 characters is no heading: the colon is looked for in the first 71 only.
        if let colon = line.prefix(71).firstIndex(of: ":") {
            let lead = line[..<colon]
            let leadWords = lead.split(separator: " ")
            let after = line[line.index(after: colon)...]
            // The rest of the line must read as running text, not a menu ("Mali: Current 2023 2022 …").
            if !leadWords.isEmpty, leadWords.count <= 8, lead.count <= 70, after.first?.isWhitespace == true,
               after.contains(where: { ".!?".contains($0) }),
               let f = lead.first, f.isUppercase || f.isNumber,
               leadWords.allSatisfy({ w in w.first.map { $0.isUppercase || $0.isNumber || ["and", "of", "the", "on", "for", "in", "to"].contains(w) } ?? false }) {
                return String(lead)
            }
        }
        return nil
    }

    static func trimmed(_ text: ScalarText, _ a: Int, _ b: Int) -> (Int, Int) {
        var a = a, b = b
        while a < b, text[a].properties.isWhitespace { a += 1 }
        while b > a, text[b - 1].properties.isWhitespace { b -= 1 }
        return (a, b)
    }
}
