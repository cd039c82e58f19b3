import RexModel

extension Extraction {
    /// A country's government or military described without a name: a demonym, a country in the possessive or
    /// a country's PLACE mention before a head of `national.tsv` that ends the phrase ("Malian soldiers", "the
    /// Burkinabe army", "Mali's military government", "the Niger army"). Such words are no PLACE mention, but the
    /// actor is the country's (`lexicon/coref-national.tsv`): the document's entity for it when coreference made
    /// one, else its key. A country the table lacks ("Ivorian soldiers") still links to its country, by the key
    /// `state:CC-role` (`state:ci-military`). Nil when the phrase holds another name.
    func nationalActor(in range: Range<Int>, uncertain: Bool) -> EventActor? {
        guard let (code, role, words) = nationalDescription(in: range) else { return nil }
        return countryActor(code, role: role, words: words, uncertain: uncertain, anyCountry: true)
    }

    /// The key of a country's government or military that `coref-national.tsv` does not list.
    static func stateKey(_ code: String, role: String) -> String { "state:\(code.lowercased())-\(role)" }

    /// The organization type of a canonical id: `organizations.tsv`'s, or for a `stateKey` its role's.
    func organizationType(_ canonical: String) -> String? {
        if let t = r.organizationTypes[canonical] { return t }
        guard canonical.hasPrefix("state:") else { return nil }
        return canonical.hasSuffix("-military") ? "state forces" : "government"
    }

    /// The actor of `coref-national.tsv` for a country and role, named by `words`: the document's entity for
    /// it when there is one, else its key; nil when the table has none, unless `anyCountry` asks for the
    /// country's `state:` key then.
    func countryActor(_ code: String, role: String, words: Range<Int>, uncertain: Bool,
                      anyCountry: Bool = false) -> EventActor? {
        guard let key = r.nationalActors[code + "|" + role] ?? (anyCountry ? Self.stateKey(code, role: role) : nil)
        else { return nil }
        let entity = v.doc.entities.first { $0.canonical == key }
        return EventActor(role: "perpetrator", entity: entity?.id ?? key,
                          name: entity?.name ?? r.organizationNames[key] ?? v.slice(words),
                          uncertain: uncertain ? true : nil,
                          start: v.tokens[words.lowerBound].start, end: v.tokens[words.upperBound - 1].end)
    }

    /// The country (ISO alpha-2) and role a phrase describes, and the words that say so (without determiners).
    func nationalDescription(in range: Range<Int>) -> (country: String, role: String, words: Range<Int>)? {
        var b = range.upperBound
        while b > range.lowerBound, p.isPunct(b - 1) { b -= 1 }
        guard b > range.lowerBound, v.mentionAt[b - 1] == nil,
              let n = r.nationalHeads.match(endingAt: b, in: v.ids, from: range.lowerBound) else { return nil }
        let head = b - n
        guard let role = r.nationalRoles[v.words[head..<b].joined(separator: " ")] else { return nil }
        // Walk left over at most four modifiers to the country word.
        var j = head - 1
        var country: String? = nil
        var first = head
        while j >= range.lowerBound, head - j <= 5 {
            if let m = v.mentionAt[j] {
                // A country named as a modifier ("the Niger army"); any other name makes the phrase its own.
                let mention = v.doc.mentions[m]
                guard mention.type == .place, !mention.isNominal, let id = mention.place?.id, let c = r.countryPlaces[id],
                      v.mentionTokens[m].upperBound == j + 1 else { return nil }
                country = c
                first = v.mentionTokens[m].lowerBound
                break
            }
            let w = v.words[j]
            if p.isDeterminer(j) || p.isNumber(j) { break }
            if p.isPunct(j) {
                if w == "-" && !p.isDash(j) { j -= 1; continue }  // "counter-terrorism"
                break
            }
            if let c = r.demonyms[w] {
                country = c
                first = j
                break
            }
            if let (c, start) = possessiveCountry(endingAt: j, lower: range.lowerBound) {
                country = c
                first = start
                break
            }
            j -= 1
        }
        guard let code = country else { return nil }
        return (code, role, first..<b)
    }

    /// A country name in the possessive whose last token is `j` ("mali's", "burkina faso's", "mali ’s"):
    /// the country and the name's first token.
    func possessiveCountry(endingAt j: Int, lower: Int) -> (String, Int)? {
        var end = j
        var last = v.words[j]
        if last == "'s" || last == "'" {
            end = j - 1
            guard end >= lower else { return nil }
            last = v.words[end]
        } else if last.hasSuffix("'s") {
            last = String(last.dropLast(2))
        } else {
            return nil
        }
        var words = [last]
        var k = end
        while k >= lower, end - k < 4 {
            if let c = r.countryNames[words.joined(separator: " ")], v.isCapitalized(k) || v.caseless { return (c, k) }
            k -= 1
            guard k >= lower, v.mentionAt[k] == nil else { break }
            words.insert(v.words[k], at: 0)
        }
        return nil
    }
}
