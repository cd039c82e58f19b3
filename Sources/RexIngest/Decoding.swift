import Foundation
import TextBridge

/// Turns the bytes of a file into text: UTF-8 (with or without BOM), UTF-16 with BOM, or a legacy charset
/// that ICU's detector identifies with confidence. Anything else is refused with a message naming the file.
public enum TextDecoding {
    /// Charsets accepted from the detector when the bytes are not UTF-8.
    static let acceptedGuesses: Set<String> = ["ISO-8859-1", "windows-1252", "ISO-8859-15", "ISO-8859-2",
                                               "windows-1250", "UTF-16LE", "UTF-16BE"]

    /// Decodes `bytes`; `path` is used in error messages. `declared` is the charset the file names for itself
    /// (an HTML page's `<meta charset>`): it is used when the bytes are not UTF-8, before any guessing.
    public static func decode(_ bytes: [UInt8], path: String, declared: String? = nil) throws -> (text: String, encoding: String) {
        if bytes.isEmpty { throw IngestError.empty(path: path) }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let s = String(validating: bytes.dropFirst(3), as: UTF8.self) else {
                throw IngestError.unsupportedEncoding(path: path, guess: "UTF-8 with a BOM but invalid bytes")
            }
            return (s, "UTF-8")
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let name = bytes[0] == 0xFF ? "UTF-16LE" : "UTF-16BE"
            if let s = convert(Array(bytes.dropFirst(2)), from: name) { return (s, name) }
            throw IngestError.unsupportedEncoding(path: path, guess: name)
        }
        if looksBinary(bytes) { throw IngestError.binary(path: path) }
        if let s = String(validating: bytes, as: UTF8.self) { return (s, "UTF-8") }
        if let declared, !isUTF8(declared), let r = convertLegacy(bytes, from: declared) { return r }
        let (guess, confidence) = detect(bytes)
        if let guess, confidence >= 30, acceptedGuesses.contains(guess), let r = convertLegacy(bytes, from: guess) {
            return r
        }
        throw IngestError.unsupportedEncoding(path: path, guess: guess)
    }

    static func isUTF8(_ charset: String) -> Bool {
        ["utf-8", "utf8", "unicode-1-1-utf-8"].contains(charset.lowercased())
    }

    /// Converts from a legacy charset. Latin-1 and ASCII labels are read as windows-1252, as browsers do
    /// (pages labelled ISO-8859-1 routinely hold curly quotes from windows-1252); bytes windows-1252 leaves
    /// undefined fall back to Latin-1, where every byte is a character.
    static func convertLegacy(_ bytes: [UInt8], from charset: String) -> (text: String, encoding: String)? {
        let label = charset.lowercased()
        let latin = ["iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252",
                     "x-cp1252", "iso_8859-1"].contains(label)
        if latin {
            if let s = convert(bytes, from: "windows-1252") { return (s, "windows-1252") }
            if let s = convert(bytes, from: "ISO-8859-1") { return (s, "ISO-8859-1") }
            return nil
        }
        if let s = convert(bytes, from: charset) { return (s, charset) }
        return nil
    }

    /// NUL bytes, or many C0 control bytes other than tab/newline/CR/form feed, mean binary data.
    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(65536)
        var controls = 0
        for b in sample {
            if b == 0 { return true }
            if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C { controls += 1 }
        }
        return controls * 100 > sample.count * 2
    }

    static func detect(_ bytes: [UInt8]) -> (String?, Int) {
        var name = [CChar](repeating: 0, count: 64)
        let conf = bytes.withUnsafeBufferPointer { buf in
            buf.withMemoryRebound(to: CChar.self) { tb_detect_charset($0.baseAddress, Int32($0.count), &name, 64) }
        }
        if conf < 0 { return (nil, 0) }
        let n = name.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return (n, Int(conf))
    }

    static func convert(_ bytes: [UInt8], from charset: String) -> String? {
        var outLen: Int32 = 0
        let ptr = bytes.withUnsafeBufferPointer { buf in
            buf.withMemoryRebound(to: CChar.self) { tb_convert_to_utf8($0.baseAddress, Int32($0.count), charset, &outLen) }
        }
        guard let ptr else { return nil }
        defer { tb_free(ptr) }
        let raw = UnsafeRawBufferPointer(start: ptr, count: Int(outLen))
        return String(decoding: raw, as: UTF8.self)
    }
}
