import Foundation
import Rex

/// Writes lines to a file or standard output, unbuffered per line so that pipes see documents as they finish.
final class LineWriter {
    private let handle: FileHandle
    init(path: String?) throws {
        if let path, path != "-" {
            handle = try OutputFile.open(path)
        } else {
            handle = FileHandle.standardOutput
        }
    }
    func write(_ line: String) {
        handle.write(Data((line + "\n").utf8))
    }
    /// Writes bytes that already end with their newline.
    func write(bytes: [UInt8]) {
        handle.write(Data(bytes))
    }
}

/// Encodes documents as one-line JSON.
enum DocumentJSON {
    static func line(_ doc: Document) throws -> String {
        try CompactJSON.encode(doc)
    }
    /// The document's line as bytes, with its newline.
    static func lineBytes(_ doc: Document) throws -> [UInt8] {
        try CompactJSON.bytes(doc, terminator: "\n")
    }
}

/// An error the CLI reports as is, with exit code 1.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// Messages for the user on standard error.
enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data(("rex: " + message + "\n").utf8))
    }
    static func status(_ message: String) {
        FileHandle.standardError.write(Data(message.utf8))
    }
    static var stderrIsTerminal: Bool { isatty(2) != 0 }
}
