import Foundation
import RexModel

/// Reads files and strings into documents with their text, title, dct, paragraphs and sections.
public struct Ingestor: Sendable {
    /// Files larger than this are refused (bytes).
    public var maxBytes: Int
    /// A dct given by the user overrides the document's own.
    public var dct: String?

    public init(maxBytes: Int = 50_000_000, dct: String? = nil) {
        self.maxBytes = maxBytes
        self.dct = dct
    }

    public enum Format: String, Sendable { case text, html }

    /// The format a file name implies, or nil for an unsupported extension.
    public static func format(ofPath path: String) -> Format? {
        switch (path as NSString).pathExtension.lowercased() {
        case "txt", "text", "": return .text
        case "html", "htm", "xhtml": return .html
        default: return nil
        }
    }

    /// The document id of a file: its name without extension.
    public static func documentID(forPath path: String) -> String {
        ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    /// Reads one file.
    public func read(path: String, id: String? = nil) throws -> Document {
        guard let format = Self.format(ofPath: path) else {
            throw IngestError.unsupportedFormat(path: path, ext: (path as NSString).pathExtension)
        }
        let bytes: [UInt8]
        do {
            let attrs = try FileManager.default.attributesOfItem(atPath: path)
            if let size = attrs[.size] as? Int, size > maxBytes {
                throw IngestError.tooLarge(path: path, bytes: size, limit: maxBytes)
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw IngestError.unreadable(path: path, reason: "permission denied or not a regular file")
            }
            bytes = [UInt8](data)
        } catch let e as IngestError {
            throw e
        } catch {
            throw IngestError.unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        return try read(bytes: bytes, format: format, id: id ?? Self.documentID(forPath: path), path: path)
    }

    /// Reads bytes of a known format.
    public func read(bytes: [UInt8], format: Format, id: String, path: String?) throws -> Document {
        let label = path ?? id
        if bytes.count > maxBytes { throw IngestError.tooLarge(path: label, bytes: bytes.count, limit: maxBytes) }
        let sha = SHA256.hex(bytes)
        var doc: Document
        switch format {
        case .text:
            let (text, _) = try TextDecoding.decode(bytes, path: label)
            doc = plainText(text, id: id)
        case .html:
            doc = try HTMLReader.read(bytes: bytes, id: id, path: label)
        }
        if doc.text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) { throw IngestError.noText(path: label) }
        doc.source = Source(path: path, format: format.rawValue, sha256: sha)
        if let dct { doc.dct = dct }
        return doc
    }

    /// A document from plain text already in memory.
    public func plainText(_ raw: String, id: String) -> Document {
        let text = Self.normalizeNewlines(raw)
        var doc = Document(id: id, text: text)
        let view = ScalarText(text)
        doc.scalars = view
        doc.paragraphs = Layout.paragraphs(in: view)
        doc.sections = Layout.sections(in: view, paragraphs: doc.paragraphs)
        if let dct { doc.dct = dct }
        return doc
    }

    /// A document from HTML already in memory.
    public func html(_ html: String, id: String) throws -> Document {
        var doc = try HTMLReader.read(bytes: Array(html.utf8), id: id, path: id)
        if let dct { doc.dct = dct }
        return doc
    }

    /// CRLF and lone CR become LF; nothing else changes, so bullets and layout spaces stay as written.
    public static func normalizeNewlines(_ s: String) -> String {
        guard s.unicodeScalars.contains("\r") else { return s }
        var out = String.UnicodeScalarView()
        var prevCR = false
        for u in s.unicodeScalars {
            if u == "\r" { out.append("\n"); prevCR = true; continue }
            if u == "\n" && prevCR { prevCR = false; continue }
            prevCR = false
            out.append(u)
        }
        return String(out)
    }
}
