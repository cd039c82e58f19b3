/// The document text as an array of Unicode scalars, for O(1) slicing by schema offsets.
public struct ScalarText: Sendable {
    public let scalars: [Unicode.Scalar]
    public init(_ text: String) { scalars = Array(text.unicodeScalars) }
    public var count: Int { scalars.count }

    /// The text of `start..<end` (scalar offsets), clamped to the text.
    public func slice(_ start: Int, _ end: Int) -> String {
        let a = max(0, min(start, scalars.count)), b = max(a, min(end, scalars.count))
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[a..<b])
        return String(s)
    }

    public func slice(_ span: Span) -> String { slice(span.start, span.end) }

    public subscript(i: Int) -> Unicode.Scalar { scalars[i] }
}
