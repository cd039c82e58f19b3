/// The analyst queries shown in the README, kept here so that a test runs them on SQLite and PostgreSQL.
/// Each uses plain SQL both databases accept, and an index of the schema.
public enum ExampleQueries {
    public struct Query: Sendable {
        public let title: String
        public let sql: String
    }

    /// Events in a date range in a region (index events_region_date).
    public static let eventsInRegion = Query(title: "Events in Mopti region, Mali, in 2020", sql: """
        SELECT e.event_date, e.type, e.location, e.fatalities, d.doc_id
        FROM events e JOIN documents d ON d.doc = e.doc
        WHERE e.country = 'ML' AND e.admin1 = 'Mopti'
          AND e.event_date BETWEEN '2020-01-01' AND '2020-12-31'
        ORDER BY e.event_date, d.doc_id, e.event_id
        """)

    /// Events by actor, through coreference: any mention of the entity counts (index entities_canonical).
    public static let eventsByActor = Query(title: "Events whose actors include JNIM", sql: """
        SELECT e.event_date, e.type, d.doc_id, en.name
        FROM event_arguments a
        JOIN entities en ON en.doc = a.doc AND en.entity_id = a.entity_id
        JOIN events e ON e.doc = a.doc AND e.event_id = a.event_id
        JOIN documents d ON d.doc = a.doc
        WHERE a.kind = 'actor' AND en.canonical = 'org:jnim'
        ORDER BY e.event_date, d.doc_id, e.event_id
        """)

    /// Places with the most fatalities.
    public static let deadliestPlaces = Query(title: "Places with the most fatalities", sql: """
        SELECT e.country, e.admin1, e.location, COUNT(*) AS events, SUM(e.fatalities) AS fatalities
        FROM events e
        WHERE e.location IS NOT NULL AND e.fatalities IS NOT NULL
        GROUP BY e.country, e.admin1, e.location
        ORDER BY fatalities DESC, events DESC, e.location
        LIMIT 20
        """)

    public static let all = [eventsInRegion, eventsByActor, deadliestPlaces]
}
