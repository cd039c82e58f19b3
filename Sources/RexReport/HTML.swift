/// Escaping and small builders for the report's hand-written HTML.
///
/// Everything that comes from a document (text, names, values, ids) goes through `escape` before it is
/// written, in element content and in attribute values alike.
public enum HTML {
    /// Escapes `& < > " '` and replaces control characters that HTML does not allow with U+FFFD.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(s.unicodeScalars.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || (0x7F...0x9F).contains(u.value) || (0xFDD0...0xFDEF).contains(u.value)
                    || u.value & 0xFFFE == 0xFFFE {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }

    /// ` name="value"` with the value escaped; empty when `value` is nil.
    public static func attr(_ name: String, _ value: String?) -> String {
        guard let value else { return "" }
        return " \(name)=\"\(escape(value))\""
    }

    /// A fragment identifier safe to use as an HTML id and in `href="#…"`: letters, digits, `-`, `_`, `.`;
    /// anything else becomes `_`.
    public static func id(_ s: String) -> String {
        let mapped = s.unicodeScalars.map { u -> Character in
            (u.isASCII && (u.properties.isAlphabetic || ("0"..."9").contains(u) || u == "-" || u == "_" || u == "."))
                ? Character(u) : "_"
        }
        let r = String(mapped)
        return r.isEmpty ? "_" : r
    }

    /// A number for SVG attributes: at most one decimal, no trailing `.0`.
    static func num(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(format: "%.1f", r)
    }
}
