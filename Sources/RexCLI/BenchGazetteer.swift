import ArgumentParser
import Foundation
import Rex

struct BenchGazetteer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-gazetteer",
        abstract: "Measure gazetteer load time and name-matching throughput.",
        discussion: """
        Loads the gazetteers of the data folder several times (the load a process pays once), then runs the
        name recognizer over the given texts joined and repeated, and reports MB/s and tokens/s. The trie walk
        alone is also timed with the full gazetteer and with one built from its first 1,000 places, to show
        that matching time does not grow with the number of names. Build with `swift build -c release`.
        """
    )

    @Argument(help: "Text files or folders to match (e.g. Corpus/raw).")
    var paths: [String]

    @Option(help: "How many times the joined text is repeated.")
    var `repeat`: Int = 20

    @Option(help: "How many times the gazetteer is loaded (the fastest and the median are reported).")
    var loads: Int = 5

    @Option(help: "The data folder (Gazetteers/); default: $REX_DATA, ./Gazetteers, or the clone rex was built in.")
    var data: String?

    func run() throws {
        let dataURL = try DataDirectory.locate(explicit: data)
        let clock = ContinuousClock()
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }

        var loadTimes: [Double] = []
        var gazetteer: Gazetteer! = nil
        for _ in 0..<max(1, loads) {
            gazetteer = nil  // freeing the previous one is not part of a load
            let t0 = clock.now
            gazetteer = try Gazetteer.load(data: dataURL)
            loadTimes.append(seconds(clock.now - t0))
        }
        loadTimes.sort()
        let placeFile = dataURL.appendingPathComponent(Gazetteer.Files.places)
        print("data: \(dataURL.path)")
        print("gazetteer: \(gazetteer.places.count) places, \(gazetteer.organizations.count) organizations, "
              + "\(gazetteer.people.count) people, \(gazetteer.demonyms.count) demonyms")
        print("trie: \(gazetteer.trie.nameCount) names (entry, spelling key), \(gazetteer.trie.nodeCount) nodes")
        print(String(format: "load: fastest %.3f s, median %.3f s over %d loads", loadTimes[0],
                     loadTimes[loadTimes.count / 2], loadTimes.count))

        // The text: every file joined, repeated.
        var pieces: [String] = []
        for path in paths {
            let (files, errors) = InputFiles.expand([path])
            for e in errors { FileHandle.standardError.write(Data((e + "\n").utf8)) }
            for f in files {
                guard let data = FileManager.default.contents(atPath: f) else { continue }
                pieces.append(String(decoding: data, as: UTF8.self))
            }
        }
        guard !pieces.isEmpty else { throw ValidationError("no text to match: give files or folders") }
        let text = Array(repeating: pieces.joined(separator: "\n\n"), count: max(1, `repeat`)).joined(separator: "\n\n")
        var doc = Document(id: "bench", text: text)
        try Tokenizer().process(&doc)
        try SentenceSplitter(data: dataURL).process(&doc)
        let bytes = Double(text.utf8.count)
        let tokens = Double(doc.tokens.count)
        print(String(format: "text: %.2f MB, %d tokens (%d files × %d)", bytes / 1e6, doc.tokens.count, pieces.count, `repeat`))

        let recognizer = NameRecognizer(gazetteer: gazetteer)
        let t0 = clock.now
        let mentions = recognizer.recognize(doc)
        let full = seconds(clock.now - t0)
        print(String(format: "recognizer: %.3f s, %.2f MB/s, %.0f tokens/s, %d mentions", full, bytes / 1e6 / full,
                     tokens / full, mentions.count))

        // The trie walk alone, full gazetteer vs a small one.
        let walkFull = walk(gazetteer.trie, doc)
        let small = try smallGazetteer(placeFile, lexicon: gazetteer.lexicon, rows: 1000)
        let walkSmall = walk(small.trie, doc)
        print(String(format: "trie walk: %.3f s with %d names (%.0f tokens/s); %.3f s with %d names (%.0f tokens/s)",
                     walkFull.0, gazetteer.trie.nameCount, tokens / walkFull.0, walkSmall.0, small.trie.nameCount,
                     tokens / walkSmall.0))
    }

    /// Times every trie look-up of the recognizer's first step (no rules, no resolution).
    func walk(_ trie: TokenTrie, _ doc: Document) -> (Double, Int) {
        let clock = ContinuousClock()
        let t0 = clock.now
        var ids: [Int32] = []
        ids.reserveCapacity(doc.tokens.count)
        for t in doc.tokens where t.folded != "-" { ids.append(trie.tokenId(NameKey.key(t.folded[...]).key) ?? -1) }
        var found = 0
        for p in 0..<ids.count where ids[p] >= 0 { found += trie.matches(ids, from: p).count }
        let d = clock.now - t0
        return (Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18, found)
    }

    func smallGazetteer(_ placeFile: URL, lexicon: Lexicon, rows: Int) throws -> Gazetteer {
        let text = String(decoding: FileManager.default.contents(atPath: placeFile.path) ?? Data(), as: UTF8.self)
        var kept: [Substring] = []
        var n = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#") || line.isEmpty { continue }
            kept.append(line)
            n += 1
            if n >= rows { break }
        }
        return try Gazetteer.load(placesTSV: kept.joined(separator: "\n"), lexicon: lexicon)
    }
}
