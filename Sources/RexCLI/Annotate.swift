import ArgumentParser
import Foundation
import Rex

struct Annotate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Annotate reports and write document/1 JSON Lines.",
        discussion: """
        PATH is a file (.txt, .text, .html, .htm), a folder (read recursively), or - for standard input.
        With --stdin-jsonl, each input line is {"id": …, "text": … or "html": …, "dct": …} and each output
        line is the annotated document with the same id. Output keeps input order whatever --jobs is.
        A file that fails is reported on standard error with its path and reason; the others still come
        out, and the exit code is 1.
        """
    )

    @Argument(help: "Files, folders, or - for standard input.")
    var paths: [String] = []

    @Option(name: .shortAndLong, help: "Write JSON Lines here instead of standard output.")
    var out: String?

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
    }

    func run() async throws {
        let dataURL = try DataDirectory.locate(explicit: data, pack: pack)
        let pipeline = try Rex.defaultPipeline(data: dataURL)
        let runner = BatchRunner(ingestor: Ingestor(maxBytes: maxBytes, dct: dct), pipeline: pipeline, jobs: jobs)
        let writer = try LineWriter(path: out)
        var failures = 0
        var done = 0
        let progress = Progress(enabled: !quiet && Console.stderrIsTerminal)

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
        await runner.run(inputs) { _, input, result in
            done += 1
            switch result {
            case let .success(doc):
                do { writer.write(try DocumentJSON.line(doc)) } catch {
                    Console.error("\(input.label): cannot encode the document: \(error)")
                    failures += 1
                }
            case let .failure(error):
                if progress.enabled { Console.status("\r\u{1B}[K") }
                Console.error("\(error)")
                failures += 1
            }
            progress.update(done: done, total: total, failures: failures)
        }
        progress.finish(done: done, failures: failures)
        if failures > 0 {
            throw ExitCode(1)
        }
    }
}

/// A one-line progress display on a terminal: documents done, rate, errors. Silent in pipes.
final class Progress {
    let enabled: Bool
    private let start = Date()
    private var last = Date.distantPast
    init(enabled: Bool) { self.enabled = enabled }

    func update(done: Int, total: Int?, failures: Int) {
        guard enabled, Date().timeIntervalSince(last) > 0.2 else { return }
        last = Date()
        let rate = Double(done) / max(Date().timeIntervalSince(start), 0.001)
        let of = total.map { "/\($0)" } ?? ""
        Console.status(String(format: "\r\u{1B}[K%d%@ documents, %.1f/s, %d errors", done, of, rate, failures))
    }

    func finish(done: Int, failures: Int) {
        guard enabled else { return }
        let secs = Date().timeIntervalSince(start)
        Console.status(String(format: "\r\u{1B}[K%d documents in %.1f s, %d errors\n", done, secs, failures))
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
