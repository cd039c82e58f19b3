import Foundation

/// A binary copy of the parsed place files (`places/places.tsv`, `regions.tsv`, `places-added.tsv`): the places
/// and the name trie built from their spellings, so that start-up reads one file instead of splitting 130,000
/// rows and computing the keys of every spelling again.
///
/// The cache is derived data and never edited: it lives in `.cache/` inside the data folder (git-ignored) and
/// records the size and modification time of each place file and of the running executable (whose code
/// computes the keys). When any of them differs — a town added, a rebuilt rex — the places are parsed from the
/// TSV files again and the cache is rewritten. One file per executable path; those of other executables
/// untouched for a week are removed when a cache is written. A cache that cannot be read or written is ignored;
/// set `REX_PLACE_CACHE=off` to never use one.
enum PlaceCache {
    /// Bump when the layout below changes.
    static let format = "rex-place-cache 2"

    static var enabled: Bool { ProcessInfo.processInfo.environment["REX_PLACE_CACHE"] != "off" }

    /// One cache per executable path (a debug and a release build do not overwrite each other's).
    static func url(data: URL) -> URL {
        var h: UInt64 = 0xcbf29ce484222325  // FNV-1a
        for b in executablePath().utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return data.appendingPathComponent(".cache/places-\(String(h, radix: 16)).bin")
    }

    /// What the cached content depends on: the format, the place files' sizes and modification times (nanoseconds),
    /// and the executable's.
    static func stamp(data: URL, files: [String]) -> String {
        var parts = [format]
        for f in files { parts.append(f + "=" + fileStamp(data.appendingPathComponent(f).path)) }
        parts.append("exe=" + fileStamp(executablePath()))
        return parts.joined(separator: "|")
    }

    static func fileStamp(_ path: String) -> String {
        var st = stat()
        guard stat(path, &st) == 0 else { return "absent" }
        return "\(st.st_size):\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec):\(st.st_ino)"
    }

    static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first ?? ""
    }

    // MARK: Reading

    /// The places (with their id index) and trie builder of a valid cache, or nil (no cache, stale, unreadable).
    /// The two halves are decoded on two threads.
    static func read(data: URL, stamp: String) -> (places: [Place], placeIndex: [String: Int], builder: TokenTrie.Builder)? {
        guard let bytes = FileManager.default.contents(atPath: url(data: data).path) else { return nil }
        let parts = bytes.withUnsafeBytes { raw -> (Range<Int>, Range<Int>)? in
            var r = Reader(raw)
            guard r.string() == stamp else { return nil }
            let placesLength = r.int(), builderLength = r.int()
            guard let p = r.take(placesLength), let b = r.take(builderLength), r.at == raw.count else { return nil }
            return (p..<p + placesLength, b..<b + builderLength)
        }
        guard let (placesRange, builderRange) = parts else { return nil }
        let placesPart = Data(bytes[placesRange]), builderPart = Data(bytes[builderRange])
        let placesSlot = Slots<([Place], [String: Int])?>(count: 1, initial: nil)
        let builderSlot = Slots<TokenTrie.Builder?>(count: 1, initial: nil)
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            if k == 0 {
                placesSlot.set(0, placesPart.withUnsafeBytes { readPlaces($0) })
            } else {
                builderSlot.set(0, builderPart.withUnsafeBytes { readBuilder($0) })
            }
        }
        guard let (places, index) = placesSlot.get(0), let builder = builderSlot.get(0) else { return nil }
        return (places, index, builder)
    }

    static func readPlaces(_ raw: UnsafeRawBufferPointer) -> ([Place], [String: Int])? {
        var r = Reader(raw)
        let placeCount = r.int()
        guard placeCount >= 0, placeCount < raw.count else { return nil }
        var places: [Place] = []
        places.reserveCapacity(placeCount)
        var index: [String: Int] = [:]
        index.reserveCapacity(placeCount)
        for i in 0..<placeCount {
            let id = r.string(), name = r.string(), kind = r.string(), country = r.string()
            let admin1 = r.string(), admin2 = r.string()
            let lat = r.optionalDouble(), lon = r.optionalDouble()
            let population = r.int()
            let file = r.byte()
            places.append(Place(id: id, name: name, kind: kind, country: country, admin1: admin1, admin2: admin2,
                                lat: lat, lon: lon, population: population, file: file))
            if index[id] == nil { index[id] = i }
        }
        return r.ok && r.at == raw.count ? (places, index) : nil
    }

    static func readBuilder(_ raw: UnsafeRawBufferPointer) -> TokenTrie.Builder? {
        var r = Reader(raw)
        var b = TokenTrie.Builder()
        let tokenCount = r.int()
        guard tokenCount >= 0, tokenCount < raw.count else { return nil }
        b.tokenIds.reserveCapacity(tokenCount)
        b.words.reserveCapacity(tokenCount)
        for id in 0..<tokenCount {
            let word = r.string()
            b.tokenIds[word] = Int32(id)
            b.words.append(word)
        }
        let edgeCount = r.int()
        guard edgeCount >= 0, edgeCount < raw.count else { return nil }
        b.edges.reserveCapacity(edgeCount)
        for _ in 0..<edgeCount {
            let key = r.u64()
            b.edges[key] = r.i32()
        }
        b.nodeCount = r.i32()
        let pairCount = r.int()
        guard pairCount >= 0, pairCount < raw.count else { return nil }
        b.pairs.reserveCapacity(pairCount)
        for _ in 0..<pairCount {
            let node = r.i32()
            guard let kind = NameRef.Kind(rawValue: r.byte()) else { return nil }
            let index = r.i32(), flags = r.byte(), surface = r.i32()
            b.pairs.append((node, NameRef(kind: kind, index: index, flags: flags, surface: surface)))
        }
        let surfaceCount = r.int()
        guard surfaceCount >= 0, surfaceCount < raw.count else { return nil }
        for i in 0..<surfaceCount {
            let s = r.string()
            b.surfaces.append(s)
            b.surfaceIds[s] = Int32(i)
        }
        if r.byte() == 1, let kind = NameRef.Kind(rawValue: r.byte()) { b.current = (kind, r.i32()) }
        let currentCount = r.int()
        guard currentCount >= 0, currentCount < raw.count else { return nil }
        for _ in 0..<currentCount {
            let node = r.i32()
            b.currentNodes[node] = r.int()
        }
        return r.ok && r.at == raw.count ? b : nil
    }

    /// Reads little-endian values; after a read past the end, `ok` is false and values are zero.
    struct Reader {
        let raw: UnsafeRawBufferPointer
        var at = 0
        var ok = true
        init(_ raw: UnsafeRawBufferPointer) { self.raw = raw }

        mutating func take(_ n: Int) -> Int? {
            guard ok, n >= 0, at + n <= raw.count else { ok = false; return nil }
            defer { at += n }
            return at
        }
        mutating func u64() -> UInt64 {
            guard let a = take(8) else { return 0 }
            return UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: a, as: UInt64.self))
        }
        mutating func i32() -> Int32 {
            guard let a = take(4) else { return 0 }
            return Int32(littleEndian: raw.loadUnaligned(fromByteOffset: a, as: Int32.self))
        }
        mutating func int() -> Int { Int(Int64(bitPattern: u64())) }
        mutating func byte() -> UInt8 {
            guard let a = take(1) else { return 0 }
            return raw[a]
        }
        mutating func optionalDouble() -> Double? {
            let present = byte()
            let bits = u64()
            return present == 1 ? Double(bitPattern: bits) : nil
        }
        mutating func string() -> String {
            let n = Int(i32())
            guard let a = take(n) else { return "" }
            return String(decoding: UnsafeRawBufferPointer(rebasing: raw[a..<a + n]), as: UTF8.self)
        }
    }

    // MARK: Writing

    /// Writes the cache (to a temporary file renamed into place, so that readers never see half a file);
    /// failures are ignored.
    static func write(data: URL, stamp: String, places: [Place], builder b: TokenTrie.Builder) {
        var w = Writer()
        w.int(places.count)
        for i in places.indices {
            let p = places[i]
            for s in [p.id, p.name, p.kind, p.country, p.admin1, p.admin2] { w.string(s) }
            w.optionalDouble(p.lat)
            w.optionalDouble(p.lon)
            w.int(p.population)
            w.byte(p.file)
        }
        let placesPart = w.bytes
        w = Writer()
        var tokens = [String](repeating: "", count: b.tokenIds.count)
        for (s, id) in b.tokenIds { tokens[Int(id)] = s }
        w.int(tokens.count)
        for s in tokens { w.string(s) }
        w.int(b.edges.count)
        for (k, v) in b.edges { w.u64(k); w.i32(v) }
        w.i32(b.nodeCount)
        w.int(b.pairs.count)
        for p in b.pairs {
            w.i32(p.node); w.byte(p.ref.kind.rawValue); w.i32(p.ref.index); w.byte(p.ref.flags); w.i32(p.ref.surface)
        }
        w.int(b.surfaces.count)
        for s in b.surfaces { w.string(s) }
        if let c = b.current { w.byte(1); w.byte(c.kind.rawValue); w.i32(c.index) } else { w.byte(0) }
        w.int(b.currentNodes.count)
        for (node, at) in b.currentNodes { w.i32(node); w.int(at) }
        let builderPart = w.bytes
        w = Writer()
        w.string(stamp)
        w.int(placesPart.count)
        w.int(builderPart.count)
        w.bytes += placesPart
        w.bytes += builderPart

        let target = url(data: data)
        let fm = FileManager.default
        let temp = target.deletingLastPathComponent().appendingPathComponent(target.lastPathComponent + ".\(getpid()).tmp")
        do {
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard fm.createFile(atPath: temp.path, contents: Data(w.bytes)) else { return }
            if rename(temp.path, target.path) != 0 { try? fm.removeItem(at: temp) }
            pruneOthers(than: target)
        } catch {
            try? fm.removeItem(at: temp)
        }
    }

    /// Removes the caches of other executables that no run has rewritten for a week (old builds, moved copies).
    static func pruneOthers(than target: URL) {
        let fm = FileManager.default
        let dir = target.deletingLastPathComponent()
        let weekAgo = Date().addingTimeInterval(-7 * 24 * 3600)
        for name in (try? fm.contentsOfDirectory(atPath: dir.path)) ?? []
        where name.hasPrefix("places-") && name.hasSuffix(".bin") && name != target.lastPathComponent {
            let path = dir.appendingPathComponent(name).path
            if let date = (try? fm.attributesOfItem(atPath: path))?[.modificationDate] as? Date, date < weekAgo {
                try? fm.removeItem(atPath: path)
            }
        }
    }

    struct Writer {
        var bytes: [UInt8] = []
        mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
        mutating func i32(_ v: Int32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
        mutating func int(_ v: Int) { u64(UInt64(bitPattern: Int64(v))) }
        mutating func byte(_ v: UInt8) { bytes.append(v) }
        mutating func optionalDouble(_ v: Double?) { byte(v == nil ? 0 : 1); u64(v?.bitPattern ?? 0) }
        mutating func string(_ s: String) {
            var s = s
            s.withUTF8 { u in
                i32(Int32(u.count))
                bytes.append(contentsOf: u)
            }
        }
    }
}
