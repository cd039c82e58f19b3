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

extension Gazetteer {
    /// `salience(places[i])`, from the table computed at load time.
    @inline(__always) func salience(at i: Int) -> Double { placeSalience[i] }

    /// `places[i].isCountry`, from the table computed at load time.
    @inline(__always) func isCountry(at i: Int) -> Bool { placeIsCountry[i] }

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
