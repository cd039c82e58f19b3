import Foundation
import RexModel

/// Picks, for each chosen PLACE candidate, the gazetteer entry the text means, with a confidence.
///
/// Each entry of the name is scored: its salience (country > capital > region > town by size > village >
/// feature), the sense a designator or cue asks for ("Mopti region" → the region; "Niger River" → the river;
/// "the Mopti and Ségou Regions" → both regions), the document's countries, a region or cercle named with it
/// ("Farabougou (Ségou region)", "X, in the Niono circle"), other places near it in the same paragraph, and a
/// stated distance and bearing ("roughly 260 miles northeast of Bamako", "15 kilometers from Bamako").
/// Two passes: the second uses the first pass's coordinates for the context of ambiguous names.
struct PlaceResolver {
    let g: Gazetteer
    let lex: Lexicon
    let v: TextView
    let chosen: [Candidate]

    /// Candidate index → (sense, region key, distance cue).
    struct Context {
        var sense: String?
        /// The sense came from a plural cue phrase ("the regions of Gao, Kidal, and Menaka").
        var pluralBefore = false
        var regionKey: String?
        /// A country named in the possessive right before the place ("central Mali’s Moura area").
        var countryBefore: String?
        /// The regions a direction word before the place means, by country ("the central Malian town of Gouni").
        var parts: [String: Set<String>] = [:]
        var distance: (target: Int, km: Double, bearing: Double?)?
        /// A word for a part of it stands before the name ("northern Gao"): a region rather than a town.
        var part = false
    }

    /// REX_DEBUG_PLACES=1 prints every ambiguous place's scored entries on standard error.
    static let debug = ProcessInfo.processInfo.environment["REX_DEBUG_PLACES"] != nil

    static let adminNoise: Set<String> = ["region", "regions", "cercle", "circle", "de", "du", "of", "the", "prefecture",
                                          "province", "department", "commune", "district", "la", "le", "d", "l", "des",
                                          "cercles", "circles", "area", "village"]

    /// Marks that end the phrase before a place, for direction words.
    static let clauseMarks: Set<String> = [",", ".", ";", ":", "(", ")"]
    /// One of `clauseMarks` (each is one byte: most words are rejected by their length).
    static func isClauseMark(_ key: String) -> Bool { key.utf8.count == 1 && clauseMarks.contains(key) }
    /// Words between a place and the region named after it ("X, in the Niono circle").
    static let glue: Set<String> = [",", "(", "in", "the", "of", "-", "within"]

    /// "1,200" → "1200" (most numbers have no comma and skip the Foundation call).
    static func withoutCommas(_ s: String) -> String {
        s.utf8.contains(0x2C) ? s.replacingOccurrences(of: ",", with: "") : s
    }

    static func adminKey(_ s: String) -> String {
        NameKey.keys(s[...]).map(\.key).filter { !adminNoise.contains($0) }.joined(separator: " ")
    }

    init(g: Gazetteer, lex: Lexicon, v: TextView, chosen: [Candidate]) {
        self.g = g; self.lex = lex; self.v = v; self.chosen = chosen
    }

    /// The place and confidence of each chosen candidate (nil for other types), by candidate index.
    mutating func resolve() -> [(PlaceRef, Double)?] {
        var result = [(PlaceRef, Double)?](repeating: nil, count: chosen.count)
        let placeIdx = chosen.indices.filter { chosen[$0].type == .place }
        guard !placeIdx.isEmpty else { return result }
        // (Places are read in place, through a buffer: a copy of a Place retains and releases its strings.)
        return g.places.withUnsafeBufferPointer { places in
            resolve(placeIdx, places, into: &result)
            return result
        }
    }

    func resolve(_ placeIdx: [Int], _ places: UnsafeBufferPointer<Place>, into result: inout [(PlaceRef, Double)?]) {
        // Countries the document names, and its focus country.
        var countryCount: [String: Int] = [:]
        var countryOrder: [String] = []
        /// The countries named, as `PlaceTraits.country` numbers (in `countryOrder`'s order).
        var countryIds: [UInt16] = []
        for k in placeIdx {
            // "Mali" is also the name of villages: a country among the entries counts however many there are.
            if let r = chosen[k].refs.first(where: { g.isCountry(at: Int($0.index)) }) {
                let country = places[Int(r.index)].country
                if countryCount[country] == nil {
                    countryOrder.append(country)
                    countryIds.append(g.placeTraits[Int(r.index)].country)
                }
                countryCount[country, default: 0] += 1
            }
        }
        // The most named country; on a tie, the one named first (never the dictionary's order, which varies by run).
        var focus: String? = nil
        var focusId: UInt16? = nil
        for (n, country) in countryOrder.enumerated() where focus == nil || countryCount[country]! > countryCount[focus!]! {
            focus = country
            focusId = countryIds[n]
        }
        if Self.debug {
            let refs = placeIdx.filter { k in chosen[k].refs.contains { g.places[Int($0.index)].isCountry } }.map { "\(v.surface(chosen[$0].a, chosen[$0].b)):\(chosen[$0].refs.count)" }
            FileHandle.standardError.write(Data("countries \(countryCount) focus \(focus ?? "-") refs \(Set(refs))\n".utf8))
        }
        var ctx = [Context](repeating: Context(sense: nil), count: chosen.count)
        let startMap = Dictionary(placeIdx.map { (chosen[$0].a, $0) }, uniquingKeysWith: { a, _ in a })
        for (n, k) in placeIdx.enumerated() {
            ctx[k] = context(k, next: n + 1 < placeIdx.count ? placeIdx[n + 1] : nil, startMap: startMap)
            if n > 0 {
                let j = placeIdx[n - 1]
                if chosen[j].possessive, chosen[k].a >= chosen[j].b, chosen[k].a - chosen[j].b <= 1,
                   let r = chosen[j].refs.max(by: { g.salience(at: Int($0.index)) < g.salience(at: Int($1.index)) }),
                   g.isCountry(at: Int(r.index)) {
                    ctx[k].countryBefore = places[Int(r.index)].country
                }
            }
        }
        // Coordinations: a plural designator applies to each name before it ("the Mopti and Ségou Regions").
        for n in 0..<(placeIdx.count - 1) {
            let k = placeIdx[n], j = placeIdx[n + 1]
            guard ctx[k].pluralBefore, ctx[j].sense == nil, coordinated(k, j) else { continue }
            ctx[j].sense = ctx[k].sense
            ctx[j].pluralBefore = true
        }
        var plural = Set(placeIdx.filter { chosen[$0].pluralSense })
        for (n, k) in placeIdx.enumerated().reversed() where n + 1 < placeIdx.count {
            let j = placeIdx[n + 1]
            guard ctx[k].sense == nil, plural.contains(j), coordinated(k, j) else { continue }
            ctx[k].sense = ctx[j].sense
            plural.insert(k)
        }

        var position = [Int](repeating: -1, count: chosen.count)
        for (n, k) in placeIdx.enumerated() { position[k] = n }
        var coords = [(Double, Double)?](repeating: nil, count: chosen.count)
        // The admin keys of entries' regions, computed once per region name (entries share few regions).
        var adminKeys: [String: String] = [:]
        func adminKey(_ s: String) -> String {
            if let k = adminKeys[s] { return k }
            let k = Self.adminKey(s)
            adminKeys[s] = k
            return k
        }
        var scored: [(Double, Int)] = []
        for pass in 0..<2 {
            for k in placeIdx {
                let refs = chosen[k].refs
                if refs.isEmpty {
                    if pass == 0 { result[k] = (unknownRef(chosen[k]), chosen[k].confidence) }
                    continue
                }
                if pass == 1 && refs.count == 1 { continue }
                if refs.count == 1 && !Self.debug {
                    // Nothing to choose: the entry, with the candidate's confidence.
                    let only = Int(refs[0].index)
                    result[k] = (Self.ref(places, only), (chosen[k].confidence * 100).rounded() / 100)
                    if let lat = places[only].lat, let lon = places[only].lon, !g.isCountry(at: only) { coords[k] = (lat, lon) }
                    continue
                }
                scored.removeAll(keepingCapacity: true)
                let cx = ctx[k]
                let near = pass == 1 ? neighbours(k, placeIdx, position[k]) : []
                for r in refs {
                    let i = Int(r.index)
                    let traits = g.placeTraits[i]
                    var s = traits.salience + (r.isPrimary ? 0.5 : 0)
                    if let sense = cx.sense {
                        if places[i].kind.hasPrefix(sense) || sense == "P" && places[i].file != 0 { s += 8 }
                        else if sense == "A.ADM1" && places[i].file != 0 { s += 8 }
                        else if sense == "A.ADM1" && places[i].kind == "A.ADM2" { s += 5 }
                        else { s -= 3 }
                    } else if traits.adminLevel != 0 {
                        // "in Mopti" is the town unless the text says region; "northern Gao" is the region.
                        s += cx.part ? 3 : -0.5
                    }
                    if let f = focusId, traits.country == f { s += 1.5 } else if countryIds.contains(traits.country) { s += 0.7 }
                    if let cb = cx.countryBefore, places[i].country == cb { s += 6 }
                    if !cx.parts.isEmpty, let regions = cx.parts[places[i].country],
                       regions.contains(adminKey(places[i].admin1)) { s += 3 }
                    if let rk = cx.regionKey, !rk.isEmpty,
                       adminKey(places[i].admin1) == rk || adminKey(places[i].admin2) == rk
                        || adminKey(places[i].admin2).hasSuffix(rk) {
                        s += 6
                    }
                    if pass == 1, let lat = places[i].lat, let lon = places[i].lon {
                        s += proximityBonus(lat, lon, coords, near)
                        if let d = cx.distance, let (tl, tn) = coords[d.target] {
                            let err: Double
                            if let b = d.bearing {
                                let (el, en) = destination(tl, tn, km: d.km, bearing: b)
                                err = haversine(lat, lon, el, en)
                            } else {
                                err = abs(haversine(lat, lon, tl, tn) - d.km)
                            }
                            s += 8 * exp(-err / 75)
                        }
                    }
                    scored.append((s, i))
                }
                scored.sort { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }
                if Self.debug {
                    let c = chosen[k]
                    FileHandle.standardError.write(("\(pass) \(v.surface(c.a, c.b)) @\(v.tokens[c.a].start) sense=\(ctx[k].sense ?? "-") region=\(ctx[k].regionKey ?? "-") dist=\(ctx[k].distance.map { "\($0.km)km \($0.bearing ?? -1)" } ?? "-"): " + scored.prefix(4).map { "\(g.places[$0.1].id) \(g.places[$0.1].name) \(g.places[$0.1].kind) \(($0.0 * 10).rounded() / 10)" }.joined(separator: " | ") + "\n").data(using: .utf8)!)
                }
                let best = scored[0].1
                var conf = chosen[k].confidence
                if scored.count > 1 {
                    let margin = scored[0].0 - scored[1].0
                    conf *= 0.55 + 0.45 * (1 - exp(-margin / 2))
                }
                result[k] = (Self.ref(places, best), (conf * 100).rounded() / 100)
                if let lat = places[best].lat, let lon = places[best].lon, !g.isCountry(at: best) { coords[k] = (lat, lon) }
            }
        }
    }

    /// `places[i].ref`, from the fields it needs (without a copy of the place, which retains all its strings).
    static func ref(_ places: UnsafeBufferPointer<Place>, _ i: Int) -> PlaceRef {
        PlaceRef(id: places[i].id, name: places[i].name, country: places[i].country.isEmpty ? nil : places[i].country,
                 admin1: places[i].admin1.isEmpty ? nil : places[i].admin1, lat: places[i].lat, lon: places[i].lon)
    }

    func unknownRef(_ c: Candidate) -> PlaceRef {
        // The name without a designator: "Gassel village" → "Gassel".
        var b = c.b
        if b - 1 > c.a, v.has(b - 1, .designator) { b -= 1 }
        let name = v.surface(c.a, b)
        return PlaceRef(id: "place:" + slug(name), name: name)
    }

    /// Tokens between candidates k and j are only ",", "and", "or" (a coordination).
    func coordinated(_ k: Int, _ j: Int) -> Bool {
        var i = chosen[k].b
        while i < chosen[j].a {
            if v.posOf[i] >= 0 && !(v.isPunct(i, ",") || v.key(i) == "and" || v.key(i) == "or") { return false }
            i += 1
        }
        return v.sentence[chosen[k].a] == v.sentence[chosen[j].a]
    }

    /// Bonus for an entry near places resolved in the same or neighbouring sentences.
    func proximityBonus(_ lat: Double, _ lon: Double, _ coords: [(Double, Double)?], _ neighbours: [Int]) -> Double {
        var best = 0.0
        for j in neighbours {
            guard let (la, lo) = coords[j] else { continue }
            let d = haversine(lat, lon, la, lo)
            if d <= 50 { best = max(best, 2) } else if d <= 150 { best = max(best, 1) }
        }
        return best
    }

    /// The places of the same or neighbouring sentences (two at most away) around the n-th place, candidate k.
    func neighbours(_ k: Int, _ placeIdx: [Int], _ n: Int) -> [Int] {
        let para = v.sentence[chosen[k].a]
        var neighbours: [Int] = []
        var m = n - 1
        while m >= 0, para - v.sentence[chosen[placeIdx[m]].a] <= 2 { neighbours.append(placeIdx[m]); m -= 1 }
        m = n + 1
        while m < placeIdx.count, v.sentence[chosen[placeIdx[m]].a] - para <= 2 { neighbours.append(placeIdx[m]); m += 1 }
        return neighbours
    }

    func context(_ k: Int, next: Int?, startMap: [Int: Int]) -> Context {
        let c = chosen[k]
        var cx = Context(sense: c.sense)
        let hasRiver = c.refs.contains { $0.isPrimary && g.placeKind(at: Int($0.index)).hasPrefix("H.STM") }
        let hyphenated = c.b < v.count && v.posOf[c.b] < 0 && v.tokens[c.b].start == v.tokens[c.b - 1].end
        if cx.sense == nil, c.words == 1, hasRiver, !hyphenated {
            // "the Niger bend", "along the Niger".
            if let n = v.next(c.b - 1), v.has(n, .river), v.sentence[n] == v.sentence[c.a] { cx.sense = "H.STM" }
            if let p = v.prev(c.a), v.key(p) == "the", let pp = v.prev(p), v.has(pp, .river) { cx.sense = "H.STM" }
        }
        if cx.sense == nil, let p = v.prev(c.a) {
            if let (s, plural) = beforePhrase(endingAt: p), !s.isEmpty { cx.sense = s; cx.pluralBefore = plural }
            if v.has(p, .part), v.sentence[p] == v.sentence[c.a] { cx.part = true }
        }
        // A direction word in the phrase before the place: "the central Malian town of Gouni", "central Mali's X".
        var q = v.prev(c.a)
        var back = 0
        while let i = q, back < 6, v.sentence[i] == v.sentence[c.a], !Self.isClauseMark(v.key(i)) {
            if v.has(i, .countryPart), let parts = lex.countryParts[v.key(i)] { cx.parts = parts; break }
            q = v.prev(i); back += 1
        }
        // Or right after it: "Moura in central Mali", "X, northern Mali".
        if cx.parts.isEmpty, let n1 = v.next(c.b - 1), v.key(n1) == "," || v.key(n1) == "in", let n2 = v.next(n1),
           v.sentence[n2] == v.sentence[c.a], v.has(n2, .countryPart), let parts = lex.countryParts[v.key(n2)] {
            cx.parts = parts
        }
        // A region or cercle named right after the place: "X (Mopti region)", "X, in the Niono circle".
        let sent = v.sentence[c.a]
        if let j = next, chosen[j].a >= c.b && chosen[j].a - c.b <= 6 && v.sentence[chosen[j].a] == sent {
            let o = chosen[j]
            if !o.possessive, (c.b..<o.a).allSatisfy({ v.posOf[$0] < 0 || Self.glue.contains(v.key($0)) }) {
                let best = o.refs.max { g.salience(at: Int($0.index)) < g.salience(at: Int($1.index)) }
                    .map { g.placeKind(at: Int($0.index)) }
                let admin = o.sense == "A.ADM1" || o.sense == "A.ADM2" || best == "A.ADM1" || best == "A.ADM2"
                if admin { cx.regionKey = Self.adminKey(v.surface(o.a, o.b)) }
            }
        }
        // "N km/miles [bearing] of/from Y" after the place, in the same sentence.
        var i = c.b
        var steps = 0
        while i < v.count, steps < 16, v.sentence[i] == sent {
            if v.tokens[i].kind == .number, let km = Double(Self.withoutCommas(v.tokens[i].folded)),
               let u = v.next(i), v.has(u, .unit), let unit = lex.units[v.key(u)] {
                var j = v.next(u)
                var bearing: Double? = nil
                if let jj = j, v.has(jj, .bearing), let b = lex.bearings[v.key(jj)] {
                    bearing = b
                    j = v.next(jj)
                    if let j2 = j, let b2 = lex.bearings[v.key(jj) + " " + v.key(j2)] { bearing = b2; j = v.next(j2) }
                }
                if let jj = j, v.key(jj) == "of" || v.key(jj) == "from", var t = v.next(jj) {
                    if v.key(t) == "the", let t2 = v.next(t) { t = t2 }
                    if let target = startMap[t] {
                        cx.distance = (target, km * unit, bearing)
                    }
                }
                break
            }
            i += 1
            steps += 1
        }
        return cx
    }

    /// The sense a cue phrase ending at token `i` asks for, and whether the phrase is plural ("towns of").
    func beforePhrase(endingAt i: Int) -> (String, Bool)? {
        guard v.has(i, .placeBeforeEnd) || g.words.placeBeforeAnywhere,
              let (phrase, kind) = lex.placeBefore(endingAt: i, in: v) else { return nil }
        return (kind, phrase.first.map { lex.pluralDesignators.contains($0) || $0.hasSuffix("s") } ?? false)
    }
}
