import Foundation
import TextBridge

/// Turns the bytes of a file into text: UTF-8 (with or without BOM), UTF-16 with BOM, or a legacy charset
/// that ICU's detector identifies with confidence. Anything else is refused with a message naming the file.
public enum TextDecoding {
    /// Charsets accepted from the detector when the bytes are not UTF-8.
    static let acceptedGuesses: Set<String> = ["ISO-8859-1", "windows-1252", "ISO-8859-15", "ISO-8859-2",
                                               "windows-1250", "UTF-16LE", "UTF-16BE"]

    /// Decodes `bytes`; `path` is used in error messages. `html` relaxes nothing but changes no rule.
    public static func decode(_ bytes: [UInt8], path: String) throws -> (text: String, encoding: String) {
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
        let (guess, confidence) = detect(bytes)
        if let guess, confidence >= 30, acceptedGuesses.contains(guess), let s = convert(bytes, from: guess) {
            return (s, guess)
        }
        throw IngestError.unsupportedEncoding(path: path, guess: guess)
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
