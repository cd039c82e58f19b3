import RexModel

/// A description found in the text: determiner, pre-modifiers and head ("the jihadist group").
struct Description {
    enum Determiner { case definite, indefinite, possessive, none }
    var firstToken: Int
    /// The last token of the head.
    var lastToken: Int
    var head: CorefLexicon.Head
    var determiner: Determiner
    /// Country (ISO alpha-2) of a demonym among the modifiers ("Malian", "French").
    var demonym: String?
    /// Folded modifiers between the determiner and the head.
    var modifiers: [String]
    /// Whether the head is in the possessive ("the group's").
    var possessive: Bool
    /// Whether "of" follows the head ("the state of emergency").
    var followedByOf: Bool
    /// The name mention right after "of"/"in" (and "the") after the head: "the town of Gouni",
    /// "the transition government of Mali".
    var ofName: Int?
    /// Whether a name follows the head directly ("the capital Bamako"): the phrase contains a name.
    var followedByName: Bool
    var start: Int
    var end: Int
}

/// A pronoun found in the text.
struct PronounUse {
    var token: Int
    var pronoun: CorefLexicon.Pronoun
}

extension CorefRun {
    /// Whether the token after a head shows the head is the end of its phrase: punctuation, a stop word, an
    /// -ed verb, the end of the text.
    func endsPhrase(after h: Int) -> Bool {
        let k = h + 1
        guard k < t.count, t.sentence[k] == t.sentence[h] else { return true }
        if t.tokens[k].kind == .punctuation { return !t.isHyphen(k) }
        if t.mention[k] >= 0 { return input[t.mention[k]].type == .date }
        let f = t.flags[k]
        return f.contains(.stop) || (f.contains(.endsEd) && !f.contains(.participle)) || f.contains(.endsIng) || f.contains(.endsLy)
    }

    /// The description whose head ends at token `h`, if the words before it make one.
    func description(endingAt h: Int) -> Description? {
        guard t.isWord(h), t.mention[h] < 0 else { return nil }
        if let d = demonymDescription(h) { return d }
        guard t.flags[h].contains(.head), let options = lex.heads[t.words[h]] else { return nil }
        if !t.possessive[h] {
            // The head is the last noun: "government forces", "the town hall" are not about the first word.
            if t.isWord(h + 1), !t.isHyphen(h + 1), t.mention[h + 1] < 0, t.sentence[h + 1] == t.sentence[h] {
                if !t.flags[h + 1].isDisjoint(with: [.head, .compound]) { return nil }
            }
            // "military support", "a Qatari official.": some heads are adjectives unless the phrase ends here.
            if t.flags[h].contains(.adjective) && !endsPhrase(after: h) { return nil }
            if t.isHyphen(h + 1) { return nil }  // "government-backed"
        }
        for head in options {
            let n = head.words.count
            let hf = h - n + 1
            guard hf >= 0 else { continue }
            var ok = true
            for k in 0..<n {
                let i = hf + k
                if !t.isWord(i) || t.mention[i] >= 0 || t.words[i] != head.words[k] || (k < n - 1 && t.possessive[i]) { ok = false; break }
            }
            guard ok else { continue }
            return walkLeft(head: head, headFirst: hf, last: h)
        }
        return nil
    }

    /// "a Malian" beside a person's name; "the French", "the Russians" for a country's forces.
    func demonymDescription(_ h: Int) -> Description? {
        guard h >= 1, !t.possessive[h], t.flags[h].contains(.demonym), let country = know.demonyms[t.words[h]], t.isWord(h - 1), endsPhrase(after: h) else { return nil }
        // "the French and Malian militaries": an adjective of a coordination.
        if h + 2 < t.count, t.words[h + 1] == "and" || t.words[h + 1] == "or", t.flags[h + 2].contains(.demonym) { return nil }
        let det = t.words[h - 1]
        let head: CorefLexicon.Head
        let determiner: Description.Determiner
        if t.flags[h - 1].contains(.indefinite) {
            head = CorefLexicon.Head(words: [t.words[h]], type: .person, plural: false, rule: .apposition, accepts: ["person"])
            determiner = .indefinite
        } else if det == "the", t.capitalized(h) {
            // "the French", "the Russians": the people as an armed actor.
            head = CorefLexicon.Head(words: [t.words[h]], type: .org, plural: true, rule: .nationalNamed, accepts: ["military"])
            determiner = .definite
        } else {
            return nil
        }
        return Description(firstToken: h - 1, lastToken: h, head: head, determiner: determiner, demonym: country,
                           modifiers: [], possessive: false, followedByOf: false, ofName: nil, followedByName: false,
                           start: t.tokens[h - 1].start, end: t.tokens[h].end)
    }

    /// Finds the determiner and modifiers before a head; nil when the phrase contains a name or is generic.
    func walkLeft(head: CorefLexicon.Head, headFirst hf: Int, last h: Int) -> Description? {
        let sentence = t.sentence[hf]
        var j = hf - 1
        var determiner = Description.Determiner.none
        var start = hf
        var modifiers: [String] = []
        var demonym: String? = nil
        var words = 0
        while j >= 0 && t.sentence[j] == sentence {
            if t.mention[j] >= 0 { return nil }  // names win
            let w = t.words[j], f = t.flags[j]
            if t.isWord(j) && !t.possessive[j] {
                if f.contains(.definite) { determiner = .definite; start = j; break }
                if f.contains(.indefinite) { determiner = .indefinite; start = j; break }
                if f.contains(.pronoun), let p = lex.pronouns[w], p.form == .possessive, p.animacy != .publisher { determiner = .possessive; start = j; break }
            }
            if t.tokens[j].kind == .punctuation {
                if t.isHyphen(j) { j -= 1; continue }
                break
            }
            if t.tokens[j].kind == .number {
                if t.isHyphen(j + 1) { start = j; j -= 1; words += 1; continue }  // "five-nation"
                return nil  // counted: "two groups", "5,000 troops"
            }
            if t.possessive[j] && t.capitalized(j) { return nil }  // "Bamako's military government": names win
            // "The Mali military government": a word the document names elsewhere is a name, even when the
            // recognizer left it out here.
            if t.capitalized(j) && j > sentenceStart(j) && nameWords.contains(w) && !f.contains(.demonym) { return nil }
            if f.contains(.quantifier) {
                // "the more effective French forces" is a comparative, "more soldiers" a quantity.
                guard f.contains(.comparative), j > 0, t.flags[j - 1].contains(.definite) else { return nil }
            } else if f.contains(.stop) && !t.possessive[j] {
                break
            }
            if f.contains(.endsEd) && !f.contains(.participle) && !t.isHyphen(j - 1) { break }
            // A plural noun or a verb in -s is no pre-modifier ("… that guarantees mutual military support").
            if f.contains(.endsS) && !f.contains(.endsSS) && !t.possessive[j] && !f.contains(.pluralModifier) && !t.isHyphen(j + 1) { break }
            words += 1
            if words > 6 { break }
            modifiers.insert(w, at: 0)
            if demonym == nil, f.contains(.demonym), let c = know.demonyms[w] { demonym = c }
            start = j
            j -= 1
        }
        if determiner == .none {
            // A bare phrase only for a country's actors in the plural: "Malian troops", "French soldiers".
            guard head.plural, head.rule == .national || head.rule == .nationalNamed, demonym != nil else { return nil }
        } else if head.plural, start >= 2, t.isWord(start - 1), t.words[start - 1] == "of",
                  t.flags[start - 2].contains(.quantifier) || t.tokens[start - 2].kind == .number {
            // Partitive "one of the groups", "some of the soldiers": several, not one entity.
            return nil
        }
        let headTok = t.tokens[h]
        let possessive = t.possessive[h]
        var end = headTok.end
        if possessive {
            // Leave the "'s" out of the span.
            let raw = t.slice(headTok.start, headTok.end)
            end -= raw.hasSuffix("s'") || raw.hasSuffix("s’") ? 1 : 2
        }
        var followedByOf = false, ofName: Int? = nil
        if !possessive, h + 1 < t.count, t.isWord(h + 1), t.mention[h + 1] < 0, t.words[h + 1] == "of" || t.words[h + 1] == "in" {
            var k = h + 2
            if k < t.count, t.words[k] == "the", t.mention[k] < 0 { k += 1 }
            if k < t.count, t.mention[k] >= 0, nodeOf[t.mention[k]] >= 0, input[t.mention[k]].start == t.tokens[k].start {
                ofName = t.mention[k]
            }
            // "of committing …" is no "of" phrase of the head's.
            followedByOf = t.words[h + 1] == "of" && !(t.isWord(h + 2) && t.flags[h + 2].contains(.endsIng))
        }
        let followedByName = !possessive && h + 1 < t.count && t.mention[h + 1] >= 0 && nodeOf[t.mention[h + 1]] >= 0
            && t.sentence[h + 1] == t.sentence[h]
        return Description(firstToken: start, lastToken: h, head: head, determiner: determiner, demonym: demonym,
                           modifiers: modifiers, possessive: possessive, followedByOf: followedByOf, ofName: ofName,
                           followedByName: followedByName, start: t.tokens[start].start, end: end)
    }
}
