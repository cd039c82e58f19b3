import Foundation
import RexModel

/// Where a document came from, as the store keys it: a file's absolute path, or `id:` and the document id for
/// documents without a file (standard input, JSON Lines records).
public enum Origin {
    public static func file(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
    public static func id(_ id: String) -> String { "id:" + id }
    /// The origin of a document read back from JSON Lines: its source path when it has one, else its id.
    public static func of(_ doc: Document) -> String {
        if let p = doc.source?.path { return file(p) }
        return id(doc.id)
    }
}

/// What the store already holds, for deciding before annotating whether a file needs it.
public struct StoreIndex: Sendable {
    /// origin → content hash.
    public private(set) var byOrigin: [String: String] = [:]
    /// content hash → origin.
    public private(set) var byHash: [String: String] = [:]

    public init() {}

    public enum Decision: Equatable, Sendable {
        /// Not in the store: annotate and insert.
        case new
        /// The same origin holds other content: annotate and replace.
        case changed
        /// The same origin holds this content: skip.
        case unchanged
        /// Another origin holds this content: skip (stored once). The origin's own older content, if any, is stale.
        case duplicate(of: String)

        public var needsAnnotation: Bool { self == .new || self == .changed }
    }

    public func decide(origin: String, sha256: String) -> Decision {
        if let old = byOrigin[origin] { if old == sha256 { return .unchanged } }
        if let other = byHash[sha256], other != origin { return .duplicate(of: other) }
        return byOrigin[origin] == nil ? .new : .changed
    }

    public mutating func record(origin: String, sha256: String) {
        if let old = byOrigin[origin] { byHash[old] = nil }
        if let other = byHash[sha256] { byOrigin[other] = nil }
        byOrigin[origin] = sha256
        byHash[sha256] = origin
    }

    public mutating func remove(origin: String) {
        if let old = byOrigin.removeValue(forKey: origin) { byHash[old] = nil }
    }

    public var count: Int { byOrigin.count }
}

/// What a run records about itself in `provenance`.
public struct RunInfo: Sendable {
    public var rexVersion: String
    public var command: String
    public var pipeline: [String]
    public var dataDirectory: String?
    public init(rexVersion: String, command: String, pipeline: [String], dataDirectory: String?) {
        self.rexVersion = rexVersion; self.command = command; self.pipeline = pipeline; self.dataDirectory = dataDirectory
    }
}

/// Annotated documents in a database (SQLite file or PostgreSQL), in the normalized schema of `Schema`.
///
/// Writing is idempotent: a document is stored under its origin and content hash; storing it again deletes
/// what that origin or that content stored before and inserts the new rows, all in one transaction. A run
/// killed between documents leaves whole documents only, and the next run (which skips what is stored)
/// finishes the job.
///
/// ```swift
/// let store = try await DocumentStore.open("corpus.sqlite")      // or "postgres://rex@localhost/rex"
/// try await store.write(doc, origin: Origin.file("reports/a.txt"), run: nil)
/// let back = try await store.document(origin: Origin.file("reports/a.txt"))
/// ```
public final class DocumentStore: Sendable {
    public let database: any SQLDatabase
    public let location: String

    public init(database: any SQLDatabase, location: String) {
        self.database = database
        self.location = location
    }

    /// Whether `location` names a PostgreSQL server rather than a SQLite file.
    public static func isPostgres(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }

    /// Opens (creating if needed) the database at `location` — a file path for SQLite, a postgres:// URL for
    /// PostgreSQL — and brings its schema up to date.
    public static func open(_ location: String, migrate: Bool = true) async throws -> DocumentStore {
        let db: any SQLDatabase
        if isPostgres(location) {
            db = try await PostgresDatabase.connect(url: location)
        } else {
            if location.contains("://") {
                throw StoreError.badLocation(location, reason: "only postgres:// URLs and file paths are understood")
            }
            db = try SQLiteDatabase(path: location)
        }
        let label = (db as? PostgresDatabase)?.label ?? location
        let store = DocumentStore(database: db, location: label)
        if migrate { try await store.migrate() }
        return store
    }

    public func close() async throws { try await database.close() }

    var dialect: SQLDialect { database.dialect }

    static func now() -> String { ISO8601DateFormatter().string(from: Date()) }

    /// A bound parameter for a column of type `t` (PostgreSQL needs text cast to dates and timestamps).
    func param(_ t: Schema.ColumnType) -> String {
        guard dialect == .postgres else { return "?" }
        switch t {
        case .date: return "CAST(? AS DATE)"
        case .timestamp: return "CAST(? AS TIMESTAMPTZ)"
        default: return "?"
        }
    }

    // MARK: Schema

    /// The schema version of the database (0 when empty).
    public func schemaVersion() async throws -> Int {
        try await database.execute(Schema.versionTableSQL(dialect))
        return try await database.query("SELECT MAX(version) FROM schema_version").first?.first?.int ?? 0
    }

    /// Applies the migrations the database lacks, up to `target` (default: all), each in its own transaction.
    public func migrate(upTo target: Int = Schema.currentVersion) async throws {
        let version = try await schemaVersion()
        if version > Schema.currentVersion { throw StoreError.newerSchema(found: version, known: Schema.currentVersion) }
        for m in Schema.migrations where m.version > version && m.version <= target {
            var statements: [SQLStatement] = []
            // Two rex processes migrating the same server wait for each other (the statements are idempotent too).
            if dialect == .postgres { statements.append(SQLStatement("SELECT pg_advisory_xact_lock(73657801)")) }
            statements += m.statements(dialect).map { SQLStatement($0) }
            statements.append(SQLStatement(
                "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, \(param(.timestamp))) "
                    + "ON CONFLICT (version) DO NOTHING",
                [.int(Int64(m.version)), .text(m.description), .text(Self.now())]))
            try await database.transaction(statements)
        }
    }

    // MARK: Runs

    /// Records the start of a batch run; its number goes into every document the run writes.
    public func beginRun(_ info: RunInfo) async throws -> Int64 {
        let rows = try await database.query(
            "INSERT INTO provenance (started_at, rex_version, command, pipeline, data_dir) "
                + "VALUES (\(param(.timestamp)), ?, ?, ?, ?) RETURNING run",
            [.text(Self.now()), .text(info.rexVersion), .text(info.command), .text(info.pipeline.joined(separator: " ")),
             SQLValue(info.dataDirectory)])
        guard let run = rows.first?.first, case let .int(n) = run else {
            throw StoreError.corrupt("the provenance row was not numbered")
        }
        return n
    }

    /// Records the end of a run and its counts. A run that was killed keeps `finished_at` NULL.
    public func finishRun(_ run: Int64, written: Int, skipped: Int, failed: Int) async throws {
        try await database.execute(
            "UPDATE provenance SET finished_at = \(param(.timestamp)), documents_written = ?, documents_skipped = ?, "
                + "documents_failed = ? WHERE run = ?",
            [.text(Self.now()), .int(Int64(written)), .int(Int64(skipped)), .int(Int64(failed)), .int(run)])
    }

    // MARK: Documents

    /// Origins and content hashes of every stored document (about 150 bytes each in memory).
    public func index() async throws -> StoreIndex {
        var idx = StoreIndex()
        for r in try await database.query("SELECT origin, sha256 FROM documents") {
            if let o = r[0].string, let s = r[1].string { idx.record(origin: o, sha256: s) }
        }
        return idx
    }

    /// Stores `doc` under `origin`, replacing whatever that origin or the same content stored before, in one
    /// transaction.
    public func write(_ doc: Document, origin: String, run: Int64?) async throws {
        let rows = DocumentRows(doc, origin: origin, run: run, storedAt: Self.now())
        try await database.transaction(rows.statements(dialect: dialect))
    }

    /// Deletes the document stored under `origin` (and its rows); no error when there is none.
    public func remove(origin: String) async throws {
        try await database.transaction([SQLStatement("DELETE FROM documents WHERE origin = ?", [.text(origin)])])
    }

    /// (key, document id, origin) of every stored document, ordered by document id.
    public func documentKeys() async throws -> [(key: Int64, id: String, origin: String)] {
        try await database.query("SELECT doc, doc_id, origin FROM documents ORDER BY doc_id, origin").compactMap { r in
            guard case let .int(k) = r[0], let id = r[1].string, let o = r[2].string else { return nil }
            return (k, id, o)
        }
    }

    /// The select list for a table, dates and timestamps read as text in both dialects.
    static func selectList(_ t: Schema.Table) -> String {
        t.columns.map { c in
            switch c.type {
            case .date, .timestamp: return "CAST(\(c.name) AS TEXT) AS \(c.name)"
            default: return c.name
            }
        }.joined(separator: ", ")
    }

    /// The rows one document holds in `tables` (default: all of them).
    public func rows(key: Int64, tables: [Schema.Table] = Schema.documentTables) async throws -> DocumentRows {
        var out: [String: [Row]] = [:]
        for t in tables {
            let order = t.columnNames.contains("idx") ? " ORDER BY idx" : ""
            let result = try await database.query(
                "SELECT \(Self.selectList(t)) FROM \(t.name) WHERE doc = ?" + order, [.int(key)])
            out[t.name] = result.map { values in Dictionary(uniqueKeysWithValues: zip(t.columnNames, values)) }
        }
        return DocumentRows(key: key, tables: out)
    }

    /// The document stored under `origin`, or nil.
    public func document(origin: String) async throws -> Document? {
        guard let r = try await database.query("SELECT doc FROM documents WHERE origin = ?", [.text(origin)]).first,
              case let .int(key) = r[0] else { return nil }
        return try await rows(key: key).document()
    }

    /// Every stored document, one at a time (memory holds one document), ordered by document id.
    public func forEachDocument(_ body: (Document) async throws -> Void) async throws {
        for k in try await documentKeys() {
            try await body(try await rows(key: k.key).document())
        }
    }
}
