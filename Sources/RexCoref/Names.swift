import RexModel
import RexText

/// Name clusters: canonical ids first, then the name rules.
extension CorefRun {
    /// A comparison key for a name: folded, punctuation made space ("al-Qaeda" = "al Qaeda").
    static func nameKey(_ s: String) -> String {
        // ASCII folds to its lower case: done on the way.
        if let key = asciiNameKey(s, lower: true) { return key }
        let f = Folder.shared.fold(s[...])
        if let key = asciiNameKey(f) { return key }
        var out = ""
        var space = false
        for ch in f {
            if ch.isLetter || ch.isNumber || ch == "'" {
                if space && !out.isEmpty { out.append(" ") }
                out.append(ch)
                space = false
            } else {
                space = true
            }
        }
        return out
    }

    /// `nameKey` of an ASCII string, byte by byte: the same letters, digits and apostrophes, the same spaces;
    /// `lower`: capitals lower-cased too (the string is not folded yet). Nil if the string is not ASCII.
    static func asciiNameKey(_ f: String, lower: Bool = false) -> String? {
        var f = f
        return f.withUTF8 { bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            // Written straight into the string's storage: the key is never longer than the name.
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                var n = 0
                var space = false
                for c in bytes {
                    let b = lower && c >= 0x41 && c <= 0x5A ? c | 0x20 : c
                    let keep = (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x27
                    if keep {
                        if space && n > 0 { out[n] = 0x20; n += 1 }
                        out[n] = b
                        n += 1
                        space = false
                    } else {
                        space = true
                    }
                }
                return n
            }
        }
    }

    /// The key of a name mention: its place id, else the recognizer's id or the gazetteer's for its
    /// spelling, followed through renamings; an unknown name keyed by its text.
    func key(of i: Int) -> String {
        switch input[i].type {
        case .place:
            return input[i].place?.id ?? input[i].entity ?? "text:PLACE:" + nameKeys[i]
        case .org, .person:
            var id = input[i].entity
            if id == nil || !know.knows(id!), let k = know.lookup(input[i].text, type: input[i].type) { id = k }
            return know.current(id ?? "text:\(input[i].type.rawValue):" + nameKeys[i])
        case .date:
            return ""
        }
    }

    mutating func buildNameClusters() {
        // `nodeOfID` holds nothing else yet: it is the table of keys seen.
        for i in input.indices where input[i].type != .date {
            let type = input[i].type
            let slot = Self.typeSlot(type)
            let k = key(of: i)
            let node: Int
            if let n = nodeOfID[slot][k] {
                node = n
            } else {
                var c = Cluster(type: type, ids: [k])
                if type == .org {
                    if let o = know.organizations[k] { c.orgTypes = [o.type]; c.typeKnown = true } else { c.orgTypes = cueTypes(key: nameKeys[i]) }
                }
                if type == .place, let p = input[i].place {
                    c.place = p
                    c.kind = know.placeKind(p.id) ?? (p.id.hasPrefix("place:country-") ? "A.PCLI" : nil)
                }
                node = newNode(c)
                nodeOfID[slot][k] = node
            }
            nodeOf[i] = node
            if !lex.nameCues.isEmpty { clusters[node].nameCues |= cueBits(nameKeys[i]) }
            clusters[node].nameCount += 1
            clusters[node].first = min(clusters[node].first, input[i].start)
        }
    }

    /// The bits of the `lex.nameCues` that are words of a name key.
    func cueBits(_ key: String) -> UInt64 {
        if let cues = lex.nameCueBytes, let found = key.utf8.withContiguousStorageIfAvailable({ Self.asciiCueBits($0, cues) }),
           let bits = found { return bits }
        var bits: UInt64 = 0
        for w in key.split(separator: " ") {
            for (b, cue) in lex.nameCues.enumerated() where w == cue { bits |= 1 << UInt64(b) }
        }
        return bits
    }

    /// `cueBits` of an ASCII key, its words between spaces compared byte by byte; nil if the key is not ASCII.
    static func asciiCueBits(_ b: UnsafeBufferPointer<UInt8>, _ cues: [[UInt8]]) -> UInt64? {
        var bits: UInt64 = 0
        var start = 0
        for i in 0...b.count {
            if i < b.count && b[i] >= 0x80 { return nil }
            guard i == b.count || b[i] == 0x20 else { continue }
            if i > start {
                let word = UnsafeBufferPointer(rebasing: b[start..<i])
                for (k, cue) in cues.enumerated() where cue.count == word.count && word.elementsEqual(cue) { bits |= 1 << UInt64(k) }
            }
            start = i + 1
        }
        return bits
    }

    /// Organization types told by the words of a name no gazetteer knows ("… Brigade" → armed group), from its `nameKey`.
    func cueTypes(key: String) -> Set<String> {
        var out: Set<String> = []
        for w in key.split(separator: " ") { out.formUnion(lex.orgCues[String(w)] ?? []) }
        return out
    }

    /// Whether two clusters may be one entity: same type, and not two different gazetteer entries.
    mutating func compatible(_ a: Int, _ b: Int) -> Bool {
        let ra = find(a), rb = find(b)
        if ra == rb { return true }
        guard clusters[ra].type == clusters[rb].type else { return false }
        let ka = Set(clusters[ra].ids.filter { know.knows($0) }), kb = Set(clusters[rb].ids.filter { know.knows($0) })
        if !ka.isEmpty && !kb.isEmpty && ka.isDisjoint(with: kb) { return false }
        // Two places are one only by their ids.
        if clusters[ra].type == .place { return clusters[ra].place == nil || clusters[rb].place == nil }
        return true
    }

    mutating func mergeNames() {
        let named = input.indices.filter { nodeOf[$0] >= 0 }
        // "Long Name (ACR)" and "ACR (Long Name)".
        for (k, i) in named.enumerated() where k + 1 < named.count {
            let j = named[k + 1]
            guard input[i].type == input[j].type else { continue }
            let (_, ib) = spans[i], (ja, jb) = spans[j]
            guard t.isPunct(ib + 1, "("), ja == ib + 2, t.isPunct(jb + 1, ")") else { continue }
            if compatible(nodeOf[i], nodeOf[j]) { union(nodeOf[i], nodeOf[j]) }
        }
        // The same spelling is the same entity.
        var byText = [[String: Int]](repeating: [:], count: 4)
        for i in named { byText[Self.typeSlot(input[i].type)].reserveCapacity(named.count) }
        for i in named {
            let slot = Self.typeSlot(input[i].type)
            if let n = byText[slot][nameKeys[i]] { if compatible(n, nodeOf[i]) { union(n, nodeOf[i]) } } else { byText[slot][nameKeys[i]] = nodeOf[i] }
        }
        // An acronym made of the initials of a longer name (the initials only when there is an acronym).
        let orgs = named.filter { input[$0].type == .org }
        let isAcronym = orgs.map { Self.isAcronym(input[$0].text) }
        var acronyms: [Int] = []
        for (k, i) in orgs.enumerated() where isAcronym[k] { acronyms.append(i) }
        var byInitials: [String: [Int]] = [:]
        if !acronyms.isEmpty {
            for (k, i) in orgs.enumerated() where !isAcronym[k] { byInitials[Self.initials(input[i].text), default: []].append(i) }
        }
        for i in acronyms {
            let letters = Self.capitals(input[i].text)
            let roots = Set((byInitials[letters] ?? []).map { find(nodeOf[$0]) })
            if roots.count == 1, let r = roots.first, compatible(r, nodeOf[i]) { union(r, nodeOf[i]) }
        }
        // A person's partial name: the end of exactly one longer name ("Ould Ahmeida", "Cisse").
        let people = named.filter { input[$0].type == .person }
        let words = people.map { nameKeys[$0].split(separator: " ").map(String.init) }
        for (x, i) in people.enumerated() {
            let w = words[x]
            guard !w.isEmpty else { continue }
            var roots = Set<Int>()
            for (y, j) in people.enumerated() where words[y].count > w.count && words[y].suffix(w.count).elementsEqual(w) {
                roots.insert(find(nodeOf[j]))
            }
            roots.remove(find(nodeOf[i]))
            if roots.count == 1, let r = roots.first, compatible(r, nodeOf[i]) { union(r, nodeOf[i]) }
        }
    }

    /// "JNIM", "FAMa", "ISGS": one word of letters, at least two capitals.
    static func isAcronym(_ s: String) -> Bool {
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII, byte by byte: the same test without Character properties.
            guard s.utf8.count <= 10 else { return false }
            var caps = 0
            for b in s.utf8 {
                if b >= 0x41 && b <= 0x5A { caps += 1 }
                else if !((b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D) { return false }
            }
            return caps >= 2
        }
        guard s.count <= 10, !s.contains(where: { $0 == " " }) else { return false }
        let caps = s.filter { $0.isUppercase }.count
        return caps >= 2 && s.allSatisfy { $0.isLetter || $0 == "-" || $0.isNumber }
    }

    /// The capitals that start the words of a name ("Movement for Unity and Jihad in West Africa" → "MUJWA").
    static func initials(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII, byte by byte: the capital that starts each word between spaces and hyphens. Counted first,
            // so that the string is made for its length (up to 15 bytes, no allocation).
            func each(_ body: (UInt8) -> Void) {
                var atStart = true
                for b in s.utf8 {
                    if b == 0x20 || b == 0x2D { atStart = true; continue }
                    if atStart && b >= 0x41 && b <= 0x5A { body(b) }
                    atStart = false
                }
            }
            var count = 0
            each { _ in count += 1 }
            return String(unsafeUninitializedCapacity: count) { out in
                var n = 0
                each { out[n] = $0; n += 1 }
                return n
            }
        }
        // The first character of each word between spaces and hyphens, if a capital.
        var out = ""
        var atStart = true
        for c in s {
            if c == " " || c == "-" { atStart = true; continue }
            if atStart && c.isUppercase { out.append(c) }
            atStart = false
        }
        return out
    }

    /// The capital letters of a name ("FAMa" → "FAM").
    static func capitals(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            let count = s.utf8.reduce(0) { $0 + ($1 >= 0x41 && $1 <= 0x5A ? 1 : 0) }
            return String(unsafeUninitializedCapacity: count) { out in
                var n = 0
                for b in s.utf8 where b >= 0x41 && b <= 0x5A { out[n] = b; n += 1 }
                return n
            }
        }
        return String(s.filter { $0.isUppercase })
    }
}
