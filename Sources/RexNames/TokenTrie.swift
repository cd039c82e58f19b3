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

/// A trie over key tokens: each edge is one interned key token, each node may carry the names that end there.
///
/// Matching walks one edge per text token from each start position, so the cost of a document is
/// O(tokens × longest name in tokens), independent of how many names the gazetteers hold: each step is one
/// hash lookup. Built once per process; immutable afterwards.
public struct TokenTrie: Sendable {
    /// Key token → id.
    let tokenIds: [String: Int32]
    /// (parent node << 32 | token id) → child node. Node 0 is the root.
    let edges: [UInt64: Int32]
    /// The root's child by token id (-1 = none): the first step of every match is an array read, not a hash.
    let rootChild: [Int32]
    /// Whether each node has children: most names end at a leaf, where the next step needs no hash look-up.
    let hasChildren: [Bool]
    /// The first step of a walk in one read, by token id: the root's child (low 32 bits), whether names end
    /// there (`rootEnds`) and whether it has children (`rootGoesOn`); -1 when the root has no such child.
    let rootStep: [Int64]
    static let rootEnds: Int64 = 1 << 32
    static let rootGoesOn: Int64 = 1 << 33
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
    @inline(__always) public func tokenId(_ key: String) -> Int32? { tokenIds[key] }

    /// The node reached from `node` by `token`, or nil.
    @inline(__always) public func child(_ node: Int32, _ token: Int32) -> Int32? {
        if node == 0 {
            let c = rootChild[Int(token)]
            return c >= 0 ? c : nil
        }
        guard hasChildren[Int(node)] else { return nil }
        return edges[UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: token))]
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

    /// Builds a trie: names are added one entry at a time, then compiled.
    public struct Builder {
        var tokenIds: [String: Int32] = [:]
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
            for (e, child) in edges {
                let parent = Int(e >> 32)
                hasChildren[parent] = true
                if parent == 0 { rootChild[Int(e & 0xFFFF_FFFF)] = child }
            }
            let rootStep = rootChild.map { c -> Int64 in
                guard c >= 0 else { return -1 }
                return Int64(c) | (start[Int(c)] < start[Int(c) + 1] ? TokenTrie.rootEnds : 0)
                    | (hasChildren[Int(c)] ? TokenTrie.rootGoesOn : 0)
            }
            return TokenTrie(tokenIds: tokenIds, edges: edges, rootChild: rootChild, hasChildren: hasChildren,
                             rootStep: rootStep, refStart: start, refs: refs, surfaces: surfaces, nodeCount: n)
        }
    }
}
