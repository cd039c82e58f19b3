import RexText

/// The patterns of a rule set compiled for matching: the elements of all patterns in one flat array, words as
/// vocabulary ids, word-list classes as numbers, labels as numbers. One value holds every pattern, so that
/// trying a rule copies nothing (see `PatternMatcher`).
struct PatternProgram: Sendable {
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
    /// Sequences of ops (patterns, alternatives of groups): `ops[start..<start + count]`.
    fileprivate(set) var sequences: [(start: Int32, count: Int32)] = []
    /// For each group, its alternatives as indices in `sequences`, flat.
    fileprivate(set) var alternatives: [Int32] = []
    fileprivate(set) var words: [Int32] = []
    fileprivate(set) var labels: [String] = []
    private var labelIds: [String: Int32] = [:]

    /// Adds a pattern (its words are added to `vocabulary`); returns the sequence to match it with.
    mutating func add(_ pattern: TokenPattern, _ vocabulary: inout Vocabulary, lexicon: Lexicon) -> Int32 {
        compile(pattern.elements, &vocabulary, lexicon)
    }

    /// Compiles a sequence; returns its index in `sequences`.
    private mutating func compile(_ els: [TokenPattern.Element], _ vocabulary: inout Vocabulary, _ lexicon: Lexicon) -> Int32 {
        // Groups first, so that the sequence's own ops are contiguous.
        var groupAlts: [Int: (Int32, Int32)] = [:]
        for (n, el) in els.enumerated() {
            if case .group(let alts) = el.atom {
                let seqs = alts.map { compile($0, &vocabulary, lexicon) }
                groupAlts[n] = (Int32(alternatives.count), Int32(seqs.count))
                alternatives.append(contentsOf: seqs)
            }
        }
        let start = Int32(ops.count)
        for (n, el) in els.enumerated() {
            var op = Op(kind: .spanStart, optional: el.optional, glued: el.glued, label: -1, a: 0, b: 0)
            if let l = el.label {
                if let id = labelIds[l] { op.label = id } else {
                    op.label = Int32(labels.count); labelIds[l] = op.label; labels.append(l)
                }
            }
            switch el.atom {
            case .words(let w): op.kind = .words; wordList(w, &op, &vocabulary)
            case .notWords(let w): op.kind = .notWords; wordList(w, &op, &vocabulary)
            case .lexClass(let name): op.kind = .lexClass; op.a = lexicon.classIds[name]!
            case .tokenClass(let k, _): op.kind = .tokenClass; op.a = Int32(k)
            case .group: op.kind = .group; (op.a, op.b) = groupAlts[n]!
            case .spanStart: op.kind = .spanStart
            case .spanEnd: op.kind = .spanEnd
            }
            ops.append(op)
        }
        sequences.append((start, Int32(els.count)))
        return Int32(sequences.count - 1)
    }

    /// What must occur near the start of a match of sequence `seq`: its top-level elements that are not
    /// optional (word lists, word-list classes, token classes), each on some token within `reach` of the start.
    /// Word lists are numbered in `wordSets` (at most 64; others are left out).
    func requirement(_ seq: Int32, lexicon: Lexicon, wordSets: inout [[Int32]]) -> Requirement {
        var q = Requirement(reach: maxLength(seq, lexicon))
        let (from, count) = sequences[Int(seq)]
        for op in ops[Int(from)..<Int(from + count)] where !op.optional {
            switch op.kind {
            case .words:
                let set = Array(words[Int(op.a)..<Int(op.a + op.b)]).sorted()
                if let b = wordSets.firstIndex(of: set) { q.wordSets |= 1 << UInt64(b) }
                else if wordSets.count < 64 { q.wordSets |= 1 << UInt64(wordSets.count); wordSets.append(set) }
            case .lexClass:
                if op.a < 64 { q.classes |= 1 << UInt64(op.a) }
            case .tokenClass:
                q.tokenClasses |= 1 << UInt64(op.a)
            default:
                break
            }
        }
        return q
    }

    /// The most tokens a match of sequence `seq` can span.
    func maxLength(_ seq: Int32, _ lexicon: Lexicon) -> Int {
        let (from, count) = sequences[Int(seq)]
        var n = 0
        for op in ops[Int(from)..<Int(from + count)] {
            switch op.kind {
            case .words, .notWords, .tokenClass: n += 1
            case .lexClass: n += lexicon.maxTokens(op.a)
            case .group: n += (Int(op.a)..<Int(op.a + op.b)).map { maxLength(alternatives[$0], lexicon) }.max() ?? 0
            case .spanStart, .spanEnd: break
            }
        }
        return n
    }

    private mutating func wordList(_ w: Set<String>, _ op: inout Op, _ vocabulary: inout Vocabulary) {
        op.a = Int32(words.count)
        op.b = Int32(w.count)
        words.append(contentsOf: w.map { vocabulary.add($0) })
    }
}

/// What a rule needs near its start (`PatternProgram.requirement`): a rule whose needs no token within its
/// reach meets is not tried.
struct Requirement: Sendable {
    /// The most tokens a match spans.
    var reach: Int
    /// Word-list classes (bits by class id), word lists (bits by `DateRules.wordSetBits`) and token classes
    /// that must each match some token within `reach` of the start.
    var classes: UInt64 = 0
    var wordSets: UInt64 = 0
    var tokenClasses: UInt64 = 0
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
    let program: PatternProgram
    let classes: TokenClasses
    let lexicon: Lexicon
    var cache: TokenClassCache
    private var nodes: [Node] = []
    private var origin = 0
    /// Spare state buffers, reused by every sequence run.
    private var pool: [[State]] = []

    init(text: MatchText, program: PatternProgram, classes: TokenClasses, lexicon: Lexicon) {
        self.text = text
        self.program = program
        self.classes = classes
        self.lexicon = lexicon
        cache = TokenClassCache(count: text.tokens.count)
    }

    /// Forgets the captures of earlier matches (their states must not be used after this).
    mutating func clearCaptures() { nodes.removeAll(keepingCapacity: true) }

    /// Every way the pattern compiled as sequence `pattern` matches from token `i`, appended to `out` (span
    /// bounds default to the whole match; empty spans are dropped).
    mutating func matches(_ pattern: Int32, at i: Int, into out: inout [State]) {
        origin = i
        let first = out.count
        run(pattern, State(pos: i), into: &out)
        var w = first
        for r in first..<out.count {
            var s = out[r]
            let a = s.spanStart >= 0 ? s.spanStart : i, b = s.spanEnd >= 0 ? s.spanEnd : s.pos
            guard a < b else { continue }
            s.spanStart = a; s.spanEnd = b
            out[w] = s; w += 1
        }
        if w < out.count { out.removeLast(out.count - w) }
    }

    /// The captured values of a state by label (a later capture under the same label wins).
    func captures(of s: State) -> [String: String] {
        var out: [String: String] = [:]
        var n = s.capture
        while n >= 0 {
            let node = nodes[Int(n)]
            n = node.previous
            let label = program.labels[Int(node.label)]
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
        if !b.isEmpty { b.removeAll(keepingCapacity: true) }
        pool.append(b)
        b = []
    }

    private mutating func capture(_ s: inout State, _ label: Int32, _ kind: Node.Kind, _ start: Int, _ end: Int, _ extra: Int32 = 0) {
        nodes.append(Node(kind: kind, label: label, start: Int32(start), end: Int32(end), extra: extra, previous: s.capture))
        s.capture = Int32(nodes.count - 1)
    }

    /// Runs sequence `seq` from `start`, appending the resulting states to `out` in order.
    private mutating func run(_ seq: Int32, _ start: State, into out: inout [State]) {
        let (from, count) = program.sequences[Int(seq)]
        let end = Int(from + count)
        var o = Int(from)
        // While a single state is alive and the element cannot branch, no buffer is needed: most tries end
        // here, at the first or second element.
        var only = start
        while o < end {
            let op = program.ops[o]
            if !op.optional && op.kind != .lexClass && op.kind != .group {
                guard let t = advance(op, only) else { return }
                only = t
                o += 1
                continue
            }
            // An element that branches or may be left out, and surely does not match here: still no buffer.
            guard !mayMatch(op, only) else { break }
            if !op.optional { return }
            o += 1
        }
        if o == end { out.append(only); return }
        var states = buffer(), next = buffer()
        states.append(only)
        while o < end {
            let op = program.ops[o]
            o += 1
            if states.count == 1, !op.optional, op.kind != .lexClass, op.kind != .group {
                guard let t = advance(op, states[0]) else { states.removeAll(keepingCapacity: true); break }
                states[0] = t
                continue
            }
            if states.count == 1, !mayMatch(op, states[0]) {
                if op.optional { continue }
                states.removeAll(keepingCapacity: true)
                break
            }
            if !next.isEmpty { next.removeAll(keepingCapacity: true) }
            for s in states {
                step(op, s, into: &next)
                if op.optional { next.append(s) }
            }
            swap(&states, &next)
            if states.isEmpty { break }
        }
        out.append(contentsOf: states)
        recycle(&states)
        recycle(&next)
    }

    /// The state after an element that yields at most one (all but word-list classes and groups), or nil.
    private mutating func advance(_ op: PatternProgram.Op, _ s: State) -> State? {
        let k = s.pos
        let n = text.ids.count
        let first = k == origin
        var t = s
        switch op.kind {
        case .spanStart:
            t.spanStart = k; return t
        case .spanEnd:
            t.spanEnd = k; return t
        case .notWords:
            if k >= n || text.breakBefore[k] && !first { return t }
            if contains(op.a, op.b, text.ids[k]) { return nil }
            t.pos = k + 1; return t
        default: break
        }
        guard k < n, first || !text.breakBefore[k], !op.glued || text.glued(k) else { return nil }
        switch op.kind {
        case .words:
            guard contains(op.a, op.b, text.ids[k]) else { return nil }
            t.pos = k + 1
            if op.label >= 0 { capture(&t, op.label, .word, k, k + 1) }
            return t
        case .tokenClass:
            guard cache.mask(k, text, classes) & (1 << UInt64(op.a)) != 0 else { return nil }
            t.pos = k + 1
            if op.label >= 0 { capture(&t, op.label, .tokenClass, k, k + 1, op.a) }
            return t
        default:
            return nil
        }
    }

    /// Whether an element may yield a state from `s`: false only when it surely yields none (`advance` or
    /// `step` would give nothing). Makes no capture. A group may match when one of its alternatives may
    /// start here (or starts with an optional element).
    private mutating func mayMatch(_ op: PatternProgram.Op, _ s: State) -> Bool {
        let k = s.pos
        let n = text.ids.count
        switch op.kind {
        case .spanStart, .spanEnd:
            return true
        case .notWords:
            if k >= n || text.breakBefore[k] && k != origin { return true }
            return !contains(op.a, op.b, text.ids[k])
        default:
            break
        }
        guard k < n, k == origin || !text.breakBefore[k], !op.glued || text.glued(k) else { return false }
        switch op.kind {
        case .words:
            return contains(op.a, op.b, text.ids[k])
        case .tokenClass:
            return cache.mask(k, text, classes) & (1 << UInt64(op.a)) != 0
        case .lexClass:
            return lexicon.mayStart(op.a, text.ids[k])
        case .group:
            for alt in Int(op.a)..<Int(op.a + op.b) {
                let (from, count) = program.sequences[Int(program.alternatives[alt])]
                guard count > 0 else { return true }
                let first = program.ops[Int(from)]
                if first.optional || mayMatch(first, s) { return true }
            }
            return false
        default:
            return true
        }
    }

    private mutating func step(_ op: PatternProgram.Op, _ s: State, into out: inout [State]) {
        let k = s.pos
        switch op.kind {
        case .lexClass:
            guard k < text.ids.count, k == origin || !text.breakBefore[k], !op.glued || text.glued(k) else { return }
            let lexicon = self.lexicon
            lexicon.forEachMatch(op.a, at: k, in: text) { e, end in
                var t = s; t.pos = end
                if op.label >= 0 { capture(&t, op.label, .entry, k, end, Int32(e)) }
                out.append(t)
            }
        case .group:
            guard k < text.ids.count, k == origin || !text.breakBefore[k], !op.glued || text.glued(k) else { return }
            for alt in Int(op.a)..<Int(op.a + op.b) {
                let before = out.count
                run(program.alternatives[alt], s, into: &out)
                if op.label >= 0 {
                    for j in before..<out.count where out[j].pos > k { capture(&out[j], op.label, .group, k, out[j].pos) }
                }
            }
        default:
            if let t = advance(op, s) { out.append(t) }
        }
    }

    private func contains(_ a: Int32, _ b: Int32, _ id: Int32) -> Bool {
        guard id >= 0 else { return false }
        for j in Int(a)..<Int(a + b) where program.words[j] == id { return true }
        return false
    }
}
