/// A pattern over tokens, the left-hand side of a date rule, written in the rule files as elements separated
/// by spaces:
///
/// | element | matches |
/// | --- | --- |
/// | `word`, `the\|this` | a token whose folded form is one of the words |
/// | `%class` | a phrase of a word-list class (`%month`, `%number`); captured under the class name |
/// | `#class` | a token of a token class (`#year`, `#day`); captured under the class name |
/// | `( … \| … )` | a group of alternatives |
/// | `!word\|word` | one token that is none of the words, or the end of the text (context only) |
/// | `[` `]` | where the expression's span starts and ends when the pattern also matches context |
/// | `\(`, `\[` | the token "(", "[" (a backslash makes any element a literal) |
///
/// Suffixes: `?` optional; `:name` captures under `name` (`#day:d2`). Prefix `~`: the token must directly
/// follow the previous one without a space (`#year ~- ~#month2`). A pattern never crosses a line break.
///
/// Example: `%month #day ( , #year )?` matches "November 29, 2023" and "November 29".
struct TokenPattern: Sendable {
    indirect enum Atom: Sendable {
        case words(Set<String>)
        case lexClass(String)
        case tokenClass(Int, String)
        case group([[Element]])
        case notWords(Set<String>)
        case spanStart, spanEnd
    }

    struct Element: Sendable {
        var atom: Atom
        var optional = false
        var glued = false
        var label: String?
    }

    let elements: [Element]
    let source: String

    struct ParseError: Error { let reason: String }

    init(_ source: String, tokenClasses: TokenClasses, lexicon: Lexicon) throws {
        self.source = source
        var parts = source.split(separator: " ", omittingEmptySubsequences: true).map(String.init)[...]
        var p = Parser(tokenClasses: tokenClasses, lexicon: lexicon)
        elements = try p.sequence(&parts, inGroup: false).first!
        if !parts.isEmpty { throw ParseError(reason: "unexpected '\(parts.first!)'") }
        if elements.isEmpty { throw ParseError(reason: "empty pattern") }
    }

    private struct Parser {
        let tokenClasses: TokenClasses
        let lexicon: Lexicon

        /// Parses alternatives separated by `|` up to a closing `)` (inside a group) or the end.
        mutating func sequence(_ parts: inout ArraySlice<String>, inGroup: Bool) throws -> [[Element]] {
            var alts: [[Element]] = [[]]
            while let w = parts.first {
                if w == "|" { parts.removeFirst(); alts.append([]); continue }
                if w.hasPrefix(")") {
                    if !inGroup { throw ParseError(reason: "')' without '('") }
                    return alts
                }
                parts.removeFirst()
                alts[alts.count - 1].append(try element(w, &parts))
            }
            if inGroup { throw ParseError(reason: "'(' without ')'") }
            if alts.count > 1 { throw ParseError(reason: "'|' between elements is only allowed inside ( )") }
            return alts
        }

        mutating func element(_ word: String, _ parts: inout ArraySlice<String>) throws -> Element {
            var w = Substring(word)
            var glued = false
            if w.hasPrefix("~") && w.count > 1 { glued = true; w = w.dropFirst() }
            if w == "(" {
                let alts = try sequence(&parts, inGroup: true)
                var close = Substring(parts.removeFirst())
                close = close.dropFirst()
                var el = Element(atom: .group(alts), glued: glued)
                if close.hasPrefix("?") { el.optional = true; close = close.dropFirst() }
                try suffixes(&close, &el)
                if !close.isEmpty { throw ParseError(reason: "unexpected '\(close)' after ')'") }
                return el
            }
            if w == "[" { return Element(atom: .spanStart) }
            if w == "]" { return Element(atom: .spanEnd) }
            if w.hasPrefix("\\") && w.count > 1 {
                // An escaped literal: "\(" is the token "(".
                return Element(atom: .words([String(w.dropFirst()).lowercased()]), glued: glued)
            }
            var el = Element(atom: .spanStart, glued: glued)
            var body = w
            try suffixes(&body, &el)
            if body.hasPrefix("%") && body.count > 1 {
                let name = String(body.dropFirst())
                guard lexicon.classes.contains(name) else { throw ParseError(reason: "unknown word class '%\(name)'") }
                el.atom = .lexClass(name)
                if el.label == nil { el.label = name }
            } else if body.hasPrefix("#") && body.count > 1 {
                let name = String(body.dropFirst())
                guard let c = tokenClasses.index(of: name) else { throw ParseError(reason: "unknown token class '#\(name)'") }
                el.atom = .tokenClass(c, name)
                if el.label == nil { el.label = name }
            } else if body.hasPrefix("!") && body.count > 1 {
                el.atom = .notWords(Set(body.dropFirst().split(separator: "|").map { String($0).lowercased() }))
            } else {
                el.atom = .words(Set(body.split(separator: "|", omittingEmptySubsequences: false).map { String($0).lowercased() }))
            }
            return el
        }

        /// Strips `?` and `:label` from the end of an element.
        func suffixes(_ w: inout Substring, _ el: inout Element) throws {
            while true {
                if w.count > 1, w.hasSuffix("?") { el.optional = true; w = w.dropLast(); continue }
                if let colon = w.lastIndex(of: ":"), colon != w.startIndex {
                    let label = w[w.index(after: colon)...]
                    if !label.isEmpty, label.allSatisfy({ $0.isLetter || $0.isNumber }) {
                        el.label = String(label); w = w[..<colon]; continue
                    }
                }
                return
            }
        }
    }

    // Matching: `PatternProgram.add(_:_:lexicon:)` and `PatternMatcher`.

    // MARK: indexing

    /// What the first consumed token of the pattern can be: folded words, token classes, or anything.
    struct FirstSet {
        var words: Set<String> = []
        var tokenClasses: Set<Int> = []
        var any = false
    }

    func firstSet(lexicon: Lexicon) -> FirstSet {
        var fs = FirstSet()
        if Self.collectFirst(elements[...], into: &fs, lexicon) { fs.any = true }
        return fs
    }

    /// Adds the possible first tokens of `els`; returns true when `els` can match without consuming a token.
    private static func collectFirst(_ els: ArraySlice<Element>, into fs: inout FirstSet, _ lexicon: Lexicon) -> Bool {
        for el in els {
            var canBeEmpty = el.optional
            switch el.atom {
            case .spanStart, .spanEnd: continue
            case .words(let w): fs.words.formUnion(w)
            case .lexClass(let c): fs.words.formUnion(lexicon.firstTokens(of: c))
            case .tokenClass(let c, _): fs.tokenClasses.insert(c)
            case .notWords: fs.any = true
            case .group(let alts):
                for alt in alts where collectFirst(alt[...], into: &fs, lexicon) { canBeEmpty = true }
            }
            if !canBeEmpty { return false }
        }
        return true
    }
}
