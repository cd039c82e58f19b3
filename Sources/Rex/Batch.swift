import Foundation

/// One document to process: a file, standard input, or a JSON Lines record.
public enum BatchInput: Sendable {
    case file(path: String)
    case stdin(bytes: [UInt8])
    case record(id: String, content: String, format: Ingestor.Format, dct: String?)
    /// A JSON Lines record that could not be read; processing it reports `reason`.
    case invalid(line: Int, reason: String)

    /// How the input is named in messages.
    public var label: String {
        switch self {
        case let .file(path): return path
        case .stdin: return "<stdin>"
        case let .record(id, _, _, _): return "record '\(id)'"
        case let .invalid(line, _): return "stdin line \(line)"
        }
    }
}

/// Runs the pipeline over many inputs in parallel and hands results back in input order, with at most a
/// window of documents in memory.
public struct BatchRunner: Sendable {
    public let ingestor: Ingestor
    public let pipeline: Pipeline
    public let jobs: Int

    public init(ingestor: Ingestor, pipeline: Pipeline, jobs: Int) {
        self.ingestor = ingestor
        self.pipeline = pipeline
        self.jobs = max(1, jobs)
    }

    /// Reads and annotates one input.
    public func process(_ input: BatchInput) throws -> Document {
        var doc: Document
        switch input {
        case let .file(path):
            doc = try ingestor.read(path: path)
        case let .stdin(bytes):
            let head = String(decoding: bytes.prefix(2048), as: UTF8.self).lowercased()
            let isHTML = head.contains("<html") || head.contains("<!doctype html") || head.contains("<body")
            doc = try ingestor.read(bytes: bytes, format: isHTML ? .html : .text, id: "stdin", path: nil)
        case let .record(id, content, format, dct):
            var ing = ingestor
            if let dct { ing.dct = dct }
            doc = try ing.read(bytes: Array(content.utf8), format: format, id: id, path: nil)
        case let .invalid(line, reason):
            throw IngestError.badJSONLine(line: line, reason: reason)
        }
        try pipeline.run(&doc)
        return doc
    }

    /// Processes `inputs` (any sequence, consumed lazily) and calls `emit` once per input, in input order.
    /// No new input starts while `emit` runs, so a slow consumer (a database) holds the batch back instead of
    /// letting finished documents pile up. Inputs `accept` rejects are skipped (it runs here, one at a time).
    ///
    /// Inputs are read on a thread of their own, one when there is room for it: waiting for the next input
    /// (a pipe that a client fills one document at a time) never holds back the output of a finished one.
    public func run<S: Sequence>(_ inputs: S, accept: (BatchInput) -> Bool = { _ in true },
                                 emit: (Int, BatchInput, Result<Document, Error>) async -> Void) async
        where S.Element == BatchInput
    {
        await run(inputs, accept: accept, prepare: { $0 }, emit: emit)
    }

    /// Like `run(_:accept:emit:)`, with `prepare` applied to each annotated document by the worker that made it
    /// (encoding it, say), so that this work runs in parallel instead of in the one-at-a-time `emit`.
    public func run<S: Sequence, Output: Sendable>(_ inputs: S, accept: (BatchInput) -> Bool = { _ in true },
                                                   prepare: @escaping @Sendable (Document) throws -> Output,
                                                   emit: (Int, BatchInput, Result<Output, Error>) async -> Void) async
        where S.Element == BatchInput
    {
        let window = jobs * 4
        let pump = InputPump(inputs.makeIterator())
        var pending: [Int: (BatchInput, Result<Output, Error>)] = [:]
        var nextToEmit = 0
        var nextIndex = 0
        await withTaskGroup(of: BatchEvent<Output>.self) { group in
            var running = 0
            var reading = false
            var exhausted = false
            // Ask for one more input when a job is free and the reorder buffer has room.
            func request() {
                guard !reading, !exhausted, running < jobs, nextIndex - nextToEmit < window else { return }
                reading = true
                group.addTask { .input(await pump.next()) }
            }
            request()
            while let event = await group.next() {
                switch event {
                case .input(nil):
                    reading = false
                    exhausted = true
                case let .input(input?):
                    reading = false
                    guard accept(input) else { break }
                    let index = nextIndex
                    nextIndex += 1
                    running += 1
                    group.addTask { [self] in .done(index, input, Result { try prepare(try self.process(input)) }) }
                case let .done(index, input, result):
                    running -= 1
                    pending[index] = (input, result)
                    while let (inp, res) = pending.removeValue(forKey: nextToEmit) {
                        await emit(nextToEmit, inp, res)
                        nextToEmit += 1
                    }
                }
                request()
            }
        }
    }
}

/// What a batch run waits for: the next input (nil at the end) or a finished document.
enum BatchEvent<Output: Sendable>: Sendable {
    case input(BatchInput?)
    case done(Int, BatchInput, Result<Output, Error>)
}

/// Hands out the elements of an iterator one at a time, each read on a serial dispatch queue (a thread outside
/// Swift's cooperative pool, which may block on a pipe without stalling the workers).
final class InputPump<I: IteratorProtocol>: @unchecked Sendable where I.Element == BatchInput {
    private var iterator: I
    private let queue = DispatchQueue(label: "rex.batch.input")

    init(_ iterator: I) { self.iterator = iterator }

    /// The next element, or nil at the end; call again only after the previous call returned.
    func next() async -> BatchInput? {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: self.iterator.next()) }
        }
    }
}

/// Expands command-line paths into input files: folders recursively (.txt, .text, .html, .htm), sorted.
public enum InputFiles {
    public static let extensions: Set<String> = ["txt", "text", "html", "htm"]

    public static func expand(_ paths: [String]) -> (files: [String], errors: [String]) {
        var files: [String] = []
        var errors: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                errors.append("\(path): no such file or folder")
                continue
            }
            if !isDir.boolValue { files.append(path); continue }
            guard let walker = fm.enumerator(atPath: path) else {
                errors.append("\(path): cannot list the folder")
                continue
            }
            var found: [String] = []
            for case let rel as String in walker {
                let ext = (rel as NSString).pathExtension.lowercased()
                if extensions.contains(ext) { found.append((path as NSString).appendingPathComponent(rel)) }
            }
            files.append(contentsOf: found.sorted())
        }
        return (files, errors)
    }
}
