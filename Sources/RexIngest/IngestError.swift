/// Why a file could not be read as a document. Every message names the file and says what to do.
public enum IngestError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case empty(path: String)
    case binary(path: String)
    case tooLarge(path: String, bytes: Int, limit: Int)
    case unsupportedEncoding(path: String, guess: String?)
    case unparsableHTML(path: String)
    case noText(path: String)
    case unsupportedFormat(path: String, ext: String)
    case badJSONLine(line: Int, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): return "\(path): cannot read the file: \(reason)"
        case let .empty(path): return "\(path): the file is empty"
        case let .binary(path):
            return "\(path): looks like binary data, not text or HTML (it contains NUL or control bytes)"
        case let .tooLarge(path, bytes, limit):
            return "\(path): \(bytes) bytes is over the limit of \(limit) bytes; split the file or raise --max-bytes"
        case let .unsupportedEncoding(path, guess):
            let g = guess.map { " (it looks like \($0))" } ?? ""
            return "\(path): the text is not valid UTF-8\(g) and its encoding could not be determined with confidence; convert it to UTF-8 (e.g. iconv -f CHARSET -t UTF-8)"
        case let .unparsableHTML(path): return "\(path): the HTML could not be parsed at all"
        case let .noText(path): return "\(path): no readable text was found in the document"
        case let .unsupportedFormat(path, ext):
            return "\(path): unsupported file type '.\(ext)'; rex reads .txt, .text, .html and .htm"
        case let .badJSONLine(line, reason): return "stdin line \(line): \(reason)"
        }
    }
}
