/// A calendar period at some granularity, as a TIMEX3 date value denotes it ("2020", "2020-03",
/// "2020-03-25", "2020-W14", "2020-Q4", "2020-H1", "2020-SP", "199" for the 1990s, "20" for the 1900s).
///
/// Used to anchor underspecified expressions and to shift by calendar units; arithmetic is proleptic
/// Gregorian, weeks are ISO 8601 weeks.
public struct TimePoint: Equatable, Sendable, CustomStringConvertible {
    public enum Granularity: Int, Comparable, Sendable {
        case century, decade, year, half, quarter, season, month, week, day
        public static func < (a: Granularity, b: Granularity) -> Bool { a.rawValue < b.rawValue }
    }

    public var granularity: Granularity
    /// The year (for a decade the first year, 1990; for a century the first year, 1900).
    public var year: Int
    public var month: Int = 1
    public var day: Int = 1
    /// ISO week number (granularity `.week`).
    public var week: Int = 1
    /// Quarter 1...4, half 1...2.
    public var quarter: Int = 1
    public var half: Int = 1
    /// SP, SU, FA, WI.
    public var season: String = "SP"
    /// A time-of-day suffix kept as written by the normalizer ("T22:30", "TNI").
    public var time: String? = nil

    public init(year: Int) { granularity = .year; self.year = year }
    public init(year: Int, month: Int) { granularity = .month; self.year = year; self.month = month }
    public init(year: Int, month: Int, day: Int) {
        granularity = .day; self.year = year; self.month = month; self.day = day
    }

    /// Parses a TIMEX3 date value; nil for anything that is not a (possibly partial) calendar date.
    public init?(_ value: String) {
        // Values are ASCII: parsed from the bytes without splitting into substrings (anything else takes
        // the general parser below, which gives the same results).
        if let parsed = value.utf8.withContiguousStorageIfAvailable({ Self.parseASCII($0) }), let result = parsed {
            guard let p = result else { return nil }
            self = p
            return
        }
        self.init(parsing: value)
    }

    /// The general parser (any string).
    init?(parsing value: String) {
        var s = Substring(value)
        var time: String? = nil
        if let t = s.firstIndex(of: "T") {
            time = String(s[t...]); s = s[..<t]
        }
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard let head = parts.first, head.allSatisfy(\.isASCIIDigitChar), (2...4).contains(head.count),
              let n = Int(head) else { return nil }
        if head.count < 4 {
            guard parts.count == 1, time == nil else { return nil }
            self.init(year: head.count == 2 ? n * 100 : n * 10)
            granularity = head.count == 2 ? .century : .decade
            return
        }
        self.init(year: n)
        if parts.count == 1 { if time != nil { return nil }; return }
        let second = parts[1]
        if parts.count == 2 {
            if second.count == 2, let m = Int(second), (1...12).contains(m) { self.month = m; granularity = .month }
            else if second.first == "W", let w = Int(second.dropFirst()), (1...53).contains(w) { week = w; granularity = .week }
            else if second.first == "Q", let q = Int(second.dropFirst()), (1...4).contains(q) { quarter = q; granularity = .quarter }
            else if second.first == "H", let h = Int(second.dropFirst()), (1...2).contains(h) { half = h; granularity = .half }
            else if ["SP", "SU", "FA", "WI"].contains(String(second)) { season = String(second); granularity = .season }
            else { return nil }
            if time != nil { return nil }
            return
        }
        guard parts.count == 3, let m = Int(second), let d = Int(parts[2]), (1...12).contains(m),
              d >= 1, d <= TimePoint.daysIn(year: n, month: m) else { return nil }
        month = m; day = d; granularity = .day; self.time = time
    }

    /// `init?(_:)` over ASCII bytes: nil when the bytes are not all ASCII, .some(nil) when they are not a date.
    private static func parseASCII(_ b: UnsafeBufferPointer<UInt8>) -> TimePoint?? {
        for c in b where c >= 0x80 { return nil }
        let dash = UInt8(ascii: "-")
        let end = b.firstIndex(of: UInt8(ascii: "T")) ?? b.count
        let hasTime = end < b.count
        // The dash-separated parts of b[..<end], empty ones included.
        var parts = 1, second = 0, third = 0
        for i in 0..<end where b[i] == dash {
            if parts == 3 { return .some(nil) }  // more than three parts is never a date
            if parts == 1 { second = i + 1 } else { third = i + 1 }
            parts += 1
        }
        func range(_ p: Int) -> Range<Int> {
            switch p {
            case 0: return 0..<(parts > 1 ? second - 1 : end)
            case 1: return second..<(parts > 2 ? third - 1 : end)
            default: return third..<end
            }
        }
        // What `Int(_:)` makes of a part: digits with an optional leading "+".
        func int(_ r: Range<Int>) -> Int? {
            var a = r.lowerBound
            if a < r.upperBound, b[a] == UInt8(ascii: "+") { a += 1 }
            guard a < r.upperBound, r.upperBound - a <= 18 else {
                return a < r.upperBound ? Int(String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self)) : nil
            }
            var n = 0
            for i in a..<r.upperBound {
                let d = Int(b[i]) - 48
                guard d >= 0, d <= 9 else { return nil }
                n = n * 10 + d
            }
            return n
        }
        let head = range(0)
        guard (2...4).contains(head.count), head.allSatisfy({ b[$0] >= 48 && b[$0] <= 57 }), let n = int(head) else { return .some(nil) }
        if head.count < 4 {
            guard parts == 1, !hasTime else { return .some(nil) }
            var p = TimePoint(year: head.count == 2 ? n * 100 : n * 10)
            p.granularity = head.count == 2 ? .century : .decade
            return p
        }
        var p = TimePoint(year: n)
        if parts == 1 { return hasTime ? .some(nil) : p }
        let mid = range(1)
        if parts == 2 {
            let first = mid.isEmpty ? 0 : b[mid.lowerBound]
            let rest = mid.isEmpty ? mid : mid.dropFirst()
            if mid.count == 2, let m = int(mid), (1...12).contains(m) { p.month = m; p.granularity = .month }
            else if first == UInt8(ascii: "W"), let w = int(rest), (1...53).contains(w) { p.week = w; p.granularity = .week }
            else if first == UInt8(ascii: "Q"), let q = int(rest), (1...4).contains(q) { p.quarter = q; p.granularity = .quarter }
            else if first == UInt8(ascii: "H"), let h = int(rest), (1...2).contains(h) { p.half = h; p.granularity = .half }
            else if mid.count == 2, case let s = String(decoding: UnsafeBufferPointer(rebasing: b[mid]), as: UTF8.self),
                    ["SP", "SU", "FA", "WI"].contains(s) { p.season = s; p.granularity = .season }
            else { return .some(nil) }
            return hasTime ? .some(nil) : p
        }
        guard let m = int(mid), let d = int(range(2)), (1...12).contains(m),
              d >= 1, d <= TimePoint.daysIn(year: n, month: m) else { return .some(nil) }
        p.month = m; p.day = d; p.granularity = .day
        if hasTime { p.time = String(decoding: UnsafeBufferPointer(rebasing: b[end...]), as: UTF8.self) }
        return p
    }

    public var description: String { value }

    /// The TIMEX3 value.
    public var value: String {
        let y = Self.pad(year, 4)
        switch granularity {
        case .century: return Self.pad(year / 100, 2)
        case .decade: return Self.pad(year / 10, 3)
        case .year: return y
        case .half: return "\(y)-H\(half)"
        case .quarter: return "\(y)-Q\(quarter)"
        case .season: return "\(y)-\(season)"
        case .month: return "\(y)-\(Self.pad(month, 2))"
        case .week: return "\(y)-W\(Self.pad(week, 2))"
        case .day: return "\(y)-\(Self.pad(month, 2))-\(Self.pad(day, 2))" + (time ?? "")
        }
    }

    /// The first month the period covers (for comparisons of periods within a year).
    public var startMonth: Int {
        switch granularity {
        case .century, .decade, .year: return 1
        case .half: return half == 1 ? 1 : 7
        case .quarter: return (quarter - 1) * 3 + 1
        case .season: return ["SP": 3, "SU": 6, "FA": 9, "WI": 12][season] ?? 1
        case .month, .day: return month
        case .week: return TimePoint.fromDays(mondayOfISOWeek(year: year, week: week)).month
        }
    }

    /// A sortable position of the period's start, in days since 1970-01-01.
    public var startDays: Int {
        switch granularity {
        case .day: return Self.days(year: year, month: month, day: day)
        case .week: return mondayOfISOWeek(year: year, week: week)
        default: return Self.days(year: year, month: startMonth, day: 1)
        }
    }

    /// The period truncated to a coarser granularity (or itself when already as coarse).
    public func truncated(to g: Granularity) -> TimePoint {
        if g >= granularity { return self }
        var p = self
        p.time = nil
        switch g {
        case .century: p.year = year / 100 * 100
        case .decade: p.year = year / 10 * 10
        case .year: break
        case .half: p.half = startMonth <= 6 ? 1 : 2
        case .quarter: p.quarter = (startMonth - 1) / 3 + 1
        case .season: p.season = Self.season(ofMonth: startMonth)
        case .month: p.month = startMonth
        case .week:
            guard granularity == .day else { return self }
            let (wy, w) = isoWeek(days: startDays)
            p.year = wy; p.week = w
        case .day: break
        }
        p.granularity = g
        return p
    }

    /// Whether this period can be expressed at granularity `g` (it is at least that fine).
    public func supports(_ g: Granularity) -> Bool {
        switch g {
        case .century, .decade, .year: return granularity >= g
        case .half, .quarter, .season: return granularity == g || granularity >= .month
        case .month: return granularity >= .month
        case .week: return granularity == .week || granularity == .day
        case .day: return granularity == .day
        }
    }

    /// Shifted by `n` units of granularity `g` (after truncating to `g`); nil when this period is too coarse.
    public func shifted(by n: Int, _ g: Granularity) -> TimePoint? {
        guard supports(g) else { return nil }
        var p = truncated(to: g)
        switch g {
        case .century: p.year += 100 * n
        case .decade: p.year += 10 * n
        case .year: p.year += n
        case .half:
            let k = p.year * 2 + (p.half - 1) + n
            p.year = Self.floorDiv(k, 2); p.half = k - p.year * 2 + 1
        case .quarter:
            let k = p.year * 4 + (p.quarter - 1) + n
            p.year = Self.floorDiv(k, 4); p.quarter = k - p.year * 4 + 1
        case .season:
            // Winter belongs to the year in which it starts (December): it follows that year's fall.
            let order = ["SP", "SU", "FA", "WI"]
            let k = p.year * 4 + (order.firstIndex(of: p.season) ?? 0) + n
            p.year = Self.floorDiv(k, 4); p.season = order[k - p.year * 4]
        case .month:
            let k = p.year * 12 + (p.month - 1) + n
            p.year = Self.floorDiv(k, 12); p.month = k - p.year * 12 + 1
        case .week:
            let monday = mondayOfISOWeek(year: p.year, week: p.week) + 7 * n
            let (wy, w) = isoWeek(days: monday)
            p.year = wy; p.week = w
        case .day:
            let d = Self.fromDays(p.startDays + n)
            p.year = d.year; p.month = d.month; p.day = d.day
        }
        return p
    }

    // MARK: calendar arithmetic

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(abs(n))
        return (n < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - s.count)) + s
    }

    static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }

    static func isLeap(_ y: Int) -> Bool { y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func season(ofMonth m: Int) -> String {
        switch m { case 3...5: return "SP"; case 6...8: return "SU"; case 9...11: return "FA"; default: return "WI" }
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func fromDays(_ z0: Int) -> TimePoint {
        let z = z0 + 719468
        let era = floorDiv(z, 146097)
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return TimePoint(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// ISO weekday of a day count: 1 = Monday … 7 = Sunday.
    static func weekday(days: Int) -> Int { ((days % 7) + 7 + 3) % 7 + 1 }

    /// The ISO weekday of this day (1 = Monday).
    public var weekday: Int { Self.weekday(days: startDays) }
}

/// Days since 1970-01-01 of the Monday of ISO week `week` of `year`.
func mondayOfISOWeek(year: Int, week: Int) -> Int {
    let jan4 = TimePoint.days(year: year, month: 1, day: 4)
    let monday1 = jan4 - (TimePoint.weekday(days: jan4) - 1)
    return monday1 + 7 * (week - 1)
}

/// ISO (week-year, week) of a day count.
func isoWeek(days: Int) -> (Int, Int) {
    let thursday = days - TimePoint.weekday(days: days) + 4
    let y = TimePoint.fromDays(thursday).year
    let w = (thursday - TimePoint.days(year: y, month: 1, day: 1)) / 7 + 1
    return (y, w)
}

extension Character {
    var isASCIIDigitChar: Bool { ("0"..."9").contains(self) }
}
