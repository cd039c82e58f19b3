import RexModel
import RexText

/// One entity being built: the union-find root carries what the rules ask of it.
struct Cluster {
    var type: MentionType
    /// Canonical ids seen on its names (gazetteer ids, unknown names' own ids, place ids).
    var ids: [String] = []
    /// Organization types it may have: from the gazetteer, the words of its names, descriptions beside it.
    var orgTypes: Set<String> = []
    /// Whether `orgTypes` comes from the gazetteer (then descriptions do not widen it).
    var typeKnown = false
    /// A PLACE's gazetteer reference and kind.
    var place: PlaceRef?
    var kind: String?
    /// The `lex.nameCues` among the folded words of its names, as bits: for heads that ask for one
    /// ("operation" → "Operation Barkhane").
    var nameCues: UInt64 = 0
    /// Head words of the descriptions set beside its names ("an organization called the G5 Sahel").
    var described: Set<String> = []
    /// Name mentions in the whole document, for the document's focus.
    var nameCount = 0
    /// Offset of its first mention, for entity numbering.
    var first = Int.max
}

/// A resolved mention on the time line: a name, or a description or pronoun attached to a cluster.
struct Item {
    var start: Int
    var end: Int
    var firstToken: Int
    var lastToken: Int
    var sentence: Int
    var node: Int
    var nominal: Bool
    /// A place named only in the possessive ("Mali's"): no mention, but what "its" may stand for.
    var hidden = false
}

/// One document's coreference: name clusters, then descriptions and pronouns in text order.
struct CorefRun {
    let lex: CorefLexicon
    let know: CorefKnowledge
    /// The windows of `coref-settings.txt`, read once (not by name at every use).
    struct Settings {
        var appositionGap = 0, descriptionWindow = 0, pronounWindow = 0, publisherWindow = 0
    }
    let settings: Settings
    var t: CorefText
    /// The input mentions (emptied by `write`, which takes them over).
    var input: [Mention]
    /// Node of each input mention (ORG, PLACE, PERSON), or -1.
    var nodeOf: [Int]
    /// `nameKey` of each input mention's text ("" for dates), computed once.
    let nameKeys: [String]
    /// First and last token of each input mention (the first token ending after its start, the last starting
    /// before its end, at least the first).
    var spans: [(first: Int, last: Int)] = []
    var parent: [Int] = []
    var clusters: [Cluster] = []
    /// Names and resolved nominals, sorted by start.
    var items: [Item] = []
    /// Added nominal mentions (without ids yet) and their nodes.
    var added: [(mention: Mention, node: Int)] = []
    /// Whether each token is taken by an added mention (see `isTaken`).
    var taken: [Bool] = []
    /// Id → a node that has the id (find its root), one table per type (`typeSlot`).
    var nodeOfID = [[String: Int]](repeating: [:], count: 4)
    /// Country code → the node of the country named in the document.
    var countryNodes: [String: Int] = [:]
    /// The document's country (see `computeFocus`).
    var focus: (node: Int, code: String)? = nil
    /// Folded one-word names of the document's PLACE, ORG and PERSON mentions ("mali", "jnim").
    var nameWords: Set<String> = []
    /// Items by their first and last token (resolved nominals included, hidden ones not): indices into
    /// `indexedItems` by token (-1: none; the last one indexed wins), set up by `buildItems`.
    var itemAtFirstToken: [Int32] = []
    var itemAtLastToken: [Int32] = []
    var indexedItems: [Item] = []

    init(document: Document, lexicon: CorefLexicon, knowledge: CorefKnowledge, flagTable: FlagTable) {
        lex = lexicon
        know = knowledge
        settings = Settings(appositionGap: lexicon.setting("apposition-gap"),
                            descriptionWindow: lexicon.setting("description-window"),
                            pronounWindow: lexicon.setting("pronoun-window"),
                            publisherWindow: lexicon.setting("publisher-window"))
        t = CorefText(document: document, flagTable: flagTable)
        taken = [Bool](repeating: false, count: t.count + 1)
        input = document.mentions
        nodeOf = [Int](repeating: -1, count: document.mentions.count)
        var nameKeys: [String] = []
        nameKeys.reserveCapacity(input.count)
        for i in input.indices { nameKeys.append(input[i].type == .date ? "" : Self.nameKey(input[i].text)) }
        self.nameKeys = nameKeys
        // By index: copying each Mention out would retain and release its strings.
        spans.reserveCapacity(input.count)
        for i in input.indices {
            let start = input[i].start, end = input[i].end
            let a = t.firstToken(atOrAfter: start)
            var b = a
            while b + 1 < t.count && t.tokens[b + 1].start < end { b += 1 }
            spans.append((a, b))
            t.cover(from: a, end: end, index: i)
            // (A space byte first: a Character test only for the few texts that have one.)
            guard input[i].type != .date, !(input[i].text.utf8.contains(0x20) && input[i].text.contains(where: { $0 == " " })) else { continue }
            // Places: countries and towns ("Mali", "Gao"), not "the West" or "Sahel" of "West African", "Sahelian".
            if input[i].type == .place {
                guard let id = input[i].place?.id, let kind = knowledge.placeKind(id) ?? (id.hasPrefix("place:country-") ? "A.PCLI" : nil),
                      kind.hasPrefix("A.PCL") || kind.hasPrefix("P.") else { continue }
            }
            nameWords.insert(nameKeys[i])
        }
    }

    /// `lex.phrase(wordClass, in: t.words, at: k)`, from the token's flags unless a multi-word entry starts there.
    func phrase(_ flag: WordFlags, _ wordClass: String, at k: Int) -> Int? {
        guard k < t.count else { return nil }
        if !t.flags[k].contains(.phraseStart) { return t.flags[k].contains(flag) ? 1 : nil }
        return lex.phrase(wordClass, in: t.words, at: k)
    }

    /// Whether token `k` is taken by an added mention.
    func isTaken(_ k: Int) -> Bool { k >= 0 && k < taken.count && taken[k] }

    /// The index of a type in per-type tables.
    static func typeSlot(_ type: MentionType) -> Int {
        switch type {
        case .date: return 0
        case .place: return 1
        case .org: return 2
        case .person: return 3
        }
    }

    // MARK: Union-find

    mutating func find(_ x: Int) -> Int {
        var r = x
        while parent[r] != r { r = parent[r] }
        var y = x
        while parent[y] != r { let n = parent[y]; parent[y] = r; y = n }
        return r
    }

    /// The root of a node, without path compression (for non-mutating code).
    func root(_ x: Int) -> Int {
        var r = x
        while parent[r] != r { r = parent[r] }
        return r
    }

    mutating func union(_ a: Int, _ b: Int) {
        let ra = find(a), rb = find(b)
        guard ra != rb, clusters[ra].type == clusters[rb].type else { return }
        let (keep, drop) = clusters[ra].first <= clusters[rb].first ? (ra, rb) : (rb, ra)
        parent[drop] = keep
        var k = clusters[keep]
        let d = clusters[drop]
        for id in d.ids where !k.ids.contains(id) { k.ids.append(id) }
        if k.typeKnown && d.typeKnown { k.orgTypes.formUnion(d.orgTypes) }
        else if d.typeKnown { k.orgTypes = d.orgTypes; k.typeKnown = true }
        else if !k.typeKnown { k.orgTypes.formUnion(d.orgTypes) }
        if k.place == nil { k.place = d.place; k.kind = d.kind }
        k.nameCues |= d.nameCues
        k.described.formUnion(d.described)
        k.nameCount += d.nameCount
        k.first = min(k.first, d.first)
        clusters[keep] = k
    }

    mutating func newNode(_ c: Cluster) -> Int {
        clusters.append(c)
        parent.append(clusters.count - 1)
        return clusters.count - 1
    }

    func cluster(_ root: Int) -> Cluster { clusters[root] }

    // MARK: The run

    mutating func resolve() {
        buildNameClusters()
        mergeNames()
        for i in clusters.indices where parent[i] == i && clusters[i].type == .place {
            if let k = clusters[i].kind, k.hasPrefix("A.PCL"), let code = clusters[i].place?.country, countryNodes[code] == nil {
                countryNodes[code] = i
            }
        }
        focus = computeFocus()
        buildItems()
        resolveNominals()
    }

    /// Adds an item keeping `items` sorted by start.
    mutating func insert(_ item: Item) {
        var lo = 0, hi = items.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if items[mid].start < item.start { lo = mid + 1 } else { hi = mid }
        }
        items.insert(item, at: lo)
        if !item.hidden { index(item) }
    }

    /// Makes an item found by its first and last token.
    mutating func index(_ item: Item) {
        let n = Int32(indexedItems.count)
        indexedItems.append(item)
        itemAtFirstToken[item.firstToken] = n
        itemAtLastToken[item.lastToken] = n
    }

    /// The item (not hidden) that starts at token `k`, if any.
    func item(firstToken k: Int) -> Item? {
        guard k >= 0, k < itemAtFirstToken.count, itemAtFirstToken[k] >= 0 else { return nil }
        return indexedItems[Int(itemAtFirstToken[k])]
    }

    /// The item (not hidden) that ends at token `k`, if any.
    func item(lastToken k: Int) -> Item? {
        guard k >= 0, k < itemAtLastToken.count, itemAtLastToken[k] >= 0 else { return nil }
        return indexedItems[Int(itemAtLastToken[k])]
    }

    mutating func buildItems() {
        for i in input.indices where nodeOf[i] >= 0 {
            let (a, b) = spans[i]
            let s = a < t.count ? t.sentence[a] : -1
            items.append(Item(start: input[i].start, end: input[i].end, firstToken: a, lastToken: b, sentence: s,
                              node: nodeOf[i], nominal: false))
        }
        // Places named in the possessive ("Mali's", "Burkina Faso's") are no mentions, yet "its" may stand
        // for them: hidden items, never written out.
        var placeByKey: [String: Int] = [:]
        for i in input.indices where input[i].type == .place && nodeOf[i] >= 0 {
            placeByKey[nameKeys[i]] = nodeOf[i]
        }
        for i in 0..<t.count where t.possessive[i] && t.mention[i] < 0 && t.capitalized(i) {
            for n in 1...3 where i - n + 1 >= 0 {
                let a = i - n + 1
                guard (a...i).allSatisfy({ t.isWord($0) && t.mention[$0] < 0 }) else { break }
                let key = Self.nameKey((a...i).map { t.words[$0] }.joined(separator: " "))
                if let node = placeByKey[key] {
                    items.append(Item(start: t.tokens[a].start, end: t.tokens[i].end, firstToken: a, lastToken: i,
                                      sentence: t.sentence[a], node: node, nominal: false, hidden: true))
                    break
                }
            }
        }
        items.sort { $0.start < $1.start }
        // Token indices of items go up to `t.count` (a mention after the last token).
        itemAtFirstToken = [Int32](repeating: -1, count: t.count + 1)
        itemAtLastToken = itemAtFirstToken
        indexedItems.reserveCapacity(items.count)
        for k in items.indices where !items[k].hidden { index(items[k]) }
    }

    // MARK: Output

    /// Writes mentions (sorted by start, with entity ids) and entities into the document.
    mutating func write(into document: inout Document) {
        // Entity ids in order of first mention; entity numbers and first offsets by root.
        var firstAt = [Int](repeating: Int.max, count: clusters.count)
        var used = [Bool](repeating: false, count: clusters.count)
        for i in input.indices where nodeOf[i] >= 0 {
            let r = find(nodeOf[i])
            firstAt[r] = min(firstAt[r], input[i].start)
            used[r] = true
        }
        for a in added.indices {
            let r = find(added[a].node)
            firstAt[r] = min(firstAt[r], added[a].mention.start)
            used[r] = true
        }
        let roots = clusters.indices.filter { used[$0] }.sorted { (firstAt[$0], $0) < (firstAt[$1], $1) }
        var number = [Int](repeating: -1, count: clusters.count)
        for (k, r) in roots.enumerated() { number[r] = k }
        let eid = roots.indices.map { "E\($0 + 1)" }

        // The mentions are changed in place: the run's and the document's references to the array are
        // dropped first, so that it is not copied (which would retain every string of every mention).
        var mentions = input
        input = []
        document.mentions = []
        // Each mention's entity number (-1: none, and dates), beside it.
        var entityOf = [Int](repeating: -1, count: mentions.count)
        var sorted = true
        for i in mentions.indices {
            if nodeOf[i] >= 0 {
                let e = number[find(nodeOf[i])]
                mentions[i].entity = eid[e]
                if mentions[i].type != .date { entityOf[i] = e }
            } else if mentions[i].type != .date {
                mentions[i].entity = nil
            }
            if i > 0 && (mentions[i].start, mentions[i].end) < (mentions[i - 1].start, mentions[i - 1].end) { sorted = false }
        }
        // Nominals in order of start, numbered in that order.
        var nominals = added
        added = []
        nominals.sort { $0.mention.start < $1.mention.start }
        var nominalEntity: [Int] = []
        nominalEntity.reserveCapacity(nominals.count)
        for k in nominals.indices {
            nominals[k].mention.id = "C\(k + 1)"
            let r = find(nominals[k].node)
            nominals[k].mention.entity = eid[number[r]]
            if nominals[k].mention.type == .place { nominals[k].mention.place = clusters[r].place }
            nominalEntity.append(nominals[k].mention.type == .date ? -1 : number[r])
        }
        var spare = Mention(id: "", start: 0, end: 0, text: "", type: .date)
        // All sorted by (start, end), stably: the input mentions (nearly always in order already) merged with
        // the nominals from the back, moving elements instead of copying them.
        if sorted {
            let n = mentions.count
            mentions.reserveCapacity(n + nominals.count)
            entityOf.reserveCapacity(n + nominals.count)
            for k in nominals.indices {
                mentions.append(Mention(id: "", start: 0, end: 0, text: "", type: .date))
                entityOf.append(nominalEntity[k])
            }
            var i = n - 1, j = nominals.count - 1, k = mentions.count - 1
            while j >= 0 {
                if i >= 0 && (mentions[i].start, mentions[i].end) > (nominals[j].mention.start, nominals[j].mention.end) {
                    Self.exchange(&mentions, i, k, via: &spare)
                    entityOf.swapAt(i, k)
                    i -= 1
                } else {
                    swap(&mentions[k], &nominals[j].mention)
                    entityOf[k] = nominalEntity[j]
                    j -= 1
                }
                k -= 1
            }
        } else {
            // Out of order: the nominals appended, then every mention moved to its place by swaps (a stable
            // order: by start, end, then position).
            for k in nominals.indices {
                mentions.append(Mention(id: "", start: 0, end: 0, text: "", type: .date))
                swap(&mentions[mentions.count - 1], &nominals[k].mention)
                entityOf.append(nominalEntity[k])
            }
            let order = mentions.indices.sorted {
                (mentions[$0].start, mentions[$0].end, $0) < (mentions[$1].start, mentions[$1].end, $1)
            }
            var placed = [Bool](repeating: false, count: order.count)
            for first in order.indices where !placed[first] {
                // Position p takes the mention at order[p], around the cycle that starts here.
                var p = first
                while order[p] != first {
                    Self.exchange(&mentions, p, order[p], via: &spare)
                    entityOf.swapAt(p, order[p])
                    placed[p] = true
                    p = order[p]
                }
                placed[p] = true
            }
        }

        var members = [[String]](repeating: [], count: roots.count)
        var namesOf = [[Int]](repeating: [], count: roots.count)
        for i in mentions.indices where entityOf[i] >= 0 {
            let e = entityOf[i]
            members[e].append(mentions[i].id)
            if mentions[i].nominal != true { namesOf[e].append(i) }  // (`isNominal` would copy the mention)
        }
        var entities: [Entity] = []
        entities.reserveCapacity(roots.count)
        for (k, r) in roots.enumerated() {
            let canonical = canonicalID(r)
            entities.append(Entity(id: eid[k], type: clusters[r].type, canonical: canonical,
                                   name: displayName(r, canonical: canonical, names: namesOf[k], in: mentions),
                                   mentions: members[k]))
        }
        document.mentions = mentions
        document.entities = entities
    }

    /// Exchanges two mentions by moving them through `held`, a spare mention (`swapAt` copies them: a retain
    /// and a release of each of their strings).
    static func exchange(_ a: inout [Mention], _ i: Int, _ j: Int, via held: inout Mention) {
        guard i != j else { return }
        swap(&held, &a[i])
        swap(&held, &a[j])
        swap(&held, &a[i])
    }

    /// The gazetteer id of a cluster (by its root): the first id a gazetteer knows (a PLACE's place id always).
    func canonicalID(_ r: Int) -> String? {
        if clusters[r].type == .place, let p = clusters[r].place { return p.id }
        if let id = clusters[r].ids.first(where: { know.knows($0) }) { return id }
        // Without gazetteer files, the recognizers' ids are all there is.
        if know.organizations.isEmpty && know.people.isEmpty { return clusters[r].ids.first { !$0.hasPrefix("text:") } }
        return nil
    }

    /// The name of a cluster (by its root): the gazetteer's, else the longest of its names (`names`: indices
    /// into `mentions`; the first of the longest).
    func displayName(_ r: Int, canonical: String?, names: [Int], in mentions: [Mention]) -> String {
        if let id = canonical {
            if let o = know.organizations[id] { return o.name }
            if let p = know.people[id] { return p }
        }
        if let p = clusters[r].place { return p.name }
        var longest = -1, length = -1
        for i in names {
            let n = mentions[i].text.unicodeScalars.count
            if n > length { longest = i; length = n }
        }
        if longest >= 0 { return mentions[longest].text }
        return canonical ?? ""
    }
}
