import Foundation
import RexModel
import RexText
import RexNames

/// What coreference needs to know from the gazetteers: organizations (type, name, spellings), the renamings of
/// `org-relations.tsv`, people (name, spellings), place kinds and capitals, demonyms.
///
/// Every file is optional: a missing file holds nothing, and the rules that need it resolve less.
/// - Complexity: `init(data:)` reads `places/places.tsv` once (a byte scan of its first eight columns);
///   `init(data:gazetteer:)` takes the places the name recognizer already loaded.
public struct CorefKnowledge: Sendable {
    public struct Organization: Sendable { public var name: String; public var type: String; public var country: String }

    /// Organization id → name, type, country.
    public var organizations: [String: Organization] = [:]
    /// Person id → canonical name.
    public var people: [String: String] = [:]
    /// Folded spelling (name, alias, variant) → the one organization or person that has it.
    public var spellings: [String: String] = [:]
    /// Acronym as written → organization id.
    public var acronyms: [String: String] = [:]
    /// Id → the id it was renamed to, followed to the end ("org:gspc" → "org:aqim").
    public var renamedTo: [String: String] = [:]
    /// Place id → kind (`A.PCLI`, `P.PPLC`, `A.ADM1`, …), for places read from the files; see `placeKind(_:)`.
    public var placeKinds: [String: String] = [:]
    /// The loaded gazetteer the other place kinds come from (`init(data:gazetteer:)`), instead of a copy.
    public var gazetteer: Gazetteer? = nil
    /// Country (ISO alpha-2) → its capital.
    public var capitals: [String: PlaceRef] = [:]
    /// Country (ISO alpha-2) → the country's place.
    public var countries: [String: PlaceRef] = [:]
    /// Folded demonym ("malian", "french") → country (ISO alpha-2).
    public var demonyms: [String: String] = [:]

    public init() {}

    /// Reads the gazetteers of the data folder; absent files are skipped.
    public init(data: URL) throws {
        try self.init(data: data, places: nil)
    }

    /// Reads the small gazetteers of the data folder and takes the places from `gazetteer`, the one the name
    /// recognizer loaded: `places/*.tsv` are then not read a second time.
    public init(data: URL, gazetteer: Gazetteer) throws {
        try self.init(data: data, places: gazetteer.places)
        self.gazetteer = gazetteer
    }

    /// `places` nil: read from `places/*.tsv`.
    init(data: URL, places: [Place]?) throws {
        let fm = FileManager.default
        func present(_ path: String) -> URL? {
            let url = data.appendingPathComponent(path)
            return fm.fileExists(atPath: url.path) ? url : nil
        }
        var ambiguous = Set<String>()
        func addSpelling(_ s: String, _ id: String) {
            let k = Folder.shared.fold(s[...])
            guard !k.isEmpty, !ambiguous.contains(k) else { return }
            if let old = spellings[k], old != id { spellings[k] = nil; ambiguous.insert(k) } else { spellings[k] = id }
        }
        func list(_ s: String) -> [String] {
            s.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        if let url = present("organizations.tsv") {
            let file = try DataFile(url)
            for (line, f) in file.rows {
                guard f.count >= 5, f[0].hasPrefix("org:") else { throw file.error(line, "expected id, name, type, acronyms, aliases, …") }
                organizations[f[0]] = Organization(name: f[1], type: f[2], country: f.count > 5 ? f[5].uppercased() : "")
                addSpelling(f[1], f[0])
                for a in list(f[4]) { addSpelling(a, f[0]) }
                for a in list(f[3]) where acronyms[a] == nil { acronyms[a] = f[0] }
            }
        }
        if let url = present("people.tsv") {
            let file = try DataFile(url)
            for (line, f) in file.rows {
                guard f.count >= 3, f[0].hasPrefix("person:") else { throw file.error(line, "expected id, name, variants, …") }
                people[f[0]] = f[1]
                addSpelling(f[1], f[0])
                for v in list(f[2]) { addSpelling(v, f[0]) }
            }
        }
        if let url = present("org-relations.tsv") {
            let file = try DataFile(url)
            var next: [String: String] = [:]
            for (line, f) in file.rows {
                guard f.count >= 3 else { throw file.error(line, "expected subject, relation, object, …") }
                if f[1] == "renamed-to" { next[f[0]] = f[2] }
            }
            for start in next.keys {
                var id = start, seen: Set<String> = [id]
                while let n = next[id], seen.insert(n).inserted { id = n }
                renamedTo[start] = id
            }
        }
        if let places {
            add(places)
        } else {
            for path in ["places/places.tsv", "places/regions.tsv", "places/places-added.tsv"] {
                if let url = present(path) { try readPlaces(url) }
            }
        }
        if let url = present("places/demonyms.tsv") {
            let file = try DataFile(url)
            for (line, f) in file.rows {
                guard f.count >= 2, f[1].count == 2 else { throw file.error(line, "expected demonym, country (ISO alpha-2), place id") }
                demonyms[Folder.shared.fold(f[0][...])] = f[1].uppercased()
            }
        }
    }

    /// Reads id, name, kind, country, admin1, lat, lon of each place row: kinds of all, references of
    /// capitals and countries.
    mutating func readPlaces(_ url: URL) throws {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw DataError.unreadable(file: url.path) }
        // Rows are about 110 bytes: room for them at once instead of growing the table while reading.
        placeKinds.reserveCapacity(placeKinds.count + data.count / 100)
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let b = raw.bindMemory(to: UInt8.self)
            var i = 0
            let n = b.count
            while i < n {
                var lineEnd = i
                while lineEnd < n && b[lineEnd] != 0x0A { lineEnd += 1 }
                defer { i = lineEnd + 1 }
                if lineEnd == i || b[i] == 0x23 { continue }  // blank or '#'
                // The first eight fields: id name kind country admin1 admin2 lat lon.
                var fields: [(Int, Int)] = []
                var s = i
                var k = i
                while k <= lineEnd && fields.count < 8 {
                    if k == lineEnd || b[k] == 0x09 { fields.append((s, k)); s = k + 1 }
                    k += 1
                }
                guard fields.count >= 4 else { continue }
                func str(_ f: (Int, Int)) -> String {
                    var e = f.1
                    if e > f.0 && b[e - 1] == 0x0D { e -= 1 }
                    return String(decoding: UnsafeBufferPointer(rebasing: b[f.0..<e]), as: UTF8.self)
                }
                let id = str(fields[0]), kind = str(fields[2])
                placeKinds[id] = kind
                let isCountry = kind.hasPrefix("A.PCL")
                if kind == "P.PPLC" || isCountry {
                    let country = str(fields[3]).uppercased()
                    let ref = PlaceRef(id: id, name: str(fields[1]), country: country.isEmpty ? nil : country,
                                       admin1: fields.count > 4 ? nonEmpty(str(fields[4])) : nil,
                                       lat: fields.count > 6 ? Double(str(fields[6])) : nil,
                                       lon: fields.count > 7 ? Double(str(fields[7])) : nil)
                    if kind == "P.PPLC", !country.isEmpty, capitals[country] == nil { capitals[country] = ref }
                    if isCountry, !country.isEmpty, countries[country] == nil || kind == "A.PCLI" { countries[country] = ref }
                }
            }
        }
    }

    /// The same as `readPlaces` for places already loaded, whose kinds `placeKind(_:)` looks up in the gazetteer:
    /// references of capitals and countries.
    mutating func add(_ places: [Place]) {
        // By index: copying each Place out would retain and release all its strings.
        for i in places.indices {
            let kind = places[i].kind
            let isCountry = kind.hasPrefix("A.PCL")
            guard kind == "P.PPLC" || isCountry else { continue }
            let p = places[i]
            let country = p.country.uppercased()
            let ref = PlaceRef(id: p.id, name: p.name, country: country.isEmpty ? nil : country,
                               admin1: nonEmpty(p.admin1), lat: p.lat, lon: p.lon)
            if kind == "P.PPLC", !country.isEmpty, capitals[country] == nil { capitals[country] = ref }
            if isCountry, !country.isEmpty, countries[country] == nil || kind == "A.PCLI" { countries[country] = ref }
        }
    }

    private func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }

    /// The id a renamed organization now has (itself when never renamed).
    public func current(_ id: String) -> String { renamedTo[id] ?? id }

    /// Whether a gazetteer knows this organization, person or place id.
    public func knows(_ id: String) -> Bool {
        organizations[id] != nil || people[id] != nil || placeKind(id) != nil
    }

    /// The kind of a place id (`A.PCLI`, `P.PPLC`, `A.ADM1`, …): from `placeKinds`, else from the gazetteer
    /// (whose index keeps the first row of an id written twice; reading the files keeps the last).
    public func placeKind(_ id: String) -> String? {
        if let k = placeKinds[id] { return k }
        guard let g = gazetteer, let i = g.placeIndex[id] else { return nil }
        return g.places[i].kind
    }

    /// The organization or person a name is written as, if exactly one has that spelling.
    public func lookup(_ text: String, type: MentionType) -> String? {
        let prefix = type == .org ? "org:" : type == .person ? "person:" : nil
        guard let prefix else { return nil }
        if type == .org, let id = acronyms[text.trimmingCharacters(in: .whitespaces)] { return id }
        if let id = spellings[Folder.shared.fold(text[...])], id.hasPrefix(prefix) { return id }
        return nil
    }
}
