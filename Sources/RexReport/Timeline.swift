import Foundation

/// Bins events by month and type for the timeline.
///
/// A date value with a month (`2020-03`, `2020-03-25`, `2020-03-25T10:00`) or an ISO week (`2020-W12`, placed
/// in the month of its Thursday) falls in that month. Values known only to the year (`2020`, `2020-SU`,
/// `2020-Q2`) are counted per year apart, and anything else (`PAST_REF`, durations, no date) as undated.
public enum Timeline {
    public struct Bins: Sendable, Equatable {
        /// Every month from the first to the last month with an event, `YYYY-MM`, with the empty ones between.
        public var months: [String] = []
        /// month → type → count
        public var byMonth: [String: [String: Int]] = [:]
        /// year → type → count, for values known only to the year.
        public var byYear: [String: [String: Int]] = [:]
        /// type → count of events without a usable date.
        public var undated: [String: Int] = [:]

        public func total(month: String) -> Int { byMonth[month]?.values.reduce(0, +) ?? 0 }
        public var types: Set<String> {
            Set(byMonth.values.flatMap(\.keys)).union(byYear.values.flatMap(\.keys)).union(undated.keys)
        }
    }

    /// The `YYYY-MM` month of a TIMEX3 value, or nil when the value is not that precise.
    public static func month(_ value: String) -> String? {
        let u = Array(value.unicodeScalars)
        func digits(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= u.count, r.allSatisfy({ ("0"..."9").contains(u[$0]) }) else { return nil }
            return Int(String(String.UnicodeScalarView(u[r])))
        }
        guard let year = digits(0..<4), u.count >= 7, u[4] == "-" else { return nil }
        if let m = digits(5..<7), (1...12).contains(m), u.count == 7 || u[7] == "-" {
            return String(format: "%04d-%02d", year, m)
        }
        if u[5] == "W", let w = digits(6..<8), (1...53).contains(w), u.count == 8 || u[8] == "-" {
            var iso = Calendar(identifier: .iso8601)
            iso.timeZone = TimeZone(identifier: "UTC")!
            var c = DateComponents()
            c.yearForWeekOfYear = year; c.weekOfYear = w; c.weekday = 5   // Thursday
            guard let date = iso.date(from: c) else { return nil }
            let parts = iso.dateComponents([.year, .month], from: date)
            return String(format: "%04d-%02d", parts.year!, parts.month!)
        }
        return nil
    }

    /// The year of a value that starts with one (`2020`, `2020-SU`), else nil.
    public static func year(_ value: String) -> String? {
        let p = value.prefix(4)
        guard p.count == 4, p.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }),
              value.count == 4 || value.dropFirst(4).first == "-" else { return nil }
        return String(p)
    }

    public static func bin(_ events: [(date: String?, type: String)]) -> Bins {
        var b = Bins()
        for e in events {
            if let v = e.date, let m = month(v) {
                b.byMonth[m, default: [:]][e.type, default: 0] += 1
            } else if let v = e.date, let y = year(v) {
                b.byYear[y, default: [:]][e.type, default: 0] += 1
            } else {
                b.undated[e.type, default: 0] += 1
            }
        }
        if let first = b.byMonth.keys.min(), let last = b.byMonth.keys.max() {
            var y = Int(first.prefix(4))!, m = Int(first.suffix(2))!
            while true {
                let key = String(format: "%04d-%02d", y, m)
                b.months.append(key)
                if key == last { break }
                m += 1
                if m > 12 { m = 1; y += 1 }
            }
        }
        return b
    }
}
