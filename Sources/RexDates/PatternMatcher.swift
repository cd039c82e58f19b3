/// The folded words the date rules compare tokens with (pattern literals, word-list phrases), numbered: a
/// token is looked up once per document (`MatchText.ids`) and the matchers compare integers instead of
/// hashing strings at every try.
struct Vocabulary: Sendable {
    private(set) var ids: [String: Int32] = [:]

    var count: Int { ids.count }

    @discardableResult
    mutating func add(_ word: String) -> Int32 {
        if let id = ids[word] { return id }
        let id = Int32(ids.count)
        ids[word] = id
        return id
    }

    /// The id of a word, or -1 when no rule names it.
    func id(_ word: String) -> Int32 { ids[word] ?? -1 }
}

/// A `TokenPattern` compiled for matching: elements in one flat array, words as vocabulary ids, word-list
/// classes as numbers, labels as slots. Matching it allocates nothing per step (see `PatternMatcher`).
struct CompiledPattern: Sendable {
    enum Kind: UInt8, Sendable { case words, notWords, lexClass, tokenClass, group, spanStart, spanEnd }

    struct Op: Sendable {
        var kind: Kind
        var optional: Bool
        var glued: Bool
        /// Index in `labels`, or -1.
        var label: Int32
        /// words/notWords: `words[a..<a + b]`; lexClass: class id `a`; tokenClass: class `a`;
        /// group: alternatives `alternatives[a..<a + b]`.
        var a: Int32
        var b: Int32
    }

    fileprivate(set) var ops: [Op] = []
    /// Sequences of ops (the pattern itself, the alternatives of groups): `ops[start..<start + count]`.
    fileprivate(set) var sequences: [(start: Int32, count: Int32)] = []
    /// For each group, its alternatives as indices in `sequences`, flat.
    fileprivate(set) var alternatives: [Int32] = []
    fileprivate(set) var words: [Int32] = []
    fileprivate(set) var labels: [String] = []
    /// The sequence of the whole pattern.
    fileprivate(set) var top: Int32 = 0
}

extension TokenPattern {
    /// The pattern compiled against `vocabulary` (its words are added) and the lexicon's classes.
    func compile(_ vocabulary: inout Vocabulary, lexicon: Lexicon) -> CompiledPattern {
        var c = CompiledPattern()
        c.top = Self.compile(elements, into: &c, &vocabulary, lexicon)
        return c
    }

    /// Compiles a sequence; returns its index in `sequences`.
    private static func compile(_ els: [Element], into c: inout CompiledPattern, _ vocabulary: inout Vocabulary,
                                _ lexicon: Lexicon) -> Int32 {
        // Groups first, so that the sequence's own ops are contiguous.
        var groupAlts: [Int: (Int32, Int32)] = [:]
        for (n, el) in els.enumerated() {
            if case .group(let alts) = el.atom {
                let seqs = alts.map { compile($0, into: &c, &vocabulary, lexicon) }
                groupAlts[n] = (Int32(c.alternatives.count), Int32(seqs.count))
                c.alternatives.append(contentsOf: seqs)
            }
        }
        let start = Int32(c.ops.count)
        for (n, el) in els.enumerated() {
            var label: Int32 = -1
            if let l = el.label {
                if let at = c.labels.firstIndex(of: l) { label = Int32(at) } else { label = Int32(c.labels.count); c.labels.append(l) }
            }
            var op = CompiledPattern.Op(kind: .spanStart, optional: el.optional, glued: el.glued, label: label, a: 0, b: 0)
            func wordList(_ w: Set<String>) {
                op.a = Int32(c.words.count)
                op.b = Int32(w.count)
                c.words.append(contentsOf: w.map { vocabulary.add($0) })
            }
            switch el.atom {
            case .words(let w): op.kind = .words; wordList(w)
            case .notWords(let w): op.kind = .notWords; wordList(w)
            case .lexClass(let name): op.kind = .lexClass; op.a = lexicon.classIds[name]!
            case .tokenClass(let k, _): op.kind = .tokenClass; op.a = Int32(k)
            case .group: op.kind = .group; (op.a, op.b) = groupAlts[n]!
            case .spanStart: op.kind = .spanStart
            case .spanEnd: op.kind = .spanEnd
            }
            c.ops.append(op)
        }
        c.sequences.append((start, Int32(els.count)))
        return Int32(c.sequences.count - 1)
    }
}

/// Matches compiled patterns against the tokens of one document. A partial match is a small plain value
/// (`State`); its captures live in a shared list (`nodes`), each pointing to the one captured before it, so
/// copying or extending a state copies no dictionary. `captures(of:_:)` turns them into values.
struct PatternMatcher {
    struct State {
        var pos: Int
        var spanStart = -1
        var spanEnd = -1
        /// The last capture (index in `nodes`), or -1.
        var capture: Int32 = -1
    }

    private struct Node {
        enum Kind: UInt8 { case word, entry, tokenClass, group }
        var kind: Kind
        var label: Int32
        var start: Int32
        var end: Int32
        /// entry: the lexicon entry; tokenClass: the class.
        var extra: Int32
        var previous: Int32
    }

    let text: MatchText
    let classes: TokenClasses
    let lexicon: Lexicon
    var cache: TokenClassCache
    private var nodes: [Node] = []
    private var origin = 0
    /// Spare state buffers, reused by every sequence run.
    private var pool: [[State]] = []

    init(text: MatchText, classes: TokenClasses, lexicon: Lexicon) {
        self.text = text
        self.classes = classes
        self.lexicon = lexicon
        cache = TokenClassCache(count: text.tokens.count)
    }

    /// Forgets the captures of earlier matches (their states must not be used after this).
    mutating func clearCaptures() { nodes.removeAll(keepingCapacity: true) }

    /// Every way `p` matches from token `i`, appended to `out` (span bounds default to the whole match;
    /// empty spans are dropped).
    mutating func matches(_ p: CompiledPattern, at i: Int, into out: inout [State]) {
        origin = i
        let first = out.count
        run(p, p.top, State(pos: i), into: &out)
        var w = first
        for r in first..<out.count {
            var s = out[r]
            let a = s.spanStart >= 0 ? s.spanStart : i, b = s.spanEnd >= 0 ? s.spanEnd : s.pos
            guard a < b else { continue }
            s.spanStart = a; s.spanEnd = b
            out[w] = s; w += 1
        }
        out.removeSubrange(w...)
    }

    /// The captured values of a state by label (a later capture under the same label wins).
    func captures(of s: State, _ p: CompiledPattern) -> [String: String] {
        var out: [String: String] = [:]
        var n = s.capture
        while n >= 0 {
            let node = nodes[Int(n)]
            n = node.previous
            let label = p.labels[Int(node.label)]
            if out[label] != nil { continue }
            let k = Int(node.start)
            switch node.kind {
            case .word: out[label] = text.tokens[k].folded
            case .entry: out[label] = lexicon.entries[Int(node.extra)].value
            case .tokenClass: out[label] = cache.analyzed(k)?.value(Int(node.extra))
            case .group: out[label] = (k..<Int(node.end)).map { text.tokens[$0].folded }.joined(separator: " ")
            }
        }
        return out
    }

    private mutating func buffer() -> [State] { pool.popLast() ?? [] }

    private mutating func recycle(_ b: inout [State]) {
        b.removeAll(keepingCapacity: true)
        pool.append(b)
        b = []
    }

    private mutating func capture(_ s: inout State, _ label: Int32, _ kind: Node.Kind, _ start: Int, _ end: Int, _ extra: Int32 = 0) {
        nodes.append(Node(kind: kind, label: label, start: Int32(start), end: Int32(end), extra: extra, previous: s.capture))
        s.capture = Int32(nodes.count - 1)
    }

    /// Runs sequence `seq` from `start`, appending the resulting states to `out` in order.
    private mutating func run(_ p: CompiledPattern, _ seq: Int32, _ start: State, into out: inout [State]) {
        let (from, count) = p.sequences[Int(seq)]
        var states = buffer(), next = buffer()
        states.append(start)
        for o in Int(from)..<Int(from + count) {
            let op = p.ops[o]
            next.removeAll(keepingCapacity: true)
            for s in states {
                step(p, op, s, into: &next)
                if op.optional { next.append(s) }
            }
            swap(&states, &next)
            if states.isEmpty { break }
        }
        out.append(contentsOf: states)
        recycle(&states)
        recycle(&next)
    }

    private mutating func step(_ p: CompiledPattern, _ op: CompiledPattern.Op, _ s: State, into out: inout [State]) {
        let k = s.pos
        let n = text.ids.count
        let first = k == origin
        switch op.kind {
        case .spanStart:
            var t = s; t.spanStart = k; out.append(t); return
        case .spanEnd:
            var t = s; t.spanEnd = k; out.append(t); return
        case .notWords:
            if k >= n || text.breakBefore[k] && !first { out.append(s); return }
            if Self.contains(p.words, op.a, op.b, text.ids[k]) { return }
            var t = s; t.pos = k + 1; out.append(t); return
        default: break
        }
        guard k < n, first || !text.breakBefore[k], !op.glued || text.glued(k) else { return }
        switch op.kind {
        case .words:
            guard Self.contains(p.words, op.a, op.b, text.ids[k]) else { return }
            var t = s; t.pos = k + 1
            if op.label >= 0 { capture(&t, op.label, .word, k, k + 1) }
            out.append(t)
        case .lexClass:
            let lexicon = self.lexicon
            lexicon.forEachMatch(op.a, at: k, in: text) { e, end in
                var t = s; t.pos = end
                if op.label >= 0 { capture(&t, op.label, .entry, k, end, Int32(e)) }
                out.append(t)
            }
        case .tokenClass:
            guard cache.mask(k, text, classes) & (1 << UInt64(op.a)) != 0 else { return }
            var t = s; t.pos = k + 1
            if op.label >= 0 { capture(&t, op.label, .tokenClass, k, k + 1, op.a) }
            out.append(t)
        case .group:
            for alt in Int(op.a)..<Int(op.a + op.b) {
                let before = out.count
                run(p, p.alternatives[alt], s, into: &out)
                if op.label >= 0 {
                    for j in before..<out.count where out[j].pos > k { capture(&out[j], op.label, .group, k, out[j].pos) }
                }
            }
        default:
            return
        }
    }

    private static func contains(_ words: [Int32], _ a: Int32, _ b: Int32, _ id: Int32) -> Bool {
        guard id >= 0 else { return false }
        for j in Int(a)..<Int(a + b) where words[j] == id { return true }
        return false
    }
}
