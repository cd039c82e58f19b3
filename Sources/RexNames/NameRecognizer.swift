import Foundation
import RexModel

/// Adds PLACE, ORG and PERSON name mentions.
///
/// 1. Gazetteer names: the token trie finds every gazetteer spelling in the text (acronyms only with the
///    same capitals, other names only capitalized); a designator right after a place ("Mopti region",
///    "Niger River") joins its span and asks for that sense.
/// 2. Names no gazetteer holds, by rules whose words are data (`lexicon/names-*.txt`): acronym definitions
///    ("… Processing Unit (CENTIF-Mali)"), capitalized phrases with an organization head word, "the X group",
///    titles and roles before a person ("President X", "leader X"), given names ("Mohamed Toure"), place cues
///    ("the town of X", "X village", "in X, northern Mali").
/// 3. Document-level names: acronyms defined once match everywhere; a person's surname alone ("Keita")
///    after the full name.
/// 4. The longest candidates win (then the more reliable source); mentions never overlap each other or the
///    mentions already in the document (dates).
/// 5. Places are resolved to one gazetteer entry (`PlaceResolver`): sense asked by designators and cues,
///    salience, the document's countries, a region named with the place, nearby places, and stated
///    distances and bearings ("260 miles northeast of Bamako").
///
/// Possessive places ("Mali’s") and demonyms ("Malian") are not PLACE mentions; an ORG or PERSON in the
/// possessive is a mention without the "’s".
public struct NameRecognizer: Stage {
    public let name = "names"
    public let requires: Set<Layer> = [.tokens, .sentences]
    public let adds: Set<Layer> = [.places, .organizations, .people]

    public let gazetteer: Gazetteer

    public init(gazetteer: Gazetteer) { self.gazetteer = gazetteer }

    /// Uses the process-wide gazetteer of the data folder (loaded on first use).
    public init(data: URL) throws { self.init(gazetteer: try Gazetteer.shared(data: data)) }

    public func process(_ document: inout Document) throws {
        let found = recognize(document)
        document.mentions.append(contentsOf: found)
        document.mentions.sort { $0.start != $1.start ? $0.start < $1.start : $0.end < $1.end }
    }

    /// The name mentions of a document (not yet added to it).
    public func recognize(_ document: Document) -> [Mention] {
        guard !document.tokens.isEmpty else { return [] }
        var run = Run(gazetteer: gazetteer, view: TextView(document: document, gazetteer: gazetteer))
        return run.recognize()
    }
}

/// One recognition pass over one document.
/// Key-token phrases grouped by their first key, for `Run.matchPhrase`.
struct PhraseIndex: Sendable {
    var byFirst: [String: [[String]]] = [:]
    /// An empty phrase matches anywhere.
    var hasEmpty = false

    /// The flag of the phrases' first words (`WordFlags.titleStart` or `.roleStart`).
    let first: WordFlags

    init(_ phrases: [[String]], first: WordFlags) {
        self.first = first
        for p in phrases {
            if let f = p.first { byFirst[f, default: []].append(p) } else { hasEmpty = true }
        }
    }
}

struct Run {
    let g: Gazetteer
    let lex: Lexicon
    let v: TextView
    var candidates: [Candidate] = []
    /// Whether a strong place candidate starts at each token, for coordination cues.
    var strongPlaceAt: [Bool]
    /// Whether a strong place candidate ends at each token.
    var strongPlaceEnd: [Bool]
    /// Best gazetteer candidate of each exact span (a, b), for acronym definitions.
    /// (Built on the first acronym definition: most documents have none.)
    var gazetteerSpan: [Int: Int]? = nil

    /// The lexicon's titles and roles by first key: most words start none, and are rejected by one look-up.
    let titles: PhraseIndex
    let roles: PhraseIndex

    init(gazetteer: Gazetteer, view: TextView) {
        g = gazetteer
        lex = gazetteer.lexicon
        v = view
        strongPlaceAt = [Bool](repeating: false, count: view.count)
        strongPlaceEnd = strongPlaceAt
        titles = gazetteer.words.titles
        roles = gazetteer.words.roles
    }

    mutating func recognize() -> [Mention] {
        gazetteerCandidates()
        acronymDefinitions()
        orgHeadPhrases()
        groupPhrases()
        titlePersons()
        shapePersons()
        placeCues()
        dropLeadModifiedNames()
        dropCrossingRuleCandidates()
        var chosen = select(candidates)
        // Document-level names, then choose again with them.
        let extra = documentAcronyms(chosen) + personPartials(chosen)
        if !extra.isEmpty {
            candidates += extra
            chosen = select(candidates)
        }
        return mentions(from: mergeAcronymPrefixes(chosen))
    }

    // MARK: Helpers

    func isFunction(_ i: Int) -> Bool { v.has(i, .function) }
    func isParticle(_ i: Int) -> Bool { v.isWord(i) && !v.capitalized[i] && v.has(i, .particle) }
    /// A capitalized word that can be part of a name (not a function word such as "The" or "In").
    func isNameWord(_ i: Int) -> Bool {
        guard v.isWord(i), v.capitalized[i], !v.has(i, [.function, .time]) else { return false }
        return v.letterShaped[i]
    }
    /// A word that can be part of a person's name: a name word, or in caseless text a given name or a word that
    /// is neither a function, stop, time or common word, nor a title, organization head or demonym.
    func isPersonWord(_ i: Int) -> Bool {
        if isNameWord(i) { return true }
        guard v.caseless, v.isWord(i), v.tokens[i].kind == .word else { return false }
        if v.has(i, .givenName) { return true }
        if v.has(i, [.stop, .common, .orgHead, .demonym]) { return false }
        let k = v.key(i)
        // A past tense after a title is the title's verb, not a name ("the president cited", "the captain
        // disarmed one of the soldiers").
        if k.count >= 5, k.hasSuffix("ed") { return false }
        return k.count >= 2 && k.allSatisfy({ $0.isLetter || $0 == "'" })
            && matchPhrase(titles, at: i) == nil && matchPhrase(roles, at: i) == nil
    }
    /// A demonym ("Malian") or a possessive ("Mali’s") at the start of a phrase.
    func isLeadModifier(_ i: Int) -> Bool { v.keys[i].possessive || v.has(i, .demonym) }
    /// A word that says something of its own in an organization's name (not a head, stop word or particle).
    func isInformative(_ i: Int) -> Bool {
        v.isWord(i) && v.posOf[i] >= 0 && !v.has(i, [.orgHead, .stop, .particle]) && !isLeadModifier(i)
    }

    func words(_ a: Int, _ b: Int) -> Int { (a..<b).reduce(0) { $0 + (v.posOf[$1] >= 0 ? 1 : 0) } }

    func anyTaken(_ a: Int, _ b: Int) -> Bool { (a..<b).contains { v.taken[$0] } }

    /// Capitalization a non-acronym name needs: its first word capitalized, or a particle followed by a
    /// capitalized word ("al-Qaeda").
    func capitalizationOK(_ seqFrom: Int, _ len: Int) -> Bool {
        var k = seqFrom
        while k < seqFrom + len {
            let i = v.seq[k]
            if v.isWord(i) {
                if v.capitalized[i] { return true }
                if !v.has(i, .particle) { return false }
            }
            k += 1
        }
        return false
    }

    func surfaceKey(_ a: Int, _ last: Int) -> String {
        let end = v.tokens[last].end - v.keys[last].possessiveLength
        return NameKey.surface(v.text.slice(v.tokens[a].start, end)[...])
    }

    // MARK: 1. Gazetteer names

    mutating func gazetteerCandidates() {
        let trie = g.trie
        var placeCands: [Candidate] = []
        var orgRefs: [NameRef] = [], personRefs: [NameRef] = [], placeRefs: [NameRef] = []
        for match in trie.allMatches(v.ids) {
            let p = match.start, len = match.length, node = match.node
            let a = v.seq[p], last = v.seq[p + len - 1]
            guard v.isWord(a), v.isWord(last) || v.isPunct(last, ")") else { continue }
            // (Not the sentence: the splitter may break after "U.N." inside "U.N. High Commissioner …".)
            if anyTaken(a, last + 1) || !v.sameLine(a, last) { continue }
            var innerPossessive = false
            for k in p..<(p + len - 1) where v.keys[v.seq[k]].possessive { innerPossessive = true; break }
            let possessive = v.keys[last].possessive
            let capsOK = v.caseless || capitalizationOK(p, len)
            // Organizations: "government of Mali" is a name when its last word is capitalized.
            let lastCap = len >= 3 && v.capitalized[last] && v.has(a, .orgHead)
            // Computed only for organization and person spellings (most matches are places).
            var orgPersonOK: Bool? = nil
            var surface: String? = nil
            orgRefs.removeAll(keepingCapacity: true)
            personRefs.removeAll(keepingCapacity: true)
            placeRefs.removeAll(keepingCapacity: true)
            for ref in trie.names(at: node) {
                if ref.isAcronym && v.caseless {
                    // Without case an acronym is a word: not one the lexicon knows as a common word.
                    guard len > 1 || !v.has(a, [.stop, .function]) else { continue }
                } else if ref.isAcronym {
                    if surface == nil { surface = surfaceKey(a, last) }
                    guard surface == trie.surfaces[Int(ref.surface)] else { continue }
                } else if ref.kind == .place {
                    guard capsOK else { continue }
                } else {
                    guard capsOK || ref.kind == .org && lastCap else { continue }
                    if orgPersonOK == nil { orgPersonOK = hasOwnCapital(p, len) && !isPlaceDescription(p, len) }
                    guard orgPersonOK!, writtenCapsOK(ref, p, len) else { continue }
                }
                switch ref.kind {
                case .org: orgRefs.append(ref)
                case .person: personRefs.append(ref)
                case .place: placeRefs.append(ref)
                }
            }
            let w = len
            if !orgRefs.isEmpty {
                var c = Candidate(a: a, b: last + 1, type: .org, source: .gazetteer, priority: 6,
                                  confidence: orgRefs.contains { $0.isAcronym } ? 0.9 : 0.95, words: w)
                c.refs = orgRefs
                c.entity = g.organizations[Int(bestRef(orgRefs).index)].id
                c.possessive = possessive
                candidates.append(c)
            }
            if !personRefs.isEmpty, !innerPossessive {
                var c = Candidate(a: a, b: last + 1, type: .person, source: .gazetteer, priority: 5,
                                  confidence: len > 1 ? 0.9 : 0.8, words: w)
                c.refs = personRefs
                c.entity = g.people[Int(bestRef(personRefs).index)].id
                c.possessive = possessive
                candidates.append(c)
            }
            guard !placeRefs.isEmpty, !innerPossessive, !isBeforeDemonym(last), !(len == 1 && isInOrgDescription(a)) else {
                continue
            }
            var refs = placeRefs
            if len == 1 {
                // Stop words and demonyms are never places by themselves in the big gazetteer.
                if v.has(a, [.stop, .demonym]) {
                    refs = g.places.withUnsafeBufferPointer { ps in refs.filter { ps[Int($0.index)].file != 0 || $0.isAcronym } }
                    if refs.isEmpty { continue }
                }
            }
            var c = Candidate(a: a, b: last + 1, type: .place, source: .gazetteer, priority: 4,
                              confidence: 0.9, words: w)
            c.refs = refs
            c.possessive = possessive
            if !possessive { extendWithDesignator(&c) }
            placeCands.append(c)
        }
        // Gate weak places on cues: strong places first, so that coordinations can count them.
        let weak = placeCands.map { isWeak($0) }
        for k in placeCands.indices where !weak[k] {
            strongPlaceAt[placeCands[k].a] = true
            strongPlaceEnd[placeCands[k].b - 1] = true
        }
        for k in placeCands.indices {
            if weak[k] {
                guard hasPlaceCue(placeCands[k]) else { continue }
                placeCands[k].priority = 2
                placeCands[k].confidence = 0.7
            }
            candidates.append(placeCands[k])
        }
    }

    /// A name has a capitalized word of its own: "Malian government" and "Mali’s army" are descriptions.
    func hasOwnCapital(_ p: Int, _ len: Int) -> Bool {
        if v.caseless { return true }
        for k in p..<(p + len) {
            let t = v.seq[k]
            if v.isWord(t) && v.capitalized[t] && !isLeadModifier(t) { return true }
        }
        return false
    }

    /// "Mali army", "the Niger government": a place name and lower-case words describe an organization
    /// ("government of Mali", which starts in lower case, is a name).
    func isPlaceDescription(_ p: Int, _ len: Int) -> Bool {
        guard len > 1, v.capitalized[v.seq[p]] else { return false }
        for k in p..<(p + len) {
            let t = v.seq[k]
            let described = !v.isWord(t) || !v.capitalized[t] || isLeadModifier(t)
                || isStrongPlaceWord(t) && !NameKey.isAcronym(v.text.slice(v.tokens[t].start, v.tokens[t].end)[...])
            if !described { return false }
        }
        return true
    }

    /// "West African", "North African": a place name right before a demonym is part of an adjective.
    func isBeforeDemonym(_ last: Int) -> Bool {
        guard let n = v.next(last) else { return false }
        return v.isWord(n) && v.capitalized[n] && v.has(n, [.demonym, .placeAdjective])
            && v.tokens[n].start - v.tokens[last].end <= 1
    }

    /// "The Mali army": the country word belongs to a description of an organization.
    /// ("The current Mali military government"; but "the Mali military officers" keeps its place.)
    func isInOrgDescription(_ a: Int) -> Bool {
        guard let p = v.prev(a) else { return false }
        var article = v.key(p) == "the"
        if !article, !v.capitalized[p], v.isWord(p), let pp = v.prev(p) { article = v.key(pp) == "the" }
        guard article, let n = v.next(a), v.isWord(n), !v.capitalized[n], v.has(n, .orgNoun) else {
            return false
        }
        if v.key(n) != "military" { return true }
        guard let m = v.next(n) else { return false }
        return v.has(m, .orgNoun)
    }

    /// The words an organization's or person's gazetteer spelling capitalizes (after the first) are
    /// capitalized in the text too: "Islamic state" is not "Islamic State".
    func writtenCapsOK(_ ref: NameRef, _ p: Int, _ len: Int) -> Bool {
        guard ref.surface >= 0, !v.caseless else { return true }
        let upper = g.words.writtenUpper[Int(ref.surface)]
        guard upper.count == len else { return true }
        for k in 1..<max(1, len) where upper[k] && !v.capitalized[v.seq[p + k]] { return false }
        return true
    }

    /// A word that is on its own the name of a salient place (a country, a capital, a region).
    func isStrongPlaceWord(_ t: Int) -> Bool {
        let p = v.posOf[t]
        guard p >= 0, v.ids[p] >= 0, let node = g.trie.child(0, v.ids[p]) else { return false }
        for ref in g.trie.names(at: node) where ref.kind == .place && g.salience(at: Int(ref.index)) >= 6.5 { return true }
        return false
    }

    func bestRef(_ refs: [NameRef]) -> NameRef { refs.first { $0.isPrimary } ?? refs[0] }

    /// A place candidate whose best entry is a small place, or whose name needs a cue ("Boni", "Kati").
    func isWeak(_ c: Candidate) -> Bool {
        if needsCue(c.a, c.b) { return true }
        if c.sense != nil { return false }
        var best = 0.0
        for r in c.refs { best = max(best, g.salience(at: Int(r.index))) }
        return best < 5
    }

    /// The key of tokens a..<b is a place name that needs a cue (`names-need-cue.txt`).
    func needsCue(_ a: Int, _ b: Int) -> Bool {
        var first = -1, n = 0
        for t in a..<b where v.posOf[t] >= 0 {
            if n == 0 { first = t }
            n += 1
        }
        if n == 1 { return v.has(first, .needCue) }
        return lex.needCue.contains((a..<b).compactMap { v.posOf[$0] >= 0 ? v.key($0) : nil }.joined(separator: " "))
    }

    /// A designator right after a place ("Region", "circle", "River", "village") joins the span.
    func extendWithDesignator(_ c: inout Candidate) {
        guard let n = v.next(c.b - 1), v.isWord(n), v.sentence[n] == v.sentence[c.a], !v.taken[n],
              v.has(n, .designator), let kind = lex.designators[v.key(n)] else { return }
        // A lower-case "area"/"village" only after a capitalized name; "Region" with either case.
        c.b = n + 1
        c.words += 1
        c.sense = kind.isEmpty ? nil : kind
        c.designated = true
        c.pluralSense = v.has(n, .pluralDesignator)
        c.possessive = v.keys[n].possessive
        if c.possessive { c.b = n + 1 }
    }

    /// Whether the text around a place candidate says it is a place.
    func hasPlaceCue(_ c: Candidate) -> Bool {
        if c.sense != nil || c.designated { return true }
        if let p = v.prev(c.a), v.sentence[p] == v.sentence[c.a] {
            var q: Int? = p
            while let qq = q, !v.capitalized[qq], v.has(qq, .placeModifier) { q = v.prev(qq) }
            if let qq = q, v.has(qq, .preposition), !v.capitalized[qq] || v.sentenceStart[qq] { return true }
            // "north of X", "15 kilometers from X"
            if let qq = q, v.key(qq) == "of", let b = v.prev(qq), v.has(b, [.bearing, .unit]) {
                return true
            }
            // "the town of X"
            if beforePhrase(endingAt: p) != nil { return true }
            // "the", then a preposition: "in the X"
            if v.key(p) == "the", let pp = v.prev(p), v.has(pp, .preposition) { return true }
            // Coordination with a strong place: "Timbuktu, Gao, and Kidal"
            if v.isPunct(p, ",") || v.key(p) == "and" || v.key(p) == "or" {
                var q = v.prev(p)
                if let qq = q, v.key(qq) == "and" || v.isPunct(qq, ",") { q = v.prev(qq) }
                if let q, placeEndsAt(q) { return true }
            }
        }
        if let n = v.next(c.b - 1), v.sentence[n] == v.sentence[c.a] {
            if v.isPunct(n, ",") || v.key(n) == "and" || v.key(n) == "or" {
                if let m = v.next(n) {
                    let m2 = v.key(m) == "and" ? v.next(m) : m
                    if let m2, strongPlaceAt[m2] { return true }
                }
            }
            // "X (Mopti region)"
            if v.isPunct(n, "("), let m = v.next(n), strongPlaceAt[m] { return true }
        }
        return false
    }

    func placeEndsAt(_ i: Int) -> Bool { strongPlaceEnd[i] }

    /// The sense asked by a cue phrase ending at token `i` ("town of" → "P"), or nil.
    func beforePhrase(endingAt i: Int) -> String? {
        guard v.has(i, .placeBeforeEnd) || g.words.placeBeforeAnywhere else { return nil }
        return lex.placeBefore(endingAt: i, in: v)?.kind
    }

    // MARK: 2. Names from rules

    /// The maximal run of name words around a head word, with connectors between them:
    /// "General Directorate of State Security", "Center for Strategic & International Studies".
    func nameRun(around i: Int, allowIn: Bool = false) -> (Int, Int)? {
        let sent = v.sentence[i]
        var a = i
        // Left: capitalized words, a possessive first word ("Mali’s Armed Forces"), "and" between words.
        while let p = v.prev(a), v.sentence[p] == sent, v.sameLine(p, a), !v.taken[p] {
            if v.keys[p].possessive {
                if isNameWord(p) { a = p }
                break
            }
            if isNameWord(p) { a = p; continue }
            if isParticle(p) {
                var q = p
                while let qq = v.prev(q), isParticle(qq) { q = qq }
                if let qq = v.prev(q), isNameWord(qq), v.sentence[qq] == sent { a = p; continue }
                if v.has(p, .initialParticle) { a = p }
                break
            }
            if v.key(p) == "and" || v.key(p) == "&", v.key(a) != "the", let pp = v.prev(p), isNameWord(pp),
               !v.keys[pp].possessive {
                a = p; continue
            }
            break
        }
        var b = i
        if v.keys[b].possessive { return trimLeft(a, b + 1) }
        // Right: capitalized words; connectors ("of", "for", "in the") followed by a capitalized word.
        // Not "in": "Mission in Mali" is a gazetteer name, "Assembly in New York" is two names.
        outer: while let n = v.next(b), v.sentence[n] == sent, v.sameLine(b, n), !v.taken[n] {
            if isNameWord(n) {
                b = n
                if v.keys[n].possessive { break }
                continue
            }
            if isParticle(n), let m = v.next(n), isNameWord(m) { b = m; if v.keys[m].possessive { break }; continue }
            // "in the …" continues a name ("… in the Islamic Maghreb"); a bare "in" only after heads that take it.
            let inThe = v.key(n) == "in" && v.next(n).map { v.key($0) == "the" } == true
            if Self.connectors.contains(v.key(n)) || v.key(n) == "in" && (allowIn || inThe) {
                var m = v.next(n)
                if let mm = m, v.key(mm) == "the" || v.key(mm) == "l" || v.key(mm) == "la" { m = v.next(mm) }
                if let mm = m, isParticle(mm) { m = v.next(mm) }
                if let mm = m, isNameWord(mm), !v.taken[mm] {
                    if v.key(n) == "and" || v.key(n) == "&" {
                        // "and" only between name words, not before a sentence part with its own article.
                        if v.key(v.next(n)!) == "the" { break outer }
                    }
                    b = mm
                    if v.keys[mm].possessive { break }
                    continue
                }
            }
            break
        }
        return trimLeft(a, b + 1)
    }

    /// Words that join two parts of a name in `nameRun`.
    static let connectors: Set<String> = ["of", "for", "on", "against", "and", "&", "de", "du", "des", "la", "le",
                                          "pour", "to"]

    func trimLeft(_ a: Int, _ b: Int) -> (Int, Int)? {
        var a = a
        while a < b, v.posOf[a] < 0 || isFunction(a) || (!v.capitalized[a] && !v.has(a, .initialParticle))
                || v.key(a) == "and" {
            a += 1
        }
        return a < b ? (a, b) : nil
    }

    /// Drops a leading demonym or possessive when the rest is a name of its own: "Algerian Salafist Group for
    /// Preaching and Combat" → "Salafist Group …"; kept when the rest is generic: "French Armed Forces",
    /// "Mali’s Armed Forces".
    func trimLead(_ a: Int, _ b: Int) -> (Int, Int)? {
        guard a < b, isLeadModifier(a), let n = v.next(a), n < b else { return (a, b) }
        if (n..<b).contains(where: { isInformative($0) }) { return trimLeft(n, b) }
        return (a, b)
    }

    /// Capitalized phrases with an organization head word: "Special Intervention Brigade".
    mutating func orgHeadPhrases() {
        var seen = Set<Int>()
        for i in 0..<v.count where v.has(i, [.otherHead, .orgHead]) && isNameWord(i) && !v.taken[i] {
            let other = v.has(i, .otherHead)
            guard let (a0, b0) = nameRun(around: i, allowIn: v.has(i, .inHead)), let (a, b) = trimLead(a0, b0),
                  !seen.contains(a * 100_003 + b) else { continue }
            seen.insert(a * 100_003 + b)
            let ws = (a..<b).filter { v.posOf[$0] >= 0 && v.isWord($0) }
            if other {
                guard ws.count >= 2 else { continue }
                var c = Candidate(a: a, b: b, type: .org, source: .orgHead, priority: 1, confidence: 0, words: words(a, b))
                c.block = true
                candidates.append(c)
                continue
            }
            guard ws.count >= 2, ws.contains(where: { isInformative($0) }) || ws.contains(where: { isLeadModifier($0) })
            else { continue }
            // A run that is only a place and a head ("Mali Government") is still an organization name.
            var c = Candidate(a: a, b: b, type: .org, source: .orgHead, priority: 3, confidence: 0.7, words: words(a, b))
            c.possessive = v.keys[b - 1].possessive
            let surface = v.surface(a, b)
            // (Only a text with a "’" can hold "’s": most skip the Foundation search.)
            let hasQuote = surface.utf8.contains(0x99) && Self.containsPossessiveBytes(surface)
            c.entity = "org:" + slug(hasQuote ? surface.replacingOccurrences(of: "’s", with: "") : surface)
            candidates.append(c)
        }
    }

    /// Whether the UTF-8 bytes of "’s" occur in `s`: where they do not, "’s" is not in it in any form (neither
    /// "’" nor "s" has another canonical form), and a search for it would find nothing.
    static func containsPossessiveBytes(_ s: String) -> Bool {
        var matched = 0
        for b in s.utf8 {
            let expected: UInt8 = matched == 0 ? 0xE2 : matched == 1 ? 0x80 : matched == 2 ? 0x99 : 0x73
            if b == expected {
                matched += 1
                if matched == 4 { return true }
            } else {
                matched = b == 0xE2 ? 1 : 0
            }
        }
        return false
    }

    /// "the X group": X names an organization.
    mutating func groupPhrases() {
        // (By the word's trie id when it has one: an integer test at every token.)
        let groupId = g.trie.tokenId("group")
        for i in 0..<v.count where (groupId.map { v.id(i) == $0 } ?? (v.key(i) == "group")) && v.isWord(i) && !v.capitalized[i] {
            guard var a = v.prev(i), isNameWord(a), !v.taken[a], !v.keys[a].possessive else { continue }
            let b = a + 1
            while let p = v.prev(a), isNameWord(p) && !v.keys[p].possessive || isParticle(p) { a = p }
            guard let p = v.prev(a), v.key(p) == "the", let (s, e) = trimLeft(a, b) else { continue }
            if v.has(e - 1, .demonym) { continue }
            var c = Candidate(a: s, b: e, type: .org, source: .groupPhrase, priority: 2, confidence: 0.6, words: words(s, e))
            c.entity = "org:" + slug(v.surface(s, e))
            candidates.append(c)
        }
    }

    /// Key-token sequences of `list` that start at token i; returns the end token (exclusive) of the longest.
    func matchPhrase(_ index: PhraseIndex, at i: Int) -> Int? {
        var best: Int? = index.hasEmpty ? i + 1 : nil
        guard v.has(i, index.first), let list = index.byFirst[v.key(i)] else { return best }
        for phrase in list {
            var j: Int? = i
            var last = i
            var ok = true
            for w in phrase {
                guard let jj = j, v.key(jj) == w else { ok = false; break }
                last = jj
                j = v.next(jj)
            }
            if ok, best == nil || last + 1 > best! { best = last + 1 }
        }
        return best
    }

    /// The person name after a title: capitalized words and particles, up to four words.
    func personRun(from start: Int) -> (Int, Int)? {
        var i = start
        var end = start
        var count = 0
        while i < v.count, count < 4, v.sentence[i] == v.sentence[start], v.sameLine(start, i), !v.taken[i] {
            if isPersonWord(i) && !v.has(i, [.orgHead, .stop])
                && matchPhrase(titles, at: i) == nil {
                end = i + 1
                count += 1
                if v.keys[i].possessive { break }
            } else if isParticle(i), let n = v.next(i), isPersonWord(n) {
                // particle joins
            } else {
                break
            }
            guard let n = v.next(i) else { break }
            // Without capitals to end the name, a dash between words ("ellacuria -- one of") ends it.
            if v.caseless, n > i + 1, v.tokens[i].end < v.tokens[i + 1].start { break }
            i = n
        }
        guard count > 0 else { return nil }
        // Not a name if the word after it is an organization head ("President Mali Government").
        if let n = v.next(end - 1), isNameWord(n), v.has(n, .orgHead) { return nil }
        return (start, end)
    }

    /// "President X", "Colonel X", "leader X", "the group’s emir, X".
    mutating func titlePersons() {
        // A word that starts no title and no role matches neither (unless some phrase is empty).
        let anyStart: WordFlags = titles.hasEmpty || roles.hasEmpty ? [] : [titles.first, roles.first]
        for i in 0..<v.count where (anyStart.isEmpty || v.has(i, anyStart)) && v.isWord(i) && !v.taken[i] {
            var t: Int? = nil
            var isRole = false
            if v.capitalized[i] || v.caseless, let e = matchPhrase(titles, at: i) { t = e }
            else if !v.capitalized[i], let e = matchPhrase(roles, at: i) { t = e; isRole = true }
            guard var end = t else { continue }
            // Titles in a row: "Interim President Colonel Assimi Goïta".
            while end < v.count, let e = matchPhrase(titles, at: end), e > end { end = e }
            var start = end
            while start < v.count, v.posOf[start] < 0 { start += 1 }
            if isRole || v.isPunct(start, ",") {
                if v.isPunct(start, ","), let n = v.next(start) { start = n }
            }
            guard start < v.count, v.sentence[start] == v.sentence[i], let (a, b) = personRun(from: start) else { continue }
            var c = Candidate(a: a, b: b, type: .person, source: .title, priority: 5, confidence: 0.85, words: words(a, b))
            c.possessive = v.keys[b - 1].possessive
            c.entity = "person:" + slug(personText(a, b))
            candidates.append(c)
        }
    }

    func personText(_ a: Int, _ b: Int) -> String {
        let end = v.tokens[b - 1].end - v.keys[b - 1].possessiveLength
        return v.text.slice(v.tokens[a].start, end)
    }

    /// A given name followed by capitalized words: "Mohamed Toure", "Choguel Kokalla Maïga".
    mutating func shapePersons() {
        for i in 0..<v.count where v.has(i, .givenName) && !v.taken[i] && isPersonWord(i) {
            guard !v.keys[i].possessive, let n = v.next(i), v.sentence[n] == v.sentence[i], v.sameLine(i, n),
                  isPersonWord(n) || isParticle(n),
                  let (_, b) = personRun(from: n), b > n else { continue }
            var c = Candidate(a: i, b: b, type: .person, source: .nameShape, priority: 3, confidence: 0.7, words: words(i, b))
            c.possessive = v.keys[b - 1].possessive
            c.entity = "person:" + slug(personText(i, b))
            candidates.append(c)
        }
    }

    /// Places no gazetteer holds, from cues: "the town of X", "X village", "in X, northern Mali",
    /// "X (Mopti region)".
    mutating func placeCues() {
        for i in 0..<v.count where isNameWord(i) && v.tokens[i].kind == .word && !v.taken[i]
            && !v.has(i, [.stop, .demonym]) {
            if let p = v.prev(i), v.sentence[p] == v.sentence[i], v.isWord(p), !v.capitalized[p] && isNameWord(i) {
                // (a) "the town of X"
                if let kind = beforePhrase(endingAt: p) {
                    let b = placeRunEnd(i)
                    addCuePlace(i, b, sense: kind.isEmpty ? nil : kind)
                    continue
                }
            }
            if let p = v.prev(i), isNameWord(p) { continue }  // only at the start of a capitalized run
            let b = placeRunEnd(i)
            // (b) "X village", "X area", "Liptako region"
            if let n = v.next(b - 1), v.isWord(n), v.sentence[n] == v.sentence[i], !v.capitalized[n],
               v.has(n, .designator), let kind = lex.designators[v.key(n)] {
                addCuePlace(i, n + 1, sense: kind.isEmpty ? nil : kind)
                continue
            }
            // (c) "in X, northern Mali" / (d) "in X (Mopti region)"
            if let p = v.prev(i), v.has(p, .preposition), let n = v.next(b - 1),
               v.isPunct(n, ",") || v.isPunct(n, "(") {
                var m = v.next(n)
                if let mm = m, !v.capitalized[mm], v.isWord(mm), ["northern", "southern", "eastern", "western", "central",
                                                                  "north", "south", "east", "west"].contains(v.key(mm)) {
                    m = v.next(mm)
                }
                if let mm = m, strongPlaceAt[mm] { addCuePlace(i, b, sense: nil) }
            }
        }
    }

    /// The end of a place name run starting at i: up to three capitalized words.
    func placeRunEnd(_ i: Int) -> Int {
        var b = i + 1
        var k = i
        var n = 1
        while n < 3, let m = v.next(k), v.sentence[m] == v.sentence[i], isNameWord(m), !v.keys[k].possessive,
              !v.has(m, .stop), v.sameLine(k, m) {
            b = m + 1; k = m; n += 1
        }
        return b
    }

    mutating func addCuePlace(_ a: Int, _ b: Int, sense: String?) {
        guard !anyTaken(a, b), !v.keys[b - 1].possessive else { return }
        var c = Candidate(a: a, b: b, type: .place, source: .placeCue, priority: 2, confidence: 0.6, words: words(a, b))
        c.sense = sense
        candidates.append(c)
    }

    // MARK: 2b. Acronym definitions

    /// Acronym-shaped: its first word has two capitals or more ("CENTIF-Mali", "FAMa", "IS Sahel").
    func acronymShaped(_ a: Int, _ b: Int) -> Bool {
        guard v.isWord(a), b - a <= 5 else { return false }
        var upper = 0
        for k in v.tokens[a].start..<v.tokens[a].end {
            let c = v.text[k]
            if c.isASCII ? c.value >= 0x41 && c.value <= 0x5A : c.properties.isUppercase {
                upper += 1
                if upper >= 2 { return true }
            }
        }
        return false
    }

    /// "Long Name (ACR)" and "ACR (Long Name)": both spans name one entity; a definition of two unknown names
    /// is an organization when the long name has a head word.
    mutating func acronymDefinitions() {
        for i in 0..<v.count where v.isPunct(i, "(") {
            var close = i + 1
            while close < v.count, close - i <= 12, !v.isPunct(close, ")"), !v.isPunct(close, ","),
                  !v.isPunct(close, ";"), v.sentence[close] == v.sentence[i] { close += 1 }
            guard close < v.count, close > i + 1, close - i <= 12 else { continue }
            let inA = i + 1, inB = close
            guard let before = v.prev(i), v.isWord(before) else { continue }
            if acronymShaped(inA, inB), let (la, lb) = longFormEnding(at: before) {
                define(long: (la, lb), acronym: (inA, inB))
            } else if acronymShaped(before, before + 1), v.capitalized[inA], words(inA, inB) >= 2,
                      let (la, lb) = trimLeft(inA, inB), !acronymShaped(la, lb) {
                var a = before
                while let p = v.prev(a), v.tokens[p].end == v.tokens[a].start || v.posOf[a] < 0 || v.posOf[p] < 0,
                      v.isWord(p) || v.posOf[p] < 0, v.sentence[p] == v.sentence[a] { a = p }
                while v.posOf[a] < 0 { a += 1 }
                define(long: (la, lb), acronym: (a, before + 1))
            }
        }
    }

    /// The capitalized phrase ending at token `end` (inclusive), at least two words.
    func longFormEnding(at end: Int) -> (Int, Int)? {
        guard isNameWord(end) || v.isWord(end) && v.capitalized[end] else { return nil }
        guard let (a0, b0) = nameRun(around: end), b0 == end + 1, let (a, b) = trimLead(a0, b0) else { return nil }
        return words(a, b) >= 2 ? (a, b) : nil
    }

    func exactCandidate(_ a: Int, _ b: Int) -> Candidate? {
        gazetteerSpan![a &* 1_000_003 &+ b].map { candidates[$0] }
    }

    /// The acronym's first capital and half of its capitals are initials of the long form's words:
    /// "JNIM" fits "Jamaat Nusrat al-Islam wal Muslimeen", "MUJAO" does not fit "West Africa".
    func lettersFit(acronym: (Int, Int), long: (Int, Int)) -> Bool {
        let caps = v.surface(acronym.0, acronym.1).unicodeScalars.filter { $0.properties.isUppercase }
            .map { NameKey.fold(String($0)[...]) }
        let initials = Set((long.0..<long.1).filter { v.isWord($0) && v.posOf[$0] >= 0 }.compactMap { v.key($0).first.map(String.init) })
        guard let first = caps.first, initials.contains(first) else { return false }
        return caps.filter { initials.contains($0) }.count * 2 >= caps.count
    }

    mutating func define(long: (Int, Int), acronym: (Int, Int)) {
        if gazetteerSpan == nil { indexGazetteerSpans() }
        let lc = exactCandidate(long.0, long.1), ac = exactCandidate(acronym.0, acronym.1)
        if lc != nil && ac != nil { return }
        if (lc != nil || ac != nil) && !lettersFit(acronym: acronym, long: long) { return }
        var template: Candidate
        if let known = lc ?? ac {
            template = known
        } else {
            let hasHead = (long.0..<long.1).contains { isNameWord($0) && v.has($0, .orgHead) }
            guard hasHead else { return }
            template = Candidate(a: 0, b: 0, type: .org, source: .acronymDefinition, priority: 6, confidence: 0.85, words: 0)
            template.entity = "org:" + slug(v.surface(acronym.0, acronym.1))
        }
        template.source = .acronymDefinition
        template.priority = 7
        template.confidence = min(template.confidence, 0.85)
        template.sense = nil
        template.possessive = false
        for (a, b) in [long, acronym] where exactCandidate(a, b) == nil {
            var c = template
            c.a = a; c.b = b; c.words = words(a, b)
            candidates.append(c)
        }
        definedAcronyms.append((NameKey.surface(v.surface(acronym.0, acronym.1)[...]), template))
    }

    // MARK: 3. Document-level names

    var definedAcronyms: [(String, Candidate)] = []

    func documentAcronyms(_ chosen: [Candidate]) -> [Candidate] {
        guard !definedAcronyms.isEmpty else { return [] }
        var out: [Candidate] = []
        var seen = Set<String>()
        var firstWords: [String: [Int]] = [:]
        for i in 0..<v.count where v.isWord(i) && v.capitalized[i] {
            firstWords[v.text.slice(v.tokens[i].start, v.tokens[i].end), default: []].append(i)
        }
        for (surface, template) in definedAcronyms where seen.insert(surface).inserted {
            let first = NameKey.split(surface[...]).first.map(String.init) ?? ""
            let parts = NameKey.split(surface[...]).count
            for i in firstWords[first] ?? [] {
                // Same written tokens.
                var j = i, n = 0
                while n < parts - 1, let k = v.next(j) { j = k; n += 1 }
                guard n == parts - 1, surfaceKey(i, j) == surface else { continue }
                if chosen.contains(where: { $0.a == i && $0.b == j + 1 }) { continue }
                var c = template
                c.a = i; c.b = j + 1; c.words = words(i, j + 1)
                c.source = .documentAcronym
                c.priority = 6
                c.possessive = v.keys[j].possessive
                out.append(c)
            }
        }
        return out
    }

    /// A person's surname (or particle + surname) alone after the full name: "Keita", "Ould Ahmeida".
    func personPartials(_ chosen: [Candidate]) -> [Candidate] {
        var forms: [[String]: Candidate] = [:]
        for c in chosen where c.type == .person && c.words >= 2 {
            let ws = (c.a..<c.b).filter { v.posOf[$0] >= 0 && v.isWord($0) }
            guard let last = ws.last else { continue }
            var t = c
            t.source = .personPartial
            t.priority = 5
            t.confidence = 0.8
            forms[[v.key(last)]] = t
            if ws.count >= 3, v.has(ws[ws.count - 2], .particle) {
                forms[[v.key(ws[ws.count - 2]), v.key(last)]] = t
            }
        }
        guard !forms.isEmpty else { return [] }
        var byFirst: [String: [([String], Candidate)]] = [:]
        for (form, t) in forms { byFirst[form[0], default: []].append((form, t)) }
        // (The forms are few: a token whose key hash is none of theirs needs no look-up.)
        let firstHashes = byFirst.keys.map { TextView.keyHash($0) }
        var out: [Candidate] = []
        for i in 0..<v.count where v.isWord(i) && v.capitalized[i] && !v.taken[i]
            && (v.posOf[i] < 0 || firstHashes.contains(v.hashes[v.posOf[i]])) {
            for (form, template) in byFirst[v.key(i)] ?? [] {
                var j = i, ok = v.key(i) == form[0]
                for w in form.dropFirst() where ok {
                    guard let k = v.next(j), v.key(k) == w else { ok = false; break }
                    j = k
                }
                guard ok, !(template.a <= i && i < template.b) else { continue }
                var c = template
                c.a = i; c.b = j + 1; c.words = form.count
                c.possessive = v.keys[j].possessive
                out.append(c)
            }
        }
        return out
    }

    // MARK: 4. Choosing

    /// "Algerian Salafist Group for Preaching and Combat", "Nigerian-based terror group Boko Haram": when a
    /// gazetteer spelling starts with a demonym or possessive and a shorter spelling of the same organization
    /// ends at the same word, the shorter one is the name (the description is not part of the span).
    mutating func dropLeadModifiedNames() {
        // (Most documents have no such spelling: then nothing is dropped.)
        guard candidates.indices.contains(where: {
            candidates[$0].source == .gazetteer && candidates[$0].type == .org && isLeadModifier(candidates[$0].a)
        }) else { return }
        var byEnd: [Int: [Int]] = [:]
        for k in candidates.indices where candidates[k].source == .gazetteer && candidates[k].type == .org {
            byEnd[candidates[k].b, default: []].append(k)
        }
        var drop = Set<Int>()
        for (_, ks) in byEnd where ks.count > 1 {
            for k in ks {
                let a = candidates[k].a
                guard isLeadModifier(a) else { continue }
                let entity = candidates[k].entity
                if ks.contains(where: { j in
                    candidates[j].a > a && candidates[j].entity == entity
                        && (candidates[j].a..<candidates[j].b).contains { isInformative($0) }
                }) { drop.insert(k) }
            }
        }
        if drop.isEmpty { return }
        removeCandidates(candidates.indices.map { drop.contains($0) })
    }

    /// "U.N. MINUSMA", "U.N. General Assembly": an acronym of an organization right before another
    /// organization's name is one name, of the second organization.
    func mergeAcronymPrefixes(_ chosen: [Candidate]) -> [Candidate] {
        var out: [Candidate] = []
        for c in chosen {
            if var last = out.last, last.type == .org, c.type == .org, !last.possessive, !last.block, !c.block,
               last.source == .gazetteer, c.source == .gazetteer, last.words == 1,
               NameKey.isAcronym(v.text.slice(v.tokens[last.a].start, v.tokens[last.b - 1].end)[...]),
               let n = v.next(last.b - 1), n == c.a, v.sameLine(last.a, c.a),
               v.tokens[c.a].start - v.tokens[last.b - 1].end <= 2 {
                last.b = c.b
                last.words += c.words
                last.entity = c.entity
                last.refs = c.refs
                last.possessive = c.possessive
                out[out.count - 1] = last
                continue
            }
            out.append(c)
        }
        return out
    }

    /// Rule-found organizations and people that cut through a gazetteer name, or join two names with "and"
    /// ("AAD and Movement for Unity …", "FAMa and Special Forces"), are dropped.
    mutating func dropCrossingRuleCandidates() {
        // (Without a rule-found candidate or a blocking name, nothing is dropped.)
        guard candidates.indices.contains(where: { candidates[$0].block || isRuleSource(at: $0) }) else { return }
        // Known names, and what they say of each token they cover: the first start and the last end among
        // them, and whether one is no place.
        var known: [Int] = []
        var firstStart = [Int](repeating: Int.max, count: v.count)
        var lastEnd = [Int](repeating: Int.min, count: v.count)
        var coveredByNonPlace = [Bool](repeating: false, count: v.count)
        for k in candidates.indices where candidates[k].source == .gazetteer
            && (candidates[k].type != .place || candidates[k].priority >= 4) {
            known.append(k)
            let a = candidates[k].a, b = candidates[k].b, place = candidates[k].type == .place
            for t in a..<b {
                firstStart[t] = min(firstStart[t], a)
                lastEnd[t] = max(lastEnd[t], b)
                if !place { coveredByNonPlace[t] = true }
            }
        }
        var drop = [Bool](repeating: false, count: candidates.count)
        for ci in candidates.indices {
            let c = (a: candidates[ci].a, b: candidates[ci].b, block: candidates[ci].block)
            let rule = isRuleSource(at: ci)
            guard rule || c.block else { continue }
            if c.block {
                if (c.a..<c.b).contains(where: { coveredByNonPlace[$0] }) { drop[ci] = true }
                if !rule { continue }
            }
            // Cuts through a known name.
            if firstStart[c.a] < c.a || lastEnd[c.b - 1] > c.b {
                drop[ci] = true
                continue
            }
            // Joins a known organization or person to something else with "and".
            let ands = (c.a..<c.b).filter { v.key($0) == "and" || v.key($0) == "&" }
            if ands.isEmpty { continue }
            for k in known where c.a <= candidates[k].a && candidates[k].a < c.b {
                let o = (a: candidates[k].a, b: candidates[k].b, type: candidates[k].type)
                guard o.type != .place, o.b <= c.b else { continue }
                if ands.contains(where: { o.b <= $0 || o.a > $0 }) { drop[ci] = true }
            }
        }
        removeCandidates(drop)
    }

    /// Removes the candidates marked in `drop`, keeping the order of the others (moved through the buffer,
    /// not copied: a copy of a candidate retains its strings and entries).
    mutating func removeCandidates(_ drop: [Bool]) {
        let kept = candidates.withUnsafeMutableBufferPointer { buf in
            var kept = 0
            for k in buf.indices where !drop[k] {
                if kept != k { buf.swapAt(kept, k) }
                kept += 1
            }
            return kept
        }
        if kept < candidates.count { candidates.removeLast(candidates.count - kept) }
    }

    /// Candidate k was found by a rule (not a gazetteer name, nor an acronym defined as one).
    func isRuleSource(at k: Int) -> Bool {
        let source = candidates[k].source
        return source == .orgHead || source == .groupPhrase || source == .title || source == .nameShape
            || source == .acronymDefinition && candidates[k].refs.isEmpty
    }

    /// Fills `gazetteerSpan` from the gazetteer candidates (whose indexes later appends keep).
    mutating func indexGazetteerSpans() {
        var spans: [Int: Int] = [:]
        for k in candidates.indices where candidates[k].source == .gazetteer {
            let key = candidates[k].a &* 1_000_003 &+ candidates[k].b
            if let old = spans[key], candidates[old].priority >= candidates[k].priority { continue }
            spans[key] = k
        }
        gazetteerSpan = spans
    }

    /// Non-overlapping candidates, longest first, then by priority.
    func select(_ all: [Candidate]) -> [Candidate] {
        let order = all.indices.sorted { x, y in
            if all[x].words != all[y].words { return all[x].words > all[y].words }
            if all[x].priority != all[y].priority { return all[x].priority > all[y].priority }
            return all[x].a < all[y].a
        }
        var used = [Bool](repeating: false, count: v.count)
        var picked: [Int] = []
        next: for k in order {
            let a = all[k].a, b = all[k].b
            for t in a..<b where used[t] || v.taken[t] { continue next }
            for t in a..<b { used[t] = true }
            picked.append(k)
        }
        // (The picked spans do not overlap: their starts differ.)
        picked.sort { all[$0].a < all[$1].a }
        return picked.map { all[$0] }
    }

    // MARK: 5. Mentions

    func mentions(from chosen: [Candidate]) -> [Mention] {
        var resolver = PlaceResolver(g: g, lex: lex, v: v, chosen: chosen)
        let places = resolver.resolve()
        var out: [Mention] = []
        // Mention ids count per type: P1, P2 … for places, O… for organizations, N… for people.
        var counters = [0, 0, 0]
        func slot(_ t: MentionType) -> Int { t == .place ? 0 : t == .org ? 1 : 2 }
        let prefix = ["P", "O", "N"]
        for (k, c) in chosen.enumerated() {
            if c.type == .place && c.possessive || c.block { continue }
            let start = v.tokens[c.a].start
            var end = v.tokens[c.b - 1].end - (c.possessive ? v.keys[c.b - 1].possessiveLength : 0)
            // "U.S." keeps its final period.
            if !c.possessive, c.b < v.count, v.posOf[c.b] < 0, v.tokens[c.b].folded == ".", v.tokens[c.b].start == end {
                end = v.tokens[c.b].end
            }
            let t = slot(c.type)
            counters[t] += 1
            var m = Mention(id: prefix[t] + String(counters[t]), start: start, end: end,
                            text: v.text.slice(start, end), type: c.type)
            switch c.type {
            case .place:
                guard let (ref, conf) = places[k] else { counters[t] -= 1; continue }
                m.place = ref
                m.confidence = conf
            default:
                m.entity = c.entity
                m.confidence = c.confidence
            }
            out.append(m)
        }
        return out
    }
}
