import RexModel

/// A relation pattern element with its word's id in the rules' vocabulary (`EventRules.relationSteps`).
enum RelationStep: Sendable {
    /// A word (`hyphen`: the word "-", which may be part of a mention).
    case word(Int32, hyphen: Bool)
    case optional(Int32)
    case gap
    case slot(list: Bool)
}

/// Finds facts between named entities with the patterns of `rules/events/relations.tsv`: "AMB merged with
/// MUJAO to form Al-Mourabitoun", "JNIM-affiliated Katiba Macina", "AQIM leader Abdelmalek Droukdel",
/// "designated as a Foreign Terrorist Organization by the U.S. government". Slots are filled by ORG, PERSON
/// and country mentions (names or nominals with an entity); each fact is written once per document.
final class RelationFinder {
    let v: DocumentView
    let r: EventRules
    let p: Phrases
    /// `findSlotMention(at: t, upper: end of t's sentence)` for every token of a sentence, computed once: every
    /// pattern tries a slot at every token.
    private let slotAt: [(Int, Int)?]
    /// Where a list slot starting at each token ends ("A, B and C"), as `match` extends it.
    private let slotListEnd: [Int]

    /// Id of "the" in the rules' vocabulary (every word the code names has one).
    private let theID: Int32

    init(v: DocumentView, r: EventRules, phrases: Phrases? = nil) {
        self.v = v; self.r = r
        let p = phrases ?? Phrases(v: v, r: r)
        self.p = p
        let theID = r.vocabulary.id("the")
        self.theID = theID
        // Filled in local arrays and stored once (constants: no access checks when read per token); list ends
        // read the slots.
        var slots = [(Int, Int)?](repeating: nil, count: v.words.count)
        let keys = r.relationKeyWordTable
        for s in 0..<v.sentenceCount {
            let sent = v.sentenceTokens[s]
            // A sentence without the key word of any pattern matches none: its slots are not looked for.
            if !keys.isEmpty, !sent.contains(where: { v.ids[$0] >= 0 && Int(v.ids[$0]) < keys.count && keys[Int(v.ids[$0])] }) {
                continue
            }
            for t in sent where t < slots.count {
                slots[t] = Self.findSlotMention(at: t, upper: sent.upperBound, v: v, titles: p.titles, theID: theID)
            }
        }
        var ends = [Int](repeating: 0, count: v.words.count)
        for s in 0..<v.sentenceCount {
            let sent = v.sentenceTokens[s]
            for t in sent where t < slots.count {
                if let (_, next) = slots[t] { ends[t] = Self.listEnd(after: next, upper: sent.upperBound, v: v, slots: slots).end }
            }
        }
        slotAt = slots
        slotListEnd = ends
    }

    /// The mentions a list slot adds after its first one, and the token after the last.
    func listEnd(after next: Int, upper: Int) -> (mentions: [Int], end: Int) {
        Self.listEnd(after: next, upper: upper, v: v, slots: slotAt)
    }

    static func listEnd(after next: Int, upper: Int, v: DocumentView, slots: [(Int, Int)?]) -> (mentions: [Int], end: Int) {
        var mentions: [Int] = []
        var u = next
        while true {
            var w = u
            if v.word(w) == "," { w += 1 }
            if v.word(w) == "and" || v.word(w) == "or" { w += 1 }
            guard w > u, w < upper, w < slots.count, let (m2, n2) = slots[w] else { break }
            mentions.append(m2); u = n2
        }
        return (mentions, u)
    }

    struct Match {
        var end: Int
        var slots: [String: [Int]]
        /// Token indexes of the pattern's own words.
        var words: [Int]
    }

    func relations() -> [Relation] {
        var out: [Relation] = []
        var seen = Set<String>()
        let patterns = r.relations
        var tried: [Int] = []
        // A token tries only the patterns that can start there (by its first word, or a slot), in their order.
        let slotFirst = r.relationsSlotFirst, otherFirst = r.relationsOtherFirst
        let byFirst = r.relationsByFirstID, allSteps = r.relationSteps, keyWords = r.relationKeyWords
        // The last sentence each word of the vocabulary was seen in: a pattern whose key word is not in the
        // sentence is not tried.
        var seenIn = [Int](repeating: -1, count: r.vocabulary.count)
        for s in 0..<v.sentenceCount {
            let sent = v.sentenceTokens[s]
            // Each slot of a pattern is filled at a token of its own: a sentence with fewer such tokens than the
            // smallest pattern has slots matches nothing.
            var slots = 0
            for i in sent where slotAt[i] != nil { slots += 1 }
            if slots < r.relationMinSlots { continue }
            for i in sent where v.ids[i] >= 0 && Int(v.ids[i]) < seenIn.count { seenIn[Int(v.ids[i])] = s }
            for i in sent {
                // Most tokens start no pattern: no word of one and no slot.
                let id = Int(v.ids[i])
                if slotAt[i] == nil, otherFirst.isEmpty, id < 0 || id >= byFirst.count || byFirst[id].isEmpty { continue }
                tried.removeAll(keepingCapacity: true)
                tried.append(contentsOf: r.relations(startingWith: v.ids[i]))
                if let (_, next) = slotAt[i] {
                    tried.append(contentsOf: slotFirst)
                    // A slot then a word: only the patterns whose word follows the slot here.
                    if next < sent.upperBound { tried.append(contentsOf: r.relations(slotThen: v.ids[next], list: false)) }
                    if slotListEnd[i] < sent.upperBound { tried.append(contentsOf: r.relations(slotThen: v.ids[slotListEnd[i]], list: true)) }
                }
                tried.append(contentsOf: otherFirst)
                if tried.isEmpty { continue }
                tried.sort()
                for k in tried {
                    if keyWords[k] >= 0, Int(keyWords[k]) >= seenIn.count || seenIn[Int(keyWords[k])] != s { continue }
                    let steps = allSteps[k]
                    // The first element fails as `match` would, without building a match.
                    switch steps.first {
                    case let .word(w, hyphen)?:
                        if v.ids[i] != w || (v.mentionAt[i] != nil && !hyphen) { continue }
                    case let .slot(list)?:
                        guard let (_, next) = slotMention(at: i, upper: sent.upperBound) else { continue }
                        // Most patterns are a slot and a word: the word must follow the slot.
                        if steps.count > 1, case let .word(w, hyphen) = steps[1] {
                            let u = list ? slotListEnd[i] : next
                            if u >= sent.upperBound || v.ids[u] != w || (v.mentionAt[u] != nil && !hyphen) { continue }
                        }
                    default: break
                    }
                    guard canMatch(steps, 0, at: i, upper: sent.upperBound) else { continue }
                    let pattern = patterns[k]
                    guard let m = match(pattern.elements, 0, at: i, upper: sent.upperBound, Match(end: i, slots: [:], words: [])),
                          !m.words.isEmpty, let objects = m.slots[pattern.object] else { continue }
                    let triggerRange = m.words.min()!..<(m.words.max()! + 1)
                    let date = nearestDate(to: triggerRange, in: sent)
                    for subjectSlot in pattern.subjects {
                        for sm in m.slots[subjectSlot] ?? [] {
                            for om in objects {
                                let a = argument(sm), b = argument(om)
                                guard (a.entity ?? a.text) != (b.entity ?? b.text) else { continue }
                                let key = "\(pattern.relation)|\(a.entity ?? a.text.lowercased())|\(b.entity ?? b.text.lowercased())"
                                guard !seen.contains(key) else { continue }
                                seen.insert(key)
                                out.append(Relation(id: "R\(out.count + 1)", type: pattern.relation, subject: a, object: b,
                                                    date: date, trigger: v.span(triggerRange), sentence: s))
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    func argument(_ mi: Int) -> RelationArgument {
        let m = v.doc.mentions[mi]
        return RelationArgument(entity: m.entity ?? m.place?.id, text: m.text, start: m.start, end: m.end)
    }

    /// Whether a gap may not run past token `t`: it ends a sentence or clause (". ; ? !").
    func endsClause(_ t: Int) -> Bool { p.endsSentenceOrClause(t) }

    /// Whether `match` would find a match, without building one (no slot dictionaries or word arrays): most
    /// patterns fail after their first slot, and are rejected here at no allocation.
    func canMatch(_ elements: [RelationStep], _ k: Int, at t: Int, upper: Int) -> Bool {
        if k == elements.count { return true }
        switch elements[k] {
        case let .word(w, hyphen):
            guard t < upper, v.ids[t] == w, v.mentionAt[t] == nil || hyphen else { return false }
            return canMatch(elements, k + 1, at: t + 1, upper: upper)
        case let .optional(w):
            if t < upper, v.ids[t] == w, canMatch(elements, k + 1, at: t + 1, upper: upper) { return true }
            return canMatch(elements, k + 1, at: t, upper: upper)
        case .gap:
            for skip in 0...4 {
                let u = t + skip
                if u > upper { break }
                if skip > 0, endsClause(u - 1) { break }
                if canMatch(elements, k + 1, at: u, upper: upper) { return true }
            }
            return false
        case let .slot(list):
            guard let (_, next) = slotMention(at: t, upper: upper) else { return false }
            return canMatch(elements, k + 1, at: list ? slotListEnd[t] : next, upper: upper)
        }
    }

    /// Matches pattern elements from `k` at token `t`; depth-first, first match wins.
    func match(_ elements: [EventRules.RelationPattern.Element], _ k: Int, at t: Int, upper: Int, _ acc: Match) -> Match? {
        if k == elements.count { var m = acc; m.end = t; return m }
        switch elements[k] {
        case let .word(w):
            guard t < upper, v.words[t] == w, v.mentionAt[t] == nil || w == "-" else { return nil }
            var m = acc; m.words.append(t)
            return match(elements, k + 1, at: t + 1, upper: upper, m)
        case let .optional(w):
            if t < upper, v.words[t] == w {
                var m = acc; m.words.append(t)
                if let found = match(elements, k + 1, at: t + 1, upper: upper, m) { return found }
            }
            return match(elements, k + 1, at: t, upper: upper, acc)
        case .gap:
            for skip in 0...4 {
                let u = t + skip
                if u > upper { break }
                if skip > 0, endsClause(u - 1) { break }
                if let found = match(elements, k + 1, at: u, upper: upper, acc) { return found }
            }
            return nil
        case let .slot(name, list):
            guard let (first, next) = slotMention(at: t, upper: upper) else { return nil }
            var mentions = [first]
            var u = next
            if list {
                let (more, end) = listEnd(after: next, upper: upper)
                mentions += more
                u = end
            }
            var m = acc
            m.slots[name] = mentions
            return match(elements, k + 1, at: u, upper: upper, m)
        }
    }

    /// An actor mention starting at `t` (after an optional determiner or title); its index and the token after it.
    /// `upper` is the end of `t`'s sentence (the only bound `match` is called with).
    func slotMention(at t: Int, upper: Int) -> (Int, Int)? {
        t < upper && t < slotAt.count ? slotAt[t] : nil
    }

    static func findSlotMention(at t: Int, upper: Int, v: DocumentView, titles set: PhraseSet, theID: Int32) -> (Int, Int)? {
        var i = t
        if i < upper, v.mentionAt[i] == nil, v.ids[i] == theID { i += 1 }
        var titles = 0
        while i < upper, v.mentionAt[i] == nil, titles < 2, let n = set.match(at: i, in: v.ids) { i += n; titles += 1 }
        guard i < upper, let m = v.mentionAt[i], v.mentionTokens[m].lowerBound == i, v.actorMention[m] else { return nil }
        return (m, v.mentionTokens[m].upperBound)
    }

    func nearestDate(to range: Range<Int>, in sentence: Range<Int>) -> String? {
        var best: (Int, String)? = nil
        for i in sentence {
            guard let mi = v.mentionAt[i], v.mentionTokens[mi].lowerBound == i, let t = v.doc.mentions[mi].timex,
                  v.doc.mentions[mi].type == .date, t.type == "DATE", t.value.first?.isNumber == true else { continue }
            let d = i < range.lowerBound ? range.lowerBound - i : max(0, i - range.upperBound)
            if best == nil || d < best!.0 { best = (d, t.value) }
        }
        return best?.1
    }
}
