/// The model types a document is made of write their own JSON bytes: the same bytes `CompactJSON`'s generic
/// path (and Foundation's `JSONEncoder` with sorted keys) writes for them, without Codable's containers, a tree
/// of nodes, or sorting keys per object. `rex annotate` writes one such line per document.
///
/// Each writer lists its keys in sorted order and writes them as the type's `encode(to:)` does: a synthesized
/// one leaves out nil optionals, `Document` and `Event` write some as `null`. A stored property added to one of
/// these types must be added to its writer too; `ModelJSONTests` fails until it is.
protocol JSONBytesWritable {
    func writeJSON(to out: inout JSONBytes) throws
    /// A first guess at the size of the JSON, to reserve the buffer once.
    var jsonSizeHint: Int { get }
}

extension JSONBytesWritable {
    var jsonSizeHint: Int { 1024 }
}

/// The byte buffer of the direct writers, with what they need to write fields.
struct JSONBytes {
    var bytes: [UInt8]

    /// Thrown for a number JSON cannot hold; the caller encodes again on the generic path, which names where.
    struct NotFinite: Error {}

    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    @inline(__always) mutating func byte(_ b: StaticString) {
        bytes.append(b.utf8Start.pointee)
    }

    @inline(__always) mutating func raw(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// `"name":`, after a comma unless it is the object's first key (only an object's start ends with "{").
    @inline(__always) mutating func key(_ name: StaticString) {
        if bytes.last != UInt8(ascii: "{") { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        raw(name)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func string(_ s: String) { CompactJSON.writeString(s, &bytes) }

    mutating func int(_ v: Int) {
        if v >= 0 && v < 10 { bytes.append(48 &+ UInt8(truncatingIfNeeded: v)); return }
        if v < 0 { bytes.append(UInt8(ascii: "-")) }
        var n = v.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { d in
            var i = d.count
            repeat {
                i -= 1
                d[i] = 48 &+ UInt8(truncatingIfNeeded: n % 10)
                n /= 10
            } while n > 0
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: d[i...]))
        }
    }

    mutating func double(_ d: Double) throws {
        guard d.isFinite else { throw NotFinite() }
        CompactJSON.writeNumber(d.description, &bytes)
    }

    mutating func bool(_ b: Bool) { raw(b ? "true" : "false") }

    mutating func value<T: JSONBytesWritable>(_ v: T) throws { try v.writeJSON(to: &self) }

    mutating func list<T: JSONBytesWritable>(_ items: [T]) throws {
        bytes.append(UInt8(ascii: "["))
        // Items are read in place: a `for` loop would copy each one (and retain its strings).
        try items.withUnsafeBufferPointer { items in
            for k in items.indices {
                if k > 0 { bytes.append(UInt8(ascii: ",")) }
                try items[k].writeJSON(to: &self)
            }
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func list(_ items: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (k, item) in items.enumerated() {
            if k > 0 { bytes.append(UInt8(ascii: ",")) }
            string(item)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    // Fields. `…IfPresent` leaves a nil out (as `encodeIfPresent` and synthesized `encode(to:)` do);
    // `…OrNull` writes it as null (as `encode` of an optional does).

    mutating func field(_ name: StaticString, _ v: String) { key(name); string(v) }
    mutating func field(_ name: StaticString, _ v: Int) { key(name); int(v) }
    mutating func field(_ name: StaticString, _ v: Double) throws { key(name); try double(v) }
    mutating func field<T: JSONBytesWritable>(_ name: StaticString, _ v: T) throws { key(name); try value(v) }
    mutating func field<T: JSONBytesWritable>(_ name: StaticString, _ v: [T]) throws { key(name); try list(v) }
    mutating func field(_ name: StaticString, _ v: [String]) { key(name); list(v) }

    mutating func fieldIfPresent(_ name: StaticString, _ v: String?) { if let v { field(name, v) } }
    mutating func fieldIfPresent(_ name: StaticString, _ v: Int?) { if let v { field(name, v) } }
    mutating func fieldIfPresent(_ name: StaticString, _ v: Double?) throws { if let v { try field(name, v) } }
    mutating func fieldIfPresent(_ name: StaticString, _ v: Bool?) { if let v { key(name); bool(v) } }
    mutating func fieldIfPresent<T: JSONBytesWritable>(_ name: StaticString, _ v: T?) throws {
        if let v { try field(name, v) }
    }
    mutating func fieldIfPresent<T: JSONBytesWritable>(_ name: StaticString, _ v: [T]?) throws {
        if let v { try field(name, v) }
    }

    mutating func fieldOrNull(_ name: StaticString, _ v: String?) {
        if let v { field(name, v) } else { key(name); raw("null") }
    }
    mutating func fieldOrNull(_ name: StaticString, _ v: Int?) {
        if let v { field(name, v) } else { key(name); raw("null") }
    }
    mutating func fieldOrNull<T: JSONBytesWritable>(_ name: StaticString, _ v: T?) throws {
        if let v { try field(name, v) } else { key(name); raw("null") }
    }
}

// MARK: the writers, keys in sorted order

extension Document: JSONBytesWritable {
    /// A document's JSON is about 5.5 times its text.
    var jsonSizeHint: Int { 6 * text.utf8.count + 4096 }

    func writeJSON(to out: inout JSONBytes) throws {
        out.byte("{")
        out.fieldOrNull("dct", dct)
        try out.field("entities", entities)
        try out.field("events", events)
        out.field("id", id)
        try out.field("mentions", mentions)
        if !relations.isEmpty { try out.field("relations", relations) }
        out.field("schema", schema)
        try out.field("sections", sections)
        try out.field("sentences", sentences)
        try out.fieldOrNull("source", source)
        out.field("text", text)
        out.fieldOrNull("title", title)
        out.byte("}")
    }
}

extension Source: JSONBytesWritable {
    func writeJSON(to out: inout JSONBytes) throws {
        out.byte("{")
        out.field("format", format)
        out.fieldIfPresent("path", path)
        out.fieldIfPresent("sha256", sha256)
        out.byte("}")
    }
}

extension Section: JSONBytesWritable {
    func writeJSON(to out: inout JSONBytes) throws {
        out.byte("{")
        out.field("end", end)
        out.fieldIfPresent("heading", heading)
        out.field("start", start)
        out.byte("}")
    }
}

extension Sentence: JSONBytesWritable {
    func writeJSON(to out: inout JSONBytes) throws {
        out.byte("{")
        out.field("end", end)
        out.field("start", start)
        out.byte("}")
    }
}

extension Mention: JSONBytesWritable {
    func writeJSON(to out: inout JSONBytes) throws {
        out.byte("{")
        try out.fieldIfPresent("confidence", confidence)
        out.field("end", end)
        out.fieldIfPresent("entity", entity)
        out.field("id", id)
        out.fieldIfPresent("nominal", nominal)
        try out.fieldIfPresent("place", place)
        out.field("start", start)
        out.field("text", text)
        try out.fieldIfPresent("timex", timex)
        out.field("type", type.rawValue)
        out.byte("}")
    }
}

extension Timex: JSONBytesWritable {
    func writeJSON(to out: inout JSONBytes) throws {
        out.byte("{")
        out.fieldIfPresent("anchor", anchor)
        out.fieldIfPresent("end", end)
        out.fieldIfPresent("mod", mod)
        out.field("type", type)
        out.field("value", value)
        out.byte("}")
    }
}

extension PlaceRef: JSONBytesWritable {
    func writeJSON(to out: inout JSONBytes) throws {
        out.byte("{")
        out.fieldIfPresent("admin1", admin1)
        out.fieldIfPresent("country", country)
        out.field("id", id)
        try out.fieldIfPresent("lat", lat)
        try out.fieldIfPresent("lon", lon)
        out.field("name", name)
        out.byte("}")
    }
}

extension Entity: JSONBytesWritable {
    func writeJSON(to out: inout JSONBytes) throws {
        out.byte("{")
        out.fieldIfPresent("canonical", canonical)
        out.field("id", id)
        out.field("mentions", mentions)
        out.field("name", name)
        out.field("type", type.rawValue)
        out.byte("}")
    }
}

extension Event: JSONBytesWritable {
    func writeJSON(to out: inout JSONBytes) throws {
        out.byte("{")
        out.fieldOrNull("abducted", abducted)
        try out.fieldIfPresent("acled", acled)
        try out.field("actors", actors)
        try out.fieldIfPresent("also", also)
        out.fieldIfPresent("count_mod", countMod)
        try out.fieldOrNull("date", date)
        out.fieldOrNull("fatalities", fatalities)
        try out.fieldIfPresent("gtd", gtd)
        out.field("id", id)
        out.fieldOrNull("injured", injured)
        out.fieldIfPresent("modality", modality)
        try out.fieldOrNull("place", place)
        out.field("sentence", sentence)
        try out.field("targets", targets)
        try out.field("trigger", trigger)
        out.field("type", type)
        try out.field("weapons", weapons)
        out.byte("}")
    }
}

extension TextSpan: JSONBytesWritable {
    func writeJSON(to out: inout JSONBytes) throws {
        out.byte("{")
        out.field("end", end)
        out.field("start", start)
        out.field("text", text)
        out.byte("}")
    }
}

extension EventDate: JSONBytesWritable {
    func writeJSON(to out: inout JSONBytes) throws {
        out.byte("{")
        out.fieldIfPresent("end", end)
        out.fieldIfPresent("fallback", fallback)
        out.fieldIfPresent("mention", mention)
        out.fieldIfPresent("mod", mod)
        out.field("value", value)
        out.byte("}")
    }
}

extension EventPlace: JSONBytesWritable {
    func writeJSON(to out: inout JSONBytes) throws {
        out.byte("{")
        out.fieldIfPresent("fallback", fallback)
        out.fieldIfPresent("id", id)
        try out.fieldIfPresent("lat", lat)
        try out.fieldIfPresent("lon", lon)
        out.fieldIfPresent("mention", mention)
        out.fieldIfPresent("name", name)
        out.byte("}")
    }
}

extension EventActor: JSONBytesWritable {
    func writeJSON(to out: inout JSONBytes) throws {
        out.byte("{")
        out.fieldIfPresent("end", end)
        out.fieldIfPresent("entity", entity)
        out.field("name", name)
        out.field("role", role)
        out.fieldIfPresent("start", start)
        out.fieldIfPresent("uncertain", uncertain)
        out.byte("}")
    }
}

extension EventTarget: JSONBytesWritable {
    func writeJSON(to out: inout JSONBytes) throws {
        out.byte("{")
        out.fieldIfPresent("category", category)
        out.fieldIfPresent("end", end)
        out.fieldIfPresent("entity", entity)
        out.field("kind", kind)
        out.fieldIfPresent("start", start)
        out.field("text", text)
        out.byte("}")
    }
}

extension EventWeapon: JSONBytesWritable {
    func writeJSON(to out: inout JSONBytes) throws {
        out.byte("{")
        out.field("category", category)
        out.fieldIfPresent("end", end)
        out.fieldIfPresent("start", start)
        out.field("text", text)
        out.byte("}")
    }
}

extension Acled: JSONBytesWritable {
    func writeJSON(to out: inout JSONBytes) throws {
        out.byte("{")
        out.field("event_type", eventType)
        out.fieldIfPresent("interaction", interaction)
        out.field("sub_event_type", subEventType)
        out.byte("}")
    }
}

extension GTDAttack: JSONBytesWritable {
    func writeJSON(to out: inout JSONBytes) throws {
        out.byte("{")
        out.field("attack_type", name)
        out.field("attack_type_id", id)
        out.byte("}")
    }
}

extension Relation: JSONBytesWritable {
    func writeJSON(to out: inout JSONBytes) throws {
        out.byte("{")
        out.fieldIfPresent("date", date)
        out.field("id", id)
        try out.field("object", object)
        out.field("sentence", sentence)
        try out.field("subject", subject)
        try out.field("trigger", trigger)
        out.field("type", type)
        out.byte("}")
    }
}

extension RelationArgument: JSONBytesWritable {
    func writeJSON(to out: inout JSONBytes) throws {
        out.byte("{")
        out.field("end", end)
        out.fieldIfPresent("entity", entity)
        out.field("start", start)
        out.field("text", text)
        out.byte("}")
    }
}
