import Foundation

/// Opens an output path for streaming writes, truncating a regular file or creating it.
///
/// Unlike Foundation's `createFile(atPath:)`, which writes a temporary file and renames it over the path, this
/// opens the path itself, so `--out /dev/null`, a FIFO or a terminal device stay what they are.
public enum OutputFile {
    public static func open(_ path: String) throws -> FileHandle {
        let fd = Foundation.open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            throw OutputFileError(path: path, reason: String(cString: strerror(errno)))
        }
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// Writes `data` to `path` through `open(_:)`.
    public static func write(_ data: Data, to path: String) throws {
        let h = try open(path)
        h.write(data)
        try h.close()
    }
}

/// An output file that could not be opened.
public struct OutputFileError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let reason: String
    public var description: String { "cannot write \(path): \(reason)" }
}
