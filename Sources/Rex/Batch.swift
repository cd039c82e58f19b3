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
    /// letting finished documents pile up.
    public func run<S: Sequence>(_ inputs: S, emit: (Int, BatchInput, Result<Document, Error>) async -> Void) async
        where S.Element == BatchInput
    {
        let window = jobs * 4
        var iterator = inputs.makeIterator()
        var pending: [Int: (BatchInput, Result<Document, Error>)] = [:]
        var nextToEmit = 0
        var nextIndex = 0
        await withTaskGroup(of: (Int, BatchInput, Result<Document, Error>).self) { group in
            var running = 0
            func launch() -> Bool {
                guard let input = iterator.next() else { return false }
                let index = nextIndex
                nextIndex += 1
                group.addTask { [self] in
                    (index, input, Result { try self.process(input) })
                }
                running += 1
                return true
            }
            while running < jobs, launch() {}
            while let (index, input, result) = await group.next() {
                running -= 1
                pending[index] = (input, result)
                while let (inp, res) = pending.removeValue(forKey: nextToEmit) {
                    await emit(nextToEmit, inp, res)
                    nextToEmit += 1
                }
                // Keep the reorder buffer bounded: do not run ahead of the oldest unfinished input.
                while running < jobs, nextIndex - nextToEmit < window, launch() {}
            }
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
