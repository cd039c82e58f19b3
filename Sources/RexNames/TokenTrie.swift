/// What a name in the trie refers to: a place, organization or person of the gazetteer.
public struct NameRef: Sendable, Equatable {
    public enum Kind: UInt8, Sendable { case place, org, person }
    public var kind: Kind
    /// Index into `Gazetteer.places`, `.organizations` or `.people`.
    public var index: Int32
    public var flags: UInt8
    /// Index into `TokenTrie.surfaces` of the written form: the form an acronym must have, or the
    /// capitalization an organization's or person's name asks for; -1 for places.
    public var surface: Int32

    /// The spelling is the entry's preferred name (not an alternate).
    public static let primary: UInt8 = 1
    /// The spelling is an acronym: it matches only when the text has the same capitals.
    public static let acronym: UInt8 = 2

    public var isPrimary: Bool { flags & Self.primary != 0 }
    public var isAcronym: Bool { flags & Self.acronym != 0 }
}

import RexText

/// A trie over key tokens: each edge is one interned key token, each node may carry the names that end there.
///
/// Matching walks one edge per text token from each start position, so the cost of a document is
/// O(tokens × longest name in tokens), independent of how many names the gazetteers hold: each step is one
/// hash lookup. Built once per process; immutable afterwards.
public struct TokenTrie: Sendable {
    /// Key token → id: every token of every document is looked up once.
    let tokenIds: KeyTable
    /// (parent node << 32 | token id) → child node. Node 0 is the root.
    let edges: EdgeTable
    /// The root's child by token id (-1 = none): the first step of every match is an array read, not a hash.
    let rootChild: [Int32]
    /// Whether each node has children: most names end at a leaf, where the next step needs no hash look-up.
    let hasChildren: [Bool]
    /// The first step of a walk in one read, by token id: the root's child (low 32 bits), whether names end
    /// there (`rootEnds`) and whether it has children (`rootGoesOn`), and the filter of its children's tokens
    /// (`filterBit`, bits 34...57); -1 when the root has no such child.
    let rootStep: [Int64]
    static let rootEnds: Int64 = 1 << 32
    static let rootGoesOn: Int64 = 1 << 33
    static let rootFilterShift: Int64 = 34

    /// A node's children as a small filter: the bits `filterBit(token)` of its children's tokens are set. A
    /// token whose bit is clear is no child, and the walk stops without a look-up in the (large) edge table.
    @inline(__always) static func filterBit(_ token: Int32) -> UInt32 {
        1 << (((UInt32(bitPattern: token) &* 0x9E37_79B1) >> 8) % 24)
    }
    /// Names ending at node n are `refs[refStart[n]..<refStart[n + 1]]`.
    let refStart: [Int32]
    let refs: [NameRef]
    /// Written forms of case-sensitive spellings.
    public let surfaces: [String]
    public let nodeCount: Int
    /// The number of distinct key tokens (ids are 0..<tokenCount).
    public var tokenCount: Int { rootChild.count }
    /// The number of distinct (name, entry) pairs inserted.
    public var nameCount: Int { refs.count }

    /// The id of a key token, or nil when no name (and no word list, see `Builder.intern(words:)`) contains it.
    @inline(__always) public func tokenId(_ key: String) -> Int32? {
        var h = Vocabulary.hashStart
        for b in key.utf8 { h = Vocabulary.hashStep(h, b) }
        let id = tokenIds.id(key, hash: h)
        return id >= 0 ? id : nil
    }

    /// `tokenId(_:)` for a key whose UTF-8 bytes the caller already fed to `Vocabulary.hashStep` from
    /// `Vocabulary.hashStart`; -1 when no name or word list contains it.
    @inline(__always) func tokenId(_ key: String, hash: UInt64) -> Int32 { tokenIds.id(key, hash: hash) }

    /// `tokenId(_:hash:)` of many keys (-1 for unknown ones), faster than one by one.
    func tokenIds(_ keys: [String], hashes: [UInt64]) -> [Int32] { tokenIds.ids(keys, hashes: hashes) }

    /// The node reached from `node` by `token`, or nil.
    @inline(__always) public func child(_ node: Int32, _ token: Int32) -> Int32? {
        if node == 0 {
            let c = rootChild[Int(token)]
            return c >= 0 ? c : nil
        }
        guard hasChildren[Int(node)] else { return nil }
        let c = edges.child(UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: token)))
        return c >= 0 ? c : nil
    }

    /// The names ending at `node`.
    public func names(at node: Int32) -> ArraySlice<NameRef> {
        refs[Int(refStart[Int(node)])..<Int(refStart[Int(node) + 1])]
    }

    /// Every (length, node) where a name ends, for names starting at `start` in `tokens` (ids, -1 = unknown),
    /// shortest first.
    /// - Complexity: O(longest name), one hash lookup per step.
    public func matches(_ tokens: [Int32], from start: Int) -> [(length: Int, node: Int32)] {
        var out: [(length: Int, node: Int32)] = []
        matches(tokens, from: start, into: &out)
        return out
    }

    /// `matches(_:from:)` into a caller's array (emptied first), so that a document's walk allocates once.
    public func matches(_ tokens: [Int32], from start: Int, into out: inout [(length: Int, node: Int32)]) {
        out.removeAll(keepingCapacity: true)
        guard start < tokens.count, tokens[start] >= 0 else { return }
        let step = rootStep[Int(tokens[start])]
        guard step >= 0 else { return }
        var node = Int32(truncatingIfNeeded: step)
        if step & Self.rootEnds != 0 { out.append((1, node)) }
        guard step & Self.rootGoesOn != 0 else { return }
        var k = start + 1
        while k < tokens.count, tokens[k] >= 0, let next = child(node, tokens[k]) {
            node = next
            k += 1
            if refStart[Int(node)] < refStart[Int(node) + 1] { out.append((k - start, node)) }
        }
    }

    /// A name found by `allMatches(_:)`: it starts at `start` and ends at `node` after `length` tokens.
    public struct Match: Sendable {
        public var start: Int
        public var length: Int
        public var node: Int32
    }

    /// Every name in `tokens` (ids, -1 = unknown), by start then length: what `matches(_:from:)` finds at each
    /// start in turn. The walks from all starts go one step at a time together, each step in a loop of
    /// independent reads: the tables are large and read at random, and the processor then overlaps the cache
    /// misses instead of waiting for each in turn.
    public func allMatches(_ tokens: [Int32]) -> [Match] {
        let n = tokens.count
        var out: [Match] = []
        // The walks that go on: their start, the node reached and the filter of its children.
        var live: [(start: Int, node: Int32, filter: UInt32)] = []
        for p in 0..<n where tokens[p] >= 0 {
            let step = rootStep[Int(tokens[p])]
            guard step >= 0 else { continue }
            let node = Int32(truncatingIfNeeded: step)
            if step & Self.rootEnds != 0 { out.append(Match(start: p, length: 1, node: node)) }
            if step & Self.rootGoesOn != 0 { live.append((p, node, UInt32(truncatingIfNeeded: step >> Self.rootFilterShift))) }
        }
        var length = 1
        var next: [(start: Int, node: Int32, filter: UInt32)] = []
        while !live.isEmpty {
            next.removeAll(keepingCapacity: true)
            for w in live {
                let k = w.start + length
                guard k < n, tokens[k] >= 0, w.filter & Self.filterBit(tokens[k]) != 0 else { continue }
                let (c, filter) = edges.find(UInt64(UInt32(bitPattern: w.node)) << 32 | UInt64(UInt32(bitPattern: tokens[k])))
                if c >= 0 { next.append((w.start, c, filter)) }
            }
            length += 1
            for w in next where refStart[Int(w.node)] < refStart[Int(w.node) + 1] {
                out.append(Match(start: w.start, length: length, node: w.node))
            }
            swap(&live, &next)
        }
        // (Starts are distinct within one length: the order is total.)
        out.sort { $0.start != $1.start ? $0.start < $1.start : $0.length < $1.length }
        return out
    }

    /// Builds a trie: names are added one entry at a time, then compiled.
    public struct Builder {
        var tokenIds: [String: Int32] = [:]
        /// The keys of `tokenIds` by id.
        var words: [String] = []
        var edges: [UInt64: Int32] = [:]
        var nodeCount: Int32 = 1
        var pairs: [(node: Int32, ref: NameRef)] = []
        var surfaces: [String] = []
        var surfaceIds: [String: Int32] = [:]
        /// Nodes already given the current entry (so that spellings with one key are stored once).
        var current: (kind: NameRef.Kind, index: Int32)? = nil
        var currentNodes: [Int32: Int] = [:]

        public init() {}

        mutating func intern(_ key: String) -> Int32 {
            if let id = tokenIds[key] { return id }
            let id = Int32(tokenIds.count)
            tokenIds[key] = id
            words.append(key)
            return id
        }

        /// Gives ids to words no name may contain (the lexicon's): no name matches them, but a text token's
        /// id then stands for the word wherever the recognizer looks it up.
        public mutating func intern(words: [String]) {
            for w in words { _ = intern(w) }
        }

        /// Adds one spelling of an entry. `written` is kept for case-sensitive spellings (acronyms).
        public mutating func add(keys: [KeyToken], kind: NameRef.Kind, index: Int32, primary: Bool,
                                 acronym: Bool, written: Substring, keepSurface: Bool = false) {
            guard !keys.isEmpty, keys.allSatisfy({ !$0.key.isEmpty }) else { return }
            if current == nil || current! != (kind, index) {
                current = (kind, index)
                currentNodes.removeAll(keepingCapacity: true)
            }
            var node: Int32 = 0
            for k in keys {
                let t = intern(k.key)
                let e = UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: t))
                if let next = edges[e] { node = next } else {
                    edges[e] = nodeCount
                    node = nodeCount
                    nodeCount += 1
                }
            }
            var surface: Int32 = -1
            if acronym || keepSurface {
                let s = NameKey.surface(written)
                if let id = surfaceIds[s] { surface = id } else {
                    surface = Int32(surfaces.count)
                    surfaces.append(s)
                    surfaceIds[s] = surface
                }
            }
            let flags: UInt8 = (primary ? NameRef.primary : 0) | (acronym ? NameRef.acronym : 0)
            let ref = NameRef(kind: kind, index: index, flags: flags, surface: surface)
            // One non-acronym ref per (node, entry); acronyms are kept per written form.
            if !acronym, let at = currentNodes[node] {
                if primary { pairs[at].ref.flags |= NameRef.primary }
                return
            }
            if !acronym { currentNodes[node] = pairs.count }
            pairs.append((node, ref))
        }

        /// Compiles the trie (counting sort of the names by node).
        public func build() -> TokenTrie {
            let n = Int(nodeCount)
            var start = [Int32](repeating: 0, count: n + 1)
            for p in pairs { start[Int(p.node) + 1] += 1 }
            for i in 0..<n { start[i + 1] += start[i] }
            var fill = start
            var refs = [NameRef](repeating: NameRef(kind: .place, index: 0, flags: 0, surface: -1), count: pairs.count)
            for p in pairs {
                refs[Int(fill[Int(p.node)])] = p.ref
                fill[Int(p.node)] += 1
            }
            var rootChild = [Int32](repeating: -1, count: tokenIds.count)
            var hasChildren = [Bool](repeating: false, count: n)
            var filters = [UInt32](repeating: 0, count: n)
            for (e, child) in edges {
                let parent = Int(e >> 32)
                hasChildren[parent] = true
                filters[parent] |= TokenTrie.filterBit(Int32(truncatingIfNeeded: e & 0xFFFF_FFFF))
                if parent == 0 { rootChild[Int(e & 0xFFFF_FFFF)] = child }
            }
            let rootStep = rootChild.map { c -> Int64 in
                guard c >= 0 else { return -1 }
                return Int64(c) | (start[Int(c)] < start[Int(c) + 1] ? TokenTrie.rootEnds : 0)
                    | (hasChildren[Int(c)] ? TokenTrie.rootGoesOn : 0) | Int64(filters[Int(c)]) << TokenTrie.rootFilterShift
            }
            return TokenTrie(tokenIds: KeyTable(words), edges: EdgeTable(edges, filters: filters), rootChild: rootChild, hasChildren: hasChildren,
                             rootStep: rootStep, refStart: start, refs: refs, surfaces: surfaces, nodeCount: n)
        }
    }
}

// The trie's two look-up tables are large (about 100,000 keys, 160,000 edges) and read at random, once or more
// per text token: their cost is cache misses more than hashing. Each keeps what a probe compares in one slot,
// so that a look-up mostly touches one cache line.

/// Key token → id, in an open-addressing table hashed with FNV-1a (`Vocabulary.hashStep`, which a caller may
/// feed while it reads the bytes anyway). A slot holds the hash's high half and the id; the key itself is
/// compared only when the hashes agree.
struct KeyTable: Sendable {
    /// (hash >> 32) << 32 | (id + 1) by slot; 0 is empty. At most half full.
    private let slots: [UInt64]
    private let words: [String]

    /// A table of `words`, whose ids are their indexes.
    init(_ words: [String]) {
        var size = 16
        while size < words.count * 2 { size *= 2 }
        var slots = [UInt64](repeating: 0, count: size)
        for (id, w) in words.enumerated() {
            var h = Vocabulary.hashStart
            for b in w.utf8 { h = Vocabulary.hashStep(h, b) }
            var i = Self.index(h, size - 1)
            while slots[i] != 0 { i = (i + 1) & (size - 1) }
            slots[i] = h & 0xFFFF_FFFF_0000_0000 | UInt64(id + 1)
        }
        self.slots = slots
        self.words = words
    }

    @inline(__always) static func index(_ h: UInt64, _ mask: Int) -> Int { Int(truncatingIfNeeded: h ^ (h >> 29)) & mask }

    /// The id of `key` whose FNV-1a hash (from `Vocabulary.hashStart`) is `hash`, or -1.
    @inline(__always) func id(_ key: String, hash h: UInt64) -> Int32 {
        let i = Self.index(h, slots.count - 1)
        return id(key, hash: h, from: i, first: slots[i])
    }

    /// `id(_:hash:)` of many keys. The first slot of every key is read in a loop of its own, which does nothing
    /// with what it reads: the processor overlaps the cache misses (the table is large and read at random)
    /// instead of waiting for each in turn.
    func ids(_ keys: [String], hashes: [UInt64]) -> [Int32] {
        let mask = slots.count - 1
        var first = [UInt64](repeating: 0, count: keys.count)
        for k in keys.indices { first[k] = slots[Self.index(hashes[k], mask)] }
        var out = [Int32](repeating: -1, count: keys.count)
        for k in keys.indices where first[k] != 0 {
            out[k] = id(keys[k], hash: hashes[k], from: Self.index(hashes[k], mask), first: first[k])
        }
        return out
    }

    /// The probe for `key` from slot `i`, whose content is `first`.
    @inline(__always) private func id(_ key: String, hash h: UInt64, from start: Int, first: UInt64) -> Int32 {
        let mask = slots.count - 1
        let tag = h & 0xFFFF_FFFF_0000_0000
        var i = start
        var s = first
        while true {
            if s == 0 { return -1 }
            if s & 0xFFFF_FFFF_0000_0000 == tag {
                let id = Int(s & 0xFFFF_FFFF) - 1
                if words[id] == key { return Int32(id) }
            }
            i = (i + 1) & mask
            s = slots[i]
        }
    }
}

/// The trie's edges ((parent << 32 | token) → child) in an open-addressing table with a multiplicative hash,
/// key, child and the child's filter (`TokenTrie.filterBit`) side by side.
struct EdgeTable: Sendable {
    struct Slot { var key: UInt64; var child: Int32; var filter: UInt32 }
    /// A child of -1 marks an empty slot. At most two thirds full.
    private let slots: [Slot]
    private let shift: UInt64

    init(_ edges: [UInt64: Int32], filters: [UInt32]) {
        var bits: UInt64 = 4
        while (1 << bits) * 2 < edges.count * 3 { bits += 1 }
        let size = 1 << Int(bits)
        var slots = [Slot](repeating: Slot(key: 0, child: -1, filter: 0), count: size)
        shift = 64 - bits
        for (k, c) in edges {
            var i = Int(truncatingIfNeeded: (k &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while slots[i].child >= 0 { i = (i + 1) & (size - 1) }
            slots[i] = Slot(key: k, child: c, filter: filters[Int(c)])
        }
        self.slots = slots
    }

    /// The child node of an edge key, or -1.
    @inline(__always) func child(_ key: UInt64) -> Int32 { find(key).child }

    /// The child node of an edge key (-1 if none) and the child's filter.
    @inline(__always) func find(_ key: UInt64) -> (child: Int32, filter: UInt32) {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let s = slots[i]
            if s.child < 0 || s.key == key { return (s.child, s.filter) }
            i = (i + 1) & mask
        }
    }
}
