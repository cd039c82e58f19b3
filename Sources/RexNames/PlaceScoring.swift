import Foundation

/// How salient a gazetteer place is on its own, before context: countries and capitals first, then regions,
/// towns by size, then small villages and natural features. Hand-made rows (regions.tsv, places-added.tsv)
/// are salient: someone added them because analysts write them.
func salience(_ p: Place) -> Double { salience(kind: p.kind, file: p.file, population: p.population) }

/// `salience(_:)` from the fields it reads (callers pass them from a place in an array, without copying it).
func salience(kind: String, file: UInt8, population: Int) -> Double {
    if kind.hasPrefix("A.PCL") { return 10 }
    if file != 0 { return 8 }
    let popBonus = population > 0 ? min(1.0, log10(Double(population)) / 7) : 0
    switch kind {
    case "P.PPLC": return 9
    case "P.PPLA": return 7 + popBonus
    case "A.ADM1": return 6.5
    case "P.PPLA2": return 5.5 + popBonus
    case "A.ADM2": return 4.5
    case "A.ADM3": return 3
    case "H.STM", "H.STMI", "H.LK", "T.MTS", "L.RGN", "T.PLAT", "T.DSRT": return 3.5
    default:
        if kind.hasPrefix("P.") {
            if population >= 100_000 { return 6.5 + popBonus }
            if population >= 10_000 { return 5 + popBonus }
            if population > 0 { return 4 + popBonus }
            return 3
        }
        if kind.hasPrefix("S.AIRP") { return 3 }
        return 2
    }
}

/// What the recognizer and the resolver test of a place for every entry of every name they meet, as numbers
/// computed once at load: reading them needs no copy of the place (whose strings a copy retains) and no string
/// comparison.
struct PlaceTraits: Sendable {
    var salience: Double
    /// The place's country, numbered: places with equal `country` strings have equal numbers.
    var country: UInt16
    var isCountry: Bool
    /// 1 for a first-level region (`A.ADM1`), 2 for `A.ADM2`, 0 otherwise.
    var adminLevel: UInt8

    static func of(_ places: [Place]) -> [PlaceTraits] {
        var countries: [String: UInt16] = [:]
        var last: (String, UInt16)? = nil
        return places.withUnsafeBufferPointer { ps in
            ps.indices.map { i in
                let c = ps[i].country
                let country: UInt16
                if let last, last.0 == c {
                    country = last.1
                } else {
                    country = countries[c] ?? UInt16(countries.count)
                    countries[c] = country
                    last = (c, country)
                }
                let kind = ps[i].kind
                return PlaceTraits(salience: RexNames.salience(kind: kind, file: ps[i].file, population: ps[i].population),
                                   country: country, isCountry: kind.hasPrefix("A.PCL"),
                                   adminLevel: kind == "A.ADM1" ? 1 : kind == "A.ADM2" ? 2 : 0)
            }
        }
    }
}

extension Gazetteer {
    /// `salience(places[i])`, from the table computed at load time.
    @inline(__always) func salience(at i: Int) -> Double { placeTraits[i].salience }

    /// `places[i].isCountry`, from the table computed at load time.
    @inline(__always) func isCountry(at i: Int) -> Bool { placeTraits[i].isCountry }

    /// The feature kind of `places[i]`, without copying the place.
    func placeKind(at i: Int) -> String { places.withUnsafeBufferPointer { $0[i].kind } }
}

/// Great-circle distance in kilometres.
func haversine(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
    let r = Double.pi / 180
    let dlat = (lat2 - lat1) * r, dlon = (lon2 - lon1) * r
    let a = sin(dlat / 2) * sin(dlat / 2) + cos(lat1 * r) * cos(lat2 * r) * sin(dlon / 2) * sin(dlon / 2)
    return 2 * 6371 * asin(min(1, sqrt(a)))
}

/// The point `km` kilometres from (lat, lon) on bearing `deg` (clockwise from north).
func destination(_ lat: Double, _ lon: Double, km: Double, bearing deg: Double) -> (Double, Double) {
    let r = Double.pi / 180
    let d = km / 6371, b = deg * r, p1 = lat * r, l1 = lon * r
    let p2 = asin(sin(p1) * cos(d) + cos(p1) * sin(d) * cos(b))
    let l2 = l1 + atan2(sin(b) * sin(d) * cos(p1), cos(d) - sin(p1) * sin(p2))
    return (p2 / r, l2 / r)
}
