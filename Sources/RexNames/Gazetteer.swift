import Foundation
import RexModel

/// A place of the gazetteers (`places/places.tsv`, `regions.tsv`, `places-added.tsv`).
public struct Place: Sendable {
    public var id: String
    public var name: String
    /// GeoNames feature class and code, e.g. `P.PPLA`, `A.ADM1`, `A.PCLI`, `H.STM`.
    public var kind: String
    public var country: String
    public var admin1: String
    public var admin2: String
    public var lat: Double?
    public var lon: Double?
    public var population: Int
    /// Which file the row came from: 0 places.tsv, 1 regions.tsv, 2 places-added.tsv.
    public var file: UInt8

    public var isCountry: Bool { kind.hasPrefix("A.PCL") }
    public var isRegion: Bool { kind == "A.ADM1" }
    public var isAdmin2: Bool { kind == "A.ADM2" }
    public var isPopulated: Bool { kind.hasPrefix("P.") }

    public var ref: PlaceRef {
        PlaceRef(id: id, name: name, country: country.isEmpty ? nil : country, admin1: admin1.isEmpty ? nil : admin1,
                 lat: lat, lon: lon)
    }
}

/// An organization of `organizations.tsv`.
public struct Organization: Sendable {
    public var id: String
    public var name: String
    public var type: String
    public var acronyms: [String]
    public var aliases: [String]
    public var country: String
}

/// A person of `people.tsv`.
public struct Person: Sendable {
    public var id: String
    public var name: String
    public var variants: [String]
    public var roles: String
    public var organizations: [String]
    public var country: String
}

/// A relation of `org-relations.tsv` ("org:mujao merged-into org:al-mourabitoun").
public struct OrgRelation: Sendable {
    public var subject: String
    public var relation: String
    public var object: String
    public var start: String
    public var end: String
}

/// A demonym of `places/demonyms.tsv` ("Malian" → ML, geonames:2453866).
public struct Demonym: Sendable {
    public var country: String
    public var placeId: String
}

/// All the names rex knows, loaded once per process from the data folder and shared by every document.
///
/// Holds the places, organizations and people with their spellings compiled into one `TokenTrie`, the
/// demonyms, the organization relations, and the word lists (`Lexicon`) the recognizers' rules use.
public final class Gazetteer: Sendable {
    public let places: [Place]
    public let organizations: [Organization]
    public let people: [Person]
    public let relations: [OrgRelation]
    /// Demonym key (folded) → demonym.
    public let demonyms: [String: Demonym]
    public let trie: TokenTrie
    public let lexicon: Lexicon
    /// The lexicon's and demonyms' flags of each word, for `TextView.flags`.
    let words: WordTable
    /// What the recognizer and the resolver test of every place, by place index (`PlaceTraits`).
    let placeTraits: [PlaceTraits]
    /// Place id → index into `places`.
    public let placeIndex: [String: Int]
    public let orgIndex: [String: Int]
    public let personIndex: [String: Int]

    init(places: [Place], organizations: [Organization], people: [Person], relations: [OrgRelation],
         demonyms: [String: Demonym], trie: TokenTrie, lexicon: Lexicon, placeIndex: [String: Int]? = nil) {
        self.places = places
        self.organizations = organizations
        self.people = people
        self.relations = relations
        self.demonyms = demonyms
        self.trie = trie
        self.lexicon = lexicon
        words = WordTable(lexicon: lexicon, demonyms: demonyms, trie: trie)
        placeTraits = PlaceTraits.of(places)
        if let placeIndex {
            self.placeIndex = placeIndex
        } else {
            var pi: [String: Int] = [:]
            pi.reserveCapacity(places.count)
            // By index: copying each Place out would retain all its strings.
            for i in places.indices {
                let id = places[i].id
                if pi[id] == nil { pi[id] = i }
            }
            self.placeIndex = pi
        }
        orgIndex = Dictionary(organizations.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        personIndex = Dictionary(people.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    // MARK: Loading

    /// File names inside the data folder.
    public enum Files {
        public static let places = "places/places.tsv"
        public static let regions = "places/regions.tsv"
        public static let placesAdded = "places/places-added.tsv"
        public static let demonyms = "places/demonyms.tsv"
        public static let organizations = "organizations.tsv"
        public static let relations = "org-relations.tsv"
        public static let people = "people.tsv"
    }

    private static let cacheLock = NSLock()
    nonisolated(unsafe) private static var cache: [String: Gazetteer] = [:]

    /// The gazetteer of a data folder, loaded on first use and then shared by the whole process.
    public static func shared(data: URL) throws -> Gazetteer {
        cacheLock.lock()
        defer { cacheLock.unlock() }
        if let g = cache[data.standardizedFileURL.path] { return g }
        let g = try load(data: data)
        cache[data.standardizedFileURL.path] = g
        return g
    }

    /// Loads every gazetteer file and the recognizers' word lists. `places/places.tsv`, `places/demonyms.tsv`
    /// and the word lists are required; the hand-made files (regions, added places, organizations, people,
    /// relations) may be absent, and then hold nothing.
    public static func load(data: URL) throws -> Gazetteer {
        let clock = ContinuousClock()
        let t0 = clock.now
        let trace = ProcessInfo.processInfo.environment["REX_TRACE_LOAD"] != nil
        func mark(_ what: String) { if trace { print("  \(what): \(clock.now - t0)") } }
        let lexicon = try Lexicon(data: data)
        mark("lexicon")
        var builder = TokenTrie.Builder()
        var places: [Place] = []
        let fm = FileManager.default
        let placeFiles = [(Files.places, UInt8(0), true), (Files.regions, 1, false), (Files.placesAdded, 2, false)]
        let stamp = PlaceCache.enabled ? PlaceCache.stamp(data: data, files: placeFiles.map(\.0)) : nil
        var placeIndex: [String: Int]? = nil
        if let stamp, let cached = PlaceCache.read(data: data, stamp: stamp) {
            (places, placeIndex, builder) = cached
            mark("places from \(PlaceCache.url(data: data).path)")
        } else {
            for (file, tag, required) in placeFiles {
                let url = data.appendingPathComponent(file)
                if !required && !fm.fileExists(atPath: url.path) { continue }
                try loadPlaces(TSVReader(url), file: tag, into: &places, builder: &builder)
                mark(file)
            }
            if let stamp {
                PlaceCache.write(data: data, stamp: stamp, places: places, builder: builder)
                mark("cache written")
            }
        }
        let demonyms = try loadDemonyms(data.appendingPathComponent(Files.demonyms))
        let orgURL = data.appendingPathComponent(Files.organizations)
        let orgs = fm.fileExists(atPath: orgURL.path) ? try loadOrganizations(orgURL, builder: &builder) : []
        let peopleURL = data.appendingPathComponent(Files.people)
        let people = fm.fileExists(atPath: peopleURL.path)
            ? try parsePeople(TSVReader(peopleURL), titles: lexicon.titles, builder: &builder) : []
        let relURL = data.appendingPathComponent(Files.relations)
        let relations = fm.fileExists(atPath: relURL.path) ? try loadRelations(relURL) : []
        mark("others")
        builder.intern(words: WordTable.words(lexicon: lexicon, demonyms: demonyms))
        let trie = builder.build()
        mark("trie")
        let g = Gazetteer(places: places, organizations: orgs, people: people, relations: relations,
                          demonyms: demonyms, trie: trie, lexicon: lexicon, placeIndex: placeIndex)
        mark("indexes")
        return g
    }

    /// Builds a gazetteer from rows already in memory (tests and tools): the same parsing as the files.
    public static func load(placesTSV: String, organizationsTSV: String = "", peopleTSV: String = "",
                            demonymsTSV: String = "", lexicon: Lexicon) throws -> Gazetteer {
        var builder = TokenTrie.Builder()
        var places: [Place] = []
        try loadPlaces(TSVReader(path: "places.tsv", bytes: Array(placesTSV.utf8)), file: 0, into: &places, builder: &builder)
        let orgs = try parseOrganizations(TSVReader(path: "organizations.tsv", bytes: Array(organizationsTSV.utf8)), builder: &builder)
        let people = try parsePeople(TSVReader(path: "people.tsv", bytes: Array(peopleTSV.utf8)), titles: lexicon.titles,
                                     builder: &builder)
        let dem = try parseDemonyms(TSVReader(path: "demonyms.tsv", bytes: Array(demonymsTSV.utf8)))
        builder.intern(words: WordTable.words(lexicon: lexicon, demonyms: dem))
        return Gazetteer(places: places, organizations: orgs, people: people, relations: [], demonyms: dem,
                         trie: builder.build(), lexicon: lexicon)
    }

    /// One parsed place row with the keys of its spellings, ready for the trie.
    struct ParsedPlace {
        var place: Place
        var spellings: [(keys: [KeyToken], primary: Bool, acronym: Bool, written: Substring)]
    }

    /// Parses place rows on all cores (the key computation is most of the load), then adds them to the trie
    /// in file order.
    static func loadPlaces(_ r: TSVReader, file: UInt8, into places: inout [Place], builder: inout TokenTrie.Builder) throws {
        let clock = ContinuousClock()
        let t0 = clock.now
        let trace = ProcessInfo.processInfo.environment["REX_TRACE_LOAD"] != nil
        func mark(_ what: String) { if trace { print("    \(what): \(clock.now - t0)") } }
        var collected: [TSVReader.Row] = []
        r.forEachRow { collected.append($0) }
        mark("split rows")
        let rows = collected
        let chunks = max(1, min(ProcessInfo.processInfo.activeProcessorCount, rows.count / 5000 + 1))
        let size = (rows.count + chunks - 1) / chunks
        let slots = Slots<Result<[ParsedPlace], DataError>>(count: chunks, initial: .success([]))
        DispatchQueue.concurrentPerform(iterations: chunks) { k in
            var out: [ParsedPlace] = []
            out.reserveCapacity(size)
            do {
                for row in rows[min(rows.count, k * size)..<min(rows.count, (k + 1) * size)] {
                    out.append(try parsePlace(r, row, file: file))
                }
                slots.set(k, .success(out))
            } catch let e as DataError {
                slots.set(k, .failure(e))
            } catch {
                slots.set(k, .failure(.unreadable(file: r.path)))
            }
        }
        var results: [[ParsedPlace]] = []
        for k in 0..<chunks { results.append(try slots.get(k).get()) }
        mark("rows and keys (\(chunks) workers)")
        for chunk in results {
            for parsed in chunk {
                let index = Int32(places.count)
                places.append(parsed.place)
                for sp in parsed.spellings {
                    builder.add(keys: sp.keys, kind: .place, index: index, primary: sp.primary, acronym: sp.acronym,
                                written: sp.written)
                }
            }
        }
        mark("trie inserts")
    }

    static func parsePlace(_ r: TSVReader, _ row: TSVReader.Row, file: UInt8) throws -> ParsedPlace {
        guard row.fields.count >= 10 else {
            throw r.error(row.line, "expected at least 10 tab-separated fields (id name kind country admin1 admin2 lat lon population names …), found \(row.fields.count)")
        }
        let id = r.string(row.fields[0])
        guard !id.isEmpty else { throw r.error(row.line, "empty id") }
        let name = r.string(row.fields[1])
        let kind = r.string(row.fields[2])
        var place = Place(id: id, name: name, kind: kind, country: r.string(row.fields[3]),
                          admin1: r.string(row.fields[4]), admin2: r.string(row.fields[5]),
                          lat: r.double(row, 6), lon: r.double(row, 7), population: 0, file: file)
        if !row.fields[8].isEmpty {
            guard let pop = Int(r.string(row.fields[8])) else { throw r.error(row.line, "population is not an integer") }
            place.population = pop
        }
        if !row.fields[6].isEmpty && place.lat == nil || !row.fields[7].isEmpty && place.lon == nil {
            throw r.error(row.line, "lat/lon is not a number")
        }
        var parsed = ParsedPlace(place: place, spellings: [])
        let nameKeys = NameKey.keys(name[...])
        // Short all-capital alternates of ordinary places are airport and map codes (GAQ, BKO): only countries
        // and hand-made rows keep acronyms.
        let broadPlace = kind.hasPrefix("A.PCL") || file != 0
        func add(_ s: Substring, _ keys: [KeyToken], primary: Bool) {
            var keys = keys
            // "the Sahel" is keyed as "Sahel": a place's span never starts with the article.
            if keys.count > 1, keys[0].key == "the" { keys.removeFirst() }
            let acronym = NameKey.isAcronym(s)
            if acronym && !broadPlace { return }
            parsed.spellings.append((keys, primary, acronym, s))
        }
        add(name[...], nameKeys, primary: true)
        let names = r.string(row.fields[9])
        for spelling in names.split(separator: "|") {
            let keys = NameKey.keys(spelling)
            if keys == nameKeys { continue }
            add(spelling, keys, primary: false)
        }
        return parsed
    }

    static func loadDemonyms(_ url: URL) throws -> [String: Demonym] { try parseDemonyms(TSVReader(url)) }

    static func parseDemonyms(_ r: TSVReader) throws -> [String: Demonym] {
        var out: [String: Demonym] = [:]
        try r.forEachRow { row in
            guard row.fields.count >= 3 else { throw r.error(row.line, "expected demonym<TAB>country<TAB>place_id") }
            let keys = NameKey.keys(r.string(row.fields[0])[...])
            guard keys.count == 1 else { return }
            out[keys[0].key] = Demonym(country: r.string(row.fields[1]), placeId: r.string(row.fields[2]))
        }
        return out
    }

    static func loadOrganizations(_ url: URL, builder: inout TokenTrie.Builder) throws -> [Organization] {
        try parseOrganizations(TSVReader(url), builder: &builder)
    }

    static func parseOrganizations(_ r: TSVReader, builder: inout TokenTrie.Builder) throws -> [Organization] {
        var out: [Organization] = []
        try r.forEachRow { row in
            guard row.fields.count >= 5 else {
                throw r.error(row.line, "expected id<TAB>name<TAB>type<TAB>acronyms<TAB>aliases[<TAB>country<TAB>source]")
            }
            let org = Organization(id: r.string(row.fields[0]), name: r.string(row.fields[1]), type: r.string(row.fields[2]),
                                   acronyms: r.field(row, 3).split(separator: "|").map(String.init),
                                   aliases: r.field(row, 4).split(separator: "|").map(String.init),
                                   country: r.field(row, 5))
            guard org.id.hasPrefix("org:") else { throw r.error(row.line, "organization id '\(org.id)' must start with org:") }
            let index = Int32(out.count)
            out.append(org)
            for a in org.acronyms {
                builder.add(keys: NameKey.keys(a[...]), kind: .org, index: index, primary: false, acronym: true, written: a[...])
            }
            let spellings = [org.name] + org.aliases
            let plainKeys = Set(spellings.map { NameKey.keys($0[...]).map(\.key) })
            for (k, s) in spellings.enumerated() {
                // An all-capital alias is an acronym too.
                let acr = NameKey.isAcronym(s[...])
                var (keys, written) = withoutArticle(s)
                // "the Gendarmerie" when "Gendarmerie" is a spelling too: keyed without the article.
                if keys.count == 2, keys[0].key == "the", plainKeys.contains([keys[1].key]), let sp = s.firstIndex(of: " ") {
                    keys.removeFirst()
                    written = s[s.index(after: sp)...]
                }
                builder.add(keys: keys, kind: .org, index: index, primary: k == 0, acronym: acr, written: written,
                            keepSurface: true)
            }
        }
        return out
    }

    /// People; a variant written with a title ("Colonel Assimi Goïta") is keyed without it: spans of people
    /// never include titles.
    static func parsePeople(_ r: TSVReader, titles: [[String]], builder: inout TokenTrie.Builder) throws -> [Person] {
        var out: [Person] = []
        try r.forEachRow { row in
            guard row.fields.count >= 3 else {
                throw r.error(row.line, "expected id<TAB>name<TAB>variants[<TAB>roles<TAB>organizations<TAB>country<TAB>source]")
            }
            let p = Person(id: r.string(row.fields[0]), name: r.string(row.fields[1]),
                           variants: r.field(row, 2).split(separator: "|").map(String.init), roles: r.field(row, 3),
                           organizations: r.field(row, 4).split(separator: "|").map(String.init), country: r.field(row, 5))
            guard p.id.hasPrefix("person:") else { throw r.error(row.line, "person id '\(p.id)' must start with person:") }
            let index = Int32(out.count)
            out.append(p)
            for (k, s) in ([p.name] + p.variants).enumerated() {
                var (keys, written) = withoutArticle(s)
                var stripped = true
                while stripped {
                    stripped = false
                    for t in titles where t.count < keys.count && Array(keys.prefix(t.count).map(\.key)) == t {
                        keys.removeFirst(t.count)
                        let parts = NameKey.split(written)
                        if parts.count == keys.count + t.count { written = written[parts[t.count].startIndex...] }
                        stripped = true
                        break
                    }
                }
                builder.add(keys: keys, kind: .person, index: index, primary: k == 0, acronym: false,
                            written: written, keepSurface: true)
            }
        }
        return out
    }

    /// "the United Nations" is keyed as "United Nations" (spans never start with the article), but "The Hill"
    /// keeps it: without it the name is a common word.
    static func withoutArticle(_ s: String) -> ([KeyToken], Substring) {
        let keys = NameKey.keys(s[...])
        guard keys.count > 2, keys[0].key == "the", let space = s.firstIndex(of: " ") else { return (keys, s[...]) }
        return (Array(keys.dropFirst()), s[s.index(after: space)...])
    }

    static func loadRelations(_ url: URL) throws -> [OrgRelation] {
        let r = try TSVReader(url)
        var out: [OrgRelation] = []
        try r.forEachRow { row in
            guard row.fields.count >= 3 else { throw r.error(row.line, "expected subject<TAB>relation<TAB>object[<TAB>start<TAB>end<TAB>source]") }
            out.append(OrgRelation(subject: r.string(row.fields[0]), relation: r.string(row.fields[1]),
                                   object: r.string(row.fields[2]), start: r.field(row, 3), end: r.field(row, 4)))
        }
        return out
    }

    // MARK: Look-ups for later stages

    /// The country a demonym or adjective names ("Malian", "maliennes" → Mali), for linking actors.
    public func demonym(_ word: String) -> Demonym? { demonyms[NameKey.key(word[...]).key] }

    public func place(id: String) -> Place? { placeIndex[id].map { places[$0] } }
    public func organization(id: String) -> Organization? { orgIndex[id].map { organizations[$0] } }
    public func person(id: String) -> Person? { personIndex[id].map { people[$0] } }
}

/// Results written by concurrent workers, one slot each.
final class Slots<T>: @unchecked Sendable {
    private var values: [T]
    private let lock = NSLock()
    init(count: Int, initial: T) { values = Array(repeating: initial, count: count) }
    func set(_ k: Int, _ v: T) { lock.lock(); values[k] = v; lock.unlock() }
    func get(_ k: Int) -> T { lock.lock(); defer { lock.unlock() }; return values[k] }
}
