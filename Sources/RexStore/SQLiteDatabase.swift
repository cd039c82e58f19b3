import Foundation
import GRDB

/// SQLite in a real file, through GRDB.
///
/// WAL journal with `synchronous = NORMAL`: a transaction is all or nothing even when the process is killed,
/// and readers do not block the writer. Foreign keys are on (GRDB's default), which makes deleting a document
/// delete its rows.
public final class SQLiteDatabase: SQLDatabase {
    public let dialect = SQLDialect.sqlite
    public let path: String
    let queue: DatabaseQueue

    public init(path: String) throws {
        self.path = path
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(30)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            let dir = (path as NSString).deletingLastPathComponent
            if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
            queue = try DatabaseQueue(path: path, configuration: config)
        } catch {
            throw StoreError.cannotOpen(path, reason: "\(error)")
        }
    }

    static func arguments(_ values: [SQLValue]) -> StatementArguments {
        StatementArguments(values.map { v -> DatabaseValue in
            switch v {
            case .null: return .null
            case let .int(i): return i.databaseValue
            case let .double(d): return d.databaseValue
            case let .text(s): return s.databaseValue
            case let .bool(b): return (b ? 1 : 0).databaseValue
            }
        })
    }

    static func value(_ d: DatabaseValue) -> SQLValue {
        switch d.storage {
        case .null: return .null
        case let .int64(i): return .int(i)
        case let .double(x): return .double(x)
        case let .string(s): return .text(s)
        case let .blob(b): return .text(String(decoding: b, as: UTF8.self))
        }
    }

    private func failing<T>(_ sql: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as StoreError { throw e } catch {
            throw StoreError.sqlFailed(database: path, statement: sql, reason: Self.reason(error))
        }
    }

    static func reason(_ error: Error) -> String {
        if let e = error as? DatabaseError { return e.message ?? "\(e.resultCode)" }
        return "\(error)"
    }

    public func execute(_ s: SQLStatement) async throws {
        try failing(s.sql) {
            try queue.writeWithoutTransaction { db in try db.execute(sql: s.sql, arguments: Self.arguments(s.arguments)) }
        }
    }

    public func query(_ s: SQLStatement) async throws -> [[SQLValue]] {
        try failing(s.sql) {
            try queue.writeWithoutTransaction { db in
                try GRDB.Row.fetchAll(db, sql: s.sql, arguments: Self.arguments(s.arguments)).map { row in
                    row.databaseValues.map(Self.value)
                }
            }
        }
    }

    public func transaction(_ statements: [SQLStatement]) async throws {
        var current = ""
        do {
            try queue.inTransaction(.immediate) { db in
                for s in statements {
                    current = s.sql
                    try db.execute(sql: s.sql, arguments: Self.arguments(s.arguments))
                }
                return .commit
            }
        } catch {
            throw StoreError.sqlFailed(database: path, statement: current, reason: Self.reason(error))
        }
    }

    public func close() async throws {
        try queue.close()
    }
}
