import Foundation

/// Encodes any `Encodable` as one line of JSON with sorted keys: the bytes Foundation's `JSONEncoder` writes
/// with `[.sortedKeys, .withoutEscapingSlashes]`, several times faster. Annotating writes one such line per
/// document, and Foundation's encoder cost a fifth of the pipeline's time.
///
/// The value is first built as a small tree (an object's keys are only known, and sorted, once its
/// `encode(to:)` has returned), then written into one byte buffer.
public enum CompactJSON {
    public enum EncodingError: Error, CustomStringConvertible {
        case notFinite(Double, path: String)
        public var description: String {
            switch self {
            case let .notFinite(v, path): return "cannot write \(v) as JSON (at \(path.isEmpty ? "the top" : path))"
            }
        }
    }

    /// The JSON text of `value`, without a final newline.
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try bytes(value), as: UTF8.self)
    }

    /// The UTF-8 bytes of the JSON text of `value`, followed by `terminator` ("\n" for a JSON line): what is
    /// written to a file, without going through a `String`.
    public static func bytes<T: Encodable>(_ value: T, terminator: String = "") throws -> [UInt8] {
        // The model types write their own bytes (ModelJSON.swift); a number JSON cannot hold sends them down
        // the generic path, whose error says where it is.
        if let direct = value as? JSONBytesWritable {
            var out = JSONBytes(capacity: direct.jsonSizeHint)
            do {
                try direct.writeJSON(to: &out)
                out.bytes.append(contentsOf: terminator.utf8)
                return out.bytes
            } catch is JSONBytes.NotFinite {}
        }
        return try treeBytes(value, terminator: terminator)
    }

    /// The generic path: any `Encodable`, through its `encode(to:)` and a tree of nodes.
    static func treeBytes<T: Encodable>(_ value: T, terminator: String = "") throws -> [UInt8] {
        let root = try node(value, path: [])
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(root, &out)
        out.append(contentsOf: terminator.utf8)
        return out
    }

    // MARK: the tree

    final class Object { @exclusivity(unchecked) var entries: [(key: String, node: Node)] = [] }
    final class List { @exclusivity(unchecked) var items: [Node] = [] }
    /// Where one value goes when an encoder is handed out before it is known what it holds.
    final class Slot { @exclusivity(unchecked) var node: Node = .null }

    enum Node {
        case null
        case bool(Bool)
        case int(Int64)
        case uint(UInt64)
        case double(Double)
        case float(Float)
        case string(String)
        case object(Object)
        case list(List)
        case deferred(Slot)
    }


    /// The tree of one value. Common leaf types are told by their type, without a dynamic cast.
    static func node<T: Encodable>(_ value: T, path: [CodingKey]) throws -> Node {
        if T.self == String.self { return .string(unsafeBitCast(value, to: String.self)) }
        if T.self == Int.self { return .int(Int64(unsafeBitCast(value, to: Int.self))) }
        if T.self == Double.self { return try number(unsafeBitCast(value, to: Double.self), path) }
        if T.self == Bool.self { return .bool(unsafeBitCast(value, to: Bool.self)) }
        if T.self == Float.self { return try number(unsafeBitCast(value, to: Float.self), path) }
        // Foundation writes these two as strings, not as what their own `encode(to:)` writes.
        if T.self == URL.self { return .string((value as! URL).absoluteString) }
        if T.self == Data.self { return .string((value as! Data).base64EncodedString()) }
        let slot = Slot()
        try value.encode(to: Writer(slot: slot, codingPath: path))
        return slot.node
    }

    static func number(_ d: Double, _ path: [CodingKey]) throws -> Node {
        guard d.isFinite else { throw EncodingError.notFinite(d, path: path.map(\.stringValue).joined(separator: ".")) }
        return .double(d)
    }

    static func number(_ f: Float, _ path: [CodingKey]) throws -> Node {
        guard f.isFinite else { throw EncodingError.notFinite(Double(f), path: path.map(\.stringValue).joined(separator: ".")) }
        return .float(f)
    }

    /// Foundation writes the shortest form that reads back, without a ".0" on whole numbers.
    static func writeNumber(_ description: String, _ out: inout [UInt8]) {
        var s = description
        s.withUTF8 { d in
            let whole = d.count > 2 && d[d.count - 2] == UInt8(ascii: ".") && d[d.count - 1] == UInt8(ascii: "0")
            out.append(contentsOf: UnsafeBufferPointer(rebasing: d[..<(whole ? d.count - 2 : d.count)]))
        }
    }

    // MARK: writing

    static func write(_ node: Node, _ out: inout [UInt8]) {
        switch node {
        case .null: out.append(contentsOf: "null".utf8)
        case let .bool(b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case let .int(i): out.append(contentsOf: String(i).utf8)
        case let .uint(u): out.append(contentsOf: String(u).utf8)
        case let .double(d): writeNumber(d.description, &out)
        case let .float(f): writeNumber(f.description, &out)
        case let .string(s): writeString(s, &out)
        case let .list(l):
            out.append(UInt8(ascii: "["))
            for (k, item) in l.items.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                write(item, &out)
            }
            out.append(UInt8(ascii: "]"))
        case let .object(o):
            out.append(UInt8(ascii: "{"))
            // In key order; a later entry for the same key replaces an earlier one, as in Foundation's encoder.
            let order = o.entries.indices.sorted { a, b in
                o.entries[a].key != o.entries[b].key ? o.entries[a].key < o.entries[b].key : a < b
            }
            var first = true
            for (n, k) in order.enumerated() where n + 1 == order.count || o.entries[order[n + 1]].key != o.entries[k].key {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                writeString(o.entries[k].key, &out)
                out.append(UInt8(ascii: ":"))
                write(o.entries[k].node, &out)
            }
            out.append(UInt8(ascii: "}"))
        case let .deferred(slot): write(slot.node, &out)
        }
    }

    static func writeString(_ s: String, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // A native string is read in place; others (bridged, in principle) are made contiguous first.
        if s.utf8.withContiguousStorageIfAvailable({ writeEscaped($0, &out) }) == nil {
            var s = s
            s.withUTF8 { writeEscaped($0, &out) }
        }
        out.append(UInt8(ascii: "\""))
    }

    static func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>, _ out: inout [UInt8]) {
        // Runs of bytes that need no escape are copied whole (a document's text is one long run).
        var run = 0
        for i in 0..<bytes.count {
            let b = bytes[i]
            guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
            if run < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i])) }
            run = i + 1
            out.append(UInt8(ascii: "\\"))
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(b)
            case 0x0A: out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "t"))
            case 0x08: out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(UInt8(ascii: "f"))
            default:
                let hex: StaticString = "0123456789abcdef"
                out.append(contentsOf: [UInt8(ascii: "u"), 48, 48, hex.utf8Start[Int(b >> 4)], hex.utf8Start[Int(b & 15)]])
            }
        }
        if run < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<bytes.count])) }
    }

    // MARK: the Encoder

    struct Writer: Encoder {
        let slot: Slot
        let codingPath: [CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            let object: Object
            if case let .object(o) = slot.node { object = o } else { object = Object(); slot.node = .object(object) }
            return KeyedEncodingContainer(Keyed<Key>(object: object, codingPath: codingPath))
        }

        func unkeyedContainer() -> UnkeyedEncodingContainer {
            let list: List
            if case let .list(l) = slot.node { list = l } else { list = List(); slot.node = .list(list) }
            return Unkeyed(list: list, codingPath: codingPath)
        }

        func singleValueContainer() -> SingleValueEncodingContainer { Single(slot: slot, codingPath: codingPath) }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let object: Object
        let codingPath: [CodingKey]

        func add(_ key: Key, _ node: Node) { object.entries.append((key.stringValue, node)) }
        func slot(_ key: Key) -> Slot { let s = Slot(); add(key, .deferred(s)); return s }

        mutating func encodeNil(forKey key: Key) throws { add(key, .null) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { add(key, .bool(value)) }
        mutating func encode(_ value: String, forKey key: Key) throws { add(key, .string(value)) }
        mutating func encode(_ value: Double, forKey key: Key) throws { add(key, try number(value, codingPath + [key])) }
        mutating func encode(_ value: Float, forKey key: Key) throws { add(key, try number(value, codingPath + [key])) }
        mutating func encode(_ value: Int, forKey key: Key) throws { add(key, .int(Int64(value))) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { add(key, .int(Int64(value))) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { add(key, .int(Int64(value))) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { add(key, .int(Int64(value))) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { add(key, .int(value)) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { add(key, .uint(UInt64(value))) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { add(key, .uint(UInt64(value))) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { add(key, .uint(UInt64(value))) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { add(key, .uint(UInt64(value))) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { add(key, .uint(value)) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            add(key, try node(value, path: codingPath + [key]))
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let o = Object()
            add(key, .object(o))
            return KeyedEncodingContainer(Keyed<NestedKey>(object: o, codingPath: codingPath + [key]))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
            let l = List()
            add(key, .list(l))
            return Unkeyed(list: l, codingPath: codingPath + [key])
        }
        mutating func superEncoder() -> Encoder { Writer(slot: slotNamed("super"), codingPath: codingPath) }
        mutating func superEncoder(forKey key: Key) -> Encoder { Writer(slot: slot(key), codingPath: codingPath + [key]) }
        func slotNamed(_ name: String) -> Slot { let s = Slot(); object.entries.append((name, .deferred(s))); return s }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let list: List
        let codingPath: [CodingKey]
        var count: Int { list.items.count }

        func add(_ node: Node) { list.items.append(node) }
        func next() -> Slot { let s = Slot(); add(.deferred(s)); return s }

        mutating func encodeNil() throws { add(.null) }
        mutating func encode(_ value: Bool) throws { add(.bool(value)) }
        mutating func encode(_ value: String) throws { add(.string(value)) }
        mutating func encode(_ value: Double) throws { add(try number(value, codingPath)) }
        mutating func encode(_ value: Float) throws { add(try number(value, codingPath)) }
        mutating func encode(_ value: Int) throws { add(.int(Int64(value))) }
        mutating func encode(_ value: Int8) throws { add(.int(Int64(value))) }
        mutating func encode(_ value: Int16) throws { add(.int(Int64(value))) }
        mutating func encode(_ value: Int32) throws { add(.int(Int64(value))) }
        mutating func encode(_ value: Int64) throws { add(.int(value)) }
        mutating func encode(_ value: UInt) throws { add(.uint(UInt64(value))) }
        mutating func encode(_ value: UInt8) throws { add(.uint(UInt64(value))) }
        mutating func encode(_ value: UInt16) throws { add(.uint(UInt64(value))) }
        mutating func encode(_ value: UInt32) throws { add(.uint(UInt64(value))) }
        mutating func encode(_ value: UInt64) throws { add(.uint(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws { add(try node(value, path: codingPath)) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let o = Object()
            add(.object(o))
            return KeyedEncodingContainer(Keyed<NestedKey>(object: o, codingPath: codingPath))
        }
        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
            let l = List()
            add(.list(l))
            return Unkeyed(list: l, codingPath: codingPath)
        }
        mutating func superEncoder() -> Encoder { Writer(slot: next(), codingPath: codingPath) }
    }

    struct Single: SingleValueEncodingContainer {
        let slot: Slot
        let codingPath: [CodingKey]

        mutating func encodeNil() throws { slot.node = .null }
        mutating func encode(_ value: Bool) throws { slot.node = .bool(value) }
        mutating func encode(_ value: String) throws { slot.node = .string(value) }
        mutating func encode(_ value: Double) throws { slot.node = try number(value, codingPath) }
        mutating func encode(_ value: Float) throws { slot.node = try number(value, codingPath) }
        mutating func encode(_ value: Int) throws { slot.node = .int(Int64(value)) }
        mutating func encode(_ value: Int8) throws { slot.node = .int(Int64(value)) }
        mutating func encode(_ value: Int16) throws { slot.node = .int(Int64(value)) }
        mutating func encode(_ value: Int32) throws { slot.node = .int(Int64(value)) }
        mutating func encode(_ value: Int64) throws { slot.node = .int(value) }
        mutating func encode(_ value: UInt) throws { slot.node = .uint(UInt64(value)) }
        mutating func encode(_ value: UInt8) throws { slot.node = .uint(UInt64(value)) }
        mutating func encode(_ value: UInt16) throws { slot.node = .uint(UInt64(value)) }
        mutating func encode(_ value: UInt32) throws { slot.node = .uint(UInt64(value)) }
        mutating func encode(_ value: UInt64) throws { slot.node = .uint(value) }
        mutating func encode<T: Encodable>(_ value: T) throws { slot.node = try node(value, path: codingPath) }
    }
}
