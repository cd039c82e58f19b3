import TextBridge

/// A parsed HTML page as a flat array of nodes, built from the bridge's record stream.
struct HTMLTree {
    struct Node {
        /// Lower-cased tag name, or "#text".
        var name: String
        var attributes: [(String, String)]
        var text: String
        var parent: Int
        var children: [Int] = []

        func attribute(_ key: String) -> String? {
            attributes.first { $0.0.lowercased() == key }?.1
        }
    }

    var nodes: [Node]
    /// The root is node 0, a synthetic container.
    static let root = 0

    /// Parses a page already decoded to UTF-8 (any charset it declares is ignored); nil when libxml2
    /// cannot make anything of it.
    init?(utf8 bytes: [UInt8]) {
        var outLen: Int32 = 0
        let ptr: UnsafeMutablePointer<CChar>? = bytes.withUnsafeBufferPointer { buf in
            buf.withMemoryRebound(to: CChar.self) { b in tb_html_events(b.baseAddress, Int32(b.count), "UTF-8", &outLen) }
        }
        guard let ptr else { return nil }
        defer { tb_free(ptr) }
        let raw = UnsafeRawBufferPointer(start: ptr, count: Int(outLen))
        nodes = [Node(name: "#root", attributes: [], text: "", parent: -1)]
        var stack = [0]
        var start = 0
        let bytes = Array(raw)
        func field(_ a: Int, _ b: Int) -> String { String(decoding: bytes[a..<b], as: UTF8.self) }
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != 0x1E { end += 1 }
            if end > start {
                let kind = bytes[start]
                switch kind {
                case UInt8(ascii: "S"):
                    var parts: [String] = []
                    var a = start + 1
                    for i in (start + 1)...end where i == end || bytes[i] == 0x1F {
                        parts.append(field(a, i)); a = i + 1
                    }
                    var attrs: [(String, String)] = []
                    var k = 1
                    while k + 1 < parts.count { attrs.append((parts[k].lowercased(), parts[k + 1])); k += 2 }
                    let idx = nodes.count
                    nodes.append(Node(name: parts[0].lowercased(), attributes: attrs, text: "", parent: stack.last!))
                    nodes[stack.last!].children.append(idx)
                    stack.append(idx)
                case UInt8(ascii: "E"):
                    if stack.count > 1 { stack.removeLast() }
                case UInt8(ascii: "T"):
                    let idx = nodes.count
                    nodes.append(Node(name: "#text", attributes: [], text: field(start + 1, end), parent: stack.last!))
                    nodes[stack.last!].children.append(idx)
                default: break
                }
            }
            start = end + 1
        }
    }

    /// Indices of all descendants of `i` with tag `name`, in document order.
    func descendants(of i: Int, named name: String) -> [Int] {
        var out: [Int] = []
        var stack = Array(nodes[i].children.reversed())
        while let j = stack.popLast() {
            if nodes[j].name == name { out.append(j) }
            stack.append(contentsOf: nodes[j].children.reversed())
        }
        return out
    }

    /// All text under `i`, whitespace collapsed.
    func text(of i: Int) -> String {
        var parts: [String] = []
        var stack = [i]
        while let j = stack.popLast() {
            if nodes[j].name == "#text" { parts.append(nodes[j].text) }
            stack.append(contentsOf: nodes[j].children.reversed())
        }
        return HTMLTree.collapse(parts.joined())
    }

    static func collapse(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var space = false
        for ch in s {
            if ch.isWhitespace && ch != "\u{00A0}" || ch == "\u{00A0}" {
                space = true
            } else {
                if space && !out.isEmpty { out.append(" ") }
                space = false
                out.append(ch)
            }
        }
        return out
    }
}
