import ArgumentParser
import Foundation
import Rex
import RexStore

/// The formats annotated documents are written in.
enum CorpusFormat: String, ExpressibleByArgument, CaseIterable {
    /// document/1 JSON Lines: one document per line, to a file or standard output.
    case jsonl
    /// One pretty-printed document/1 JSON file per document, named after its id, in a folder.
    case jsonDir = "json-dir"
    /// BRAT standoff (NAME.txt, NAME.ann, NAME.rex.json and the collection's .conf files) in a folder.
    case brat
}

/// Writes annotated documents in one of the corpus formats.
final class CorpusOutput {
    let format: CorpusFormat
    private var lines: LineWriter?
    private var folder: URL?
    private var brat: BratCorpus?
    private var names = Set<String>()

    /// `path` is the file for jsonl (nil or - for standard output) and the folder for json-dir and brat.
    init(format: CorpusFormat, path: String?) throws {
        self.format = format
        switch format {
        case .jsonl:
            lines = try LineWriter(path: path)
        case .jsonDir:
            guard let path else { throw CLIError("--format json-dir needs --out FOLDER") }
            let url = URL(fileURLWithPath: path)
            do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) } catch {
                throw CLIError("cannot create the folder \(path): \(error.localizedDescription)")
            }
            folder = url
        case .brat:
            guard let path else { throw CLIError("--format brat needs --out FOLDER") }
            brat = try BratCorpus(directory: path)
        }
    }

    /// Writes `doc`; `line` is its JSON line (UTF-8, with the newline) when the caller encoded it already (see
    /// `encodesLines`).
    func write(_ doc: Document, line: [UInt8]? = nil) throws {
        switch format {
        case .jsonl:
            lines?.write(bytes: try line ?? DocumentJSON.lineBytes(doc))
        case .jsonDir:
            // Two documents with the same id keep both files: the second gets -2, and so on.
            let base = BratExport.fileName(doc.id)
            var name = base, n = 1
            while !names.insert(name).inserted { n += 1; name = "\(base)-\(n)" }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let url = folder!.appendingPathComponent(name + ".json")
            do { try (try encoder.encode(doc) + Data("\n".utf8)).write(to: url, options: .atomic) } catch {
                throw CLIError("cannot write \(url.path): \(error.localizedDescription)")
            }
        case .brat:
            try brat?.add(doc)
        }
    }

    /// Whether documents go out as JSON lines, which workers can encode in parallel before `write`.
    var encodesLines: Bool { format == .jsonl }

    /// Writes what comes at the end (brat's configuration files).
    func finish() throws {
        try brat?.finish()
    }
}

/// Documents read one at a time from document/1 JSON Lines (a file, or - for standard input).
struct JSONLDocumentStream: Sequence, IteratorProtocol {
    private let handle: FileHandle
    let path: String
    private var buffer = Data()
    private var eof = false
    private(set) var lineNumber = 0

    init(path: String) throws {
        self.path = path
        if path == "-" { handle = .standardInput } else {
            guard let h = FileHandle(forReadingAtPath: path) else { throw CLIError("\(path): cannot read") }
            handle = h
        }
    }

    /// The next line's document, or the error that line has (with file and line).
    mutating func next() -> Result<Document, Error>? {
        while true {
            guard let line = nextLine() else { return nil }
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            do { return .success(try JSONDecoder().decode(Document.self, from: line)) } catch {
                return .failure(CLIError("\(path):\(lineNumber): not a document/1 JSON line: \(error)"))
            }
        }
    }

    private mutating func nextLine() -> Data? {
        while true {
            if let nl = buffer.firstIndex(of: 0x0A) {
                let line = buffer[buffer.startIndex..<nl]
                buffer = Data(buffer[buffer.index(after: nl)...])
                return Data(line)
            }
            if eof {
                if buffer.isEmpty { return nil }
                defer { buffer = Data() }
                return buffer
            }
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { eof = true } else { buffer.append(chunk) }
        }
    }
}

/// The version of rex recorded with every database run.
enum RexVersion {
    static let current = "rex 0.1 (document/1, database schema \(Schema.currentVersion))"
}
