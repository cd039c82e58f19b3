import Foundation
import RexModel
import RexText

/// Finds temporal expressions and normalizes them to TIMEX3 values: the DATE mentions of a document.
///
/// Four passes over the tokens, all driven by the rule files in `rules/dates/`:
/// 1. patterns, left to right, longest match first (a `NONE` rule such as "UNSCR 2396" wins a tie and
///    blocks what it covers);
/// 2. ranges: two dates joined by a connector ("between July and September 2022", "January/February 2015");
/// 3. prefix modifiers: "late March", "mid-2020", "more than nine years", "before September 2013";
/// 4. normalization in document order, anchoring what the text leaves open (a missing year, "that month",
///    "last week", "Friday") to the section heading's date, the narrative reference time or the dct, with
///    the tense of the clause choosing the direction. Each value records the anchor it used.
///
/// Mentions get ids "D1", "D2", … and are inserted among the document's mentions in order of start.
///
/// - Complexity: linear in the number of tokens; at each token only the rules that can start with it are
///   tried (an index on first words and token classes).
public struct DateRecognizer: Stage {
    public let name = "dates"
    public let requires: Set<Layer> = [.tokens, .sentences, .sections]
    public let adds: Set<Layer> = [.dates]

    public let rules: DateRules

    /// Loads the rules from the data folder (`Gazetteers/`).
    public init(data: URL) throws { rules = try DateRules(data: data) }

    public init(rules: DateRules) { self.rules = rules }

    public func process(_ document: inout Document) throws {
        let dates = recognize(document)
        var others = document.mentions.filter { !($0.type == .date && $0.id.hasPrefix("D")) }
        // Merge by start, keeping the order of equal starts stable.
        var merged: [Mention] = []
        merged.reserveCapacity(others.count + dates.count)
        var j = 0
        others.sort { $0.start < $1.start }
        for m in others {
            while j < dates.count, dates[j].start <= m.start { merged.append(dates[j]); j += 1 }
            merged.append(m)
        }
        merged.append(contentsOf: dates[j...])
        document.mentions = merged
    }

    /// The DATE mentions of a document (which must have tokens, sentences and sections), in text order.
    public func recognize(_ document: Document) -> [Mention] {
        let text = MatchText(tokens: document.tokens, scalars: document.scalarText, vocabulary: rules.vocabulary,
                             filter: rules.wordFilter)
        var candidates = findPatterns(text)
        candidates = joinRanges(candidates, text)
        applyModifiers(&candidates, text)
        return normalize(candidates, text, document)
    }

    // MARK: 1. patterns

    struct Candidate {
        var rule: Int
        var start: Int
        var end: Int
        var captures: [String: String]
        /// The second date of a range.
        var endPart: (rule: Int, captures: [String: String])?
        /// A mod set by a prefix modifier.
        var mod: String?
    }

    func findPatterns(_ text: MatchText) -> [Candidate] {
        let n = text.tokens.count
        // Local copies: one retain each instead of one per access through the shared rules object.
        let ruleList = rules.rules, sequence = rules.patternSequence, isTrigger = rules.isTrigger
        let byWord = rules.byWord, byTokenClass = rules.byTokenClass, anyStart = rules.anyStart
        let byWordOrAny = rules.byWordOrAny
        let isTimex = rules.isTimex
        let hasClassStarts = byTokenClass.contains { !$0.isEmpty }
        var matcher = PatternMatcher(text: text, program: rules.program, classes: rules.tokenClasses, lexicon: rules.lexicon)
        // Distance from each token to the next one that can be part of a date (a number, a word of the word
        // lists or of the patterns): most tokens are far from any and are skipped at once.
        var nextTrigger = [Int](repeating: Int.max / 2, count: n + 1)
        for k in stride(from: n - 1, through: 0, by: -1) {
            let id = text.ids[k]
            let trigger = id >= 0 && isTrigger[Int(id)] || text.tokens[k].kind != .punctuation && text.hasDigit[k]
            nextTrigger[k] = trigger ? 0 : nextTrigger[k + 1] + 1
        }
        // What each token offers the rules' requirements: the word-list classes that may start there, the word
        // lists that hold it.
        let requirements = rules.requirements, wordSetBits = rules.wordSetBits, window = DateRules.requirementWindow
        var classBits = [UInt64](repeating: 0, count: n), setBits = [UInt64](repeating: 0, count: n)
        for k in 0..<n {
            let id = text.ids[k]
            guard id >= 0 else { continue }
            classBits[k] = rules.lexicon.classes(startingWith: id)
            setBits[k] = wordSetBits[Int(id)]
        }
        var out: [Candidate] = []
        var i = 0
        var tried: [Int] = []
        var states: [PatternMatcher.State] = []
        while i < n {
            if nextTrigger[i] > DateRules.triggerReach { i += 1; continue }
            let id = text.ids[i]
            var mask: UInt64 = 0
            if hasClassStarts, text.tokens[i].kind != .punctuation { mask = matcher.cache.mask(i, text, rules.tokenClasses) }
            if mask == 0 {
                // The usual case: the word's rules and those that start anywhere, merged at load time.
                tried = id >= 0 ? byWordOrAny[Int(id)] : anyStart
            } else {
                tried.removeAll(keepingCapacity: true)
                if id >= 0 { tried.append(contentsOf: byWord[Int(id)]) }
                while mask != 0 {
                    let c = mask.trailingZeroBitCount
                    mask &= mask - 1
                    tried.append(contentsOf: byTokenClass[c])
                }
                tried.append(contentsOf: anyStart)
                if tried.count > 1 { tried.sort() }
            }
            if tried.isEmpty { i += 1; continue }
            // What the tokens within the window offer.
            var haveClasses: UInt64 = 0, haveSets: UInt64 = 0, haveTokenClasses: UInt64 = 0
            for k in i..<min(n, i + window) {
                haveClasses |= classBits[k]
                haveSets |= setBits[k]
                haveTokenClasses |= matcher.cache.mask(k, text, rules.tokenClasses)
            }
            // The best match so far, with its captures when the plausibility test made them.
            var best: (end: Int, len: Int, rule: Int, state: PatternMatcher.State, captures: [String: String]?)? = nil
            var previous = -1
            matcher.clearCaptures()
            for r in tried where r != previous {
                previous = r
                let q = requirements[r]
                if q.reach <= window,
                   q.classes & ~haveClasses | q.wordSets & ~haveSets | q.tokenClasses & ~haveTokenClasses != 0 { continue }
                if !states.isEmpty { states.removeAll(keepingCapacity: true) }
                matcher.matches(sequence[r], at: i, into: &states)
                for st in states {
                    let end: Int = st.spanEnd, len: Int = end - st.spanStart
                    if let b = best, end < b.end || end == b.end && (len < b.len || len == b.len && r >= b.rule) { continue }
                    var captures: [String: String]? = nil
                    if isTimex[r] {
                        captures = matcher.captures(of: st)
                        if !plausible(ruleList[r], captures!) { continue }
                    }
                    best = (end, len, r, st, captures)
                }
            }
            guard let b = best else { i += 1; continue }
            if isTimex[b.rule] {
                out.append(Candidate(rule: b.rule, start: b.state.spanStart, end: b.end,
                                     captures: b.captures ?? matcher.captures(of: b.state)))
            }
            i = max(i + 1, b.end)
        }
        return out
    }

    /// Rejects values that cannot be dates ("13/29/2023" read month first).
    func plausible(_ rule: DateRules.Rule, _ captures: [String: String]) -> Bool {
        var env = Resolution(anchors: Anchors(), units: rules.units, direction: nil, policy: "ctx")
        for spec in [rule.value, rule.end].compactMap({ $0 }) {
            do {
                let v = try spec.evaluate(captures, &env)
                if !Self.wellFormed(v) { return false }
            } catch ValueSpec.EvalError.noAnchor {
                continue
            } catch {
                return false
            }
        }
        return true
    }

    /// A value shaped like a calendar date must be one (month 1–12, a day the month has).
    static func wellFormed(_ v: String) -> Bool {
        let u = v.utf8
        guard u.count >= 7, u[u.index(u.startIndex, offsetBy: 4)] == UInt8(ascii: "-") else { return true }
        if let ascii = u.withContiguousStorageIfAvailable({ asciiWellFormed($0) }), let result = ascii { return result }
        let head = v.hasPrefix("XXXX") ? "2000" + v.dropFirst(4) : v
        guard head.prefix(4).allSatisfy(\.isASCIIDigitChar) else { return true }
        let body = head.split(separator: "T", maxSplits: 1).first.map(String.init) ?? head
        let parts = body.split(separator: "-")
        if parts.count >= 2, parts[1].allSatisfy(\.isASCIIDigitChar) { return TimePoint(body) != nil }
        return true
    }

    /// `wellFormed` of an ASCII value of 7 bytes or more with "-" after 4, from its bytes (nil: not ASCII).
    private static func asciiWellFormed(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard b.allSatisfy({ $0 < 0x80 }) else { return nil }
        func digit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        let unknownYear = b[0] == 0x58 && b[1] == 0x58 && b[2] == 0x58 && b[3] == 0x58  // "XXXX"
        if !unknownYear && !(digit(b[0]) && digit(b[1]) && digit(b[2]) && digit(b[3])) { return true }
        // The date before a "T"; its second part between hyphens (empty parts do not count).
        let bodyEnd = b.firstIndex(of: UInt8(ascii: "T")) ?? b.count
        var a = 5
        while a < bodyEnd && b[a] == UInt8(ascii: "-") { a += 1 }
        guard a < bodyEnd else { return true }
        var e = a
        while e < bodyEnd && b[e] != UInt8(ascii: "-") {
            if !digit(b[e]) { return true }
            e += 1
        }
        let body = unknownYear ? "2000" + String(decoding: UnsafeBufferPointer(rebasing: b[4..<bodyEnd]), as: UTF8.self)
            : String(decoding: UnsafeBufferPointer(rebasing: b[0..<bodyEnd]), as: UTF8.self)
        return TimePoint(body) != nil
    }

    // MARK: 2. ranges

    func joinRanges(_ cands: [Candidate], _ text: MatchText) -> [Candidate] {
        var out: [Candidate] = []
        var k = 0
        while k < cands.count {
            var c = cands[k]
            if k + 1 < cands.count, isPoint(c), c.endPart == nil, rules.rules[c.rule].end == nil {
                let d = cands[k + 1]
                if isPoint(d), d.endPart == nil, rules.rules[d.rule].end == nil, d.start == c.end + 1,
                   !text.breakBefore[c.end], !text.breakBefore[d.start] {
                    let connector = text.tokens[c.end].folded
                    for r in rules.ranges where r.connectors.contains(connector) {
                        if r.glued && !(text.glued(c.end) && text.glued(d.start)) { continue }
                        if let before = r.before {
                            guard c.start > 0, before.contains(text.tokens[c.start - 1].folded),
                                  !text.breakBefore[c.start] else { continue }
                        }
                        c.endPart = (d.rule, d.captures)
                        c.end = d.end
                        k += 1
                        break
                    }
                }
            }
            out.append(c)
            k += 1
        }
        return out
    }

    func isPoint(_ c: Candidate) -> Bool {
        let t = rules.rules[c.rule].type
        return t == "DATE" || t == "TIME"
    }

    // MARK: 3. prefix modifiers

    func applyModifiers(_ cands: inout [Candidate], _ text: MatchText) {
        let modifiers = rules.modifiers, modifierIds = rules.modifierIds
        for k in cands.indices {
            let c = cands[k]
            let floor = k > 0 ? cands[k - 1].end : 0
            let type = rules.rules[c.rule].type
            let point = type == "DATE" || type == "TIME", duration = type == "DURATION"
            guard point || duration else { continue }
            // Whether the expression starts with a determiner, looked up once (for the modifiers of bare expressions).
            var startsWithDeterminer: Bool? = nil
            for mi in modifiers.indices {
                let ids = modifierIds[mi]
                let len = ids.count
                let a = c.start - len
                guard a >= floor else { continue }
                guard point && modifiers[mi].appliesToPoints || duration && modifiers[mi].appliesToDurations else { continue }
                if modifiers[mi].bareOnly {
                    if startsWithDeterminer == nil { startsWithDeterminer = rules.determiners.contains(text.tokens[c.start].folded) }
                    if startsWithDeterminer! { continue }
                }
                if modifiers[mi].gluedToExpression && !text.glued(c.start) { continue }
                if text.breakBefore[c.start] { continue }
                var ok = true
                for p in 0..<len {
                    let t = a + p
                    if text.ids[t] != ids[p] || p > 0 && (text.breakBefore[t] || modifiers[mi].glued[p - 1] && !text.glued(t)) {
                        ok = false; break
                    }
                }
                guard ok else { continue }
                if modifiers[mi].inside { cands[k].start = a }
                if let mod = modifiers[mi].mod, rules.rules[c.rule].mod == nil { cands[k].mod = mod }
                break
            }
        }
    }

    // MARK: 4. normalization and anchoring

    func normalize(_ cands: [Candidate], _ text: MatchText, _ doc: Document) -> [Mention] {
        var dct = doc.dct.flatMap { TimePoint($0) }
        dct?.time = nil
        let sections = doc.sections.sorted { $0.start < $1.start }
        let sectionSpans = sections.map { ($0.start, $0.end) }
        let paragraphSpans = doc.paragraphs.map { ($0.start, $0.end) }
        let sentenceSpans = doc.sentences.map { ($0.start, $0.end) }
        var mentions: [Mention] = []
        var narrative: TimePoint? = nil
        var narrativePara = -1, narrativeSection = -1
        var currentSection = -1
        var sectionDate: TimePoint? = nil
        let documentYear = dct == nil ? latestStatedYear(cands) : nil

        for c in cands {
            let rule = rules.rules[c.rule]
            let startOff = text.tokens[c.start].start, endOff = text.tokens[c.end - 1].end
            let sec = Self.index(of: startOff, in: sectionSpans)
            let para = Self.index(of: startOff, in: paragraphSpans)
            if sec != currentSection { currentSection = sec; sectionDate = nil }
            var inHeading = false
            if sec >= 0, let h = sections[sec].heading {
                inHeading = startOff < sections[sec].start + h.unicodeScalars.count
            }
            var anchors = Anchors(dct: dct, section: sectionDate, narrative: narrative,
                                  narrativeInParagraph: narrative != nil && para >= 0 && para == narrativePara,
                                  narrativeInSection: narrative != nil && sec >= 0 && sec == narrativeSection,
                                  tense: tense(c, text, sentenceSpans), documentYear: documentYear)
            if inHeading { anchors.section = nil }
            var env = Resolution(anchors: anchors, units: rules.units, direction: rule.direction, policy: rule.anchor)
            guard var timex = evaluate(c, rule, &env) else { continue }
            if env.degraded, let g = rule.generic { timex.value = g; timex.anchor = nil }
            let confidence = (rule.confidence * env.certainty * 100).rounded() / 100
            mentions.append(Mention(id: "D\(mentions.count + 1)", start: startOff, end: endOff,
                                    text: text.scalars.slice(startOff, endOff), type: .date, timex: timex,
                                    confidence: confidence))
            // What this expression resolved to anchors the next ones.
            let si = Self.index(of: startOff, in: sentenceSpans)
            let leading = leadsClause(c, text, sentenceStart: si >= 0 ? sentenceSpans[si].0 : 0)
            if rule.movesNarrative, timex.type == "DATE" || timex.type == "TIME", var p = TimePoint(timex.value), p.granularity >= .year,
               !attributive(c, text),
               leading || !(para == narrativePara && Self.isBackground(p, comparedTo: narrative)) {
                p.time = nil
                narrative = p; narrativePara = para; narrativeSection = sec
                if inHeading && sectionDate == nil { sectionDate = p }
            }
        }
        return mentions
    }

    /// The date leads its sentence or clause, where the story's time is set: "In 2011, …" (at most one word
    /// before it), "According to the document, in 2011, the Emir …" (between commas).
    func leadsClause(_ c: Candidate, _ text: MatchText, sentenceStart: Int) -> Bool {
        if c.start < 2 || text.tokens[c.start - 2].start <= sentenceStart { return true }
        guard c.end < text.tokens.count, text.tokens[c.end].folded == "," else { return false }
        return [",", ";"].contains(text.tokens[c.start - 2].folded) || text.tokens[c.start - 1].folded == ","
    }

    /// A date used as a modifier of a definite noun phrase ("the 2020 military coup", "Mali's 2013
    /// intervention") names a known thing, not the story's time. After an article it introduces something
    /// new ("An April 2022 report accused … in late March") and does move the story.
    func attributive(_ c: Candidate, _ text: MatchText) -> Bool {
        guard c.start > 0, !text.breakBefore[c.start] else { return false }
        return rules.determiners.contains(text.tokens[c.start - 1].folded)
    }

    /// A date less precise than the narrative time and before it, in the same paragraph and not leading its
    /// sentence, is background ("a contract signed in July 2019" in a paragraph about July 10, 2022): the
    /// story's time stays. A leading date ("In 2011, …") moves it.
    static func isBackground(_ p: TimePoint, comparedTo narrative: TimePoint?) -> Bool {
        guard let n = narrative, n.granularity == .day, p.granularity < .day, p.granularity >= .year else { return false }
        let pEnd = p.shifted(by: 1, p.granularity)?.startDays ?? p.startDays
        return pEnd <= n.startDays
    }

    /// The latest year among the dates the text gives in full: a document without a dct was written then or
    /// later, and this is the last resort for anchoring ("On August 18" in a report whose latest year is 2020).
    func latestStatedYear(_ cands: [Candidate]) -> TimePoint? {
        var env = Resolution(anchors: Anchors(), units: rules.units, direction: nil, policy: "ctx")
        var latest: Int? = nil
        for c in cands where rules.rules[c.rule].type == "DATE" {
            guard let spec = rules.rules[c.rule].value, let v = try? spec.evaluate(c.captures, &env),
                  let p = TimePoint(v), p.granularity >= .year else { continue }
            latest = max(latest ?? p.year, p.year)
        }
        return latest.map { TimePoint(year: $0) }
    }

    /// The value, mod and end of a candidate, anchored; nil when it cannot be evaluated.
    func evaluate(_ c: Candidate, _ rule: DateRules.Rule, _ env: inout Resolution) -> Timex? {
        guard let spec = rule.value else { return nil }
        var value: String
        do { value = try spec.evaluate(c.captures, &env) } catch { value = "XXXX" }
        var end: String? = nil
        if let (r, caps) = c.endPart, let s = rules.rules[r].value {
            end = try? s.evaluate(caps, &env)
        } else if let s = rule.end {
            end = try? s.evaluate(c.captures, &env)
        }
        let weekday = c.captures["weekday"].flatMap { Int($0) }
        // A range's open year comes from its other end ("between July and September 2022").
        if var e = end {
            if value.hasPrefix("XXXX"), !e.hasPrefix("XXXX"), let ep = TimePoint(e), let sp = TimePoint(String(ep.value.prefix(4)) + value.dropFirst(4)) {
                value = sp.value
                if sp.startDays > ep.startDays, let earlier = TimePoint(TimePoint.pad(ep.year - 1, 4) + value.dropFirst(4)) {
                    value = earlier.value
                }
            } else {
                value = env.resolveYearless(value, weekday: weekday)
            }
            if e.hasPrefix("XXXX"), let sp = TimePoint(value) {
                e = TimePoint.pad(sp.year, 4) + e.dropFirst(4)
                if let ep = TimePoint(e), ep.startDays < sp.startDays { e = TimePoint.pad(sp.year + 1, 4) + e.dropFirst(4) }
            }
            end = e
        } else {
            value = env.resolveYearless(value, weekday: weekday)
        }
        var mod = c.mod
        if let m = rule.mod, let v = try? m.evaluate(c.captures, &env), !v.isEmpty, v != "-" { mod = v }
        return Timex(type: rule.type, value: value, mod: mod, end: end, anchor: env.anchorUsed)
    }

    /// The tense of the clause: the nearest cue word before the expression in its sentence (up to 10 words),
    /// else the nearest after it (up to 6). A word ending in "-ed" right after an auxiliary ("can be
    /// exercised", "will be completed") is a participle, not a past tense.
    func tense(_ c: Candidate, _ text: MatchText, _ sentences: [(Int, Int)]) -> Tense {
        let s = Self.index(of: text.tokens[c.start].start, in: sentences)
        let lo = s >= 0 ? sentences[s].0 : 0
        let hi = s >= 0 ? sentences[s].1 : Int.max
        let tenseOf = rules.tenseOf, isAuxiliary = rules.isAuxiliary, suffixes = rules.tenseSuffixes
        func cue(_ k: Int) -> Tense? {
            guard k >= 0, k < text.tokens.count else { return nil }
            guard text.tokens[k].start >= lo, text.tokens[k].end <= hi, text.tokens[k].kind == .word else { return nil }
            let id = text.ids[k]
            if id >= 0, let tense = tenseOf[Int(id)] { return tense }
            let f = text.tokens[k].folded
            if f.utf8.count > 4, f.count > 4, let (_, tense) = suffixes.first(where: { f.hasSuffix($0.0) }) {
                if k > 0, text.ids[k - 1] >= 0, isAuxiliary[Int(text.ids[k - 1])] { return nil }
                return tense
            }
            return nil
        }
        for d in 1...10 { if let t = cue(c.start - d) { return t } }
        for d in 1...6 { if let t = cue(c.end - 1 + d) { return t } }
        return rules.defaultTense
    }

    /// The index of the span containing `offset` (spans sorted by start), or -1.
    static func index(of offset: Int, in spans: [(Int, Int)]) -> Int {
        var lo = 0, hi = spans.count - 1, found = -1
        while lo <= hi {
            let mid = (lo + hi) / 2
            if spans[mid].0 <= offset { found = mid; lo = mid + 1 } else { hi = mid - 1 }
        }
        return found >= 0 && offset < spans[found].1 ? found : -1
    }
}
