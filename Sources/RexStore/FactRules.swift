import Foundation
import RexModel

/// How an event's TIMEX3 date value and place become ACLED-like columns.
///
/// - `event_date` is the first day of the period the value names ("2020-03" → 2020-03-01, "2013-W05" →
///   the Monday of that ISO week, "2015-SU" → 2015-06-01), `event_date_end` its last day (or the range's end).
/// - `date_precision` follows ACLED's time_precision: 1 = the day is known; 2 = a week, a few days, a
///   qualified day or part of a month ("late March"); 3 = a month, season, quarter, year or vaguer.
/// - `geo_precision` follows ACLED's geo_precision: 1 = a town or village (a place inside a first-level
///   region), 2 = the event's place was taken from the surrounding paragraph, section or document rather
///   than its own sentence, 3 = only a region, a country or a wider area is known.
public enum FactRules {
    /// (first day, last day, precision) of a TIMEX3 value, or nil when it names no calendar period
    /// (PAST_REF, durations, sets).
    public static func period(value: String, end: String? = nil, mod: String? = nil)
        -> (first: String, last: String, precision: Int)?
    {
        guard let p = calendarPeriod(value) else { return nil }
        var last = p.last
        var precision = p.precision
        if let end, let e = calendarPeriod(end) {
            last = e.last
            precision = max(precision, 2)
        }
        if let mod {
            switch p.kind {
            case .day: precision = max(precision, 2)                                  // "around March 25"
            case .month where ["START", "MID", "END"].contains(mod): precision = 2    // "late March"
            default: break
            }
        }
        return (p.first, last, precision)
    }

    private enum Kind { case day, week, month, other }

    private static func calendarPeriod(_ v: String) -> (first: String, last: String, precision: Int, kind: Kind)? {
        let parts = v.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, first.count == 4, let year = Int(first) else { return nil }
        func day(_ y: Int, _ m: Int, _ d: Int) -> String { String(format: "%04d-%02d-%02d", y, m, d) }
        func monthEnd(_ y: Int, _ m: Int) -> Int {
            switch m {
            case 2: return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28
            case 4, 6, 9, 11: return 30
            default: return 31
            }
        }
        if parts.count == 1 { return (day(year, 1, 1), day(year, 12, 31), 3, .other) }
        let second = parts[1]
        if parts.count >= 3, let m = Int(second), (1...12).contains(m), let d = Int(parts[2].prefix(2)),
           (1...monthEnd(year, m)).contains(d) {
            return (day(year, m, d), day(year, m, d), 1, .day)
        }
        if parts.count == 2, let m = Int(second), (1...12).contains(m) {
            return (day(year, m, 1), day(year, m, monthEnd(year, m)), 3, .month)
        }
        if second.hasPrefix("W"), let w = Int(second.dropFirst()), (1...53).contains(w) {
            // ISO week: the week with the year's first Thursday is week 1.
            var cal = Calendar(identifier: .iso8601)
            cal.timeZone = TimeZone(identifier: "UTC")!
            var comps = DateComponents()
            comps.yearForWeekOfYear = year
            comps.weekOfYear = w
            comps.weekday = 2
            guard let monday = cal.date(from: comps), let sunday = cal.date(byAdding: .day, value: 6, to: monday)
            else { return nil }
            let f = DateFormatter()
            f.calendar = cal
            f.timeZone = cal.timeZone
            f.locale = Locale(identifier: "en_US_POSIX")
            f.dateFormat = "yyyy-MM-dd"
            return (f.string(from: monday), f.string(from: sunday), 2, .week)
        }
        let seasons: [String: (Int, Int, Int)] = ["SP": (3, 5, 0), "SU": (6, 8, 0), "FA": (9, 11, 0), "AU": (9, 11, 0),
                                                  "WI": (12, 2, 1)]
        if let (m1, m2, carry) = seasons[second] {
            return (day(year, m1, 1), day(year + carry, m2, monthEnd(year + carry, m2)), 3, .other)
        }
        if second.count == 2, second.hasPrefix("Q"), let q = Int(second.dropFirst()), (1...4).contains(q) {
            let m1 = (q - 1) * 3 + 1
            return (day(year, m1, 1), day(year, m1 + 2, monthEnd(year, m1 + 2)), 3, .other)
        }
        if second.count == 2, second.hasPrefix("H"), let h = Int(second.dropFirst()), (1...2).contains(h) {
            return h == 1 ? (day(year, 1, 1), day(year, 6, 30), 3, .other) : (day(year, 7, 1), day(year, 12, 31), 3, .other)
        }
        return nil
    }

    /// ACLED-like geo_precision of an event place (see the type's discussion), nil when the event has none.
    public static func geoPrecision(place: PlaceRef?, fallback: String?) -> Int? {
        guard let place else { return fallback == nil ? nil : 3 }
        let isTown = place.admin1 != nil && place.admin1 != place.name
        let level = isTown ? 1 : 3
        return fallback != nil ? max(level, 2) : level
    }
}
