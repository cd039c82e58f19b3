import ArgumentParser
import Foundation
import Rex
import RexStore

struct Annotate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Annotate reports and write document/1 JSON Lines, JSON files, BRAT standoff or a database.",
        discussion: """
        PATH is a file (.txt, .text, .html, .htm), a folder (read recursively), or - for standard input. \
        With --stdin-jsonl, each input line is {"id": …, "text": … or "html": …, "dct": …} and each output \
        line is the annotated document with the same id. Output keeps input order whatever --jobs is. \
        A file that fails is reported on standard error with its path and reason; the others still come \
        out, and the exit code is 1.

        Outputs: --format jsonl (default) writes JSON Lines to --out or standard output; --format json-dir \
        writes one NAME.json per document into the --out folder; --format brat writes NAME.txt and NAME.ann \
        (BRAT standoff, with the collection's annotation.conf) into the --out folder, for correction in brat \
        and `rex import-brat`. --db stores the documents in a SQLite file or a PostgreSQL database \
        (postgres://user@host:port/database); with --db and no --out, nothing else is written.

        What is skipped: with --db, an input whose content (SHA-256 of its bytes) the database already holds \
        is not annotated again — the same file unchanged, or a copy of a stored file under another name; a \
        file whose content changed is annotated again and replaces its old rows in one transaction. --force \
        annotates and stores everything anyway. --since DATE skips files last modified before DATE (with or \
        without --db; standard input and --stdin-jsonl records are never skipped by date). A run stopped \
        midway leaves whole documents only; running it again finishes the job.

        Examples:
          rex annotate reports/ --db corpus.sqlite       # later runs: only what is new
          rex annotate reports/ --db postgres://rex@localhost/rex --since 2024-06-01
          rex annotate reports/ --format brat --out brat/   # correct in brat, then
          rex import-brat brat/ --out Corpus/gold
        """
    )

    @Argument(help: "Files, folders, or - for standard input.")
    var paths: [String] = []

    @Option(name: .shortAndLong, help: "Where documents go: the JSON Lines file (default: standard output, or nothing with --db), or the folder for json-dir and brat.")
    var out: String?

    @Option(help: "Output format: jsonl, json-dir (one JSON file per document) or brat (BRAT standoff).")
    var format: CorpusFormat = .jsonl

    @Option(help: "Store documents in this database: a SQLite file (created if missing) or postgres://user[:password]@host[:port]/database. Inputs it already holds are skipped.")
    var db: String?

    @Option(help: "Skip files last modified before this time (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS, local time).")
    var since: String?

    @Flag(help: "With --db: annotate and store every input, even those the database already holds.")
    var force = false

    @Option(help: "Document creation time (YYYY, YYYY-MM or YYYY-MM-DD) used to anchor dates; overrides the document's own.")
    var dct: String?

    @Option(help: "Documents processed in parallel (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Read documents as JSON Lines from standard input.")
    var stdinJsonl = false

    @Option(help: "The data folder (Gazetteers/); default: $REX_DATA, ./Gazetteers, or the clone rex was built in.")
    var data: String?

    @Option(help: "A regional gazetteer pack inside the data folder (packs/NAME), e.g. latam for Latin America.")
    var pack: String?

    @Option(help: "Refuse files larger than this many bytes.")
    var maxBytes: Int = 50_000_000

    @Flag(help: "No progress line on standard error.")
    var quiet = false

    func validate() throws {
        if stdinJsonl && !paths.isEmpty { throw ValidationError("--stdin-jsonl reads standard input; give no PATH with it") }
        if !stdinJsonl && paths.isEmpty { throw ValidationError("give at least one PATH (a file, a folder, or -), or --stdin-jsonl") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let dct, !DCT.isValid(dct) { throw ValidationError("--dct '\(dct)' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD") }
        if format != .jsonl && out == nil { throw ValidationError("--format \(format.rawValue) writes into a folder: give --out FOLDER") }
        if force && db == nil { throw ValidationError("--force re-annotates what --db holds: give --db") }
        if let since, Since.parse(since) == nil {
            throw ValidationError("--since '\(since)' is not a time: use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS")
        }
    }

    func run() async throws {
        let dataURL = try DataDirectory.locate(explicit: data, pack: pack)
        let pipeline = try Rex.defaultPipeline(data: dataURL)
        let runner = BatchRunner(ingestor: Ingestor(maxBytes: maxBytes, dct: dct), pipeline: pipeline, jobs: jobs)
        let output: CorpusOutput? = (db != nil && out == nil) ? nil : try CorpusOutput(format: format, path: out)
        var failures = 0
        var done = 0
        var written = 0
        let progress = Progress(enabled: !quiet && Console.stderrIsTerminal)

        var store: DocumentStore? = nil
        var runNumber: Int64? = nil
        var index: StoreIndex? = nil
        if let db {
            let s = try await DocumentStore.open(db)
            store = s
            index = try await s.index()
            runNumber = try await s.beginRun(RunInfo(
                rexVersion: RexVersion.current, command: CommandLine.arguments.joined(separator: " "),
                pipeline: pipeline.stages.map(\.name), dataDirectory: dataURL.path))
        }
        let filter = InputFilter(index: force ? nil : index, since: since.flatMap(Since.parse), maxBytes: maxBytes)

        let inputs: AnySequence<BatchInput>
        var total: Int? = nil
        if stdinJsonl {
            inputs = AnySequence(JSONLInputs(dct: dct))
        } else {
            var list: [BatchInput] = []
            for path in paths {
                if path == "-" {
                    list.append(.stdin(bytes: Array(FileHandle.standardInput.readDataToEndOfFile())))
                    continue
                }
                let (files, errors) = InputFiles.expand([path])
                for e in errors { Console.error(e); failures += 1 }
                list.append(contentsOf: files.map { BatchInput.file(path: $0) })
            }
            total = list.count
            inputs = AnySequence(list)
        }
        filter.onSkip = { progress.update(done: done, skipped: filter.skipped, total: total, failures: failures) }
        // Each worker encodes its own document's JSON line: encoding in the ordered, one-at-a-time emit would
        // hold every worker back.
        let encode = output?.encodesLines ?? false
        await runner.run(inputs, accept: { filter.accept($0) },
                         prepare: { doc in (doc, encode ? try DocumentJSON.lineBytes(doc) : nil) }) { _, input, result in
            done += 1
            switch result {
            case let .success((doc, line)):
                if let store {
                    do {
                        try await store.write(doc, origin: InputFilter.origin(of: input), run: runNumber)
                        written += 1
                    } catch {
                        if progress.enabled { Console.status("\r\u{1B}[K") }
                        Console.error("\(input.label): not stored: \(error)")
                        failures += 1
                    }
                }
                do { try output?.write(doc, line: line) } catch {
                    Console.error("\(input.label): cannot write the document: \(error)")
                    failures += 1
                }
            case let .failure(error):
                if progress.enabled { Console.status("\r\u{1B}[K") }
                Console.error("\(error)")
                failures += 1
            }
            progress.update(done: done, skipped: filter.skipped, total: total, failures: failures)
        }
        try output?.finish()
        if let store, let runNumber {
            // Files whose content is now another stored file's: their old rows are stale.
            for origin in filter.staleOrigins { try await store.remove(origin: origin) }
            try await store.finishRun(runNumber, written: written, skipped: filter.skipped, failed: failures)
            try await store.close()
        }
        progress.finish(done: done, skipped: filter.skipped, failures: failures)
        if failures > 0 {
            throw ExitCode(1)
        }
    }
}

/// Decides, before any annotation, which inputs a run skips: files older than --since, and with --db inputs
/// whose content the database already holds (read and hashed here, so that the pipeline never runs on them).
final class InputFilter {
    private var index: StoreIndex?
    let since: Date?
    let maxBytes: Int
    private(set) var skipped = 0
    /// Origins whose stored content is stale: the file now holds another stored file's content.
    private(set) var staleOrigins: [String] = []
    private var acceptedHashes = Set<String>()
    var onSkip: () -> Void = {}

    init(index: StoreIndex?, since: Date?, maxBytes: Int) {
        self.index = index
        self.since = since
        self.maxBytes = maxBytes
    }

    /// The store's key for an input: a file's absolute path, else its id.
    static func origin(of input: BatchInput) -> String {
        switch input {
        case let .file(path): return Origin.file(path)
        case .stdin: return Origin.id("stdin")
        case let .record(id, _, _, _): return Origin.id(id)
        case let .invalid(line, _): return Origin.id("line-\(line)")
        }
    }

    func accept(_ input: BatchInput) -> Bool {
        if let since, case let .file(path) = input,
           let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
           modified < since {
            return skip()
        }
        guard let index else { return true }
        let bytes: [UInt8]
        switch input {
        case let .file(path):
            // Unreadable or too large: let the ingestor report it.
            guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size <= maxBytes,
                  let data = FileManager.default.contents(atPath: path) else { return true }
            bytes = [UInt8](data)
        case let .stdin(b): bytes = b
        case let .record(_, content, _, _): bytes = Array(content.utf8)
        case .invalid: return true
        }
        let sha = SHA256.hex(bytes)
        let origin = Self.origin(of: input)
        switch index.decide(origin: origin, sha256: sha) {
        case .unchanged:
            return skip()
        case .duplicate:
            if index.byOrigin[origin] != nil { staleOrigins.append(origin) }
            return skip()
        case .new, .changed:
            // The same content twice in one batch is annotated once.
            return acceptedHashes.insert(sha).inserted ? true : skip()
        }
    }

    private func skip() -> Bool {
        skipped += 1
        onSkip()
        return false
    }
}

/// Parses --since.
enum Since {
    static func parse(_ s: String) -> Date? {
        for format in ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd"] {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = .current
            f.dateFormat = format
            if let d = f.date(from: s) { return d }
        }
        return nil
    }
}

/// A one-line progress display on a terminal: documents done, skipped, rate, errors. Silent in pipes.
final class Progress {
    let enabled: Bool
    private let start = Date()
    private var last = Date.distantPast
    init(enabled: Bool) { self.enabled = enabled }

    func update(done: Int, skipped: Int = 0, total: Int?, failures: Int) {
        guard enabled, Date().timeIntervalSince(last) > 0.2 else { return }
        last = Date()
        let rate = Double(done) / max(Date().timeIntervalSince(start), 0.001)
        let of = total.map { "/\($0)" } ?? ""
        let skip = skipped > 0 ? ", \(skipped) skipped" : ""
        Console.status(String(format: "\r\u{1B}[K%d%@ documents%@, %.1f/s, %d errors", done + skipped, of, skip, rate, failures))
    }

    func finish(done: Int, skipped: Int = 0, failures: Int) {
        guard enabled else { return }
        let secs = Date().timeIntervalSince(start)
        let skip = skipped > 0 ? ", \(skipped) skipped (already stored or older than --since)" : ""
        Console.status(String(format: "\r\u{1B}[K%d documents annotated in %.1f s%@, %d errors\n", done, secs, skip, failures))
    }
}

/// Documents read lazily from JSON Lines on standard input; a bad line becomes a failed input, not a stop.
struct JSONLInputs: Sequence, IteratorProtocol {
    let dct: String?
    var lineNumber = 0

    init(dct: String?) { self.dct = dct }

    mutating func next() -> BatchInput? {
        while let line = readLine(strippingNewline: true) {
            lineNumber += 1
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            return parse(line)
        }
        return nil
    }

    func parse(_ line: String) -> BatchInput {
        let bad = { (reason: String) in BatchInput.invalid(line: lineNumber, reason: reason) }
        guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            return bad("not a JSON object")
        }
        let id = (obj["id"] as? String) ?? (obj["id"] as? NSNumber)?.stringValue ?? "line-\(lineNumber)"
        var docDct = obj["dct"] as? String
        if let d = dct { docDct = d }
        if let d = docDct, !DCT.isValid(d) { return bad("(id \(id)) dct '\(d)' is not an ISO date") }
        if let text = obj["text"] as? String { return .record(id: id, content: text, format: .text, dct: docDct) }
        if let html = obj["html"] as? String { return .record(id: id, content: html, format: .html, dct: docDct) }
        return bad("(id \(id)) needs a \"text\" or \"html\" string")
    }
}

/// Checks user-given document times.
enum DCT {
    static func isValid(_ s: String) -> Bool {
        s.range(of: #"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"#, options: .regularExpression) != nil
    }
}
