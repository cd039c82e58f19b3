/// The times an underspecified expression can be anchored to at one point of a document.
struct Anchors {
    /// The document creation time (possibly partial: "2023-12", "2019").
    var dct: TimePoint?
    /// The date the current section's heading gives ("2020 Terrorist Incidents", "April 14, 2023").
    var section: TimePoint?
    /// The narrative reference time: the last fully resolved date before the expression.
    var narrative: TimePoint?
    /// The narrative reference time was set in the same paragraph / the same section.
    var narrativeInParagraph = false
    var narrativeInSection = false
    var tense: Tense = .past
    /// Without a dct: the latest year the document states in full, the last resort for anything open.
    var documentYear: TimePoint?
}

/// Evaluates the functions of value specs against the anchors, and resolves year-less values; records which
/// anchor it used and how sure that is.
struct Resolution {
    let anchors: Anchors
    let units: [String: DateRules.Unit]
    /// Direction forced by the rule (else the tense decides).
    let forced: Direction?
    /// Which anchor a year-less value and `rel(ctx, …)` take.
    let policy: String

    private(set) var anchorUsed: String?
    private(set) var certainty = 1.0
    /// An anchor was too coarse for the unit asked (the value is coarser than the expression).
    private(set) var degraded = false

    init(anchors: Anchors, units: [String: DateRules.Unit], direction: Direction?, policy: String) {
        self.anchors = anchors; self.units = units; self.forced = direction; self.policy = policy
    }

    var direction: Direction { forced ?? anchors.tense.direction }

    private mutating func use(_ kind: String, _ sureness: Double) {
        if anchorUsed == nil { anchorUsed = kind }
        certainty = min(certainty, sureness)
    }

    // MARK: anchors

    /// The time of writing: a dated entry's heading ("April 14, 2023:"), else the dct, else the narrative.
    mutating func deictic() -> TimePoint? {
        if let s = anchors.section, s.granularity == .day { use("section", 0.9); return s }
        if let d = anchors.dct { use("dct", 0.9); return d }
        if let n = anchors.narrative { use("narrative", 0.6); return n }
        if let s = anchors.section { use("section", 0.6); return s }
        if let y = anchors.documentYear { use("narrative", 0.4); return y }
        return nil
    }

    /// The narrative reference time, for anaphoric expressions ("the following year", "that month").
    mutating func reference() -> TimePoint? {
        if let n = anchors.narrative { use("narrative", anchors.narrativeInSection ? 0.85 : 0.7); return n }
        if let s = anchors.section { use("section", 0.75); return s }
        if let d = anchors.dct { use("dct", 0.5); return d }
        if let y = anchors.documentYear { use("narrative", 0.4); return y }
        return nil
    }

    /// The nearest anchor for an expression without a year: a date in the same paragraph, the section
    /// heading's year, a date earlier in the section, the dct, any earlier date; without a dct, the latest
    /// year the document states.
    ///
    /// A narrative time known only to the year ("in 1990, …") does not override a dct known to the day:
    /// in news, "on Nov. 25" after "in 1990" is still the Nov. 25 before the article.
    mutating func context() -> (TimePoint, String)? {
        var narrativeFits = anchors.narrative.map { $0.granularity >= .month || (anchors.dct?.granularity ?? .year) < .day } ?? false
        // With a dct known to the day (news), a narrative time within ten months of it is the time of
        // writing itself ("said Thursday", "payable Jan. 2"): the dct and the tense decide. The narrative
        // anchors only a story told at a distance ("In October 1998, … on Oct. 23").
        if let n = anchors.narrative, let d = anchors.dct, d.granularity == .day, n.granularity >= .month,
           abs(n.startDays - d.startDays) <= Self.tenseReach {
            narrativeFits = false
        }
        if anchors.narrativeInParagraph, narrativeFits, let n = anchors.narrative { use("narrative", 0.9); return (n, "narrative") }
        if let s = anchors.section { use("section", 0.9); return (s, "section") }
        if anchors.narrativeInSection, narrativeFits, let n = anchors.narrative { use("narrative", 0.8); return (n, "narrative") }
        if let d = anchors.dct { use("dct", 0.75); return (d, "dct") }
        if let n = anchors.narrative { use("narrative", 0.6); return (n, "narrative") }
        if let y = anchors.documentYear { use("narrative", 0.4); return (y, "narrative") }
        return nil
    }

    mutating func anchor(named name: String) -> (TimePoint, String)? {
        switch name {
        case "dct": return deictic().map { ($0, "dct") }
        case "ref": return reference().map { ($0, "narrative") }
        default: return context()
        }
    }

    // MARK: functions

    mutating func call(_ name: String, _ args: [String]) throws -> String {
        func arg(_ i: Int) throws -> String {
            guard i < args.count else { throw ValueSpec.EvalError.badArgument("\(name) needs \(i + 1) argument(s)") }
            return args[i]
        }
        switch name {
        case "dur": return try duration(try arg(0), try arg(1))
        case "rel": return try relative(try arg(0), try arg(1), try arg(2))
        case "wd":
            guard let n = Int(try arg(0)), (1...7).contains(n) else { throw ValueSpec.EvalError.badArgument("wd(\(args))") }
            return weekday(n)
        case "week":
            guard let d = TimePoint(try arg(0)), d.granularity == .day else { return try arg(0) }
            return d.truncated(to: .week).value
        case "nthwd":
            let f = try arg(0).split(separator: ".").compactMap { Int($0) }
            guard f.count == 3, (1...12).contains(f[0]), (1...7).contains(f[2]), f[1] != 0 else {
                throw ValueSpec.EvalError.badArgument("nthwd(\(args)): expected month.n.weekday")
            }
            return movableFeast(month: f[0], n: f[1], weekday: f[2])
        case "decade": return decade(try arg(0))
        case "yy":
            guard let n = Int(try arg(0)) else { throw ValueSpec.EvalError.badArgument("yy(\(args))") }
            return TimePoint.pad(twoDigitYear(n), 4)
        case "endyear":
            guard let y = Int(try arg(0)), let e = Int(try arg(1)) else { throw ValueSpec.EvalError.badArgument("endyear(\(args))") }
            // The end must come after the start ("2021-25"); "2023-11" is a month, not a range.
            let full = e >= 100 ? e : y / 100 * 100 + e
            guard full > y, full - y < 100 else { throw ValueSpec.EvalError.badArgument("endyear(\(y), \(e))") }
            return TimePoint.pad(full, 4)
        case "h24":
            guard var h = Int(try arg(0)), (0...24).contains(h) else { throw ValueSpec.EvalError.badArgument("h24(\(args))") }
            let ampm = args.count > 1 ? args[1].lowercased() : ""
            if ampm.hasPrefix("p"), h < 12 { h += 12 }
            if ampm.hasPrefix("a"), h == 12 { h = 0 }
            return TimePoint.pad(h, 2)
        case "pad":
            guard let n = Int(try arg(0)) else { throw ValueSpec.EvalError.badArgument("pad(\(args))") }
            return TimePoint.pad(n, 2)
        default:
            throw ValueSpec.EvalError.badArgument("unknown function \(name)")
        }
    }

    func duration(_ n: String, _ unit: String) throws -> String {
        guard let u = units[unit] else { throw ValueSpec.EvalError.badArgument("unknown unit '\(unit)'") }
        let amount: String
        if n == "X" || n.isEmpty {
            amount = "X"
        } else {
            guard let v = Double(n) else { throw ValueSpec.EvalError.badArgument("dur(\(n), \(unit))") }
            let total = v * u.multiplier
            if total != total.rounded(), let (next, factor, nextIsTime) = Self.smaller[(u.isTime ? "T" : "") + u.designator] {
                // A fraction goes to the next smaller unit: 2.5 years is P2Y6M, 5.5 hours PT5H30M.
                let whole = Int(total), rest = Int(((total - Double(whole)) * factor).rounded())
                var out = "P" + (u.isTime ? "T" : "")
                if whole > 0 { out += "\(whole)\(u.designator)" }
                if nextIsTime && !u.isTime { out += "T" }
                return out + "\(rest)\(next)"
            }
            amount = total == total.rounded() ? String(Int(total)) : String(total)
        }
        return "P" + (u.isTime ? "T" : "") + amount + u.designator
    }

    /// The next smaller duration unit and how many of it make one: for writing fractions.
    static let smaller: [String: (String, Double, Bool)] = [
        "Y": ("M", 12, false), "M": ("D", 30, false), "W": ("D", 7, false), "D": ("H", 24, true),
        "TH": ("M", 60, true), "TM": ("S", 60, true),
    ]

    mutating func relative(_ anchorName: String, _ nText: String, _ unit: String) throws -> String {
        guard let (a, kind) = anchor(named: anchorName) else { throw ValueSpec.EvalError.noAnchor }
        let n = Int(nText.replacingOccurrences(of: "+", with: "")) ?? 0
        if unit == "=" { return a.value }
        if unit == "=Y" {
            // n years from a period the narrative named, at its granularity ("a year earlier" than 1989-Q3:
            // 1988-Q3); from a day or the time of writing, the year.
            var p = kind == "narrative" && a.granularity < .week ? a : a.truncated(to: .year)
            p.year += n * (a.granularity == .decade ? 10 : a.granularity == .century ? 100 : 1)
            if p.granularity == .day { p.day = min(p.day, TimePoint.daysIn(year: p.year, month: p.month)) }
            return p.value
        }
        guard let u = units[unit], let g = u.granularity else { throw ValueSpec.EvalError.badArgument("unit '\(unit)' has no granularity") }
        let steps = n * Int(u.multiplier)
        if let p = a.shifted(by: steps, g) { return p.value }
        // The anchor is coarser than the unit: keep what it knows.
        degraded = true
        certainty = min(certainty, 0.5)
        if g > a.granularity, let coarse = a.shifted(by: 0, a.granularity) {
            // Shifting days or weeks within an anchor known only to the month or year does not move it.
            return coarse.value
        }
        return a.value
    }

    /// The day of ISO weekday `n` nearest the time of writing in the tense's direction.
    mutating func weekday(_ n: Int) -> String {
        var base: TimePoint? = nil
        if let s = anchors.section, s.granularity == .day { use("section", 0.85); base = s }
        else if let d = anchors.dct, d.granularity == .day { use("dct", 0.85); base = d }
        else if let r = anchors.narrative, r.granularity == .day { use("narrative", 0.6); base = r }
        guard let day = base else { return "XXXX-WXX-\(n)" }
        let w = day.weekday
        let back = (w - n + 7) % 7, forward = (n - w + 7) % 7
        let offset: Int
        switch direction {
        case .past: offset = -back
        case .before: offset = back == 0 ? -7 : -back
        case .future, .after: offset = forward == 0 ? 7 : forward
        case .nearest, .same: offset = back <= forward ? -back : forward
        }
        return day.shifted(by: offset, .day)!.value
    }

    /// The n-th (or, for n < 0, the last) given weekday of a month, in the year the tense points to from
    /// the time of writing ("Thanksgiving" said in January 2000 is 1999-11-25).
    mutating func movableFeast(month: Int, n: Int, weekday: Int) -> String {
        guard let a = deictic() else { return "XXXX-\(TimePoint.pad(month, 2))" }
        func day(_ y: Int) -> TimePoint {
            if n > 0 {
                let first = TimePoint.days(year: y, month: month, day: 1)
                let offset = (weekday - TimePoint.weekday(days: first) + 7) % 7
                return TimePoint.fromDays(first + offset + 7 * (n - 1))
            }
            let last = TimePoint.days(year: y, month: month, day: TimePoint.daysIn(year: y, month: month))
            let back = (TimePoint.weekday(days: last) - weekday + 7) % 7
            return TimePoint.fromDays(last - back + 7 * (n + 1))
        }
        let days = [a.year - 1, a.year, a.year + 1].map(day)
        let now = a.startDays
        let chosen: TimePoint
        switch direction {
        case .past, .before: chosen = days.last { $0.startDays <= now } ?? days[1]
        case .future, .after: chosen = days.first { $0.startDays >= now } ?? days[1]
        case .nearest, .same: chosen = days.min { abs($0.startDays - now) < abs($1.startDays - now) }!
        }
        return chosen.value
    }

    func decade(_ d: String) -> String {
        if d.count >= 3 { return String(d.prefix(3)) }
        guard let k = Int(d) else { return d }
        let ref = anchors.dct?.year ?? 2000
        // The latest decade ending in k that started before the reference year.
        var start = ref / 100 * 100 + (k % 10) * 10
        if start > ref { start -= 100 }
        return TimePoint.pad(start / 10, 3)
    }

    func twoDigitYear(_ n: Int) -> Int {
        let ref = anchors.dct?.year ?? 2000
        let candidates = [ref / 100 * 100 - 100 + n, ref / 100 * 100 + n, ref / 100 * 100 + 100 + n]
        return candidates.min { abs($0 - ref) < abs($1 - ref) }!
    }

    // MARK: year-less values

    /// Gives a value that starts with `XXXX` ("XXXX-03-25", "XXXX-SP", "XXXX-Q3T…") its year. A day named
    /// with its weekday ("Sunday 12 March") takes the nearest year in which that day is that weekday.
    mutating func resolveYearless(_ v: String, weekday: Int? = nil) -> String {
        guard v.hasPrefix("XXXX") else { return v }
        let rest = String(v.dropFirst(4))
        // A template period in a leap year, to learn its granularity and position in the year.
        guard let shape = TimePoint("2000" + rest) else { return v }
        let choice: (TimePoint, String)?
        switch policy {
        case "dct":
            if let s = anchors.section, s.granularity == .day { use("section", 0.85); choice = (s, "section") }
            else if let d = anchors.dct { use("dct", 0.75); choice = (d, "dct") }
            else { choice = context() }
        case "ref":
            choice = reference().map { ($0, "narrative") }
        default:
            choice = context()
        }
        guard let (a, kind) = choice else { certainty = min(certainty, 0.3); return v }
        let year: Int
        if kind == "dct" || kind == "section" && a.granularity == .day {
            // The time of writing: the tense says whether the date lies before or after it.
            year = yearByDirection(shape, a, direction)
        } else if kind == "narrative" && a.granularity >= .month {
            year = forced.map { yearByDirection(shape, a, $0) } ?? narrativeYear(shape, a)
        } else {
            year = a.year
        }
        if let wd = weekday, shape.granularity == .day {
            let fits = { (y: Int) in TimePoint(TimePoint.pad(y, 4) + rest).map { $0.weekday == wd } ?? false }
            // Years on the tense's side first (a past Sunday 12 March is not in the future), then the other.
            let steps: [Int]
            switch direction {
            case .past, .before: steps = Array((1...6).map { -$0 }) + Array(1...6)
            case .future, .after: steps = Array(1...6) + Array((1...6).map { -$0 })
            case .nearest, .same: steps = (1...6).flatMap { [$0, -$0] }
            }
            if !fits(year), let y = steps.map({ year + $0 }).first(where: fits) {
                return TimePoint.pad(y, 4) + rest
            }
        }
        return TimePoint.pad(year, 4) + rest
    }

    /// The year that puts `shape` before (past), after (future) or nearest (present) the anchor `a`.
    func yearByDirection(_ shape: TimePoint, _ a: TimePoint, _ direction: Direction) -> Int {
        if direction == .same { return a.year }
        if a.granularity <= .year {
            // Only the year of writing is known: a past event is most likely in the year before (an annual
            // report published in 2021 tells of 2020), a present or future one in the same year.
            return direction == .past || direction == .before ? a.year - 1 : a.year
        }
        func place(_ y: Int) -> TimePoint { var p = shape; p.year = y; return p }
        func end(_ p: TimePoint) -> Int { p.shifted(by: 1, p.granularity)?.startDays ?? p.startDays + 1 }
        let aStart = a.startDays, aEnd = end(a)
        let years = [a.year - 1, a.year, a.year + 1]
        // Days between a candidate and the anchor (0 when one contains the other).
        func gap(_ y: Int) -> Int {
            let p = place(y)
            if end(p) <= aStart { return aStart - end(p) }
            if p.startDays >= aEnd { return p.startDays - aEnd }
            return 0
        }
        let nearest = years.min { gap($0) < gap($1) } ?? a.year
        let chosen: Int
        switch direction {
        case .past: chosen = years.last { place($0).startDays < aEnd } ?? a.year
        case .before: chosen = years.last { end(place($0)) <= aStart } ?? a.year
        case .future: chosen = years.first { end(place($0)) > aStart } ?? a.year
        case .after: chosen = years.first { place($0).startDays >= aEnd } ?? a.year
        case .nearest, .same: return nearest
        }
        // A tense is weaker evidence than distance: "set to expire Nov. 6" written on Nov. 2 is this
        // November, not last year's. The tense decides only within about ten months.
        if (direction == .past || direction == .future), gap(chosen) > Self.tenseReach { return nearest }
        return chosen
    }

    /// The year of a date without one, told after the narrative time `a`: the same year, unless the date
    /// is far from it in that year and close to it after New Year ("December 2012 … in January" is 2013;
    /// "March 25 … until the beginning of October" stays in the same year).
    func narrativeYear(_ shape: TimePoint, _ a: TimePoint) -> Int {
        func gap(_ y: Int) -> Int {
            var p = shape; p.year = y
            let end = p.shifted(by: 1, p.granularity)?.startDays ?? p.startDays + 1
            let aEnd = a.shifted(by: 1, a.granularity == .week ? .week : min(a.granularity, .day))?.startDays ?? a.startDays + 1
            if end <= a.startDays { return a.startDays - end }
            if p.startDays >= aEnd { return p.startDays - aEnd }
            return 0
        }
        // Stories move forward: only across the next New Year.
        if gap(a.year) > 183, gap(a.year + 1) <= 92 { return a.year + 1 }
        return a.year
    }

    /// How far (days) a tense can push a date without a year away from the time of writing.
    static let tenseReach = 300
}
