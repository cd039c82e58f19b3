import RexModel

extension CorefRun {
    /// Whether a cluster agrees with a pronoun: a person for "he"; an organization or a country for "it";
    /// an organization for "they".
    /// (The cluster by its root: its fields are read in place, not copied.)
    func agrees(_ p: CorefLexicon.Pronoun, root r: Int) -> Bool {
        let type = clusters[r].type
        switch p.animacy {
        case .person: return type == .person
        case .group: return type == .org
        case .thing: return type == .org || (type == .place && (clusters[r].kind?.hasPrefix("A.PCL") ?? false))
        case .publisher: return type == .org && clusters[r].orgTypes.contains("media")
        }
    }

    mutating func resolvePronoun(_ use: PronounUse) -> Int? {
        let i = use.token, p = use.pronoun
        // "The company itself": a reflexive right after a noun only stresses it.
        if p.form == .reflexive, i > 0, t.isWord(i - 1), t.mention[i - 1] < 0, !isTaken(i - 1) {
            if t.flags[i - 1].isDisjoint(with: [.stop, .naming, .endsEd, .endsS, .endsIng]) { return nil }
        }
        if p.animacy == .thing && p.form == .plain && isExpletive(i) { return nil }
        if p.animacy == .publisher { return publisher(i) }
        // "its territory", "its northern borders": the possessive stands for a place.
        if p.form == .possessive, p.animacy == .thing {
            var k = i + 1
            while k < t.count && k <= i + 3 && t.isWord(k) && t.mention[k] < 0 {
                if t.flags[k].contains(.land) { return nil }
                if t.flags[k].contains(.stop) { break }
                k += 1
            }
        }
        guard let node = antecedent(use) else { return nil }
        // A possessive that stands for a place is not annotated.
        if clusters[find(node)].type == .place && p.form == .possessive { return nil }
        return node
    }

    /// "we", "us", "our" outside quotations: the one media organization the document names, named near by
    /// (within `publisher-window` sentences).
    func publisher(_ i: Int) -> Int? {
        if insideQuotation(i) { return nil }
        let s = t.sentence[i], window = settings.publisherWindow
        var roots = Set<Int>(), near = Set<Int>()
        for it in items where !it.hidden && !it.nominal {
            let r = root(it.node)
            guard clusters[r].type == .org && clusters[r].typeKnown && clusters[r].orgTypes.contains("media") else { continue }
            roots.insert(root(it.node))
            if abs(it.sentence - s) <= window { near.insert(root(it.node)) }
        }
        return roots.count == 1 && near.count == 1 ? near.first : nil
    }

    /// Whether an odd number of double quotation marks precede the token in its paragraph.
    func insideQuotation(_ i: Int) -> Bool { t.quotesBefore[i] % 2 == 1 }

    func antecedent(_ use: PronounUse) -> Int? {
        let i = use.token, p = use.pronoun
        let s = t.sentence[i], para = t.paragraph[i]
        let offset = t.tokens[i].start
        // "it" stands for a country only as a reporting verb's subject ("France stated that it would"):
        // elsewhere it is mostly a thing no entity names. Names that only modify a noun ("Twitter users") are
        // no antecedents.
        func ok(_ it: Item, place: Bool = false) -> Bool {
            let r = root(it.node)
            return agrees(p, root: r) && (place || clusters[r].type != .place) && !isModifier(it)
        }
        // "France stated that it would …": the reporting verb's subject, if it agrees; else nothing.
        switch p.form == .plain ? reportingSubject(before: i) : .none {
        case .item(let it): return !it.hidden && ok(it, place: true) && !blocked(it, i, p) ? it.node : nil
        case .other: return nil
        case .none: break
        }
        let last = lastItem(before: offset)
        // Inside a quotation, only what the quotation names.
        let quoteStart = insideQuotation(i) ? quotationStart(i) : 0
        var inSentence: [Item] = []
        var j = last
        while j >= 0 && items[j].sentence == s {
            if items[j].firstToken >= quoteStart { inSentence.append(items[j]) }
            j -= 1
        }
        inSentence.reverse()
        // "Since its formation, JNIM has …", "When they showed up in 2018, ISGS …": a pronoun in an
        // opening phrase looks ahead to the subject.
        if !inSentence.contains(where: { ok($0, place: true) }), opensSentence(i), let it = subjectAfterOpeningPhrase(i) {
            return ok(it) ? it.node : nil
        }
        // The nearest fitting mention of this sentence; a place named only in the possessive ("Mali's … its")
        // takes the pronoun and leaves it unannotated.
        for it in inSentence.reversed() where ok(it, place: p.form == .possessive) || (it.hidden && ok(it, place: true)) {
            return it.hidden || blocked(it, i, p) ? nil : it.node
        }
        // A name in this sentence that does not agree ("Niger … closed their airspace", "Ndaw and Ouane were
        // ousted from their positions") leaves the pronoun to it.
        if inSentence.contains(where: { !$0.hidden && !$0.nominal }) { return nil }
        if quoteStart > 0 { return nil }
        // Else, for "it"/"they" that is the subject of its sentence (and for "he", "him", "his"), the subject of
        // the sentence before: its first mention, if that one fits ("On March 25, members of JNIM kidnapped …
        // They held …").
        // (People are named far more often than what "it" stands for: "him", "his" look back anyway.)
        guard p.animacy == .person || subjectPosition(i) else { return nil }
        let window = settings.pronounWindow
        var k = last
        var first: Item? = nil
        while k >= 0 {
            let it = items[k]
            if it.sentence < s - window || t.paragraph[it.firstToken] != para { break }
            if it.sentence < s {
                if let f = first, it.sentence < f.sentence { break }
                first = it
            }
            k -= 1
        }
        guard let f = first, !f.hidden else { return nil }
        if !ok(f) {
            // "they" after a sentence about people is about them; "it" may still find its organization.
            guard !p.plural, let k2 = items.firstIndex(where: { $0.sentence == f.sentence && !$0.hidden && ok($0) }) else { return nil }
            return blocked(items[k2], i, p) ? nil : items[k2].node
        }
        return blocked(f, i, p) ? nil : f.node
    }

    /// Whether a pronoun is the subject of its sentence or clause: first word, or after a comma, "and",
    /// "but" or a subordinator ("When it …"); a possessive at the sentence start ("Its fighters …").
    func subjectPosition(_ i: Int) -> Bool {
        if i == sentenceStart(i) { return true }
        let k = i - 1
        if t.isPunct(k, ",") || t.isPunct(k, ";") { return true }
        let w = t.words[k]
        return w == "and" || w == "but" || t.flags[k].contains(.subordinator)
    }

    /// The first token of the pronoun's sentence.
    func sentenceStart(_ i: Int) -> Int { t.sentenceStart[i] }

    /// Whether the pronoun stands in a phrase that opens its sentence: "Since its formation, …", "When they
    /// showed up in 2018, …".
    func opensSentence(_ i: Int) -> Bool {
        let s0 = sentenceStart(i)
        if i == s0 { return false }
        return i - s0 <= 2 || t.flags[s0].contains(.subordinator)
    }

    /// Reasons an antecedent is unlikely: for "they", a crowd of people named in the sentence or since the
    /// antecedent, or an antecedent in a coordination ("AQIM and ISIS … their"); for an object pronoun, an
    /// antecedent that is the subject of its own clause ("the authorities arrested them").
    func blocked(_ it: Item, _ i: Int, _ p: CorefLexicon.Pronoun) -> Bool {
        if p.plural {
            // Crowds since the antecedent, or just before it ("Terrorist groups, particularly ISIS, … their").
            let from = max(sentenceStart(it.firstToken), it.firstToken - 4)
            // "members of JNIM … they": the crowd of the antecedent itself is no other crowd.
            func ofAntecedent(_ k: Int) -> Bool {
                k + 2 <= it.firstToken && t.words[k + 1] == "of" && (k + 2 == it.firstToken || (k + 3 == it.firstToken && t.words[k + 2] == "the"))
            }
            if (from..<i).contains(where: { t.mention[$0] < 0 && !isTaken($0) && t.flags[$0].contains(.crowd) && !ofAntecedent($0) }) {
                return true
            }
            if coordinated(it) { return true }
        }
        // "the UN renews it": "it" right after a verb is an object too.
        // "it" after a verb or a preposition is an object ("the UN renews it", "make a joke of it").
        let object = p.form == .object || (t.words[i] == "it" && i > 0 && t.isWord(i - 1) && t.sentence[i - 1] == t.sentence[i]
            && t.flags[i - 1].isDisjoint(with: [.reporting, .subordinator])
            && !["and", "but", "or", "that", "which", "who", "whether", "where", "so", "then", "how", "what"].contains(t.words[i - 1]))
        if object && t.words[i] == "it" && it.sentence != t.sentence[i] { return true }
        // A possessor is no subject: "AQIM's focus … had caused it to lose sight".
        if object && i - it.lastToken <= 8 && !t.possessive[it.lastToken] {
            let between = (it.lastToken + 1)..<i
            if !between.contains(where: { t.tokens[$0].kind == .punctuation || t.flags[$0].contains(.subordinator)
                || ["that", "which", "who", "and", "but"].contains(t.words[$0]) }) { return true }
        }
        return false
    }

    /// Whether an item is one of several joined by "and" / "or" / a comma ("Mali and Niger").
    func coordinated(_ it: Item) -> Bool {
        func link(_ k: Int) -> Bool { k >= 0 && k < t.count && (t.words[k] == "and" || t.words[k] == "or") }
        func itemEnding(_ k: Int) -> Bool { item(lastToken: k) != nil }
        func itemStarting(_ k: Int) -> Bool { item(firstToken: k) != nil }
        var a = it.firstToken
        let b = it.lastToken
        if a > 0, t.words[a - 1] == "the", t.mention[a - 1] < 0 { a -= 1 }
        if link(a - 1) && itemEnding(a - 2) { return true }
        // "X, Y and Z", "X, Y, and Z".
        if t.isPunct(a - 1, ",") && itemEnding(a - 2) && (link(b + 1) || (t.isPunct(b + 1, ",") && link(b + 2))) { return true }
        var c = b + 2
        if c < t.count, t.words[c] == "the", t.mention[c] < 0 { c += 1 }
        if link(b + 1) && itemStarting(c) { return true }
        return false
    }

    enum Reporter { case item(Item), other, none }

    /// The item that is the subject of "[first] announced [that]" right before the pronoun; a parenthetical
    /// between the subject and the verb is skipped ("Germany—which will withdraw by May 2024—announced that it").
    /// `.other` when the subject is no mention ("Germany's military announced that it …").
    func reportingSubject(before i: Int) -> Reporter {
        var k = i - 1
        if k >= 0, t.words[k] == "that" { k -= 1 }
        guard k >= 0 else { return .none }
        var start = -1
        for len in 1...3 where k - len + 1 >= 0 {
            if let n = phrase(.reporting, "reporting", at: k - len + 1), n == len { start = k - len + 1 }
        }
        guard start > 0 else { return .none }
        var end = start - 1
        // "The government has not yet announced that it …": auxiliaries and adverbs before the verb.
        var skipped = 0
        while end > 0 && skipped < 3 && t.isWord(end) && t.mention[end] < 0 && !isTaken(end)
                && !t.flags[end].isDisjoint(with: [.stop, .endsLy]) {
            end -= 1
            skipped += 1
        }
        if t.isDash(end) || t.isPunct(end, ",") {
            // Back to the dash or comma that opens the parenthetical.
            let closing = t.tokens[end].folded
            var j = end - 1
            while j >= 0 && t.sentence[j] == t.sentence[end] && !(t.tokens[j].kind == .punctuation && t.tokens[j].folded == closing && (closing == "," || t.isDash(j))) {
                j -= 1
            }
            guard j >= 0, t.sentence[j] == t.sentence[end] else { return .none }
            end = j - 1
            if t.isPunct(end, ")") { end -= 1 }  // "the African Union (AU)—a … organization …—confirmed"
        }
        if let it = item(lastToken: end) { return .item(it) }
        return t.isWord(end) && !t.flags[end].contains(.stop) ? .other : .none
    }

    /// The first token after the quotation mark that opens the quotation the token is in.
    func quotationStart(_ i: Int) -> Int { t.lastQuote[i] + 1 }

    /// For a pronoun before the sentence's first comma: the mention that starts right after that comma.
    func subjectAfterOpeningPhrase(_ i: Int) -> Item? {
        let s = t.sentence[i]
        var k = i + 1
        while k < t.count && t.sentence[k] == s && !t.isPunct(k, ",") {
            if t.mention[k] >= 0 && input[t.mention[k]].type != .date { return nil }
            k += 1
        }
        guard t.isPunct(k, ","), k + 1 < t.count else { return nil }
        var m = k + 1
        if t.words[m] == "the" { m += 1 }
        guard m < t.count else { return nil }
        return item(firstToken: m)
    }

    /// "it is unclear", "it was reported", "made it difficult": "it" that stands for nothing.
    func isExpletive(_ i: Int) -> Bool {
        guard t.words[i] == "it" else { return false }
        var k = i + 1
        func empty(_ k: Int) -> Bool {
            k < t.count && (t.flags[k].contains(.expletive) || phrase(.reporting, "reporting", at: k) != nil)
        }
        if let n = phrase(.be, "be", at: k) {
            k += n
            if k < t.count, t.words[k] == "not" || t.words[k] == "also" { k += 1 }
            return empty(k)
        }
        // "make it difficult to …"
        if i > 0, t.flags[i - 1].contains(.be) || t.words[i - 1] == "make" || t.words[i - 1] == "made" {
            return empty(k)
        }
        return false
    }
}
