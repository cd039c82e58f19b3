import RexModel
import RexText

/// One key token of a name: its folded form (diacritics folded, lower case, apostrophes removed) and whether
/// the written token carried a possessive ending ("Mali’s", "Nations’").
public struct KeyToken: Equatable, Sendable {
    public var key: String
    public var possessive: Bool
    /// Unicode scalars of the possessive ending in the written token ("’s" = 2, "’" = 1), 0 when none.
    public var possessiveLength: Int
}

/// Turns names and text tokens into the key tokens the matcher compares, the same way on both sides.
///
/// Names in gazetteers are split the way the ICU word tokenizer splits text (letters and digits run
/// together; an apostrophe or a period between two letters stays inside the word; every other mark is a
/// token of its own), then each token is folded like `Token.folded` and normalized:
/// - hyphens and dashes are dropped, so "al-Qaeda", "al Qaeda" and "al–Qaeda" have one key;
/// - apostrophes inside a word are removed ("Jama’at" = "Jamaat", "d’Ivoire" = "divoire");
/// - a possessive ending ("’s", or "’" after s) is cut off and remembered;
/// - a period that ends a word with inner periods is dropped ("U.S." → "u.s").
public enum NameKey {
    /// Folds one scalar the way ICU's "Latin-ASCII; Lower" does, through a table built from ICU itself for
    /// the Latin ranges (so that gazetteer names and text tokens fold identically), or nil outside them.
    static let latinTable: [UInt32: String] = {
        var t: [UInt32: String] = [:]
        let ranges: [ClosedRange<UInt32>] = [0xC0...0x24F, 0x1E00...0x1EFF, 0x2018...0x201F, 0x2BC...0x2BC]
        for r in ranges {
            for v in r {
                guard let s = Unicode.Scalar(v) else { continue }
                t[v] = Folder.shared.fold(String(Character(s)))
            }
        }
        return t
    }()

    /// Folds a word: ASCII lower-cased, Latin letters through the table, anything else through ICU.
    public static func fold(_ word: Substring) -> String {
        var ascii = true
        for b in word.utf8 where b >= 0x80 { ascii = false; break }
        if ascii { return word.lowercased() }
        var out = ""
        out.reserveCapacity(word.utf8.count)
        for s in word.unicodeScalars {
            if s.isASCII {
                out.unicodeScalars.append(s.properties.lowercaseMapping.unicodeScalars.first!)
            } else if let m = latinTable[s.value] {
                out += m
            } else {
                return Folder.shared.fold(word)
            }
        }
        return out
    }

    static func isApostrophe(_ s: Unicode.Scalar) -> Bool {
        s == "'" || s == "\u{2019}" || s == "\u{2018}" || s == "\u{02BC}" || s == "`" || s == "\u{B4}"
    }

    static func isDash(_ s: Unicode.Scalar) -> Bool {
        s == "-" || s == "\u{2010}" || s == "\u{2011}" || s == "\u{2012}" || s == "\u{2013}" || s == "\u{2014}"
            || s == "\u{2015}" || s == "\u{2212}"
    }

    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic || s.properties.numericType != nil || s.properties.generalCategory == .nonspacingMark
    }

    /// Splits a name into written tokens as the ICU word tokenizer would (hyphens and whitespace dropped).
    public static func split(_ name: Substring) -> [Substring] {
        var out: [Substring] = []
        let scalars = name.unicodeScalars
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let s = scalars[i]
            if isWordScalar(s) {
                var j = scalars.index(after: i)
                while j < scalars.endIndex {
                    let c = scalars[j]
                    if isWordScalar(c) { j = scalars.index(after: j); continue }
                    // An apostrophe or a period between two word characters stays inside the word.
                    if isApostrophe(c) || c == "." {
                        let k = scalars.index(after: j)
                        if k < scalars.endIndex, isWordScalar(scalars[k]) { j = k; continue }
                    }
                    break
                }
                out.append(Substring(scalars[i..<j]))
                i = j
            } else {
                if !s.properties.isWhitespace && !isDash(s) {
                    // A period right after a word with inner periods belongs to it ("U.S."): dropped in keys.
                    let isAbbrevPeriod = s == "." && (out.last.map { $0.contains(".") } ?? false)
                        && scalars.index(before: i) >= scalars.startIndex
                        && isWordScalar(scalars[scalars.index(before: i)])
                    if !isAbbrevPeriod { out.append(Substring(scalars[i...i])) }
                }
                i = scalars.index(after: i)
            }
        }
        return out
    }

    /// The key of one written token (or of an already folded token: folding is idempotent).
    public static func key(_ written: Substring) -> KeyToken {
        var f = fold(written)
        // Curly apostrophes the ICU fold leaves alone.
        if f.unicodeScalars.contains(where: { isApostrophe($0) && $0 != "'" }) {
            f = String(String.UnicodeScalarView(f.unicodeScalars.map { isApostrophe($0) ? "'" : $0 }))
        }
        var possessive = false
        var plen = 0
        if f.count > 2, f.hasSuffix("'s") {
            f.removeLast(2); possessive = true; plen = 2
        } else if f.count > 1, f.hasSuffix("'") {
            f.removeLast(); possessive = true; plen = 1
        }
        if f.contains("'") { f.removeAll { $0 == "'" } }
        return KeyToken(key: f, possessive: possessive, possessiveLength: plen)
    }

    /// Key tokens of a whole name.
    public static func keys(_ name: Substring) -> [KeyToken] {
        split(name).map { key($0) }
    }

    /// True when a spelling must match case-sensitively: it has two or more capital letters and no small
    /// letter after the first capital run ("JNIM", "U.S.", "ISIS-GS").
    public static func isAcronym(_ s: Substring) -> Bool {
        var upper = 0, lower = 0
        for c in s.unicodeScalars {
            if c.properties.isUppercase { upper += 1 } else if c.properties.isLowercase { lower += 1 }
        }
        return upper >= 2 && lower == 0
    }

    /// The written form used for case-sensitive comparison: curly quotes and dashes made ASCII, whitespace
    /// collapsed, a final period dropped.
    public static func surface(_ s: Substring) -> String {
        var out = String.UnicodeScalarView()
        var space = false
        for c in s.unicodeScalars {
            if c.properties.isWhitespace { space = !out.isEmpty; continue }
            if space { out.append(" "); space = false }
            out.append(isApostrophe(c) ? "'" : isDash(c) ? "-" : c)
        }
        var r = String(out)
        if r.hasSuffix(".") { r.removeLast() }
        return r
    }
}
