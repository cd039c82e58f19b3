import RexModel

extension CorefRun {
    enum Candidate {
        case description(Description)
        case pronoun(PronounUse)
        var token: Int {
            switch self {
            case .description(let d): return d.lastToken
            case .pronoun(let p): return p.token
            }
        }
    }

    /// Finds descriptions and pronouns and resolves them in text order, so that a pronoun can refer to a
    /// description resolved before it ("The transition government has not announced its strategy").
    mutating func resolveNominals() {
        var candidates: [Candidate] = []
        for h in 0..<t.count {
            // A description ends in a head or a demonym; a pronoun is one.
            if t.flags[h].isDisjoint(with: [.head, .demonym, .pronoun]) { continue }
            if let d = description(endingAt: h) { candidates.append(.description(d)) }
            if t.isWord(h), t.mention[h] < 0, !t.possessive[h], t.flags[h].contains(.pronoun),
               let p = lex.pronouns[t.words[h]], looksLikePronoun(h) {
                candidates.append(.pronoun(PronounUse(token: h, pronoun: p)))
            }
        }
        // A possessive determiner is resolved with its phrase when the phrase resolves ("its military").
        let ordered = candidates.sorted { $0.token < $1.token }
        var descriptionStarts = Set<Int>()
        for c in ordered { if case .description(let d) = c { descriptionStarts.insert(d.firstToken) } }
        var pendingPossessives: [Int: PronounUse] = [:]
        for c in ordered {
            switch c {
            case .pronoun(let p):
                pendingPossessives[p.token] = p
                if p.pronoun.form != .possessive || !descriptionStarts.contains(p.token) {
                    pendingPossessives[p.token] = nil
                    if let node = resolvePronoun(p) { add(from: p.token, to: p.token, type: clusters[find(node)].type, node: node) }
                }
            case .description(let d):
                if let node = copulaSubject(d) {
                    // "Ansar Dine is a militant Islamist group": a predicate is no mention, but it tells the type.
                    learnType(d.head, node)
                    continue
                }
                if let node = resolveDescription(d) {
                    add(description: d, node: node)
                    if d.determiner == .possessive { pendingPossessives[d.firstToken] = nil }
                } else {
                    if d.determiner == .possessive, let p = pendingPossessives.removeValue(forKey: d.firstToken),
                       let node = resolvePronoun(p) {
                        add(from: p.token, to: p.token, type: clusters[find(node)].type, node: node)
                    }
                    if d.determiner != .indefinite && !d.followedByName { block(d) }
                }
            }
        }
    }

    /// The name before "is a …" / "was an …" / "became a …" whose predicate the description is.
    func copulaSubject(_ d: Description) -> Int? {
        guard d.determiner == .indefinite else { return nil }
        var k = d.firstToken - 1
        var verb = false
        while k >= 0 && d.firstToken - k <= 3 && t.isWord(k) && t.mention[k] < 0 && t.flags[k].contains(.copula) {
            if !["has", "had", "have", "also", "still", "now"].contains(t.words[k]) { verb = true }
            k -= 1
        }
        guard verb, k >= 0, t.mention[k] >= 0, nodeOf[t.mention[k]] >= 0 else { return nil }
        return input[t.mention[k]].type == d.head.type ? nodeOf[t.mention[k]] : nil
    }

    /// "US" is a country and "Liu He" a name: an all-capital token is no pronoun, nor a capitalized one inside a
    /// sentence unless the line is in title case ("Help Keep Us From Drying Up").
    func looksLikePronoun(_ h: Int) -> Bool {
        var letters = 0, upper = 0
        for k in t.tokens[h].start..<max(t.tokens[h].start, t.wordEnd[h]) {
            let c = t.text[k]
            if c.isASCII {
                // ASCII: the letters are A-Z and a-z.
                if c.value >= 0x41 && c.value <= 0x5A { letters += 1; upper += 1 } else if c.value >= 0x61 && c.value <= 0x7A { letters += 1 }
            } else if c.properties.isAlphabetic {
                letters += 1
                if c.properties.isUppercase { upper += 1 }
            }
        }
        if letters >= 2 && upper == letters { return false }
        guard t.capitalized(h), h > sentenceStart(h) else { return true }
        if t.isPunct(h - 1, "\"") || t.isPunct(h - 1, ":") { return true }
        return t.isWord(h + 1) && t.capitalized(h + 1) && t.sentence[h + 1] == t.sentence[h]
    }

    // MARK: Adding mentions

    /// A description no rule resolved still stands for something: "Modi pledged that his country would double
    /// its …" — a hidden item that takes the pronouns after it and leaves them unannotated.
    mutating func block(_ d: Description) {
        var c = Cluster(type: d.head.type)
        if d.head.type == .place { c.kind = d.head.accepts.first { !$0.hasPrefix("word:") } }
        let node = newNode(c)
        let item = Item(start: t.tokens[d.firstToken].start, end: d.end, firstToken: d.firstToken, lastToken: d.lastToken,
                        sentence: t.sentence[d.firstToken], node: node, nominal: true, hidden: true)
        insert(item)
    }

    mutating func add(description d: Description, node: Int) {
        let r = find(node)
        // A place in the possessive is no mention (as "Mali's" is none).
        if clusters[r].type == .place && d.possessive { return }
        add(from: d.firstToken, to: d.lastToken, type: clusters[r].type, node: node, end: d.end)
    }

    mutating func add(from a: Int, to b: Int, type: MentionType, node: Int, end: Int? = nil) {
        guard !(a...b).contains(where: { isTaken($0) || t.mention[$0] >= 0 }) else { return }
        let start = t.tokens[a].start, e = end ?? t.wordEnd[b]
        let m = Mention(id: "", start: start, end: e, text: t.slice(start, e), type: type, nominal: true)
        added.append((m, node))
        for k in a...b { taken[k] = true }
        insert(Item(start: start, end: e, firstToken: a, lastToken: b, sentence: t.sentence[a], node: node, nominal: true))
        clusters[find(node)].first = min(clusters[find(node)].first, start)
    }

    // MARK: Compatibility

    /// Whether a cluster can be what a head describes.
    func accepts(_ head: CorefLexicon.Head, _ node: Int, apposition: Bool = false) -> Bool {
        // The cluster's fields are read in place (`clusters[r].…`), not copied.
        let r = root(node)
        guard clusters[r].type == head.type else { return false }
        if head.accepts.contains("any") || head.type == .person { return true }
        if let w = head.words.last,
           clusters[r].described.contains(w) || (Self.generic.contains(w) && !clusters[r].described.isDisjoint(with: Self.generic)) {
            return true
        }
        for a in head.accepts where a.hasPrefix("word:") {
            if let b = lex.nameCues.firstIndex(of: String(a.dropFirst(5))), clusters[r].nameCues & (1 << UInt64(b)) != 0 { return true }
        }
        switch clusters[r].type {
        case .org:
            if clusters[r].orgTypes.isEmpty { return apposition }
            return !clusters[r].orgTypes.isDisjoint(with: head.accepts)
        case .place:
            guard let kind = clusters[r].kind else { return apposition }
            return head.accepts.contains { !$0.hasPrefix("word:") && kind.hasPrefix($0) }
        default:
            return true
        }
    }

    /// Heads that describe any kind of organization set beside a name ("an organization called the G5
    /// Sahel" … "the group").
    static let generic: Set<String> = ["group", "organization", "organisation", "movement", "coalition", "alliance"]

    /// An apposition teaches the entity's kind ("X, an armed coalition" → "the coalition", "the group").
    mutating func learnType(_ head: CorefLexicon.Head, _ node: Int) {
        let r = find(node)
        guard clusters[r].type == .org, let w = head.words.last else { return }
        clusters[r].described.insert(w)
        if !clusters[r].typeKnown && !head.accepts.contains("any") {
            clusters[r].orgTypes.formUnion(head.accepts.filter { !$0.hasPrefix("word:") })
        }
    }

    // MARK: Descriptions

    mutating func resolveDescription(_ d: Description) -> Int? {
        // "the capital Bamako", "the pro-government Platforme coalition": the phrase contains a name.
        if d.followedByName { return nil }
        if let node = apposition(d) {
            learnType(d.head, node)
            return node
        }
        if d.head.rule == .apposition { return nil }
        // A country's forces: "the last French unit".
        if d.head.type == .org, d.head.rule == .recent, let c = d.demonym, d.head.accepts.contains("state forces"),
           let id = lex.national[c + "|military"] {
            return actorNode(id, at: d.start)
        }
        switch d.head.rule {
        case .national, .nationalNamed:
            return nationalActor(d)
        case .focus:
            // "this country" in a quotation is the speaker's.
            guard d.determiner == .definite, !d.followedByOf,
                  !(t.words[d.firstToken] != "the" && insideQuotation(d.firstToken)) else { return nil }
            if let c = d.demonym { return countryNode(c, at: d.start) }
            guard let f = focusCountry() else { return nil }
            return f.node
        case .capital:
            guard d.determiner == .definite, !d.followedByOf, d.modifiers.allSatisfy({ know.demonyms[$0] != nil }) else { return nil }
            guard let code = d.demonym ?? focusCountry()?.code, let ref = know.capitals[code] else { return nil }
            return placeNode(ref, kind: "P.PPLC", at: d.start)
        case .recent:
            guard d.determiner == .definite, !d.followedByOf else { return nil }
            return recent(d)
        case .title:
            guard d.determiner == .definite, !d.followedByOf, d.modifiers.allSatisfy({ know.demonyms[$0] != nil }) else { return nil }
            return titled(d)
        case .apposition:
            return nil
        }
    }

    /// The name a description stands beside: "Farabougou, a town", "an organization called the G5 Sahel",
    /// "the central Malian town of Gouni", "its founder and leader, Iyad Ag Ghaly".
    func apposition(_ d: Description) -> Int? {
        // NAME, description / NAME—description / NAME (ACR)—description.
        if let mi = nameBefore(d), accepts(d.head, nodeOf[mi], apposition: true) { return nodeOf[mi] }
        // description … called NAME.
        if let mi = namedAfter(d), accepts(d.head, nodeOf[mi], apposition: true) { return nodeOf[mi] }
        // the town of NAME.
        if d.head.type == .place, let mi = d.ofName, t.words[d.lastToken + 1] == "of", input[mi].type == .place,
           accepts(d.head, nodeOf[mi], apposition: true) { return nodeOf[mi] }
        // description [of …], NAME — for people, and organizations introduced by "a" or a possessive.
        if d.head.type == .person || (d.head.type == .org && (d.determiner == .indefinite || d.determiner == .possessive)),
           let mi = nameAfterComma(d), accepts(d.head, nodeOf[mi], apposition: true) { return nodeOf[mi] }
        // "the pro-government militia, the Tuareg Imghad Self-Defense Group": two definite phrases side by side.
        if d.head.type == .org, d.determiner == .definite, t.isPunct(d.lastToken + 1, ","), d.lastToken + 2 < t.count,
           t.words[d.lastToken + 2] == "the", let mi = nameAfterComma(d), accepts(d.head, nodeOf[mi]) { return nodeOf[mi] }
        return nil
    }

    /// The name mention that ends right before the description's comma, dash or parenthesis.
    func nameBefore(_ d: Description) -> Int? {
        let p = d.firstToken - 1
        guard p >= 1, t.isPunct(p, ",") || t.isDash(p) || t.isPunct(p, "(") else { return nil }
        var q = p - 1
        if t.isPunct(q, ")") { q -= 1 }
        guard q >= 0, t.mention[q] >= 0 else { return nil }
        let mi = t.mention[q]
        guard nodeOf[mi] >= 0, t.sentence[q] == t.sentence[d.firstToken] else { return nil }
        // "In Mali, the government …": a name in a sentence-opening phrase is no apposition.
        let first = spans[mi].first
        var b = first - 1
        if b >= 0, t.words[b] == "the" { b -= 1 }
        if b >= 0, t.flags[b].contains(.stop), b == sentenceStart(b) { return nil }
        return mi
    }

    /// The name after a naming cue following the description: "a new alliance called JNIM".
    func namedAfter(_ d: Description) -> Int? {
        let s = t.sentence[d.lastToken]
        let gap = settings.appositionGap
        var k = d.lastToken + 1
        while k <= d.lastToken + gap + 1 && k < t.count && t.sentence[k] == s {
            if t.isPunct(k, ".") || t.isPunct(k, ";") { return nil }
            if t.mention[k] < 0, let n = phrase(.naming, "naming", at: k) {
                var m = k + n
                if m < t.count, t.flags[m].contains(.pronoun), let p = lex.pronouns[t.words[m]], p.form == .reflexive { m += 1 }
                if m < t.count, t.words[m] == "the", t.mention[m] < 0 { m += 1 }
                guard m < t.count, t.mention[m] >= 0 else { return nil }
                let mi = t.mention[m]
                return nodeOf[mi] >= 0 && input[mi].type == d.head.type ? mi : nil
            }
            k += 1
        }
        return nil
    }

    /// "its founder and leader, Iyad Ag Ghaly": a name after the description's comma, with titles between.
    func nameAfterComma(_ d: Description) -> Int? {
        let s = t.sentence[d.lastToken]
        let gap = settings.appositionGap
        var k = d.lastToken + 1
        if k < t.count, !t.isPunct(k, ",") {
            // An "of …" or "and …" tail first ("a former leader and co-founder of AQIM, …").
            guard t.isWord(k), t.words[k] == "of" || t.words[k] == "and" else { return nil }
            while k < t.count && k <= d.lastToken + gap && t.sentence[k] == s && !t.isPunct(k, ",") {
                if t.tokens[k].kind == .punctuation && !t.isHyphen(k) { return nil }
                k += 1
            }
        }
        guard t.isPunct(k, ",") else { return nil }
        k += 1
        if k < t.count, t.mention[k] < 0, t.words[k] == "the" { k += 1 }
        while k < t.count, t.mention[k] < 0, t.isWord(k), t.flags[k].contains(.title) {
            k += 1
            if t.isPunct(k, ".") { k += 1 }
        }
        guard k < t.count, t.sentence[k] == s, t.mention[k] >= 0 else { return nil }
        let mi = t.mention[k]
        guard nodeOf[mi] >= 0, input[mi].type == d.head.type, input[mi].start == t.tokens[k].start else { return nil }
        return mi
    }

    /// "the junta", "Malian troops", "its military": the government or military of a country. The country is
    /// the demonym's; else the country after "of"/"in" ("the transition government of Mali"); else, for a
    /// possessive, the country the possessive stands for; else the country named last in the sentence, if it
    /// has such an actor ("In neighboring Niger, the government …"); else the document's country.
    mutating func nationalActor(_ d: Description) -> Int? {
        guard let id = nationalActorID(d) else { return nil }
        return actorNode(id, at: d.start)
    }

    /// The organization id of `nationalActor` (read only: no entity is made here).
    func nationalActorID(_ d: Description) -> String? {
        let role = d.head.accepts.first ?? "government"
        var code = d.demonym
        if code == nil, let mi = d.ofName, t.words[d.lastToken + 1] == "of", let c = countryCode(nodeOf[mi]) { code = c }
        if code == nil {
            guard d.head.rule == .national else { return nil }
            guard d.modifiers.allSatisfy({ know.demonyms[$0] == nil }) else { return nil }
            // "In neighboring Niger, the government …": a country in the sentence's opening phrase.
            let s0 = sentenceStart(d.firstToken)
            if s0 < d.firstToken, !t.flags[s0].isDisjoint(with: [.stop, .subordinator]) {
                var k = lastItem(before: d.start)
                while k >= 0, items[k].firstToken >= s0 {
                    if let c = countryCode(items[k].node), (items[k].lastToken + 1..<d.firstToken).contains(where: { t.isPunct($0, ",") }) {
                        code = c
                        break
                    }
                    k -= 1
                }
            }
            if code == nil { code = focusCountry()?.code }
        } else if d.head.words.count == 1, know.demonyms[d.head.words[0]] != nil, code == focusCountry()?.code {
            // "the Malians" of a report on Mali are its people; "the French" its French forces.
            return nil
        }
        guard let country = code, let id = lex.national[country + "|" + role] else { return nil }
        return id
    }

    /// A country's actor: its entity if the document names it, a new one if it may be unnamed, else nil.
    mutating func actorNode(_ id: String, at offset: Int) -> Int? {
        let cur = know.current(id)
        if node(withID: cur, .org) != nil || lex.unnamed.contains(id) { return orgNode(cur, at: offset) }
        return nil
    }

    /// The country code of a PLACE cluster that is a country.
    func countryCode(_ node: Int) -> String? {
        let r = root(node)
        guard clusters[r].type == .place, let k = clusters[r].kind, k.hasPrefix("A.PCL") else { return nil }
        return clusters[r].place?.country
    }

    /// The most recent entity in the window (the same paragraph) that the head accepts.
    func recent(_ d: Description) -> Int? {
        let s = t.sentence[d.firstToken], para = t.paragraph[d.firstToken]
        let window = settings.descriptionWindow
        // Inside a quotation, only what the quotation names.
        let quoteStart = insideQuotation(d.firstToken) ? quotationStart(d.firstToken) : 0
        func fits(_ it: Item) -> Bool {
            !it.hidden && it.firstToken >= quoteStart && !(d.head.type == .place && isLandmark(it)) && accepts(d.head, it.node)
        }
        var k = lastItem(before: d.start)
        // A description that opens its sentence is most often the subject of the sentence before:
        // "Al-Mourabitoun, a group affiliated with AQIM, claimed the attack. The jihadist group said …".
        if d.firstToken == sentenceStart(d.firstToken), k >= 0, items[k].sentence == s - 1,
           t.paragraph[items[k].firstToken] == para {
            var first: Item? = nil
            var j = k
            while j >= 0 && items[j].sentence == s - 1 {
                if fits(items[j]) { first = items[j] }
                j -= 1
            }
            if let f = first { return f.node }
        }
        while k >= 0 {
            let it = items[k]
            if it.sentence < s - window || t.paragraph[it.firstToken] != para { break }
            if fits(it) { return it.node }
            k -= 1
        }
        return nil
    }

    /// "the president": the most recent person of the window whose name comes after that title somewhere in
    /// the document ("President Ibrahim Boubacar Keïta", "Interim President Colonel Assimi Goïta").
    func titled(_ d: Description) -> Int? {
        guard let title = d.head.words.last else { return nil }
        var titledRoots = Set<Int>()
        // By index: copying each Mention out would retain and release its strings.
        for i in input.indices where input[i].type == .person && nodeOf[i] >= 0 {
            let a = spans[i].first
            for k in max(0, a - 3)..<a where t.words[k] == title && t.mention[k] < 0 { titledRoots.insert(root(nodeOf[i])) }
        }
        let s = t.sentence[d.firstToken], para = t.paragraph[d.firstToken]
        let window = settings.descriptionWindow
        var k = lastItem(before: d.start)
        while k >= 0 {
            let it = items[k]
            if it.sentence < s - window || t.paragraph[it.firstToken] != para { break }
            if clusters[root(it.node)].type == .person { return titledRoots.contains(root(it.node)) ? it.node : nil }
            k -= 1
        }
        return nil
    }

    /// A name that only modifies the noun after it ("Twitter users", "JNIM fighters", "the Mali citizen") is
    /// no antecedent for a pronoun.
    func isModifier(_ it: Item) -> Bool {
        guard !it.nominal, !t.possessive[it.lastToken], t.isWord(it.lastToken + 1), t.mention[it.lastToken + 1] < 0,
              !t.capitalized(it.lastToken + 1) else { return false }
        return !t.flags[it.lastToken + 1].isDisjoint(with: [.crowd, .compound, .head])
    }

    /// A place named as a point of reference: "260 miles northeast of Bamako", "outside Gao".
    func isLandmark(_ it: Item) -> Bool {
        let a = it.firstToken
        if a >= 1, t.flags[a - 1].contains(.landmark) { return true }
        if a >= 2, t.words[a - 1] == "of" || t.words[a - 1] == "from", t.flags[a - 2].contains(.landmark) { return true }
        return false
    }

    /// Index of the last item that starts before `offset`, or -1.
    func lastItem(before offset: Int) -> Int {
        var lo = 0, hi = items.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if items[mid].start < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo - 1
    }

    // MARK: Entities found or made

    /// The document's country: the country named most often (at least `focus-min-mentions` times); computed
    /// once the names are clustered.
    func computeFocus() -> (node: Int, code: String)? {
        var best: (node: Int, count: Int, code: String)? = nil
        for i in clusters.indices where parent[i] == i && clusters[i].type == .place {
            let c = clusters[i]
            guard let kind = c.kind, kind.hasPrefix("A.PCL"), let code = c.place?.country else { continue }
            if best == nil || c.nameCount > best!.count || (c.nameCount == best!.count && c.first < clusters[best!.node].first) {
                best = (i, c.nameCount, code)
            }
        }
        // Named often enough, and at least `focus-min-share` percent of the country names.
        var total = 0
        for i in clusters.indices where parent[i] == i && clusters[i].type == .place && (clusters[i].kind?.hasPrefix("A.PCL") ?? false) {
            total += clusters[i].nameCount
        }
        guard let b = best, b.count >= lex.setting("focus-min-mentions"),
              b.count * 100 >= total * lex.setting("focus-min-share") else { return nil }
        return (b.node, b.code)
    }

    func focusCountry() -> (node: Int, code: String)? { focus }

    /// The entity that has an id (organization id, place id), if any.
    func node(withID id: String, _ type: MentionType) -> Int? {
        nodeOfID[Self.typeSlot(type)][id].map { root($0) }
    }

    /// The entity of an organization id: the cluster that has it, else a new one.
    mutating func orgNode(_ id: String, at offset: Int) -> Int {
        if let n = node(withID: id, .org) { return n }
        var c = Cluster(type: .org, ids: [id])
        if let o = know.organizations[id] { c.orgTypes = [o.type]; c.typeKnown = true }
        c.first = offset
        let n = newNode(c)
        nodeOfID[Self.typeSlot(.org)][id] = n
        return n
    }

    /// The entity of a place: the cluster that has it, else a new one.
    mutating func placeNode(_ ref: PlaceRef, kind: String, at offset: Int) -> Int {
        if let n = node(withID: ref.id, .place) { return n }
        var c = Cluster(type: .place, ids: [ref.id])
        c.place = ref
        c.kind = kind
        c.first = offset
        let n = newNode(c)
        nodeOfID[Self.typeSlot(.place)][ref.id] = n
        return n
    }

    /// The entity of a country by its code: the named one, else the gazetteer's.
    mutating func countryNode(_ code: String, at offset: Int) -> Int? {
        if let n = countryNodes[code] { return root(n) }
        guard let ref = know.countries[code] else { return nil }
        let n = placeNode(ref, kind: know.placeKind(ref.id) ?? "A.PCLI", at: offset)
        countryNodes[code] = n
        return n
    }
}
