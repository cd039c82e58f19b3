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
        var ascii = true, upper = false
        for b in word.utf8 {
            if b >= 0x80 { ascii = false; break }
            if b >= 0x41 && b <= 0x5A { upper = true }
        }
        // Already-folded tokens (the usual input) are copied as they are.
        if ascii { return upper ? word.lowercased() : String(word) }
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

    @inline(__always) static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 {
            let v = s.value | 0x20
            return (v >= 0x61 && v <= 0x7A) || (s.value >= 0x30 && s.value <= 0x39)
        }
        return s.properties.isAlphabetic || s.properties.numericType != nil || s.properties.generalCategory == .nonspacingMark
    }

    /// Splits a name into written tokens as the ICU word tokenizer would (hyphens and whitespace dropped).
    public static func split(_ name: Substring) -> [Substring] {
        var out: [Substring] = []
        let scalars = name.unicodeScalars
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let s = scalars[i]
            if s == " " { i = scalars.index(after: i); continue }
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
                if !(s.value < 0x80 ? s == " " || s == "\t" : s.properties.isWhitespace) && !isDash(s) {
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
        var hasApostrophe = false
        for b in f.utf8 where b == 0x27 || b == 0x60 || b >= 0x80 { hasApostrophe = true; break }
        guard hasApostrophe else { return KeyToken(key: f, possessive: false, possessiveLength: 0) }
        // Curly apostrophes the ICU fold leaves alone.
        if f.unicodeScalars.contains(where: { isApostrophe($0) && $0 != "'" }) {
            f = String(String.UnicodeScalarView(f.unicodeScalars.map { isApostrophe($0) ? "'" : $0 }))
        }
        var bytes = Array(f.utf8)
        var possessive = false
        var plen = 0
        if bytes.count > 2, bytes[bytes.count - 2] == 0x27, bytes[bytes.count - 1] == 0x73 {
            bytes.removeLast(2); possessive = true; plen = 2
        } else if bytes.count > 1, bytes[bytes.count - 1] == 0x27 {
            bytes.removeLast(); possessive = true; plen = 1
        }
        bytes.removeAll { $0 == 0x27 }
        return KeyToken(key: String(decoding: bytes, as: UTF8.self), possessive: possessive, possessiveLength: plen)
    }

    /// Key tokens of a whole name.
    public static func keys(_ name: Substring) -> [KeyToken] {
        if let fast = asciiKeys(name) { return fast }
        return split(name).map { key($0) }
    }

    /// `keys` for ASCII names, on bytes (most gazetteer spellings): the same rules, without Unicode look-ups.
    static func asciiKeys(_ name: Substring) -> [KeyToken]? {
        var out: [KeyToken] = []
        var ok = true
        name.utf8.withContiguousStorageIfAvailable { buf in
            let n = buf.count
            @inline(__always) func isWord(_ b: UInt8) -> Bool {
                let l = b | 0x20
                return (l >= 0x61 && l <= 0x7A) || (b >= 0x30 && b <= 0x39)
            }
            var i = 0
            var lastHadPeriod = false
            while i < n {
                let b = buf[i]
                if b >= 0x80 { ok = false; return }
                if isWord(b) {
                    var word: [UInt8] = []
                    var hadPeriod = false
                    var hadApostrophe = false
                    var j = i
                    while j < n {
                        let c = buf[j]
                        if c >= 0x80 { ok = false; return }
                        if isWord(c) { word.append(c >= 0x41 && c <= 0x5A ? c | 0x20 : c); j += 1; continue }
                        if (c == 0x27 || c == 0x60 || c == 0x2E) && j + 1 < n && buf[j + 1] < 0x80 && isWord(buf[j + 1]) {
                            if c == 0x2E { hadPeriod = true; word.append(c) } else { hadApostrophe = true; word.append(c) }
                            j += 1
                            continue
                        }
                        break
                    }
                    var possessive = false, plen = 0
                    if hadApostrophe {
                        for k in word.indices where word[k] == 0x60 { word[k] = 0x27 }
                        if word.count > 2, word[word.count - 2] == 0x27, word[word.count - 1] == 0x73 {
                            word.removeLast(2); possessive = true; plen = 2
                        }
                        word.removeAll { $0 == 0x27 || $0 == 0x60 }
                    }
                    out.append(KeyToken(key: String(decoding: word, as: UTF8.self), possessive: possessive, possessiveLength: plen))
                    lastHadPeriod = hadPeriod
                    i = j
                } else {
                    if b != 0x20 && b != 0x09 && b != 0x2D {
                        let abbrevPeriod = b == 0x2E && lastHadPeriod && i > 0 && isWord(buf[i - 1])
                        if !abbrevPeriod {
                            let k = key(Substring(String(UnicodeScalar(b))))
                            out.append(k)
                        }
                    }
                    lastHadPeriod = false
                    i += 1
                }
            }
        } ?? { ok = false }()
        return ok ? out : nil
    }

    /// True when a spelling must match case-sensitively: it has two or more capital letters and no small
    /// letter after the first capital run ("JNIM", "U.S.", "ISIS-GS").
    public static func isAcronym(_ s: Substring) -> Bool {
        var upper = 0, lower = 0
        for c in s.unicodeScalars {
            if c.value < 0x80 {
                if c.value >= 0x41 && c.value <= 0x5A { upper += 1 } else if c.value >= 0x61 && c.value <= 0x7A { lower += 1 }
                if lower > 0 { return false }
                continue
            }
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
            let white = c.value < 0x80 ? c == " " || (c.value >= 0x09 && c.value <= 0x0D) : c.properties.isWhitespace
            if white { space = !out.isEmpty; continue }
            if space { out.append(" "); space = false }
            out.append(isApostrophe(c) ? "'" : isDash(c) ? "-" : c)
        }
        var r = String(out)
        if r.hasSuffix(".") { r.removeLast() }
        return r
    }
}
