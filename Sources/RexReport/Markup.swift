import RexModel

/// A range of the document text to wrap in an element: a mention, an event trigger, the words a slot rests on.
public struct MarkSpan: Sendable, Equatable {
    /// Unicode-scalar offsets into the text, `end` exclusive (the schema's unit).
    public var start: Int
    public var end: Int
    /// Element name: `mark` for mentions and triggers, `span` for supporting words.
    public var tag: String
    /// Attributes of the opening tag (name, value), written escaped and in this order. An `id` is written
    /// only on the first piece when the span has to be split.
    public var attributes: [(String, String)]

    public init(start: Int, end: Int, tag: String = "mark", attributes: [(String, String)]) {
        self.start = start; self.end = end; self.tag = tag; self.attributes = attributes
    }

    public static func == (a: MarkSpan, b: MarkSpan) -> Bool {
        a.start == b.start && a.end == b.end && a.tag == b.tag
            && a.attributes.map { $0.0 + "\u{0}" + $0.1 } == b.attributes.map { $0.0 + "\u{0}" + $0.1 }
    }
}

/// Writes a text as HTML with spans wrapped in elements, by Unicode-scalar offsets.
///
/// Nested spans become nested elements. Spans that cross (one starts inside another and ends after it) are
/// split at the crossing: the later piece repeats the attributes without the `id` and carries
/// `data-cont="1"`, so the HTML stays well formed and every scalar of every span is still covered.
///
/// - Complexity: O(n + k log k) for n scalars and k spans.
public enum Markup {
    public static func render(_ text: ScalarText, spans: [MarkSpan]) -> String {
        let n = text.count
        let spans = spans.compactMap { s -> MarkSpan? in
            var s = s
            s.start = max(0, min(s.start, n)); s.end = max(0, min(s.end, n))
            return s.start < s.end ? s : nil
        }
        // Longer first at the same start, so that the outer element opens first.
        let order = spans.indices.sorted {
            (spans[$0].start, -spans[$0].end, $0) < (spans[$1].start, -spans[$1].end, $1)
        }
        var bounds = Set<Int>([0, n])
        for s in spans { bounds.insert(s.start); bounds.insert(s.end) }
        let points = bounds.sorted()

        var out = ""
        var stack: [Int] = []
        var next = 0
        func open(_ i: Int, continued: Bool) {
            let s = spans[i]
            out += "<" + s.tag
            for (k, v) in s.attributes where !(continued && k == "id") { out += HTML.attr(k, v) }
            if continued { out += " data-cont=\"1\"" }
            out += ">"
        }
        for (pi, p) in points.enumerated() {
            // Close every span that ends here; reopen the ones above it that go on.
            if let lowest = stack.firstIndex(where: { spans[$0].end <= p }) {
                let popped = stack[lowest...]
                for i in popped.reversed() { out += "</" + spans[i].tag + ">" }
                stack.removeSubrange(lowest...)
                for i in popped where spans[i].end > p {
                    open(i, continued: true)
                    stack.append(i)
                }
            }
            while next < order.count && spans[order[next]].start == p {
                open(order[next], continued: false)
                stack.append(order[next])
                next += 1
            }
            if pi + 1 < points.count { out += HTML.escape(text.slice(p, points[pi + 1])) }
        }
        for i in stack.reversed() { out += "</" + spans[i].tag + ">" }
        return out
    }
}
