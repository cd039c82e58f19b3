/// The right-hand side of a date rule: how to write the TIMEX3 value (or `end`, or `mod`) from what the
/// pattern captured.
///
/// A spec is literal text with `{name}` for a capture's normalized value and calls of the functions below;
/// after evaluation a value that starts with `XXXX` has no year yet and is anchored (section heading year,
/// narrative reference time, or dct, in that order of locality).
///
/// | function | result |
/// | --- | --- |
/// | `dur(n, unit)` | a duration: `dur(6, M)` → `P6M`, `dur(X, Y)` → `PXY`, `dur(2, H)` → `PT2H` |
/// | `rel(anchor, n, unit)` | the anchor shifted by n units, at that unit's granularity: `rel(dct, -1, W)` → `2023-W14`; anchor is `dct` (the time of writing), `ref` (the narrative reference time) or `ctx` (the nearest anchor); unit `=` keeps the anchor's granularity |
/// | `wd(n)` | the day of weekday n (1 = Monday) nearest the time of writing in the direction the tense gives |
/// | `week(day)` | the ISO week of a day: `week(wd(6))-WE` is the weekend before or after the time of writing |
/// | `nthwd(m.n.w)` | the n-th weekday w of month m (n = -1: the last), in the year the tense points to: `nthwd(11.4.4)` is Thanksgiving |
/// | `decade(d)` | `199` from `199`, and from a two-digit `9` ("'90s") the latest such decade before the dct |
/// | `yy(n)` | a four-digit year from a two-digit one, the nearest to the dct |
/// | `endyear(y, n)` | the end year of "2021-25": `2025` |
/// | `h24(h, ampm)` | a two-digit 24-hour clock hour |
/// | `pad(n)` | a two-digit number |
struct ValueSpec: Sendable, CustomStringConvertible {
    indirect enum Part: Sendable {
        case literal(String)
        case capture(String)
        case call(String, [ValueSpec])
    }

    let parts: [Part]
    let source: String

    static let functions: Set<String> = ["dur", "rel", "wd", "week", "nthwd", "decade", "yy", "endyear", "h24", "pad"]

    struct ParseError: Error { let reason: String }

    init(_ source: String) throws {
        self.source = source
        var chars = Array(source)[...]
        parts = try Self.parse(&chars, nested: false)
        if !chars.isEmpty { throw ParseError(reason: "unexpected '\(String(chars))'") }
    }

    private init(parts: [Part], source: String) { self.parts = parts; self.source = source }

    var description: String { source }

    /// Parses up to the end, or (nested) up to a top-level ',' or ')' which is left in place.
    private static func parse(_ s: inout ArraySlice<Character>, nested: Bool) throws -> [Part] {
        var parts: [Part] = []
        var literal = ""
        func flush() { if !literal.isEmpty { parts.append(.literal(literal)); literal = "" } }
        while let c = s.first {
            if nested && (c == "," || c == ")") { break }
            if c == "{" {
                guard let close = s.firstIndex(of: "}") else { throw ParseError(reason: "'{' without '}'") }
                let name = String(s[s.index(after: s.startIndex)..<close])
                guard !name.isEmpty else { throw ParseError(reason: "empty '{}'") }
                flush()
                parts.append(.capture(name))
                s = s[s.index(after: close)...]
                continue
            }
            if c.isLowercase {
                // A function call: a known lower-case name followed by '('.
                var name = ""
                var t = s
                while let d = t.first, d.isLowercase || d.isNumber { name.append(d); t = t.dropFirst() }
                if t.first == "(" {
                    guard functions.contains(name) else { throw ParseError(reason: "unknown function '\(name)'") }
                    t = t.dropFirst()
                    var args: [ValueSpec] = []
                    while true {
                        let start = t
                        let argParts = try parse(&t, nested: true)
                        let src = String(start[start.startIndex..<t.startIndex]).trimmingCharacters(in: .whitespaces)
                        args.append(ValueSpec(parts: trimmed(argParts), source: src))
                        guard let d = t.first else { throw ParseError(reason: "'\(name)(' without ')'") }
                        t = t.dropFirst()
                        if d == ")" { break }
                    }
                    flush()
                    parts.append(.call(name, args))
                    s = t
                    continue
                }
                literal += name
                s = t
                continue
            }
            literal.append(c)
            s = s.dropFirst()
        }
        flush()
        return parts
    }

    /// Arguments lose surrounding spaces ("rel(dct, -1, W)").
    private static func trimmed(_ parts: [Part]) -> [Part] {
        var p = parts
        if case .literal(let l)? = p.first { p[0] = .literal(String(l.drop(while: { $0 == " " }))) }
        if case .literal(let l)? = p.last { p[p.count - 1] = .literal(String(l.reversed().drop(while: { $0 == " " }).reversed())) }
        return p.filter { if case .literal("") = $0 { return false }; return true }
    }

    /// Names of the captures and functions the spec uses (for checking rules at load time).
    var captureNames: [String] {
        parts.flatMap { p -> [String] in
            switch p {
            case .capture(let n): return [n]
            case .call(_, let args): return args.flatMap(\.captureNames)
            case .literal: return []
            }
        }
    }

    /// Evaluates with the given captures; functions that need anchors ask `env`.
    func evaluate(_ captures: [String: String], _ env: inout Resolution) throws -> String {
        var out = ""
        for p in parts {
            switch p {
            case .literal(let l): out += l
            case .capture(let n):
                guard let v = captures[n] else { throw EvalError.missingCapture(n) }
                out += v
            case .call(let name, let args):
                let vals = try args.map { try $0.evaluate(captures, &env) }
                out += try env.call(name, vals)
            }
        }
        return out
    }

    enum EvalError: Error {
        case missingCapture(String)
        case badArgument(String)
        case noAnchor
    }
}
