/// The document text as an array of Unicode scalars, for O(1) slicing by schema offsets.
public struct ScalarText: Sendable, Equatable {
    public let scalars: [Unicode.Scalar]
    public init(_ text: String) {
        var text = text
        // Decoded from the UTF-8 bytes straight into the array (the scalars are never more than the bytes):
        // several times faster than `Array(text.unicodeScalars)`.
        scalars = text.withUTF8 { b in
            [Unicode.Scalar](unsafeUninitializedCapacity: b.count) { out, count in
                var i = 0, n = 0
                while i < b.count {
                    let c = b[i]
                    if c < 0x80 {
                        out[n] = Unicode.Scalar(c)
                        i += 1
                    } else {
                        // Valid UTF-8 (a String's): the lead byte gives the length.
                        let len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2
                        var v = UInt32(c) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
                        for k in 1..<len { v = v << 6 | UInt32(b[i + k] & 0x3F) }
                        out[n] = Unicode.Scalar(v) ?? "\u{FFFD}"
                        i += len
                    }
                    n += 1
                }
                count = n
            }
        }
    }
    public var count: Int { scalars.count }

    /// The text of `start..<end` (scalar offsets), clamped to the text.
    public func slice(_ start: Int, _ end: Int) -> String {
        let a = max(0, min(start, scalars.count)), b = max(a, min(end, scalars.count))
        if a == b { return "" }
        // Encoded straight into the string's storage: one allocation, no per-scalar append.
        return scalars.withUnsafeBufferPointer { sp in
            String(unsafeUninitializedCapacity: (b - a) * 4) { out in
                var n = 0
                for i in a..<b {
                    let v = sp[i].value
                    if v < 0x80 {
                        out[n] = UInt8(v); n += 1
                    } else if v < 0x800 {
                        out[n] = UInt8(0xC0 | v >> 6); out[n + 1] = UInt8(0x80 | v & 0x3F); n += 2
                    } else if v < 0x10000 {
                        out[n] = UInt8(0xE0 | v >> 12); out[n + 1] = UInt8(0x80 | v >> 6 & 0x3F)
                        out[n + 2] = UInt8(0x80 | v & 0x3F); n += 3
                    } else {
                        out[n] = UInt8(0xF0 | v >> 18); out[n + 1] = UInt8(0x80 | v >> 12 & 0x3F)
                        out[n + 2] = UInt8(0x80 | v >> 6 & 0x3F); out[n + 3] = UInt8(0x80 | v & 0x3F); n += 4
                    }
                }
                return n
            }
        }
    }

    public func slice(_ span: Span) -> String { slice(span.start, span.end) }

    public subscript(i: Int) -> Unicode.Scalar { scalars[i] }
}
