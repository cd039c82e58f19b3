import Foundation
import RexModel
import RexText

/// Turns an annotated document into event records as an analyst codes them: type, trigger, agent, targets,
/// weapons, counts, date and place with provenance, and ACLED / GTD codes; and facts between entities
/// (`Document.relations`).
///
/// Works from whatever mentions the document has: dates, places, organizations and people from earlier
/// stages or from gold (oracle) annotation; coreference when present. Everything it knows about wording is
/// data in `Gazetteers/rules/events/` (see `EventRules`).
///
/// Steps: find triggers (longest lexicon form); drop negated, planned and summary uses; read each trigger's
/// agent, targets, weapons, counts, date and place from its clause; make one incident of the triggers of one
/// sentence that tell the same thing; join later tellings of an event ("the attack") to the first, keeping
/// their triggers in `also`; fill missing dates and places from the paragraph and section, recording the
/// fallback; map to ACLED and GTD.
public struct EventExtractor: Stage {
    public let name = "events"
    public let requires: Set<Layer>
    public let adds: Set<Layer> = [.events]
    let rules: EventRules

    /// - Parameter requires: the layers this pipeline provides and the extractor should read: tokens and
    ///   sentences always; dates, places, organizations, people, coreference when the pipeline has them.
    public init(rules: EventRules, requires: Set<Layer> = [.tokens, .sentences]) {
        self.rules = rules
        self.requires = requires.union([.tokens, .sentences])
    }

    public init(data: URL, requires: Set<Layer> = [.tokens, .sentences]) throws {
        self.init(rules: try EventRules(data: data), requires: requires)
    }

    public func process(_ document: inout Document) throws {
        let view = DocumentView(document, vocabulary: rules.vocabulary)
        let phrases = Phrases(v: view, r: rules)
        document.relations = RelationFinder(v: view, r: rules, phrases: phrases).relations()
        let run = Extraction(v: view, r: rules, phrases: phrases)
        // People the text ties to an organization ("AQIM leader Abdelmalek Droukdel") are armed-group targets.
        run.armedPeople = Set(document.relations.filter { ["leader-of", "member-of"].contains($0.type) }.compactMap(\.subject.entity))
        document.events = run.events()
    }
}

/// An event being built: one trigger, or several merged.
struct Candidate {
    var type: String
    var trigger: EventRules.Trigger
    var tokens: Range<Int>
    var sentence: Int
    var isNoun: Bool
    var plural: Bool
    var passive = false
    var anaphoric = false
    var agents: [EventActor] = []
    var namedAgent: Bool { agents.contains { $0.entity != nil } }
    var targets: [EventTarget] = []
    var weapons: [EventWeapon] = []
    var fatalities: Int?
    var injured: Int?
    var abducted: Int?
    var countMod: String?
    var date: EventDate?
    var dateToken: Int?
    var place: EventPlace?
    var placeToken: Int?
    var modality: String?
    var also: [TextSpan] = []
    var start: Int = 0
    /// The types of the triggers joined into this incident.
    var types: Set<String> = []
    /// The only count is a vague quantity ("hundreds of people").
    var vagueCount = false
    /// The last sentence that tells this event (for retellings that follow it).
    var lastSentence = 0
    /// A date the trigger's own phrase gives ("the November 2015 attack", "attacked … on March 5").
    var ownDate = false
    /// The place is in the trigger's own clause.
    var ownPlace = false
    /// The agent came from a pronoun ("They encircled the town").
    var agentFromPronoun = false
    /// A gerund without a time or count of its own: kept only as part of another trigger's incident.
    var needsHost = false
    /// The date of a definite noun's clause, set aside while it may refer back to an earlier event ("In April
    /// the EU announced the suspension …"); it is the event's date when the noun turns out to stand alone.
    var clauseDate: (EventDate, Int)? = nil
}

/// One run of the extractor over one document. A class: its methods and closures share one copy of the document
/// view and the rules instead of copying them.
final class Extraction {
    let v: DocumentView
    let r: EventRules
    let p: Phrases
    /// Entities of people tied to an organization by a leader-of or member-of fact.
    var armedPeople = Set<String>()
    /// Results computed once per document and looked up by later candidates.
    let scratch = Scratch()

    struct SentenceKey: Hashable { var lower: Int; var upper: Int; var kind: Int }
    /// What `namedVictim(_:)` reads of a target.
    struct TargetKey: Hashable { var text: String; var kind: String; var start: Int?; var end: Int? }
    final class Scratch {
        var counts: [SentenceKey: Counts] = [:]
        /// `foldedWords(_:)` by text.
        var foldedWords: [String: [String]] = [:]
        /// `namesGovernment(_:)` by text.
        var governmentText: [String: Bool] = [:]
        /// `isPlural(_:)` by the trigger's words.
        var plural: [[String]: Bool] = [:]
        /// `namedVictim(_:)` by target.
        var namedVictims: [TargetKey: String?] = [:]
    }

    /// The country the document is mostly about (`Self.documentCountry(of:)`) and its country code, found once
    /// per document: the fallbacks and the national-actor look-ups ask for them per event.
    let documentCountry: EventPlace?
    let documentCountryCode: String?
    /// The length (in scalars) of the longest section heading that starts at each offset.
    let headingLength: [Int: Int]

    init(v: DocumentView, r: EventRules, phrases: Phrases? = nil) {
        self.v = v; self.r = r; p = phrases ?? Phrases(v: v, r: r)
        let country = Self.documentCountry(mentions: v.doc.mentions)
        documentCountry = country
        var headings: [Int: Int] = [:]
        for sec in v.sections { if let h = sec.heading { headings[sec.start] = max(headings[sec.start] ?? 0, h.unicodeScalars.count) } }
        headingLength = headings
        documentCountryCode = country.flatMap { c in
            v.doc.mentions.indices.first { v.doc.mentions[$0].place?.id == c.id }.flatMap { v.doc.mentions[$0].place?.country }
        }
    }

    /// Set REX_EVENTS_DEBUG=1 to trace the extractor's decisions on standard error.
    static let debug = ProcessInfo.processInfo.environment["REX_EVENTS_DEBUG"] != nil

    func trace(_ c: Candidate, _ what: @autoclosure () -> String) {
        guard Self.debug else { return }
        let what = what()
        let agents = c.agents.map { $0.name + ($0.entity.map { "=\($0)" } ?? "") }.joined(separator: ",")
        FileHandle.standardError.write(Data(("s\(c.sentence) \(c.type) [\(v.slice(c.tokens))] \(what) agents=\(agents) date=\(c.date?.value ?? "-") place=\(c.place?.name ?? "-") targets=\(c.targets.map(\.text)) F=\(c.fatalities.map(String.init) ?? "-")\n").utf8))
    }

    func events() -> [Event] {
        let perSentence: [[Candidate]] = (0..<v.sentenceCount).map { s in
            triggers(in: s).compactMap { c -> Candidate? in
                let a = analyze(c)
                if let a { trace(a, "KEPT") }
                return a
            }
        }
        let withTrigger = Set(perSentence.indices.filter { !perSentence[$0].isEmpty })
        var found: [Candidate] = []
        for list in perSentence where !list.isEmpty {
            // A definite noun that refers back ("the attack") joins its antecedent first, with the triggers
            // of its sentence that name no one of their own ("The attack killed five people").
            var rest: [Candidate] = []
            var joined: Int? = nil
            for c in list {
                if c.anaphoric, joined == nil, let k = antecedent(of: c, in: found) {
                    trace(c, "REFERS to s\(found[k].sentence) \(found[k].type) [\(v.slice(found[k].tokens))]")
                    found[k] = merged(found[k], c, sameSentence: false)
                    joined = k
                } else {
                    rest.append(c)
                }
            }
            if let k = joined {
                rest = rest.filter { c in
                    guard !c.namedAgent, family(found[k].type, c.type) || c.type == found[k].type, !c.ownDate else { return true }
                    found[k] = merged(found[k], c, sameSentence: false)
                    return false
                }
            }
            var incidents = combine(rest)
            continuations(&incidents, withTrigger: withTrigger)
            for c in incidents {
                if let k = antecedent(of: c, in: found) {
                    trace(c, "JOINS s\(found[k].sentence) \(found[k].type) [\(v.slice(found[k].tokens))]")
                    found[k] = merged(found[k], c, sameSentence: false)
                } else if c.anaphoric, !c.ownDate, c.placeToken == nil, !c.namedAgent, c.fatalities == nil, c.abducted == nil,
                          !namesPersonTarget(c) {
                    // "the attack" with nothing before it to refer to and nothing of its own: not specific
                    // ("the murder of Jecar Neghme" names its victim: specific).
                    trace(c, "DROPPED: unresolved reference")
                } else {
                    var c = c
                    if c.anaphoric, c.date == nil, let (d, t) = c.clauseDate { c.date = d; c.dateToken = t }
                    found.append(c)
                }
            }
        }
        fallbacks(&found)
        return found.sorted { $0.start < $1.start }.enumerated().map { k, c in record(c, id: "V\(k + 1)") }
    }

    // MARK: triggers

    /// Lexicon matches in a sentence, longest first, outside mentions, not overlapping.
    func triggers(in s: Int) -> [Candidate] {
        let range = v.sentenceTokens[s]
        var out: [Candidate] = []
        // A heading names a topic, not an incident ("La Terrasse Restaurant and Radisson Blu Hotel Attack").
        let sentence = v.doc.sentences[s]
        if let n = headingLength[sentence.start], n + 1 >= sentence.end - sentence.start { return [] }
        var i = range.lowerBound
        while i < range.upperBound {
            if v.mentionAt[i] != nil || !p.startsTrigger(i) { i += 1; continue }
            // The longest forms that match here, found by index (the forms are copied only when they win).
            let forms = r.triggers(startingWith: v.ids[i]), formIDs = r.triggerIDs(startingWith: v.ids[i])
            var bestEnd = -1
            var bestForms: [Int] = []
            for f in forms.indices {
                guard let end = match(formIDs[f], at: i, upper: range.upperBound) else { continue }
                if end > bestEnd { bestEnd = end; bestForms = [f] } else if end == bestEnd { bestForms.append(f) }
            }
            guard bestEnd >= 0 else { i += 1; continue }
            let form = v.words[i..<bestEnd].joined(separator: " ")
            let nominal = looksNominal(i, form: form, poses: bestForms.map { forms[$0].pos })
            let pick = forms[bestForms.first { (forms[$0].pos == .noun) == nominal } ?? bestForms[0]]
            var c = Candidate(type: pick.type, trigger: pick, tokens: i..<bestEnd, sentence: s, isNoun: pick.pos == .noun,
                              plural: pick.pos == .noun && isPlural(i..<bestEnd))
            c.start = v.tokens[i].start
            c.types = [pick.type]
            c.lastSentence = s
            // Alternatives with other conditions (same form, same part of speech) are tried in order.
            for f in bestForms where forms[f].pos == pick.pos {
                var x = c; x.trigger = forms[f]; x.type = forms[f].type; x.types = [forms[f].type]
                out.append(x)
            }
            i = bestEnd
        }
        return out
    }

    /// End (exclusive) of a lexicon form (its word ids, `EventRules.triggerIDs`) matched at `i`; a gap ("*") skips up to
    /// four words (never across a boundary).
    func match(_ words: [Int32], at i: Int, upper: Int) -> Int? {
        func go(_ w: Int, _ t: Int) -> Int? {
            if w == words.count { return t }
            if words[w] == EventRules.Trigger.gap {
                for skip in 0...4 {
                    let u = t + skip
                    if u > upper { break }
                    if skip > 0, p.isPunct(u - 1) { break }
                    if let e = go(w + 1, u) { return e }
                }
                return nil
            }
            guard t < upper, v.ids[t] == words[w] else { return nil }
            return go(w + 1, t + 1)
        }
        return go(0, i)
    }

    /// Whether an ambiguous form ("attack", "killing") is used as a noun here.
    func looksNominal(_ i: Int, form: String, poses: [EventRules.POS]) -> Bool {
        // One part of speech for all the forms: that one.
        if poses.allSatisfy({ $0 == poses[0] }) { return poses[0] == .noun }
        let prev = i - 1
        let pw = v.word(prev)
        if p.isDeterminer(prev) || p.isNumber(prev) || pw == "'s" || pw.hasSuffix("'s") { return true }
        if p.isPreposition(prev) && pw != "to" { return true }
        if p.cueSet(.quantifier).match(endingAt: i, in: v.ids) != nil { return true }
        if prev >= 0, v.mentionAt[prev] != nil, v.doc.mentions[v.mentionAt[prev]!].type != .person,
           !form.hasSuffix("ed"), !form.hasSuffix("ing") { return true }
        let next = v.word(i + (form.split(separator: " ").count))
        if pw == "to", form.hasSuffix("s"), poses.contains(.noun) { return true }
        if form.hasSuffix("ing") { return ["of", "by"].contains(next) }
        if form.hasSuffix("ed") { return false }
        if ["to", "will", "would", "could", "can", "may", "might", "must", "should", "did", "do", "does", "they", "we",
            "not", "n't", "who", "that", "which", "and"].contains(pw) { return false }
        if ["on", "against", "by", "in", "at", "of", "near", "that", "which", "was", "were", "killed", "left",
            ",", "."].contains(next) { return true }
        // A word before that reads as a modifier ("terrorist attacks", "village attack").
        if prev >= 0, !p.isPunct(prev), v.mentionAt[prev] == nil, !p.isVerbLike(prev) { return true }
        return false
    }

    func isPlural(_ range: Range<Int>) -> Bool {
        let words = Array(v.words[range])
        if let known = scratch.plural[words] { return known }
        let found = findPlural(range)
        scratch.plural[words] = found
        return found
    }

    func findPlural(_ range: Range<Int>) -> Bool {
        let last = v.word(range.upperBound - 1)
        guard last.hasSuffix("s"), !last.hasSuffix("ss") else { return false }
        let stems = [String(last.dropLast()), String(last.dropLast(2))]
        let prefix = v.words[range.lowerBound..<(range.upperBound - 1)]
        return stems.contains { stem in
            let key = (Array(prefix) + [stem])
            return (r.triggers[key[0]] ?? []).contains { $0.pos == .noun && $0.words == key }
        }
    }

    // MARK: one trigger

    func reject(_ c: Candidate, _ why: @autoclosure () -> String) -> Candidate? {
        trace(c, "DROPPED: " + why())
        return nil
    }

    /// Reads a trigger's arguments and keeps it if it is a specific event.
    func analyze(_ c0: Candidate) -> Candidate? {
        var c = c0
        let sent = v.sentenceTokens[c.sentence]
        let a = c.tokens.lowerBound, b = c.tokens.upperBound
        if c.trigger.notPrevious.contains(v.word(a - 1)) || c.trigger.notNext.contains(v.word(b)) { return reject(c, "prev/next") }
        // A trigger word that modifies a noun of another kind ("attack helicopters", "kidnapping operations").
        if c.isNoun, !c.plural, let next = r.weapons[v.word(b)] ?? r.targets[v.word(b)].map(\.kind), next != "" ,
           r.triggers[v.word(b)] == nil, !["people"].contains(next) { return reject(c, "modifier of a noun") }
        if c.isNoun, p.cue(.modified, at: b) == 1, v.word(b) != "the" { return reject(c, "modifies a noun") }
        // A verb form written with a capital inside a sentence is part of a name ("Specially Designated
        // Global Terrorist").
        if !c.isNoun, a > sent.lowerBound, v.isCapitalized(a), !p.isPunct(a - 1) { return reject(c, "capitalized") }
        // A participle used as an adjective ("the detained soldiers", "U.S.-designated").
        if !c.isNoun, ["the", "a", "an", "this", "these", "those", "its", "their", "his", "her", "our"].contains(v.word(a - 1))
            || (v.word(a - 1) == "-" && !p.isDash(a - 1)) { return reject(c, "participle adjective") }

        // Clause limits around the trigger.
        var left = a
        while left > sent.lowerBound, !p.isBoundary(left - 1) || v.word(left - 1) == "that" && !c.isNoun { left -= 1 }
        let clauseStart = left

        if negated(c, from: clauseStart) { return reject(c, "negated") }
        if planned(c, from: clauseStart) { return reject(c, "planned") }
        if summary(c, from: clauseStart) { return reject(c, "summary") }
        if backgrounded(c, sentence: sent) { return reject(c, "background") }
        c.modality = modality(c, sentence: sent)

        c.passive = !c.isNoun && (c.trigger.subjectIsTarget || isPassive(a, lower: sent.lowerBound))
        c.agents = agents(c, sentence: sent)
        let sentenceStart = v.doc.sentences[c.sentence].start
        c.agentFromPronoun = !c.agents.isEmpty && c.agents.allSatisfy { ($0.start ?? sentenceStart) < sentenceStart }
        c.targets = targets(c, sentence: sent)
        if !c.trigger.object.isEmpty, !objectMatches(c) { return reject(c, "object kind") }
        if c.trigger.needsAgent, c.agents.isEmpty { return reject(c, "no agent") }
        c.weapons = weapons(in: sent, c)
        counts(&c, sentence: sent)
        (c.date, c.dateToken) = date(for: c, in: sent)
        (c.place, c.placeToken) = place(for: c, in: sent)
        c.ownPlace = c.placeToken.map { sameClause(c.tokens, $0) } ?? false
        c.ownDate = c.dateToken.map { d in
            if c.isNoun { return (d < a && d >= a - 4) || (d >= b && d <= b + 12 && sameClause(c.tokens, d)) }
            return sameClause(c.tokens, d)
        } ?? false
        // A plural noun without a date of its own (a month at least, in its clause) tells of many incidents
        // ("Attacks by terrorist groups intensified in the Mopti region").
        let relativeTime = specificTime(near: c, in: sent)
        let placedTarget = c.ownPlace && !c.targets.isEmpty
        if c.plural, !relativeTime, !placedTarget, !(c.dateToken.map { sameClause(c.tokens, $0) } ?? false) || (c.date?.value.count ?? 0) < 7 {
            return reject(c, "plural without date")
        }
        // "thousands have been killed", "118 peacekeepers have been killed in the past four years": a tally.
        if presentPerfect(a, lower: sent.lowerBound), (c.date?.value.count ?? 0) < 10,
           c.vagueCount || (c.fatalities ?? c.abducted ?? 0) >= 100 || (sent.lowerBound..<sent.upperBound).contains(where: { p.cue(.period, at: $0) != nil }) {
            return reject(c, "present perfect tally")
        }
        // Vague numbers of victims ("killed hundreds of people in 2018") without a month are a tally.
        if c.vagueCount, (c.date?.value.count ?? 0) < 7, !c.namedAgent || c.targets.isEmpty { return reject(c, "vague count") }
        // A big count over a year or a quarter with no one named as doing it: a tally ("For all of 2022,
        // 1,277 civilians were killed").
        if (c.fatalities ?? c.abducted ?? 0) >= 100, c.agents.isEmpty, (c.date?.value.count ?? 0) < 7 || c.date?.value.contains("Q") == true {
            return reject(c, "tally")
        }
        // A gerund ("… while terrorizing civilians, killing …") tells of a specific event only with its own date or
        // a count.
        if !c.isNoun, v.word(a).hasSuffix("ing"), !c.ownDate, !relativeTime, c.fatalities == nil, c.injured == nil, c.abducted == nil,
           p.cueEnding(.control, at: a, from: sent.lowerBound) == nil {
            // "a bomb exploded …, destroying windows": part of another trigger's incident, or nothing.
            c.needsHost = true
        }
        // A weak trigger ("destroyed", "bomb", "explosion") with no time, place, count, named agent or target of
        // its own tells of no specific event.
        let weak = c.trigger.weak && c.targets.filter({ $0.kind == "property" || $0.entity != nil || isSingularPerson($0) }).isEmpty
        if weak, c.date == nil, !relativeTime, c.place == nil, c.fatalities == nil, c.injured == nil, c.abducted == nil,
           !c.namedAgent { return reject(c, "weak") }
        c.anaphoric = c.isNoun && isDefinite(a, lower: sent.lowerBound)
        if c.anaphoric, let d = c.dateToken, !((d < a && d >= a - 4) || (d >= b && d <= b + 2) || inNounPhrase(c, d)) { c.ownDate = false }
        // A definite noun takes only a date of its own phrase ("the attack was a response to a June 2015 deal"),
        // unless it turns out to refer to nothing before it.
        if c.anaphoric, !c.ownDate {
            if let d = c.date, let t = c.dateToken, sameClause(c.tokens, t) { c.clauseDate = (d, t) }
            c.date = nil; c.dateToken = nil
        }
        if c.anaphoric, let pt = c.placeToken, !(pt >= b && pt <= b + 3) && !(pt < a && pt >= a - 3) && !inNounPhrase(c, pt) {
            c.place = nil; c.placeToken = nil; c.ownPlace = false
        }
        for rule in r.retype where rule.type == c.type && holds(rule.condition, c) { c.type = rule.a }
        return c
    }

    /// Whether token `d` after a noun trigger is still inside the noun's phrase: "the departure of French
    /// counterterrorism forces in 2021", "the killing of X by French troops in December 2014" (no verb, comma
    /// or clause boundary in between).
    func inNounPhrase(_ c: Candidate, _ d: Int) -> Bool {
        let b = c.tokens.upperBound
        guard c.isNoun, d >= b, d - b <= 14 else { return false }
        return !(b..<d).contains { k in
            v.mentionAt[k] == nil && (p.isBoundary(k) || p.isPunct(k) || p.isVerbLike(k) || p.isParticiple(k))
        }
    }

    /// "did not attack", "no attack", "never kidnapped": the event did not happen.
    func negated(_ c: Candidate, from lower: Int) -> Bool {
        let a = c.tokens.lowerBound
        let after = predicateAfterNoun(c)
        if let k = after.firstIndex(where: { ["was", "were", "is", "are", "has", "have", "had", "did", "does"].contains($0) }),
           k + 1 < after.count, ["not", "never"].contains(after[k + 1]) || after[k + 1].hasSuffix("n't") { return true }
        for i in stride(from: a - 1, through: max(lower, a - 4), by: -1) where v.mentionAt[i] == nil {
            if v.word(i).hasSuffix("n't") { return true }
            if let n = p.cue(.negation, at: i), i + n <= a {
                // "no" negates a noun trigger directly before it or through adjectives only.
                if v.word(i) == "no", !c.isNoun { continue }
                if v.word(i) == "without", !c.isNoun, !v.word(a).hasSuffix("ing") { continue }
                return true
            }
        }
        return false
    }

    /// Words after a noun trigger, up to its predicate: "the deployment of AFISMA forces was not expected",
    /// "the deployment of Chadian troops will reinforce".
    func predicateAfterNoun(_ c: Candidate) -> [String] {
        guard c.isNoun else { return [] }
        let sent = v.sentenceTokens[c.sentence]
        var out: [String] = []
        var i = c.tokens.upperBound
        while i < sent.upperBound, out.count < 8, !p.isBoundary(i) || v.word(i) == "\"" {
            out.append(v.mentionAt[i] == nil ? v.word(i) : "_")
            i += 1
        }
        return out
    }

    /// "plans to attack", "would kidnap", "the threat of attacks": not (yet) an event.
    func planned(_ c: Candidate, from lower: Int) -> Bool {
        let a = c.tokens.lowerBound
        let after = predicateAfterNoun(c)
        if let k = after.firstIndex(where: { ["will", "would", "could", "might", "may", "is", "are", "was", "were"].contains($0) }) {
            if ["will", "would", "could", "might", "may"].contains(after[k]) { return true }
            if k + 2 < after.count, ["expected", "planned", "scheduled", "set", "due"].contains(after[k + 1]), after[k + 2] == "to" { return true }
        }
        for i in stride(from: a - 1, through: max(lower, a - 8), by: -1) where v.mentionAt[i] == nil {
            if v.word(i) == "," { break }
            if let n = p.cue(.planned, at: i), i + n <= a { return true }
        }
        // An infinitive of purpose ("mobilized forces to attack"), unless a verb like "began" or "attempted"
        // governs it.
        if v.word(a - 1) == "to", !c.isNoun {
            var k = a - 2
            while k >= lower, p.isAdverb(k) { k -= 1 }
            if k >= lower, p.cueEnding(.control, at: k + 1, from: lower) == nil, p.cue(.failed, at: k) == nil,
               !["attempted", "attempt", "tried", "managed", "went", "used", "forced"].contains(v.word(k)) { return true }
        }
        return false
    }

    /// Summaries and trends: "hundreds of attacks", "attacks increased", "continued to attack".
    func summary(_ c: Candidate, from lower: Int) -> Bool {
        let a = c.tokens.lowerBound, b = c.tokens.upperBound
        for i in stride(from: a - 1, through: max(lower, a - 8), by: -1) {
            if v.mentionAt[i] != nil { continue }
            if p.has(i, .summaryStop) { break }  // "on", "against", "at", "in"
            if let n = p.cue(.habitual, at: i), i + n <= a { return true }
        }
        // "the number killed".
        if !c.isNoun, ["number", "toll", "numbers"].contains(v.word(a - 1)) { return true }
        // A list of kinds of incidents ("incidents have included IED attacks, …, kidnappings").
        if c.isNoun {
            let sentenceStart = v.sentenceTokens[c.sentence].lowerBound
            for i in stride(from: a - 1, through: sentenceStart, by: -1) where v.mentionAt[i] == nil {
                if p.has(i, .listingStop) || p.isDash(i) { break }
                if let n = p.cue(.listing, at: i), i + n <= a { return true }
            }
        }
        if c.isNoun {
            // A quantifier before the trigger, through modifiers ("hundreds of terrorist attacks").
            var j = a
            var steps = 0
            while j > lower, steps < 4 {
                if p.cueEnding(.quantifier, at: j, from: lower) != nil {
                    return c.plural || ["each", "every", "any", "more"].contains(v.word(j - 1))
                }
                let k = j - 1
                if v.word(k) == "-", !p.isDash(k) { j -= 1; continue }
                if p.isPunct(k) || p.isBoundary(k) || v.mentionAt[k] != nil || p.isVerbLike(k) || p.isDeterminer(k) { break }
                if p.isPreposition(k), v.word(k) != "of" { break }
                j -= 1; steps += 1
            }
            if c.plural {
                if let _ = p.cue(.trend, at: b) { return true }
                if v.word(b) == "have" || v.word(b) == "has" { return true }
            }
            if ["each", "every", "any"].contains(v.word(a - 1)) { return true }
        }
        return false
    }

    /// A trigger inside a "despite …" or "in order to …" phrase that gives no date of its own is background.
    func backgrounded(_ c: Candidate, sentence: Range<Int>) -> Bool {
        var i = c.tokens.lowerBound - 1
        while i >= sentence.lowerBound {
            let w = v.word(i)
            if w == "," || w == ";" || p.isDash(i) { return false }
            if w == "despite" || w == "amid" {
                var k = i
                while k < sentence.upperBound, v.word(k) != "," || k < c.tokens.upperBound {
                    if v.mentionType(at: k) == .date { return false }
                    k += 1
                }
                return true
            }
            i -= 1
        }
        return false
    }

    /// A time of day or a day told relative to the report ("this morning", "last night", "yesterday") in the
    /// trigger's clause: wire reports anchor incidents this way, and without a document date such times stay
    /// unresolved, yet they make the event specific.
    func specificTime(near c: Candidate, in sentence: Range<Int>) -> Bool {
        for i in sentence {
            guard let mi = v.mentionAt[i], v.doc.mentions[mi].type == .date, let t = v.doc.mentions[mi].timex, ["DATE", "TIME"].contains(t.type),
                  !["PAST_REF", "FUTURE_REF", "PRESENT_REF"].contains(t.value), sameClause(c.tokens, i) else { continue }
            return true
        }
        return false
    }

    /// "have (been)", "has (been)" right before the trigger.
    func presentPerfect(_ a: Int, lower: Int) -> Bool {
        var i = a - 1
        while i >= lower, p.isAdverb(i) { i -= 1 }
        if v.word(i) == "been" { i -= 1 }
        while i >= lower, p.isAdverb(i) { i -= 1 }
        return ["have", "has", "'ve"].contains(v.word(i))
    }

    /// No clause boundary (not even "that" or a quote) between a trigger and a token.
    func sameClause(_ trigger: Range<Int>, _ i: Int) -> Bool {
        let (x, y) = i < trigger.lowerBound ? (i, trigger.lowerBound) : (trigger.upperBound, i)
        return !(x..<max(x, y)).contains {
            // Only a boundary, "that", "which" or "and" can end the clause: the other words are passed by one bit test.
            (p.isBoundary($0) || p.joinsClauses($0))
                && v.word($0) != "\"" && !(v.word($0) == "while" && (p.isPreposition($0 + 1) || v.word($0 + 1).hasSuffix("ing")))
                && (p.isBoundary($0) || ["that", "which"].contains(v.word($0)) || v.word($0) == "and" && p.isPreposition($0 + 1))
        }
    }

    func modality(_ c: Candidate, sentence: Range<Int>) -> String? {
        let a = c.tokens.lowerBound
        var found: String? = nil
        for i in stride(from: a - 1, through: max(sentence.lowerBound, a - 12), by: -1) where v.mentionAt[i] == nil {
            // Most words start none of these cues.
            guard p.has(i, .modalityStart) else { continue }
            for kind in [Phrases.Cue.denied, .failed, .claimed, .alleged] {
                if let n = p.cue(kind, at: i), i + n <= a, found == nil {
                    if kind == .failed, i + n < a - 2 { continue }
                    if kind == .claimed, v.word(i + n) == "responsibility" { continue }
                    found = kind.name
                }
            }
            // Nothing changes once a kind is found.
            if found != nil { return found }
        }
        return found
    }

    /// A past participle after a form of "be" ("was seized", "were killed"), or opening a clause with "by"
    /// after it ("Orchestrated by JNIM, …").
    func isPassive(_ a: Int, lower: Int) -> Bool {
        let w = v.word(a)
        guard w.hasSuffix("ed") || w.hasSuffix("en") || ["held", "shot", "left", "slain", "taken", "seen", "built", "hit"].contains(w) else { return false }
        var i = a - 1
        while i >= lower, p.isAdverb(i) || ["reportedly", "allegedly", "also", "then", "later", "subsequently", "all", "not", "being"].contains(v.word(i)) {
            if v.word(i) == "being" { return true }
            i -= 1
        }
        // "were arrested and subsequently ousted".
        if i > lower, v.word(i) == "and", isPassive(i - 1, lower: lower) { return true }
        if i < lower || v.word(i) == "," {
            // "Ansar Dine, designated as an FTO by the U.S. in 2013, …"
            var k = a + 1
            while k < v.tokens.count, k < a + 12, ![".", ";", ":"].contains(v.word(k)), v.word(k) != "," || k < a + 2 {
                if v.word(k) == "by" { return true }
                k += 1
            }
            return false
        }
        return p.cue(.passive, at: i) == 1
    }

    func isDefinite(_ a: Int, lower: Int) -> Bool {
        var i = a - 1
        var steps = 0
        while i >= lower, steps < 3 {
            let w = v.word(i)
            if let m = v.mentionAt[i] {
                i = v.mentionTokens[m].lowerBound - 1; steps += 1
                if w.hasSuffix("'s") { return true }
                continue
            }
            if p.cueSet(.anaphor).match(at: i, in: v.ids) == 1 { return !(w == "that" && steps == 0) }
            if w.hasSuffix("'s") || w == "'s" { return true }
            if p.isPunct(i) || p.isPreposition(i) || p.isVerbLike(i) || v.word(i) == "a" || v.word(i) == "an" { return false }
            i -= 1; steps += 1
        }
        return false
    }

    // MARK: agents

    /// The perpetrators: a "by" phrase after a passive or a noun trigger; else the subject of the trigger
    /// (or of the light or control verb before it); a possessive or name right before a noun trigger;
    /// "members of X" gives X.
    func agents(_ c: Candidate, sentence: Range<Int>) -> [EventActor] {
        let a = c.tokens.lowerBound, b = c.tokens.upperBound
        // "by X" after the trigger.
        if c.passive || c.isNoun {
            var i = b
            var steps = 0
            while i < sentence.upperBound, steps < (c.isNoun ? 12 : 20) {
                // "the government headed by X": X goes with the participle, not with the event.
                if v.word(i) == "by", n1(i), c.isNoun, v.word(i - 1).hasSuffix("ed"), p.cue(.by, at: i - 1) == nil { break }
                if let n = p.cue(.by, at: i), v.word(i + n - 1) == "by" || n > 1 {
                    if let ph = p.phrase(startingAt: i + n, upper: sentence.upperBound, lists: true, keepOf: true) {
                        let found = actors(in: ph, sentence: sentence, uncertain: false)
                        if !found.isEmpty { return found }
                    }
                    break
                }
                // After a passive verb the "by" phrase may come late ("was seized in 2021 while in northern
                // Mali (the Gao region) by JNIM"); it ends at another verb of the lexicon or a sentence stop.
                if c.passive {
                    if [".", ";"].contains(v.word(i)) || (r.triggers[v.word(i)] != nil && v.mentionAt[i] == nil && p.isVerbLike(i)) { break }
                } else if (p.isBoundary(i) && v.word(i) != "\"") || (p.isVerbLike(i) && v.word(i) != "by") { break }
                i += 1; steps += 1
            }
            if c.passive {
                // What is deployed or withdrawn is the actor ("missions … were deployed").
                if ["DEPLOYMENT", "WITHDRAWAL"].contains(c.type), let ph = subjectPhrase(before: a, sentence: sentence) {
                    return actors(in: ph, sentence: sentence, uncertain: false)
                }
                return []
            }
        }
        // Parties of an agreement: "a pact between JNIM and the local militias", "signed … with MINUSMA".
        if c.type == "AGREEMENT" {
            for i in b..<min(sentence.upperBound, b + 8) where ["between", "with"].contains(v.word(i)) {
                if let ph = p.phrase(startingAt: i + 1, upper: sentence.upperBound) {
                    let found = actors(in: ph, sentence: sentence, uncertain: false)
                    if !found.isEmpty {
                        let before = c.isNoun ? [] : (subjectPhrase(before: a, sentence: sentence).map { actors(in: $0, sentence: sentence, uncertain: false) } ?? [])
                        return before + found
                    }
                }
                break
            }
        }
        var end = a
        if c.isNoun {
            // A name or possessive right before the noun ("JNIM attack", "France's intervention").
            var j = a - 1
            var steps = 0
            while j >= sentence.lowerBound, steps < 3 {
                if let m = v.mentionAt[j] {
                    let mention = v.doc.mentions[m]
                    let range = v.mentionTokens[m]
                    let possessive = v.word(range.upperBound - 1).hasSuffix("'s") || v.word(range.upperBound) == "'s"
                    // "X began its first deployment": a possessive pronoun after a light verb is its subject's, which
                    // the light verb below finds (rather than what coreference made of the pronoun).
                    let pronoun = mention.isNominal && ["its", "their"].contains(v.word(j))
                    if mention.isActor, mention.type != .place || possessive, !(pronoun && p.cueEnding(.light, at: j, from: sentence.lowerBound) != nil) {
                        return actors(in: range, sentence: sentence, uncertain: false)
                    }
                    break
                }
                // A name before a determiner is not in the noun's phrase ("President Cristiani condemned the murder").
                if p.isPunct(j) || p.isVerbLike(j) || p.isPreposition(j) || p.isDeterminer(j) { break }
                // A demonym: "a November 2018 French attack" is the French military's.
                if let code = r.demonyms[v.word(j)], v.isCapitalized(j) || v.caseless,
                   let national = countryActor(code, role: "military", words: j..<(j + 1), uncertain: false) {
                    return [national]
                }
                j -= 1; steps += 1
            }
            // A state's side named by a modifier ("the 2020 military coup", "a November 2018 French attack").
            if let side = sideModifier(before: a, sentence: sentence, trigger: c.tokens, type: c.type) { return [side] }
            // A light verb before the noun: its subject is the agent.
            var k = a - 1
            steps = 0
            var light: Int? = nil
            while k >= sentence.lowerBound, steps < 5 {
                if let n = p.cueEnding(.light, at: k + 1, from: sentence.lowerBound) { light = k + 1 - n; break }
                if p.isPunct(k) || p.isBoundary(k) || v.mentionAt[k] != nil && !["its", "their"].contains(v.word(k)) { break }
                k -= 1; steps += 1
            }
            guard let l = light else {
                // "the departure of French forces", "the end of Operation Barkhane".
                if ["WITHDRAWAL", "DEPLOYMENT"].contains(c.type), v.word(b) == "of",
                   let ph = p.phrase(startingAt: b + 1, upper: sentence.upperBound, lists: true) {
                    return actors(in: ph, sentence: sentence, uncertain: false)
                }
                return []
            }
            end = l
        }
        // Control verbs: "began withdrawing", "joined forces to expel".
        var e = end
        var hops = 0
        while hops < 2 {
            var i = e - 1
            while i >= sentence.lowerBound, p.isAdverb(i) { i -= 1 }
            if v.word(i) == "to" { i -= 1 }
            if i >= sentence.lowerBound, let n = p.cueEnding(.control, at: i + 1, from: sentence.lowerBound) {
                e = i + 1 - n; hops += 1; continue
            }
            break
        }
        guard let ph = subjectPhrase(before: e, sentence: sentence) else {
            return relativeAntecedent(before: e, sentence: sentence)
        }
        let found = actors(in: ph, sentence: sentence, uncertain: false)
        if found.isEmpty, ph.count == 1, ["which", "who", "that"].contains(v.word(ph.lowerBound)) {
            return relativeAntecedent(before: ph.lowerBound + 1, sentence: sentence)
        }
        return found
    }

    /// The subject before token `e`: the phrase that ends there, past a prepositional phrase and a participle
    /// ("French soldiers deployed under Operation Barkhane captured …" → "French soldiers"), past a
    /// parenthesized acronym ("ECOWAS (…) began"), and, for a second verb of a coordination ("JNIM has carried
    /// out attacks and was designated"), the clause's first phrase.
    func subjectPhrase(before e: Int, sentence: Range<Int>) -> Range<Int>? {
        var end = e
        var i = e - 1
        while i >= sentence.lowerBound, p.isAdverb(i) || p.isAuxiliary(i) || v.word(i) == "\"" { i -= 1 }
        // Nothing of the sentence before the verb: no subject (and never a word of the sentence before).
        guard i >= sentence.lowerBound else { return nil }
        if i + 1 < e { end = i + 1 }
        // A name followed by a description between commas: the name is the subject ("Al-Mourabitoun, a group of
        // extremists affiliated with AQIM, claimed …").
        if v.word(i) == "," {
            var k = i - 1
            while k > sentence.lowerBound, i - k < 25, !p.isBoundary(k) || v.word(k) == "(" || v.word(k) == ")" {
                if v.word(k) == ",", v.mentionAt[k] == nil, ["a", "an", "the", "one"].contains(v.word(k + 1)) {
                    if let m = v.mentionAt[k - 1], v.actorMention[m] { return v.mentionTokens[m] }
                    // "the Groupement … (GSIGN), a National Gendarmerie unit, began": the name before the acronym.
                    if v.word(k - 1) == ")", let open = (max(sentence.lowerBound, k - 8)..<(k - 1)).last(where: { v.word($0) == "(" }) {
                        if let m = v.mentionAt[open - 1] ?? v.mentionAt[open + 1], v.actorMention[m] { return v.mentionTokens[m] }
                    }
                }
                k -= 1
            }
        }
        if v.word(i) == ",", v.word(i - 1) == ")" { i -= 1 }
        // "military missions led by G5 Sahel countries—Mali, …, and Niger—were deployed": the words between
        // dashes explain the phrase before them, which is the subject.
        if p.isDash(i), let open = (max(sentence.lowerBound, i - 25)..<i).last(where: { p.isDash($0) }) {
            if let ph = p.phrase(endingBefore: open, lower: sentence.lowerBound, skipVerbs: false) { return ph }
        }
        if v.word(i) == ")", let open = (max(sentence.lowerBound, i - 6)..<i).last(where: { v.word($0) == "(" }) {
            if let m = v.mentionAt[open + 1], v.actorMention[m] { return v.mentionTokens[m] }
            end = open
        }
        if v.word(i) == "and", i > sentence.lowerBound {
            // Coordinated verbs: the subject opens the clause.
            var k = i - 1
            while k > sentence.lowerBound, !p.isBoundary(k - 1), v.word(k - 1) != "," { k -= 1 }
            var j = k
            while j < i, v.mentionAt[j] == nil, !p.isDeterminer(j), !(r.agentPhrases.match(at: j, in: v.ids) != nil) { j += 1 }
            if j < i, let ph = p.phrase(startingAt: j, upper: i, lists: true, keepOf: true) { return ph }
        }
        guard var ph = p.phrase(endingBefore: end, lower: sentence.lowerBound) else { return nil }
        // A prepositional phrase and a participle before the verb: keep going left.
        let before = ph.lowerBound - 1
        if before > sentence.lowerBound, p.isPreposition(before), v.word(before) != "of" {
            var k = before - 1
            while k >= sentence.lowerBound, p.isAdverb(k) { k -= 1 }
            if k >= sentence.lowerBound, v.mentionAt[k] == nil, v.word(k).hasSuffix("ed") || p.isVerbLike(k) {
                if let earlier = p.phrase(endingBefore: k, lower: sentence.lowerBound, skipVerbs: false) { ph = earlier }
            } else if k >= sentence.lowerBound, let earlier = p.phrase(endingBefore: before, lower: sentence.lowerBound, skipVerbs: false),
                      !p.actorMentions(in: earlier).isEmpty || p.head(in: earlier, of: r.agentPhrases) != nil {
                // "French troops in Mali killed …"
                ph = earlier
            }
        }
        return ph
    }

    func n1(_ i: Int) -> Bool { i > 0 }

    /// The actor a modifier of an event noun names (`agent-modifiers.tsv`, demonyms): a demonym gives that
    /// country, a role word ("military") the role, the document's country the rest; the organization is the one
    /// `coref-national.tsv` gives, as the document's entity for it when there is one.
    func sideModifier(before a: Int, sentence: Range<Int>, trigger: Range<Int>? = nil, type: String = "*") -> EventActor? {
        var country: String? = nil, role: String? = nil
        var j = a - 1, from = a
        // The modifier may be part of the trigger ("military coup").
        for k in (trigger ?? a..<a).dropLast() {
            if let r0 = r.agentModifiers[v.word(k)], r.agentModifierTypes[v.word(k)].map({ $0.contains(type) }) ?? true { role = r0; from = min(from, k) }
        }
        while j >= sentence.lowerBound, a - j <= 4 {
            if let m = v.mentionAt[j] {
                // A name before the noun says whose event it is; no guess from modifiers then.
                guard v.doc.mentions[m].type == .date else { return nil }
                j = v.mentionTokens[m].lowerBound - 1; continue
            }
            let w = v.word(j)
            // So does a possessive ("France's military withdrawal"): a country's, or someone else's.
            if w.hasSuffix("'s") || w == "'" {
                // "France's intervention" is left to the retelling rules; "France's military withdrawal" names the side.
                guard role != nil, let m = possessiveCountry(j), let cc = m.place?.country else { return nil }
                country = cc; from = j - (w == "'s" || w == "'" ? 1 : 0)
                break
            }
            if p.isPunct(j) || p.isVerbLike(j) || p.isPreposition(j) || p.isDeterminer(j) || p.isNumber(j) { break }
            if r.agentModifiers[w] != nil, v.word(j - 1) == "-" { return nil }  // "anti-government"
            if let r0 = r.agentModifiers[w], role == nil {
                // Only for the event types the word names a side of ("military coup", not "military intervention").
                if type != "*", let types = r.agentModifierTypes[w], !types.contains(type) { return nil }
                role = r0; from = j
            }
            else if let c = r.demonyms[w], v.isCapitalized(j), country == nil { country = c; from = j }
            j -= 1
        }
        guard country != nil || role != nil else { return nil }
        // A demonym of the report's own country alone places the event ("the Malian coup"), it does not name a side.
        if role == nil, country == documentCountryCode { return nil }
        guard let cc = country ?? documentCountryCode, let id = r.nationalActors[cc + "|" + (role ?? "military")] else { return nil }
        let entity = v.doc.entities.first { $0.canonical == id }
        return EventActor(role: "perpetrator", entity: entity?.id ?? id, name: entity?.name ?? (from < a ? v.slice(from..<a) : id),
                          uncertain: nil, start: v.tokens[from].start, end: v.tokens[a - 1].end)
    }

    /// The country of a possessive word ("Mali's", or "Mali" "'s"): a mention of a country the document names
    /// with that name.
    func possessiveCountry(_ j: Int) -> Mention? {
        var w = v.word(j)
        var k = j
        if w == "'s" || w == "'" { k = j - 1; w = v.word(k) } else { w = String(w.dropLast(2)) }
        guard k >= 0, !w.isEmpty else { return nil }
        if let m = v.mentionAt[k] { return v.doc.mentions[m].place?.isCountry == true ? v.doc.mentions[m] : nil }
        return v.doc.mentions.first { m in
            guard let ref = m.place, ref.isCountry, !m.isNominal else { return false }
            return Folder.shared.fold(m.text) == w
        }
    }

    /// The ISO code of the country the document is about.
    /// "X, which launched …": the agent is the phrase before the relative pronoun.
    func relativeAntecedent(before e: Int, sentence: Range<Int>) -> [EventActor] {
        var i = e - 1
        while i >= sentence.lowerBound, p.isAdverb(i) || p.isAuxiliary(i) { i -= 1 }
        guard i >= sentence.lowerBound, ["which", "who", "that"].contains(v.word(i)) else { return [] }
        var j = i
        if v.word(j - 1) == "," { j -= 1 }
        guard let ph = p.phrase(endingBefore: j, lower: sentence.lowerBound, skipVerbs: false) else { return [] }
        return actors(in: ph, sentence: sentence, uncertain: false)
    }

    /// Actors named in a phrase: its actor mentions (all of a coordination, else the last: "JNIM-affiliated
    /// Katiba Macina"), "members of X", a pronoun resolved to the last actor, or an agent noun kept as words.
    func actors(in range: Range<Int>, sentence: Range<Int>, uncertain: Bool) -> [EventActor] {
        var range = range
        var unsure = uncertain
        for i in range where p.cue(.uncertain, at: i) != nil { unsure = true }
        // The people who acted, as the text describes them, beside the organization they belong to: "members
        // of the FMLN", "FMLN guerrillas", "JNIM Islamic terrorists".
        var individuals: [EventActor] = []
        func describe(_ words: Range<Int>) {
            var a = words.lowerBound, b = words.upperBound
            while a < b, p.isDeterminer(a) || p.isPunct(a) && v.word(a) != "\"" { a += 1 }
            if let open = (a..<b).first(where: { v.word($0) == "(" || v.word($0) == "," }) { b = open }
            while b > a, p.isPunct(b - 1) { b -= 1 }
            guard a < b else { return }
            individuals.append(EventActor(role: "perpetrator", entity: nil, name: v.slice(a..<b), uncertain: unsure ? true : nil,
                                          start: v.tokens[a].start, end: v.tokens[b - 1].end))
        }
        if let m = (range.lowerBound..<range.upperBound).first(where: { p.cue(.member, at: $0) != nil }) {
            let n = p.cue(.member, at: m)!
            if m + n < range.upperBound {
                describe(range)
                range = (m + n)..<range.upperBound
            }
        }
        let mentions = p.actorMentions(in: range)
        if let last = mentions.last, individuals.isEmpty, let h = p.head(in: range, of: r.agentPhrases),
           h.lowerBound >= v.mentionTokens[last].upperBound {
            describe(range.lowerBound..<h.upperBound)
        }
        // "terrorists of the FMLN": the people, then their organization.
        if let first = mentions.first, individuals.isEmpty, range.lowerBound < v.mentionTokens[first].lowerBound,
           let h = p.head(in: range.lowerBound..<v.mentionTokens[first].lowerBound, of: r.agentPhrases),
           (h.upperBound..<v.mentionTokens[first].lowerBound).contains(where: { v.word($0) == "of" || v.word($0) == "from" }) {
            describe(range.lowerBound..<h.upperBound)
        }
        // "the Niger army": a country named as a modifier of a country's forces or government.
        if mentions.count == 1, individuals.isEmpty, v.doc.mentions[mentions[0]].type == .place,
           let national = nationalActor(in: range, uncertain: unsure) {
            return [national]
        }
        if !mentions.isEmpty {
            // Coordinated names when separated only by commas and "and"; else the last one.
            var chosen = [mentions.last!]
            if mentions.count > 1 {
                var coordinated = true
                for (x, y) in zip(mentions, mentions.dropFirst()) {
                    let gap = v.mentionTokens[x].upperBound..<max(v.mentionTokens[x].upperBound, v.mentionTokens[y].lowerBound)
                    if !gap.allSatisfy({ [",", "and", "or", "the"].contains(v.word($0)) }) || gap.isEmpty { coordinated = false }
                }
                if coordinated { chosen = mentions }
            }
            // A place that only modifies the head ("Malian soldiers" has no mention; "Mali's Armed Forces" is
            // one ORG) is not an agent when the phrase goes on with an agent noun.
            let named: [EventActor] = chosen.compactMap { m in
                let mention = v.doc.mentions[m]
                // A place that is a conjunct ("Mali and four other West African countries") is an agent.
                if mention.type == .place, let h = p.head(in: range, of: r.agentPhrases), h.lowerBound >= v.mentionTokens[m].upperBound,
                   !(v.mentionTokens[m].upperBound..<h.lowerBound).contains(where: { ["and", "or", ","].contains(v.word($0)) }) {
                    return nil
                }
                return actor(mention, uncertain: unsure)
            }
            return named + individuals
        }
        if !individuals.isEmpty { return individuals }
        // "Mali's military government", "the Malian army": a country's side named by its role word.
        if range.count <= 5, r.agentModifiers[v.word(range.upperBound - 1)] != nil,
           let side = sideModifier(before: range.upperBound, sentence: sentence, trigger: nil) ?? sideModifier(before: range.upperBound - 1, sentence: sentence),
           side.entity != nil, (range.lowerBound..<range.upperBound).contains(where: { v.word($0).hasSuffix("'s") || r.demonyms[v.word($0)] != nil && v.isCapitalized($0) }) {
            var s = side
            s.uncertain = unsure ? true : nil
            return [s]
        }
        // "The countries formally agreed": the countries named together shortly before, in the paragraph.
        if p.cueSet(.countries).match(at: range.lowerBound, in: v.ids) == range.count {
            let s = v.sentenceOf[range.lowerBound]
            let para = v.paragraphSentences(of: s)
            var t = s - 1
            while t >= max(para.lowerBound, s - 3) {
                var found: [EventActor] = []
                for i in v.sentenceTokens[t] {
                    guard let m = v.mentionAt[i], v.mentionTokens[m].lowerBound == i, let ref = v.doc.mentions[m].place,
                          ref.isCountry, !v.doc.mentions[m].isNominal else { continue }
                    let a = actor(v.doc.mentions[m], uncertain: unsure)
                    if !found.contains(where: { $0.entity == a.entity }) { found.append(a) }
                }
                if found.count >= 2 { return found }
                t -= 1
            }
        }
        // A pronoun or "the group": the last actor before it.
        let text = v.words[range].joined(separator: " ")
        if p.cueSet(.pronoun).contains(range, in: v.ids) == true || ["they", "it", "he", "she"].contains(text) {
            let types: Set<MentionType> = ["he", "she"].contains(text) ? [.person] : [.org]
            if let m = lastActor(before: range.lowerBound, types: types) { return [actor(v.doc.mentions[m], uncertain: unsure)] }
            return []
        }
        // "Malian soldiers", "Mali's military government": the country's actor.
        if let national = nationalActor(in: range, uncertain: unsure) { return [national] }
        if let h = p.head(in: range, of: r.agentPhrases) {
            var s = range.lowerBound
            while s < h.lowerBound, p.isDeterminer(s) || p.isPunct(s) { s += 1 }
            let words = s..<h.upperBound
            return [EventActor(role: "perpetrator", entity: nil, name: v.slice(words), uncertain: unsure ? true : nil,
                               start: v.tokens[words.lowerBound].start, end: v.tokens[words.upperBound - 1].end)]
        }
        return []
    }

    func actor(_ m: Mention, uncertain: Bool) -> EventActor {
        EventActor(role: "perpetrator", entity: m.entity ?? m.place?.id, name: name(of: m), uncertain: uncertain ? true : nil,
                   start: m.start, end: m.end)
    }

    /// The name an actor goes by: its entity's name when coreference gave one, else the mention's words.
    func name(of m: Mention) -> String {
        if m.isNominal, let e = m.entity, let ent = v.doc.entities.first(where: { $0.id == e }) { return ent.name }
        return m.text
    }

    /// The last ORG or PERSON mention (a name) before a token in the same paragraph or the one before.
    func lastActor(before i: Int, types: Set<MentionType> = [.org, .person]) -> Int? {
        let s = v.sentenceOf[max(0, min(i, v.sentenceOf.count - 1))]
        let para = s >= 0 ? v.paragraphSentences(of: s) : 0..<0
        let lower = para.isEmpty ? 0 : v.sentenceTokens[max(0, para.lowerBound - 1)].lowerBound
        var j = i - 1
        while j >= lower {
            if let m = v.mentionAt[j], types.contains(v.doc.mentions[m].type) { return m }
            j -= 1
        }
        return nil
    }

    // MARK: targets

    /// What the event acts on: the object of an active verb, the subject of a passive one, the "of", "on",
    /// "against" or "to" phrase of a noun.
    func targets(_ c: Candidate, sentence: Range<Int>) -> [EventTarget] {
        let a = c.tokens.lowerBound, b = c.tokens.upperBound
        var phrase: Range<Int>? = nil
        if c.passive {
            var e = a
            if v.word(a - 1) == "," { e = a - 1 }
            phrase = subjectPhrase(before: e, sentence: sentence)
        } else if c.isNoun {
            if ["on", "against", "of", "to", "targeting"].contains(v.word(b)) {
                phrase = p.phrase(startingAt: b + 1, upper: sentence.upperBound)
            }
        } else {
            var s = b
            if ["to", "on", "against", "at"].contains(v.word(s)) && (c.type == "SIEGE" || c.trigger.words.contains("fire")) { s += 1 }
            phrase = p.phrase(startingAt: s, upper: sentence.upperBound)
        }
        var out = phrase.map { p.items(of: $0).compactMap { target($0) } } ?? []
        // A building or site the event happened at ("took hostages at the Radisson Blu Hotel").
        if ["ATTACK", "KILLING", "KIDNAPPING", "BOMBING", "SHELLING", "SIEGE"].contains(c.type) {
            var i = b
            while i < min(sentence.upperBound, b + 12), !p.isBoundary(i) {
                if ["at", "on", "against", "inside"].contains(v.word(i)), !["least", "most"].contains(v.word(i + 1)), let ph = p.phrase(startingAt: i + 1, upper: sentence.upperBound, lists: false),
                   let t = target(ph), t.kind == "property", !out.contains(where: { $0.start == t.start }) {
                    out.append(t)
                }
                i += 1
            }
        }
        return out
    }

    /// Whether one of the candidate's targets is a named person.
    func namesPersonTarget(_ c: Candidate) -> Bool {
        c.targets.contains { t in
            guard let e = t.entity, let s = t.start, let end = t.end else { return false }
            return v.firstMention(where: { $0.entity == e && $0.type == .person && $0.start >= s && $0.end <= end }) != nil
        }
    }

    /// A target from a phrase: its kind and category from the head word, the entity of a name inside it.
    func target(_ range: Range<Int>) -> EventTarget? {
        let mentions = (range.lowerBound..<range.upperBound).compactMap { v.mentionAt[$0] }
        // Mentions read in place; only the one named is copied.
        let named = mentions.last { v.doc.mentions[$0].type == .person || v.doc.mentions[$0].type == .org }.map { v.doc.mentions[$0] }
        let head = p.head(in: range, of: r.targetPhrases)
        var kind: String? = nil, category: String? = nil
        if let h = head, let t = r.targets[v.words[h].joined(separator: " ")] {
            kind = t.kind; category = t.category
            if t.generic {
                for i in range.lowerBound..<h.lowerBound { if let m = r.modifiers[v.word(i)] { category = m } }
            }
        }
        if let n = named {
            if n.type == .person {
                kind = "people"; category = category ?? "civilians"
                // "AQIM leader Abdelmalek Droukdel", or a person the text ties to a group.
                let orgBefore = mentions.contains {
                    v.doc.mentions[$0].type == .org && v.doc.mentions[$0].start < n.start && orgCategory(v.doc.mentions[$0]) == "armed group"
                }
                if orgBefore || n.entity.map(armedPeople.contains) == true { category = "armed group" }
            }
            // A named building ("the Radisson Blu Hotel") is property.
            if n.type == .org, kind == nil, let last = lastFoldedWord(n.text), let t = r.targets[last], t.kind == "property" {
                kind = t.kind; category = t.category
            }
            if n.type == .org, kind == nil { kind = "people"; category = orgCategory(n) }
        }
        if kind == nil {
            // A place alone is where the event is, not its target.
            if mentions.contains(where: { v.doc.mentions[$0].type == .place }) { return nil }
            if let h = p.head(in: range, of: r.agentPhrases) { _ = h; kind = "people"; category = "armed group" }
        }
        // "Malian government forces", "Mali's army": the country's forces or government.
        var entity = named?.entity
        if named == nil, let national = nationalActor(in: range, uncertain: false) {
            entity = national.entity
            if kind == nil, let (_, role, _) = nationalDescription(in: range) {
                kind = "people"; category = role == "government" ? "government" : "military"
            }
        }
        guard let k = kind else { return nil }
        let text = p.trimDeterminers(range, keep: true)
        guard !text.isEmpty else { return nil }
        return EventTarget(text: v.slice(text), entity: entity, kind: k, category: category,
                           start: v.tokens[text.lowerBound].start, end: v.tokens[text.upperBound - 1].end)
    }

    /// The folded words of a text as the tokenizer cuts it, kept per text for the document (names and targets
    /// are asked about again and again).
    func foldedWords(_ text: String) -> [String] {
        if let known = scratch.foldedWords[text] { return known }
        let found = Tokenizer.tokenize(text).map(\.folded)
        scratch.foldedWords[text] = found
        return found
    }

    /// The folded last word of a text as the tokenizer cuts it.
    func lastFoldedWord(_ text: String) -> String? { foldedWords(text).last }

    func orgCategory(_ m: Mention) -> String {
        let canonical = m.entity.flatMap { e in v.doc.entities.first(where: { $0.id == e })?.canonical ?? e } ?? ""
        let type = organizationType(canonical) ?? ""
        switch type {
        case "state forces": return "military"
        case "government": return "government"
        case "international mission": return "peacekeepers"
        case "private military company": return "military"
        case "jihadist group", "separatist group", "militia": return "armed group"
        default: return "armed group"
        }
    }

    func objectMatches(_ c: Candidate) -> Bool {
        let a = c.tokens.lowerBound, b = c.tokens.upperBound
        let sent = v.sentenceTokens[c.sentence]
        var kinds = Set<String>()
        for t in c.targets {
            kinds.insert(t.kind)
            if let cat = t.category {
                if ["military", "police", "peacekeepers"].contains(cat) { kinds.insert("military") }
                if cat == "armed group" { kinds.insert("armed") }
                if cat == "government" { kinds.insert("government") }
            }
            if let e = t.entity, let mi = v.firstMention(where: { $0.entity == e && $0.start >= (t.start ?? 0) && $0.end <= (t.end ?? 0) }) {
                let m = v.doc.mentions[mi]
                if m.type == .person { kinds.insert("person"); kinds.insert("people") }
                if m.type == .org { kinds.insert("org"); if orgCategory(m) == "armed group" { kinds.insert("armed") } }
            }
        }
        // An organization named in the object ("launched a new task force called Takuba", "the end of
        // France's Operation Barkhane").
        if !c.passive {
            let start = ["of", "to"].contains(v.word(b)) ? b + 1 : b
            if let ph = p.phrase(startingAt: start, upper: sent.upperBound, lists: true, keepOf: true) {
                for i in ph { if v.mentionType(at: i) == .org { kinds.insert("org") } }
            }
        }
        // The phrase right after the trigger (or before a passive one) for places and organizations.
        let near: [Int] = c.passive ? [a - 1, a - 2] : [b, b + 1, b + 2]
        for i in near where sent.contains(i) {
            if let m = v.mention(at: i) {
                if m.type == .place { kinds.insert("place") }
                if m.type == .org { kinds.insert("org"); if orgCategory(m) == "armed group" { kinds.insert("armed") } }
                if m.type == .person { kinds.insert("person"); kinds.insert("people") }
                break
            }
            if !p.isDeterminer(i), !["to", "from", "of"].contains(v.word(i)) { break }
        }
        if kinds.contains("people"), c.targets.contains(where: { $0.category == "government" }) { kinds.insert("government") }
        // A weapon as the object ("hurled dynamite sticks", "planted a bomb").
        for i in b..<min(sent.upperBound, b + 4) where r.weaponPhrases.match(at: i, in: v.ids) != nil {
            if r.weapons[v.word(i)].map({ $0 == "explosives" || $0 == "incendiary" }) == true { kinds.insert("weapon") }
        }
        if c.targets.contains(where: { namesGovernment($0.text) }) {
            kinds.insert("government")
        }
        return !c.trigger.object.isDisjoint(with: kinds)
    }

    static let governmentWords: Set<String> = ["government", "president", "regime", "junta", "prime", "minister", "administration"]

    /// Whether a word of a target's text (split at spaces, folded) names a government; kept per text.
    func namesGovernment(_ text: String) -> Bool {
        if let known = scratch.governmentText[text] { return known }
        let found = text.split(separator: " ").contains { Self.governmentWords.contains(Folder.shared.fold($0)) }
        scratch.governmentText[text] = found
        return found
    }

    // MARK: weapons

    func weapons(in sentence: Range<Int>, _ c: Candidate) -> [EventWeapon] {
        var out: [EventWeapon] = []
        var i = sentence.lowerBound
        while i < sentence.upperBound {
            if v.mentionAt[i] == nil, let n = r.weaponPhrases.match(at: i, in: v.ids) {
                let end = i + n
                // Modifiers before the weapon word ("four powerful rockets", "500 kg of dynamite"): numbers and
                // the modifier words of weapons.tsv.
                var s = i
                while s > sentence.lowerBound, i - s < 4, v.mentionAt[s - 1] == nil,
                      p.isNumber(s - 1) || r.weaponModifiers.contains(v.word(s - 1)) || (v.word(s - 1) == "of" && r.weaponModifiers.contains(v.word(s - 2))) {
                    s -= 1
                }
                if v.word(s) == "of" { s += 1 }
                // Not inside an earlier weapon phrase ("dynamite and grenade rocket launchers" gives two).
                if let last = out.last, let e = last.end, v.tokens[s].start < e { s = i }
                let word = v.words[i..<end].joined(separator: " ")
                // "fire" and "weapons" only as weapons right after a trigger context ("opened fire").
                if !["fire", "weapons", "aircraft", "mine", "mines", "shell", "shells"].contains(word) || c.type == "BOMBING" && word.hasPrefix("mine") {
                    let text = s..<end
                    if !out.contains(where: { $0.start == v.tokens[text.lowerBound].start }) {
                        out.append(EventWeapon(text: v.slice(text), category: r.weapons[word] ?? "unknown",
                                               start: v.tokens[text.lowerBound].start, end: v.tokens[text.upperBound - 1].end))
                    }
                }
                i = end
            } else {
                i += 1
            }
        }
        return out
    }

    // MARK: counts

    /// Fatalities, injured and abducted from the numbers of the sentence that a count word governs.
    func counts(_ c: inout Candidate, sentence: Range<Int>) {
        let found = countsOnce(sentence, trigger: c)
        if c.fatalities == nil { c.fatalities = found.fatalities }
        if c.injured == nil { c.injured = found.injured }
        if c.abducted == nil { c.abducted = found.abducted }
        if c.countMod == nil { c.countMod = found.mod }
        c.vagueCount = found.vague && c.fatalities == nil && c.injured == nil && c.abducted == nil
        // One person seized or killed: a named person, or a singular noun ("The American was seized",
        // "killing Droukdel").
        let killing = ["KILLING", "ATTACK"].contains(c.type) && r.countWords[v.words[c.tokens].joined(separator: " ")] == "fatalities"
        if c.type == "KIDNAPPING" || killing, c.fatalities == nil, c.abducted == nil, !c.targets.isEmpty,
           c.targets.allSatisfy({ isSingularPerson($0) }) {
            if killing { c.fatalities = c.targets.count } else { c.abducted = c.targets.count }
        }
    }

    /// A people target that is one person: a named person, or a singular noun with "a", "an", "the".
    func isSingularPerson(_ t: EventTarget) -> Bool {
        guard t.kind == "people", let start = t.start, let end = t.end else { return false }
        let a = DocumentView.firstToken(atOrAfter: start, v.tokens)
        var b = a
        while b < v.tokens.count, v.tokens[b].start < end { b += 1 }
        guard a < b else { return false }
        if let m = v.mentionAt[b - 1], v.doc.mentions[m].type == .person { return true }
        let head = v.word(b - 1)
        guard r.targets[head]?.kind == "people", !head.hasSuffix("s"), !["people", "police", "population", "military", "army", "forces", "government", "junta", "administration", "personnel"].contains(head) else { return false }
        return ["a", "an", "the", "one"].contains(v.word(a))
    }

    struct Counts { var fatalities: Int?; var injured: Int?; var abducted: Int?; var mod: String?; var vague = false }

    /// `countsIn`, computed once per sentence and kind of trigger (the trigger's type matters only for a
    /// killing or a kidnapping).
    func countsOnce(_ sentence: Range<Int>, trigger: Candidate?) -> Counts {
        let kind = trigger.map { $0.type == "KILLING" ? 1 : $0.type == "KIDNAPPING" ? 2 : 0 } ?? 0
        let key = SentenceKey(lower: sentence.lowerBound, upper: sentence.upperBound, kind: kind)
        if let known = scratch.counts[key] { return known }
        let found = countsIn(sentence, trigger: trigger)
        scratch.counts[key] = found
        return found
    }

    func countsIn(_ sentence: Range<Int>, trigger: Candidate?) -> Counts {
        var out = Counts()
        // "no casualties".
        for i in sentence where r.zeroPhrases.match(at: i, in: v.ids) != nil {
            let phrase = v.words[i..<min(sentence.upperBound, i + 5)].joined(separator: " ")
            if phrase.contains("casualt") || phrase.contains("victim") { out.fatalities = 0; out.injured = 0 }
            else if phrase.contains("kill") || phrase.contains("death") || phrase.contains("fatal") { out.fatalities = 0 }
            else { out.injured = 0 }
        }
        var i = sentence.lowerBound
        while i < sentence.upperBound {
            guard let q = quantity(at: i, upper: sentence.upperBound) else { i += 1; continue }
            // "a"/"an" count only before a word for people ("killing a soldier", "a Belgian").
            if q.article, !(r.targets[v.word(q.end)]?.kind == "people" || v.isCapitalized(q.end) && v.mentionAt[q.end] == nil) {
                i = max(i + 1, q.end); continue
            }
            // The noun counted, and the count word that governs it.
            var j = q.end
            var nounEnd = j
            var steps = 0
            while nounEnd < sentence.upperBound, steps < 4, !p.isPunct(nounEnd), !p.isPreposition(nounEnd) || v.word(nounEnd) == "of",
                  !p.isVerbLike(nounEnd), v.word(nounEnd) != "and" {
                if r.countPhrases.match(at: nounEnd, in: v.ids) != nil, nounEnd > q.end { nounEnd += 1; break }
                nounEnd += 1; steps += 1
            }
            j = nounEnd
            let counted = q.end..<nounEnd
            // Not a count of people: years, money, distances, durations.
            if counted.contains(where: { p.isMeasure($0) }) {
                i = max(i + 1, q.end); continue
            }
            // Victims counted in a killing or a kidnapping are its dead or its abducted ("an alleged massacre … of up
            // to 300 civilians").
            var slot = countWordNear(q.start, counted, sentence)
            if slot == nil, let t = trigger, counted.contains(where: { r.targets[v.word($0)]?.kind == "people" }),
               !counted.contains(where: { r.agents[v.word($0)] != nil }) {
                if t.type == "KILLING" { slot = "fatalities" }
                if t.type == "KIDNAPPING" { slot = "abducted" }
            }
            if q.value != nil || q.vague != nil, let slot {
                // Several counted groups after one verb add up ("killing one Frenchman, a Belgian and three Malians").
                func add(_ value: Int?, _ current: Int?) -> Int? {
                    guard let value else { return current }
                    return (current ?? 0) + value
                }
                switch slot {
                case "fatalities", "casualties": out.fatalities = add(q.value, out.fatalities)
                case "injured": out.injured = add(q.value, out.injured)
                case "abducted": out.abducted = add(q.value, out.abducted)
                default: break
                }
                if out.mod == nil { out.mod = q.mod ?? q.vague }
                if q.vague != nil { out.vague = true }
            }
            i = max(i + 1, min(j, q.end + 1))
        }
        return out
    }

    /// The count slot a number refers to: a count word before it (through other counted groups), inside the
    /// counted phrase, or after it ("were killed").
    func countWordNear(_ start: Int, _ counted: Range<Int>, _ sentence: Range<Int>) -> String? {
        for i in counted { if let n = r.countPhrases.match(at: i, in: v.ids), let s = r.countWords[v.words[i..<(i + n)].joined(separator: " ")] { return s } }
        // After: "were killed", "dead", "wounded" — not an active verb after people who act ("two Islamists
        // killed 20 people").
        var k = counted.upperBound
        var steps = 0
        var auxiliary = false
        let agentsCounted = counted.contains { r.agents[v.word($0)] != nil }
        while k < sentence.upperBound, steps < 4 {
            if let n = r.countPhrases.match(at: k, in: v.ids), let s = r.countWords[v.words[k..<(k + n)].joined(separator: " ")] {
                if agentsCounted, !auxiliary { break }
                return s
            }
            if !(p.cue(.passive, at: k) != nil || p.isAdverb(k) || ["have", "had", "has", "been", "reportedly"].contains(v.word(k))) {
                // "51 others were arrested": the number belongs to another verb.
                if auxiliary { return nil }
                break
            }
            if p.cue(.passive, at: k) != nil { auxiliary = true }
            k += 1; steps += 1
        }
        // Before: "killed 132", "killing one soldier, a …".
        var j = start - 1
        steps = 0
        while j >= sentence.lowerBound, steps < 12 {
            if let n = r.countPhrases.match(endingAt: j + 1, in: v.ids, from: sentence.lowerBound),
               let s = r.countWords[v.words[(j + 1 - n)...j].joined(separator: " ")] { return s }
            let w = v.word(j)
            if p.isBoundary(j) || p.isVerbLike(j) { break }
            if p.isPreposition(j), !["of", "as", "to", "than", "at", "up", "over", "about", "around", "some"].contains(w) { break }
            j -= 1; steps += 1
        }
        return nil
    }

    struct Quantity { var start: Int; var end: Int; var value: Int?; var mod: String?; var vague: String?; var article: Bool }

    /// A number with its modifier at token `i`: "more than 200", "at least 370", "one", "dozens of", "a".
    func quantity(at i: Int, upper: Int) -> Quantity? {
        // A number, an article, or the first word of a modifier, number or vague phrase: else nothing.
        guard p.has(i, .quantityStart) else { return nil }
        var k = i
        var mod: String? = nil
        if let n = r.modPhrases.match(at: k, in: v.ids) {
            mod = r.countMods[v.words[k..<(k + n)].joined(separator: " ")]
            k += n
        }
        if k < upper, v.tokens[k].kind == .number {
            let word = v.words[k]
            let digits = word.utf8.contains(UInt8(ascii: ",")) ? String(decoding: word.utf8.filter { $0 != UInt8(ascii: ",") }, as: UTF8.self) : word
            guard let n = Int(digits), n < 100_000 else { return nil }
            // Not a year or a date.
            // (The word is digits and commas here: a byte test is the same test.)
            if n >= 1900 && n <= 2100 && !word.utf8.contains(UInt8(ascii: ",")) { return nil }
            if v.mentionAt[k] != nil { return nil }
            return Quantity(start: i, end: k + 1, value: n, mod: mod, vague: nil, article: false)
        }
        if let n = r.numberPhrases.match(at: k, in: v.ids), v.mentionAt[k] == nil {
            var value = r.numbers[v.words[k..<(k + n)].joined(separator: " ")]!
            var e = k + n
            // "two hundred", "three thousand".
            if let m = r.numberPhrases.match(at: e, in: v.ids), let mult = r.numbers[v.words[e..<(e + m)].joined(separator: " ")], mult >= 100 {
                value *= mult; e += m
            }
            return Quantity(start: i, end: e, value: value, mod: mod, vague: nil, article: false)
        }
        if mod == nil, let n = r.vaguePhrases.match(at: k, in: v.ids) {
            return Quantity(start: i, end: k + n, value: nil, mod: nil, vague: r.vague[v.words[k..<(k + n)].joined(separator: " ")], article: false)
        }
        if mod == nil, p.isArticle(k), k + 1 < upper {
            return Quantity(start: i, end: k + 1, value: 1, mod: nil, vague: nil, article: true)
        }
        return nil
    }

    // MARK: date and place

    /// The DATE mention of the sentence closest to the trigger (clause boundaries count as distance).
    func date(for c: Candidate, in sentence: Range<Int>) -> (EventDate?, Int?) {
        var best: (score: Int, mi: Int, token: Int)? = nil
        for i in sentence {
            guard let mi = v.mentionAt[i], v.mentionTokens[mi].lowerBound == i else { continue }
            guard v.doc.mentions[mi].type == .date else { continue }
            guard let t = v.doc.mentions[mi].timex, usable(t) else { continue }
            // A deadline is not when the event happened ("complete withdrawal by December 31").
            if v.word(i - 1) == "before" { continue }
            if v.word(i - 1) == "by", i > c.tokens.upperBound,
               (c.tokens.upperBound..<i).contains(where: { p.cue(.planned, at: $0) != nil || ["expected", "complete", "completed"].contains(v.word($0)) }) { continue }
            // A date of the trigger's own clause first.
            let score = distance(from: c.tokens, to: i) + (sameClause(c.tokens, i) ? 0 : 100)
            if best == nil || score < best!.score { best = (score, mi, i) }
        }
        guard let b = best else { return (nil, nil) }
        let m = v.doc.mentions[b.mi]
        return (EventDate(value: m.timex!.value, end: m.timex!.end, mod: m.timex!.mod, mention: m.id), b.token)
    }

    func usable(_ t: Timex) -> Bool {
        t.type == "DATE" && t.value.first?.isNumber == true
    }

    /// Token distance, plus a penalty for every clause boundary in between.
    func distance(from trigger: Range<Int>, to i: Int) -> Int {
        let (a, b) = i < trigger.lowerBound ? (i, trigger.lowerBound) : (trigger.upperBound, i)
        var d = max(0, b - a)
        for k in a..<max(a, b) where p.isBoundary(k) && v.word(k) != "that" { d += 8 }
        if i < trigger.lowerBound { d += 1 }
        return d
    }

    /// The most specific place the sentence ties to the trigger: a place after a locative preposition or as
    /// the trigger's object, not a reference point ("260 miles northeast of Bamako").
    func place(for c: Candidate, in sentence: Range<Int>) -> (EventPlace?, Int?) {
        // Mentions by index: read in place, copied only for the place chosen.
        var best: (score: (Int, Int), mi: Int, token: Int)? = nil
        var other: (score: (Int, Int), mi: Int, token: Int)? = nil
        for i in sentence {
            guard let mi = v.mentionAt[i], v.mentionTokens[mi].lowerBound == i else { continue }
            guard v.doc.mentions[mi].type == .place else { continue }
            guard v.doc.mentions[mi].place != nil else { continue }
            // An agent is not the place ("France launched …"), unless nothing else is found.
            let mStart = v.doc.mentions[mi].start
            if c.agents.contains(where: { $0.start == mStart }) { continue }
            var j = i - 1
            func skipModifiers() {
                while j >= sentence.lowerBound, p.isDeterminer(j) || v.word(j).hasSuffix("'s") && v.mentionAt[j] == nil || p.isPlaceModifier(j) { j -= 1 }
            }
            skipModifiers()
            // A place in the possessive before it is part of its phrase ("in central Mali's Moura area").
            if j >= sentence.lowerBound, let pm = v.mentionAt[j], pm != mi, v.doc.mentions[pm].type == .place,
               v.word(j).hasSuffix("'s") || v.word(v.mentionTokens[pm].upperBound) == "'s" {
                j = v.mentionTokens[pm].lowerBound - 1
                skipModifiers()
            }
            let prep = v.word(j)
            let after = v.mentionTokens[mi].upperBound
            // A country named as the side of a border is not where the event is.
            if ["border", "borders", "border-area"].contains(v.word(after)) { continue }
            // After a locative preposition, right after the trigger as its object ("ambushed Bamako"), in
            // apposition to a place noun ("in Mali's capital, Bamako"), or naming a target's place ("a Bamako
            // restaurant").
            let placeNoun = ["capital", "town", "city", "village", "region", "area", "commune", "district"].contains(v.word(j - 1))
            let locative = p.cue(.locative, at: j) != nil && !p.isPunct(j) || i == c.tokens.upperBound
                || (prep == "," && placeNoun) || r.targets[v.word(after)]?.kind == "property"
                || (prep == "(" && v.mentionType(at: j - 1) == .place)
            guard locative else { continue }
            // Where someone is sent or extradited to is not where the arrest happened.
            if prep == "to", c.type == "ARREST" { continue }
            // Reference points of distances and directions.
            if ["of", "from"].contains(prep), (max(sentence.lowerBound, j - 3)..<j).contains(where: { p.cue(.distance, at: $0) != nil }) { continue }
            if prep == "to", c.type == "ARREST" || c.type == "DEPLOYMENT" && v.word(j - 1) != "troops" { /* destination */ }
            // A place in another clause ("after being indicted in the Eastern District of New York") is not the
            // event's.
            // A place in parentheses after another refines it ("in northern Mali (the Gao region)"): it is in the
            // clause the outer place is in.
            let outer = prep == "(" ? v.mentionAt[j - 1].map { v.mentionTokens[$0].lowerBound } : nil
            let spec = v.specificity(ofMention: mi)
            guard sameClause(c.tokens, outer ?? i) else {
                // The sentence level of the fallback: a place of a clause tied to the trigger's by a relative pronoun
                // ("neutralized X who was in a truck in the Menaka region", "to Niamey, Niger to support the coup
                // government that seized power"); not one of a clause of its own ("after being indicted in …").
                if onlyRelativeBetween(c.tokens, outer ?? i) {
                    let score = (-spec, distance(from: c.tokens, to: i))
                    if other == nil || score < other!.score { other = (score, mi, i) }
                }
                continue
            }
            let score = (-spec, distance(from: c.tokens, to: i))
            if best == nil || score < best!.score { best = (score, mi, i) }
        }
        if best == nil, let o = other, let ref = v.doc.mentions[o.mi].place, (r.placeFallback[c.type] ?? []).contains("sentence") {
            // Recorded as a fallback; no place token, so it neither sets incidents apart nor counts as the clause's own.
            return (EventPlace(mention: v.doc.mentions[o.mi].id, id: ref.id, name: ref.name, lat: ref.lat, lon: ref.lon, fallback: "sentence"), nil)
        }
        guard let b = best, let ref = v.doc.mentions[b.mi].place else { return (nil, nil) }
        return (EventPlace(mention: v.doc.mentions[b.mi].id, id: ref.id, name: ref.name, lat: ref.lat, lon: ref.lon), b.token)
    }

    /// Every clause boundary between a trigger and a token is a relative pronoun (who, which, that, where) or a
    /// preposition before a noun phrase.
    func onlyRelativeBetween(_ trigger: Range<Int>, _ i: Int) -> Bool {
        let (x, y) = i < trigger.lowerBound ? (i, trigger.lowerBound) : (trigger.upperBound, i)
        let boundaries = (x..<max(x, y)).filter { p.isBoundary($0) && v.word($0) != "\"" }
        return !boundaries.isEmpty && boundaries.allSatisfy { k in
            // "that" after a noun ("the coup government that seized power"), not after a verb or a comma ("announced
            // on September 26, 2021, that …").
            if v.word(k) == "that" { return !p.isPunct(k - 1) && !p.isVerbLike(k - 1) && v.mentionType(at: k - 1) != .date }
            // "killed following a counterterrorism operation in Moura": a preposition before a noun phrase, not a
            // clause ("after being indicted in …").
            if ["following", "after", "during"].contains(v.word(k)) { return ["a", "an", "the"].contains(v.word(k + 1)) }
            return ["who", "which", "where", "whom", "whose"].contains(v.word(k))
        }
    }

    // MARK: conditions

    func holds(_ cond: EventRules.Condition, _ c: Candidate) -> Bool {
        switch cond.key {
        case "*": return true
        case "target":
            let people = c.targets.filter { $0.kind == "people" }
            if people.isEmpty { return false }
            return people.allSatisfy { cond.values.contains($0.category ?? "") }
        case "kind":
            return !c.targets.isEmpty && c.targets.allSatisfy { cond.values.contains($0.kind) }
        case "weapon":
            let words = c.weapons.flatMap { $0.text.lowercased().split(separator: " ").map(String.init) }
                + v.words[c.tokens]
            return words.contains { cond.values.contains($0) }
        case "targetword":
            return c.targets.contains { t in foldedWords(t.text).contains { cond.values.contains($0) } }
        case "victim":
            let people = c.targets.filter { $0.kind == "people" }
            return people.count == 1 && people[0].entity != nil
        default: return false
        }
    }

    // MARK: one incident per sentence

    /// Joins the triggers of one sentence that tell one incident: same type, or types that combine, unless
    /// their own dates or places set them apart.
    func combine(_ list: [Candidate]) -> [Candidate] {
        var out: [Candidate] = []
        // Alternatives of one trigger position: keep the first that survived.
        var seen = Set<Int>()
        var uniq: [Candidate] = []
        for c in list where !seen.contains(c.tokens.lowerBound) { seen.insert(c.tokens.lowerBound); uniq.append(c) }
        for c in uniq {
            if let k = out.lastIndex(where: { joinable($0, c) }) {
                let host = !out[k].needsHost || !c.needsHost
                out[k] = merged(out[k], c, sameSentence: true)
                out[k].needsHost = !host
            } else {
                out.append(c)
            }
        }
        for c in out where c.needsHost { trace(c, "DROPPED: gerund without date, count or host") }
        return out.filter { !$0.needsHost }
    }

    func family(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        if r.absorbs[a]?.contains(b) == true || r.absorbs[b]?.contains(a) == true { return true }
        return r.combine.contains { $0.type == a && $0.with.contains(b) }
    }

    func joinable(_ a: Candidate, _ b: Candidate) -> Bool {
        guard family(a.type, b.type) else { return false }
        if let x = a.date?.value, let y = b.date?.value, a.dateToken != b.dateToken, !compatible(x, y) { return false }
        if a.placeToken != nil, b.placeToken != nil, a.placeToken != b.placeToken, !compatible(a.place, b.place) { return false }
        let an = Set(a.agents.compactMap(\.entity)), bn = Set(b.agents.compactMap(\.entity))
        if !an.isEmpty, !bn.isEmpty, an.isDisjoint(with: bn), a.type == b.type, !["MERGER", "AGREEMENT"].contains(a.type) { return false }
        return true
    }

    func compatible(_ x: String, _ y: String) -> Bool { x.hasPrefix(y) || y.hasPrefix(x) }

    func specificity(_ p: EventPlace) -> Int {
        guard let m = p.mention, let mi = v.mentionIndex(id: m), v.doc.mentions[mi].place != nil else { return 0 }
        return v.specificity(ofMention: mi)
    }

    /// Two places that can be the same event's: the same place, or a country and a place in it.
    func compatible(_ a: EventPlace?, _ b: EventPlace?) -> Bool {
        guard let a, let b else { return true }
        if a.id == b.id { return true }
        func ref(_ p: EventPlace) -> PlaceRef? {
            p.mention.flatMap { m in v.mentionIndex(id: m).flatMap { v.doc.mentions[$0].place } }
        }
        guard let x = ref(a), let y = ref(b) else { return false }
        if x.isCountry, x.country == y.country { return true }
        if y.isCountry, x.country == y.country { return true }
        return false
    }

    /// `a` with `b` folded in: the type of the absorbing or first trigger, the union of arguments, the first
    /// known of each slot; `b`'s trigger goes to `also` unless both are in one sentence.
    func merged(_ a: Candidate, _ b: Candidate, sameSentence: Bool) -> Candidate {
        var m = a
        if sameSentence, r.absorbs[b.type]?.contains(a.type) == true, r.absorbs[a.type]?.contains(b.type) != true {
            m.type = b.type; m.trigger = b.trigger; m.tokens = b.tokens; m.isNoun = b.isNoun; m.start = b.start
            m.also = a.also + [v.span(a.tokens)] + b.also
        } else {
            m.also = a.also + [v.span(b.tokens)] + b.also
        }
        let named = m.agents.contains { $0.entity != nil }
        for x in b.agents where !(b.agentFromPronoun && !m.agents.isEmpty) && !m.agents.contains(where: { $0.name == x.name || ($0.entity != nil && $0.entity == x.entity) }) {
            if named, x.entity == nil { continue }
            m.agents.append(x)
        }
        if !named, !b.agentFromPronoun, b.agents.contains(where: { $0.entity != nil }) { m.agents = m.agents.filter { $0.entity != nil } }
        for t in b.targets where !m.targets.contains(where: { $0.text == t.text || ($0.start ?? -1) == t.start }) { m.targets.append(t) }
        for w in b.weapons where !m.weapons.contains(where: { $0.start == w.start }) { m.weapons.append(w) }
        m.fatalities = m.fatalities ?? b.fatalities
        m.injured = m.injured ?? b.injured
        m.abducted = m.abducted ?? b.abducted
        m.countMod = m.countMod ?? b.countMod
        // Dates and places: the first known, or a more precise one that agrees with it ("August 2022", then
        // "August 15, 2022"; "Mali", then "Bamako").
        if m.date == nil || (m.dateToken == nil && b.dateToken != nil) {
            m.date = b.date; m.dateToken = b.dateToken
        } else if let x = m.date?.value, let y = b.date?.value, b.ownDate, y.count > x.count, y.hasPrefix(x) || !a.ownDate {
            m.date = b.date; m.dateToken = b.dateToken
        }
        if sameSentence || b.ownPlace {
            if m.place == nil || (m.placeToken == nil && b.placeToken != nil) {
                m.place = b.place; m.placeToken = b.placeToken
            } else if let x = m.place, let y = b.place, x.id != y.id, compatible(x, y), specificity(y) > specificity(x) {
                m.place = b.place; m.placeToken = b.placeToken
            }
        }
        m.modality = m.modality ?? b.modality
        m.lastSentence = max(a.lastSentence, b.lastSentence)
        m.ownDate = m.ownDate || b.ownDate
        m.ownPlace = m.ownPlace || b.ownPlace
        m.types.formUnion(b.types)
        // "X was killed in an attack": the attack is the event told.
        if sameSentence, a.type == "KILLING", a.passive, b.isNoun, b.type == "ATTACK" { m.type = "ATTACK" }
        if sameSentence {
            for rule in r.mixed where rule.types.contains(m.type) && m.types.intersection(rule.types).count >= 2 { m.type = rule.result }
        }
        for rule in r.retype where rule.type == m.type && holds(rule.condition, m) { m.type = rule.a }
        return m
    }

    // MARK: following sentences

    /// The sentences right after an event that add to it without a trigger of their own: "Orchestrated by
    /// JNIM, rockets landed … no reported casualties", "Al-Mourabitoun claimed responsibility".
    func continuations(_ list: inout [Candidate], withTrigger: Set<Int>) {
        for k in list.indices {
            let c = list[k]
            guard !["MERGER", "DESIGNATION", "AGREEMENT", "DEPLOYMENT", "WITHDRAWAL"].contains(c.type) else { continue }
            let para = v.paragraphSentences(of: c.sentence)
            var s = c.sentence + 1
            while s < para.upperBound, s <= c.sentence + 3 {
                let sent = v.sentenceTokens[s]
                // Responsibility claims name the perpetrator.
                for i in sent {
                    if let n = p.cue(.responsibility, at: i), n > 0 {
                        // The claimant opens the clause ("Al-Mourabitoun, a group … affiliated with AQIM, claimed").
                        var lower = i
                        while lower > sent.lowerBound, !p.isBoundary(lower - 1) { lower -= 1 }
                        let first = (lower..<i).first { k in
                            guard let m = v.mentionAt[k], v.actorMention[m], v.mentionTokens[m].lowerBound == k else { return false }
                            return !p.isPreposition(k - 1) || k == lower
                        }
                        if let f = first.flatMap({ v.mentionAt[$0] }) ?? p.phrase(endingBefore: i, lower: sent.lowerBound).flatMap({ p.actorMentions(in: $0).last }) {
                            let found = [actor(v.doc.mentions[f], uncertain: false)].filter { $0.entity != nil }
                            if !found.isEmpty {
                                list[k].agents = list[k].agents.filter { $0.entity != nil }
                                for f in found where !list[k].agents.contains(where: { $0.entity == f.entity }) { list[k].agents.append(f) }
                            }
                        }
                        break
                    }
                }
                if withTrigger.contains(s) { break }
                // "Orchestrated by X," opening the sentence.
                if let n = p.cue(.by, at: sent.lowerBound + 1), n >= 1, v.word(sent.lowerBound + 1) == "by",
                   let ph = p.phrase(startingAt: sent.lowerBound + 2, upper: sent.upperBound) {
                    let found = actors(in: ph, sentence: sent, uncertain: false)
                    if !found.isEmpty, !list[k].namedAgent { list[k].agents = found }
                }
                let counts = countsOnce(sent, trigger: nil)
                if list[k].fatalities == nil { list[k].fatalities = counts.fatalities }
                if list[k].injured == nil { list[k].injured = counts.injured }
                if list[k].abducted == nil { list[k].abducted = counts.abducted }
                if list[k].countMod == nil { list[k].countMod = counts.mod }
                s += 1
            }
        }
    }

    // MARK: one event told twice

    /// The earlier event a later telling joins: a definite noun ("the attack") the last compatible event told
    /// shortly before, or one whose words its modifiers repeat; a trigger of the same type with the same
    /// specific date, the same named victim, or the same actor for facts told again ("France's withdrawal").
    func antecedent(of c: Candidate, in previous: [Candidate]) -> Int? {
        var probe = AntecedentProbe(types: r.anaphoric[c.type] ?? [c.type], cn: Set(c.agents.compactMap(\.entity)),
                                    cTargets: Set(c.targets.compactMap(\.entity)), modifiers: anaphorModifiers(c),
                                    cNamed: namedVictims(c), cParagraph: v.paragraphSentences(of: c.sentence))
        // The most recently told first.
        let order = previous.indices.sorted { (previous[$0].lastSentence, $0) > (previous[$1].lastSentence, $1) }
        for k in order where refersBack(c, to: previous, k, &probe) { return k }
        return nil
    }

    /// What the antecedent search computes once for the later telling `c`.
    struct AntecedentProbe {
        let types: Set<String>
        /// Entities of `c`'s agents and targets.
        let cn: Set<String>, cTargets: Set<String>
        let modifiers: [String]
        let cNamed: Set<String>
        let cParagraph: Range<Int>
        /// `targetNames(c)`, computed when first needed.
        var cTargetNames: Set<String>? = nil
    }

    /// Whether `c` tells again the earlier event `previous[k]` (one step of `antecedent(of:in:)`; the earlier
    /// event is read in place, not copied per pair).
    func refersBack(_ c: Candidate, to previous: [Candidate], _ k: Int, _ probe: inout AntecedentProbe) -> Bool {
        guard previous[k].lastSentence != c.sentence || previous[k].sentence != c.sentence else { return false }
        // A sentence repeated word for word (reports repeat their own paragraphs) tells the same event.
        if previous[k].type == c.type, previous[k].sentence != c.sentence, v.words[v.sentenceTokens[previous[k].sentence]] == v.words[v.sentenceTokens[c.sentence]] { return true }
        // A definite noun with its own date and named actor ("the February 2022 conclusion of the Takuba
        // Task Force") is not a retelling of an event that has neither.
        if c.anaphoric, c.ownDate, c.namedAgent, previous[k].date == nil, !previous[k].namedAgent { return false }
        let gap = c.sentence - previous[k].lastSentence
        let recent = gap <= 6
        let close = gap <= 3 && probe.cParagraph.contains(previous[k].lastSentence) || gap == 1
        // "the Radisson Blu attack": the noun's modifiers name the earlier event's target or place, whoever
        // a name among them seems to make the agent.
        if c.anaphoric, probe.types.contains(previous[k].type), !probe.modifiers.isEmpty, gap <= 40 || c.ownDate,
           mentions(probe.modifiers, targets: previous[k].targets, place: previous[k].place) { return true }
        // The agents' entities shared, or none on one side (read in place: no sets per pair).
        let agentsShared = !probe.cn.isEmpty && previous[k].agents.contains { $0.entity.map(probe.cn.contains) == true }
        let agentsAgree = probe.cn.isEmpty || agentsShared || !previous[k].agents.contains { $0.entity != nil }
        let datesAgree: Bool = {
            guard let x = previous[k].date?.value, let y = c.date?.value, previous[k].ownDate, c.ownDate else { return true }
            return compatible(x, y)
        }()
        guard agentsAgree else { return false }
        if !probe.cTargets.isEmpty, previous[k].targets.contains(where: { $0.entity != nil }),
           !previous[k].targets.contains(where: { $0.entity.map(probe.cTargets.contains) == true }) { return false }
        // Two different people named as the victims ("killing Droukdel", "neutralized Bah ag Moussa").
        if !probe.cNamed.isEmpty, case let aNamed = namedVictims(of: previous[k].targets), !aNamed.isEmpty, probe.cNamed.isDisjoint(with: aNamed) { return false }
        // A fact told again by the same actor (France's withdrawal, the military's coup), whatever the
        // dates and places each telling gives.
        if agentsShared, previous[k].type == c.type, c.type == "WITHDRAWAL" { return true }
        let placesAgree = c.placeToken == nil || previous[k].placeToken == nil || compatible(previous[k].place, c.place)
        guard placesAgree, datesAgree else { return false }
        if c.anaphoric, probe.types.contains(previous[k].type) {
            // "the attack", "the coup": the last compatible event told shortly before, or one whose words
            // the noun's modifiers repeat ("the Radisson Blu attack", "the hotel attack").
            if recent || (!probe.modifiers.isEmpty && mentions(probe.modifiers, targets: previous[k].targets, place: previous[k].place)) {
                return true
            }
            if c.ownDate, let x = previous[k].date?.value, let y = c.date?.value, compatible(x, y) { return true }
            if previous[k].type == c.type, ["COUP", "WITHDRAWAL", "DEPLOYMENT"].contains(c.type), agentsShared { return true }
            // "the military coup" without a date of its own: the last coup told (a country has few).
            if previous[k].type == c.type, c.type == "COUP", !c.ownDate { return true }
        }
        guard previous[k].type == c.type else { return false }
        // Same type and the same specific date (any date for a coup).
        if let x = previous[k].date?.value, let y = c.date?.value, c.ownDate, previous[k].ownDate,
           x.count >= 7 && y.count >= 7 || c.type == "COUP" {
            return true
        }
        // The same named victim or target ("the Radisson Blu Hotel").
        if !probe.cTargets.isEmpty, previous[k].targets.contains(where: { $0.entity.map(probe.cTargets.contains) == true }) { return true }
        if probe.cTargetNames == nil { probe.cTargetNames = targetNames(c) }
        if !probe.cTargetNames!.isEmpty, !probe.cTargetNames!.isDisjoint(with: targetNames(of: previous[k].targets)) { return true }
        // The same town or village.
        if let x = previous[k].place, let y = c.place, x.id == y.id, previous[k].ownPlace, c.ownPlace,
           compatible(previous[k].date?.value ?? "", c.date?.value ?? ""), specificity(x) >= 4 { return true }
        // A coup: few in a country; the same one when the dates agree.
        if c.type == "COUP", let x = previous[k].date?.value, let y = c.date?.value, compatible(x, y) { return true }
        // A retelling close by without a date ("They encircled the town").
        // Not when dates or stated counts set them apart ("In March 2019, … killed more than 150 people. That
        // January, … killed 37").
        let datesClash = previous[k].date.flatMap { x in c.date.map { y in !compatible(x.value, y.value) } } ?? false
        let countsClash = [(previous[k].fatalities, c.fatalities), (previous[k].abducted, c.abducted)].contains { x, y in x != nil && y != nil && x != y }
        let namesClash = c.namedAgent != previous[k].namedAgent && !c.agents.isEmpty && !previous[k].agents.isEmpty
        // The same stated count tells the same incident, whatever date each telling gives ("reports in April
        // that more than 300 people were killed … launched the operation from March 23 … 300 were killed").
        let sameCount = [(previous[k].fatalities, c.fatalities), (previous[k].abducted, c.abducted)].contains { x, y in x != nil && x == y }
        if close, gap <= 2, sameCount || !datesClash && !countsClash, !namesClash, c.dateToken == nil || (previous[k].ownDate && c.ownDate) || !c.ownDate || !previous[k].ownDate { return true }
        // The same actor doing the same thing (facts told again: "France's withdrawal", "the military's coup").
        if agentsShared, ["WITHDRAWAL", "COUP"].contains(c.type) { return true }
        if agentsShared, c.type == "DEPLOYMENT", c.dateToken == nil || previous[k].dateToken == nil || c.date?.value == previous[k].date?.value {
            return true
        }
        if c.type == "COUP", c.dateToken == nil || previous[k].dateToken == nil, close || recent { return true }
        return false
    }

    /// The last words of the people an event's targets name ("Droukdel", "Moussa"), folded.
    func namedVictims(_ c: Candidate) -> Set<String> { namedVictims(of: c.targets) }

    /// `namedVictims(_:)` of an event's targets (what it reads of the event: no copy of an array element).
    func namedVictims(of targets: [EventTarget]) -> Set<String> {
        guard !v.caseless else { return [] }
        return Set(targets.compactMap { namedVictim($0) })
    }

    /// The folded last word of a target that names one person, kept per target for the document.
    func namedVictim(_ t: EventTarget) -> String? {
        guard t.kind == "people" else { return nil }
        let key = TargetKey(text: t.text, kind: t.kind, start: t.start, end: t.end)
        if let known = scratch.namedVictims[key] { return known }
        var found: String? = nil
        if t.kind == "people", let last = t.text.split(separator: " ").last, last.first?.isUppercase == true, isSingularPerson(t) {
            found = Folder.shared.fold(String(last))
        }
        scratch.namedVictims[key] = .some(found)
        return found
    }

    /// The capitalized words of an event's targets that are not common nouns ("Radisson", "Blu", "Terrasse"):
    /// names of places hit, comparable across tellings.
    func targetNames(_ c: Candidate) -> Set<String> { targetNames(of: c.targets) }

    func targetNames(of targets: [EventTarget]) -> Set<String> {
        guard !v.caseless else { return [] }
        var out = Set<String>()
        for t in targets where t.kind == "property" {
            guard let start = t.start, let end = t.end else { continue }
            var i = DocumentView.firstToken(atOrAfter: start, v.tokens)
            while i < v.tokens.count, v.tokens[i].start < end {
                let w = v.word(i)
                if v.isCapitalized(i), w.count > 2, r.targets[w] == nil, r.modifiers[w] == nil, !p.isDeterminer(i),
                   v.mentionType(at: i) != .place { out.insert(w) }
                i += 1
            }
        }
        return out
    }

    /// Content words between the determiner and a definite trigger noun ("the Radisson Blu attack").
    func anaphorModifiers(_ c: Candidate) -> [String] {
        guard c.anaphoric else { return [] }
        var out: [String] = []
        var i = c.tokens.lowerBound - 1
        while i >= 0, out.count < 4, !p.isDeterminer(i), !p.isPunct(i), !p.isPreposition(i) {
            if v.mentionType(at: i) != .date, v.word(i).count > 2, !v.word(i).hasSuffix("'s") { out.append(v.word(i)) }
            i -= 1
        }
        return out
    }

    /// Whether an event's targets or place use one of these words.
    func mentions(_ words: [String], in a: Candidate) -> Bool { mentions(words, targets: a.targets, place: a.place) }

    func mentions(_ words: [String], targets: [EventTarget], place: EventPlace?) -> Bool {
        var text = targets.map(\.text).joined(separator: " ")
        if let n = place?.name { text += " " + n }
        if let m = place?.mention, let mention = v.mention(id: m) { text += " " + mention.text }
        let have = Set(foldedWords(text))
        return words.contains { have.contains($0) }
    }

    // MARK: fallbacks

    /// A date or place not in the trigger's sentence: from the paragraph (the closest before), then the
    /// section heading, recorded in `fallback`.
    func fallbacks(_ list: inout [Candidate]) {
        // Candidates of one sentence share its fallbacks: each is looked up once per sentence.
        var dates: [Int: (EventDate, String)?] = [:], places: [Int: (EventPlace, String)?] = [:]
        func dateOnce(sentence s: Int) -> (EventDate, String)? {
            if let known = dates[s] { return known }
            let found = fallbackDate(sentence: s)
            dates[s] = .some(found)
            return found
        }
        var sectionPlaces: [Int: (EventPlace, String)?] = [:]
        func placeOnce(sentence s: Int) -> (EventPlace, String)? {
            if let known = places[s] { return known }
            var found = paragraphPlace(sentence: s)
            if found == nil, let sec = v.section(ofOffset: v.doc.sentences[s].start) {
                if let known = sectionPlaces[sec] { found = known } else {
                    found = sectionPlace(sec)
                    sectionPlaces[sec] = .some(found)
                }
            }
            places[s] = .some(found)
            return found
        }
        for k in list.indices {
            let c = list[k]
            let s = c.sentence
            let dateLevels = r.dateFallback[c.type] ?? ["paragraph", "section"]
            let placeLevels = r.placeFallback[c.type] ?? ["paragraph", "section"]
            if c.date == nil {
                if let (d, how) = dateOnce(sentence: s), dateLevels.contains(how) {
                    var date = d
                    date.fallback = how
                    list[k].date = date
                }
            }
            if c.place == nil {
                if let (pl, how) = placeOnce(sentence: s), placeLevels.contains(how) {
                    var place = pl
                    place.fallback = how
                    list[k].place = place
                } else if placeLevels.contains("document"), var place = documentCountry,
                          !c.agents.contains(where: { $0.entity != nil && $0.start.map { st in v.firstMention(where: { $0.start == st && $0.place?.id == place.id }) != nil } == true }) {
                    // Not when the country itself is the actor ("Mali withdrew from the G5 Sahel").
                    place.fallback = "document"
                    list[k].place = place
                }
            }
        }
    }

    /// The country the document is about: the country named most often (ties: the first named).
    static func documentCountry(of doc: Document) -> EventPlace? { documentCountry(mentions: doc.mentions) }

    static func documentCountry(mentions: [Mention]) -> EventPlace? {
        // Counted by mention index (the first of each country): no place copied per mention.
        var counts: [String: (n: Int, first: Int)] = [:]
        for mi in mentions.indices where mentions[mi].type == .place && mentions[mi].place?.isCountry == true {
            counts[mentions[mi].place!.id, default: (0, mi)].n += 1
        }
        guard let best = counts.values.max(by: { ($0.n, -mentions[$0.first].start) < ($1.n, -mentions[$1.first].start) }),
              let ref = mentions[best.first].place else { return nil }
        return EventPlace(mention: nil, id: ref.id, name: ref.name, lat: ref.lat, lon: ref.lon)
    }

    func fallbackDate(sentence s: Int) -> (EventDate, String)? {
        let para = v.paragraphSentences(of: s)
        var t = s - 1
        while t >= para.lowerBound {
            if let d = lastDate(in: v.sentenceTokens[t]) { return (d, "paragraph") }
            t -= 1
        }
        if let sec = v.section(ofOffset: v.doc.sentences[s].start) {
            let start = v.sections[sec].start
            let firstToken = DocumentView.firstToken(atOrAfter: start, v.tokens)
            var i = firstToken
            let headEnd = start + (v.sections[sec].heading?.unicodeScalars.count ?? 0)
            while i < v.tokens.count, v.tokens[i].start < headEnd {
                if let mi = v.mentionAt[i], let t = v.doc.mentions[mi].timex, v.doc.mentions[mi].type == .date, usable(t) {
                    let m = v.doc.mentions[mi]
                    return (EventDate(value: t.value, end: t.end, mod: t.mod, mention: m.id), "section")
                }
                i += 1
            }
        }
        return nil
    }

    func lastDate(in range: Range<Int>) -> EventDate? {
        for i in range.reversed() {
            if let mi = v.mentionAt[i], v.doc.mentions[mi].type == .date, let t = v.doc.mentions[mi].timex, usable(t) {
                return EventDate(value: t.value, end: t.end, mod: t.mod, mention: v.doc.mentions[mi].id)
            }
        }
        return nil
    }

    /// The most specific place after a locative in the closest earlier sentence of `s`'s paragraph that has one.
    func paragraphPlace(sentence s: Int) -> (EventPlace, String)? {
        let para = v.paragraphSentences(of: s)
        var t = s - 1
        let lowest = max(para.lowerBound, s - (r.fallbackWindow["place"] ?? s))
        while t >= lowest {
            let sent = v.sentenceTokens[t]
            // The most specific place of the closest sentence that has one ("in Moura (in Mopti region)" → Moura).
            var best: (spec: Int, m: Mention, ref: PlaceRef)? = nil
            for i in sent.reversed() {
                // Cheap tests first: most tokens are not a mention after a locative.
                if let mi = v.mentionAt[i], v.mentionTokens[mi].lowerBound == i, p.cue(.locative, at: i - 1) != nil,
                   v.doc.mentions[mi].place?.country != nil,
                   // Not a reference point ("a town roughly 260 miles northeast of Bamako").
                   !(["of", "from"].contains(v.word(i - 1)) && (max(sent.lowerBound, i - 4)..<(i - 1)).contains(where: { p.cue(.distance, at: $0) != nil })) {
                    let m = v.doc.mentions[mi]
                    let ref = m.place!
                    let spec = v.specificity(ofMention: mi)
                    if best == nil || spec > best!.spec { best = (spec, m, ref) }
                }
            }
            if let b = best {
                return (EventPlace(mention: b.m.id, id: b.ref.id, name: b.ref.name, lat: b.ref.lat, lon: b.ref.lon), "paragraph")
            }
            t -= 1
        }
        return nil
    }

    /// The first place named in the heading of section `sec`.
    func sectionPlace(_ sec: Int) -> (EventPlace, String)? {
        if let h = v.sections[sec].heading {
            let start = v.sections[sec].start, end = start + h.unicodeScalars.count
            // Fields read in place: a scan of every mention, without copying each.
            let mentions = v.doc.mentions
            if let mi = mentions.indices.first(where: { mentions[$0].type == .place && mentions[$0].start >= start && mentions[$0].end <= end }),
               case let m = mentions[mi], let ref = m.place {
                return (EventPlace(mention: m.id, id: ref.id, name: ref.name, lat: ref.lat, lon: ref.lon), "section")
            }
        }
        return nil
    }

    // MARK: the record

    func record(_ c: Candidate, id: String) -> Event {
        var e = Event(id: id, type: c.type, trigger: v.span(c.tokens), sentence: c.sentence)
        e.date = c.date
        e.place = c.place
        e.actors = c.agents
        e.targets = c.targets
        e.weapons = c.weapons
        e.fatalities = c.fatalities
        e.injured = c.injured
        e.abducted = c.abducted
        e.countMod = c.countMod
        e.modality = c.modality
        if let m = r.acled.first(where: { $0.type == c.type && holds($0.condition, c) }) {
            e.acled = Acled(eventType: m.a, subEventType: m.b, interaction: interaction(c))
        }
        if let g = r.gtd.first(where: { $0.type == c.type && holds($0.condition, c) }), let n = Int(g.a) {
            e.gtd = GTDAttack(id: n, name: g.b)
        }
        var also = c.also.filter { $0.start != e.trigger.start }
        also.sort { $0.start < $1.start }
        e.also = also.isEmpty ? nil : also
        return e
    }

    /// ACLED interaction code: the actor type codes of the perpetrator and of the target, lower first ("27").
    func interaction(_ c: Candidate) -> String? {
        func code(_ a: EventActor) -> Int? {
            if let e = a.entity {
                let canonical = v.doc.entities.first(where: { $0.id == e })?.canonical ?? e
                if let t = organizationType(canonical), let n = r.actorTypes[t] { return n }
                if canonical.hasPrefix("place:") || canonical.hasPrefix("geonames:") { return 1 }
            }
            let words = foldedWords(a.name)
            for n in stride(from: min(2, words.count), through: 1, by: -1) {
                if let x = r.agents[words.suffix(n).joined(separator: " ")] { return x }
            }
            return nil
        }
        let first = c.agents.compactMap(code).first
        let second = c.targets.compactMap { t in t.category.flatMap { r.actorTypes["target:" + $0] } }.first
        switch (first, second) {
        case let (x?, y?): return "\(min(x, y))\(max(x, y))"
        case let (x?, nil): return "\(x)0"
        case let (nil, y?): return "0\(y)"
        default: return nil
        }
    }
}
