import Foundation
import RexModel

/// Where an event is on the map. `coarse` marks a country- or region-wide place (its gazetteer entry has no
/// admin-1 unit: "Republic of Mali", "the Sahel"), drawn apart from located dots so that a country's
/// centre point does not read as a town.
public struct EventLocation: Sendable, Equatable {
    public var lat: Double
    public var lon: Double
    public var coarse: Bool
}

/// One event of the report with what the tables, timeline and map show of it, resolved once.
public struct EventRow: Sendable {
    public var documentIndex: Int
    /// The document page, relative to the site root (`docs/….html`).
    public var page: String
    public var documentTitle: String
    public var event: Event
    public var placeName: String?
    public var location: EventLocation?
    /// Actor names as shown: "JNIM", "JNIM (suspected)".
    public var actors: [String]

    /// The event's anchor on its document page.
    public var anchor: String { page + "#" + HTML.id("ev-" + event.id) }
    public var date: String? { event.date?.value }
    /// Killed plus injured, nil when neither is known.
    public var casualties: Int? {
        if event.fatalities == nil && event.injured == nil { return nil }
        return (event.fatalities ?? 0) + (event.injured ?? 0)
    }

    /// The rows of a set of documents, in document order and, within one, by trigger position.
    public static func rows(_ documents: [Document], pages: [String]) -> [EventRow] {
        var rows: [EventRow] = []
        for (i, doc) in documents.enumerated() {
            let mentions = Dictionary(doc.mentions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let entities = Dictionary(doc.entities.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            for e in doc.events.sorted(by: { ($0.trigger.start, $0.id) < ($1.trigger.start, $1.id) }) {
                let actors = e.actors.map { a -> String in
                    let name = Names.shown(a.name, entity: a.entity.flatMap { entities[$0] }, mentions: mentions)
                    return a.uncertain == true ? name + " (suspected)" : name
                }
                rows.append(EventRow(documentIndex: i, page: pages[i], documentTitle: doc.title ?? doc.id, event: e,
                                     placeName: e.place?.name ?? e.place?.mention.flatMap { mentions[$0]?.text },
                                     location: location(of: e, in: doc, mentions: mentions), actors: actors))
            }
        }
        return rows
    }

    static func location(of e: Event, in doc: Document, mentions: [String: Mention]) -> EventLocation? {
        guard let place = e.place else { return nil }
        var ref = place.mention.flatMap { mentions[$0]?.place }
        if ref == nil, let id = place.id { ref = doc.mentions.first { $0.place?.id == id }?.place }
        guard let lat = place.lat ?? ref?.lat, let lon = place.lon ?? ref?.lon else { return nil }
        return EventLocation(lat: lat, lon: lon, coarse: ref.map { $0.admin1 == nil } ?? false)
    }
}

/// Names as a reader should see them.
enum Names {
    /// True for a catalogue key such as `org:french-military` used where a name is expected.
    static func isKey(_ s: String) -> Bool {
        guard let colon = s.firstIndex(of: ":"), colon != s.startIndex else { return false }
        return !s.contains(" ") && s[..<colon].allSatisfy { $0.isLetter && $0.isLowercase }
    }

    /// An actor's or entity's name: as given unless it is a catalogue key; then the entity's name, the first
    /// name mention of the entity, or the key's slug made readable ("french military").
    static func shown(_ name: String, entity: Entity?, mentions: [String: Mention]) -> String {
        guard isKey(name) else { return name }
        if let e = entity {
            if !isKey(e.name) { return e.name }
            if let m = e.mentions.compactMap({ mentions[$0] }).first(where: { !$0.isNominal }) { return m.text }
        }
        let slug = name[name.index(after: name.firstIndex(of: ":")!)...]
        return slug.replacingOccurrences(of: "-", with: " ")
    }
}

/// Colours of event types on the timeline and map: dark enough for 3:1 against the page and the map's land.
public enum EventPalette {
    static let colours: [String: String] = [
        "ATTACK": "#b3261e", "BOMBING": "#7b2d8e", "SHELLING": "#8a4b12", "AIRSTRIKE": "#1f5fa8",
        "KIDNAPPING": "#b14a00", "KILLING": "#5c1010", "SIEGE": "#2e6b30", "ARREST": "#00695c",
        "COUP": "#37474f", "WITHDRAWAL": "#6d4c41", "DEPLOYMENT": "#0d6e9e", "MERGER": "#ad1457",
        "DESIGNATION": "#5e35b1", "AGREEMENT": "#4d7a1f",
    ]
    /// The fixed order types are stacked and listed in.
    static let order = ["ATTACK", "BOMBING", "SHELLING", "AIRSTRIKE", "KIDNAPPING", "KILLING", "SIEGE", "ARREST",
                        "COUP", "WITHDRAWAL", "DEPLOYMENT", "MERGER", "DESIGNATION", "AGREEMENT"]

    public static func colour(_ type: String) -> String { colours[type] ?? "#545454" }

    /// The types present, in the fixed order, unknown ones after it alphabetically.
    public static func sorted(_ types: Set<String>) -> [String] {
        order.filter(types.contains) + types.subtracting(order).sorted()
    }
}
