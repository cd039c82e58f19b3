/// A dated, located event with its participants, as an analyst would code it.
public struct Event: Codable, Sendable, Equatable {
    public var id: String
    /// ATTACK, BOMBING, SHELLING, AIRSTRIKE, KIDNAPPING, KILLING, SIEGE, ARREST, COUP, or an optional fact type.
    public var type: String
    public var trigger: TextSpan
    /// Index into `sentences` of the trigger's sentence.
    public var sentence: Int
    public var date: EventDate?
    public var place: EventPlace?
    public var actors: [EventActor] = []
    public var targets: [EventTarget] = []
    public var weapons: [EventWeapon] = []
    public var fatalities: Int?
    public var injured: Int?
    public var abducted: Int?
    public var countMod: String?
    public var acled: Acled?
    /// The Global Terrorism Database attack type, where the event type has one.
    public var gtd: GTDAttack?
    /// How the source presents the event: nil when reported as fact, else "alleged", "claimed", "denied" or
    /// "failed" (an attempt that was made).
    public var modality: String?
    /// Further places the same event is told in the document.
    public var also: [TextSpan]?

    public init(id: String, type: String, trigger: TextSpan, sentence: Int) {
        self.id = id; self.type = type; self.trigger = trigger; self.sentence = sentence
    }

    enum CodingKeys: String, CodingKey {
        case id, type, trigger, sentence, date, place, actors, targets, weapons, fatalities, injured, abducted
        case countMod = "count_mod", acled, gtd, modality, also
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        type = try c.decode(String.self, forKey: .type)
        trigger = try c.decode(TextSpan.self, forKey: .trigger)
        sentence = try c.decodeIfPresent(Int.self, forKey: .sentence) ?? 0
        date = try c.decodeIfPresent(EventDate.self, forKey: .date)
        place = try c.decodeIfPresent(EventPlace.self, forKey: .place)
        actors = try c.decodeIfPresent([EventActor].self, forKey: .actors) ?? []
        targets = try c.decodeIfPresent([EventTarget].self, forKey: .targets) ?? []
        weapons = try c.decodeIfPresent([EventWeapon].self, forKey: .weapons) ?? []
        fatalities = try c.decodeIfPresent(Int.self, forKey: .fatalities)
        injured = try c.decodeIfPresent(Int.self, forKey: .injured)
        abducted = try c.decodeIfPresent(Int.self, forKey: .abducted)
        countMod = try c.decodeIfPresent(String.self, forKey: .countMod)
        acled = try c.decodeIfPresent(Acled.self, forKey: .acled)
        gtd = try c.decodeIfPresent(GTDAttack.self, forKey: .gtd)
        modality = try c.decodeIfPresent(String.self, forKey: .modality)
        also = try c.decodeIfPresent([TextSpan].self, forKey: .also)
    }

    /// Kept in step with `writeJSON` (ModelJSON.swift), which writes the same bytes when annotating.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(type, forKey: .type)
        try c.encode(trigger, forKey: .trigger)
        try c.encode(sentence, forKey: .sentence)
        try c.encode(date, forKey: .date)
        try c.encode(place, forKey: .place)
        try c.encode(actors, forKey: .actors)
        try c.encode(targets, forKey: .targets)
        try c.encode(weapons, forKey: .weapons)
        try c.encode(fatalities, forKey: .fatalities)
        try c.encode(injured, forKey: .injured)
        try c.encode(abducted, forKey: .abducted)
        try c.encodeIfPresent(countMod, forKey: .countMod)
        try c.encodeIfPresent(acled, forKey: .acled)
        try c.encodeIfPresent(gtd, forKey: .gtd)
        try c.encodeIfPresent(modality, forKey: .modality)
        try c.encodeIfPresent(also, forKey: .also)
    }
}

/// A span with its text, for triggers and provenance.
public struct TextSpan: Codable, Sendable, Equatable {
    public var start: Int
    public var end: Int
    public var text: String
    public init(start: Int, end: Int, text: String) { self.start = start; self.end = end; self.text = text }
}

public struct EventDate: Codable, Sendable, Equatable {
    public var value: String
    public var end: String?
    public var mod: String?
    public var mention: String?
    /// Where the date came from when not in the trigger's sentence: "paragraph", "section", "document".
    public var fallback: String?
    public init(value: String, end: String? = nil, mod: String? = nil, mention: String? = nil, fallback: String? = nil) {
        self.value = value; self.end = end; self.mod = mod; self.mention = mention; self.fallback = fallback
    }
}

public struct EventPlace: Codable, Sendable, Equatable {
    public var mention: String?
    public var id: String?
    public var name: String?
    public var lat: Double?
    public var lon: Double?
    public var fallback: String?
    public init(mention: String? = nil, id: String? = nil, name: String? = nil, lat: Double? = nil,
                lon: Double? = nil, fallback: String? = nil) {
        self.mention = mention; self.id = id; self.name = name; self.lat = lat; self.lon = lon; self.fallback = fallback
    }
}

public struct EventActor: Codable, Sendable, Equatable {
    public var role: String
    public var entity: String?
    public var name: String
    /// "suspected", "alleged", "unidentified" attributions.
    public var uncertain: Bool?
    /// Offsets of the words that name the actor (provenance); nil in gold.
    public var start: Int?
    public var end: Int?
    public init(role: String, entity: String?, name: String, uncertain: Bool? = nil, start: Int? = nil, end: Int? = nil) {
        self.role = role; self.entity = entity; self.name = name; self.uncertain = uncertain
        self.start = start; self.end = end
    }
}

public struct EventTarget: Codable, Sendable, Equatable {
    public var text: String
    public var entity: String?
    public var kind: String
    public var category: String?
    /// Offsets of `text` (provenance); nil in gold.
    public var start: Int?
    public var end: Int?
    public init(text: String, entity: String?, kind: String, category: String?, start: Int? = nil, end: Int? = nil) {
        self.text = text; self.entity = entity; self.kind = kind; self.category = category
        self.start = start; self.end = end
    }
}

public struct EventWeapon: Codable, Sendable, Equatable {
    public var text: String
    public var category: String
    /// Offsets of `text` (provenance); nil in gold.
    public var start: Int?
    public var end: Int?
    public init(text: String, category: String, start: Int? = nil, end: Int? = nil) {
        self.text = text; self.category = category; self.start = start; self.end = end
    }
}

public struct Acled: Codable, Sendable, Equatable {
    public var eventType: String
    public var subEventType: String
    public var interaction: String?
    public init(eventType: String, subEventType: String, interaction: String? = nil) {
        self.eventType = eventType; self.subEventType = subEventType; self.interaction = interaction
    }
    enum CodingKeys: String, CodingKey {
        case eventType = "event_type", subEventType = "sub_event_type", interaction
    }
}

/// A Global Terrorism Database attack type (GTD codebook `attacktype1`).
public struct GTDAttack: Codable, Sendable, Equatable {
    public var id: Int
    public var name: String
    public init(id: Int, name: String) { self.id = id; self.name = name }
    enum CodingKeys: String, CodingKey { case id = "attack_type_id", name = "attack_type" }
}
