import Foundation

/// A value bound to or read from a SQL statement, the same for SQLite and PostgreSQL.
///
/// Booleans are written as `BOOLEAN` in PostgreSQL and 0/1 in SQLite, and read back from either as `.int`
/// (0 or 1), so that rows read from both databases compare equal.
public enum SQLValue: Sendable, Hashable, CustomStringConvertible {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
    case bool(Bool)

    public init(_ v: String?) { self = v.map { .text($0) } ?? .null }
    public init(_ v: Int?) { self = v.map { .int(Int64($0)) } ?? .null }
    public init(_ v: Int64?) { self = v.map { .int($0) } ?? .null }
    public init(_ v: Double?) { self = v.map { .double($0) } ?? .null }
    public init(_ v: Bool?) { self = v.map { .bool($0) } ?? .null }

    public var isNull: Bool { if case .null = self { return true } else { return false } }

    public var string: String? {
        switch self {
        case let .text(s): return s
        case let .int(i): return String(i)
        case let .double(d): return String(d)
        case let .bool(b): return b ? "1" : "0"
        case .null: return nil
        }
    }

    public var int: Int? {
        switch self {
        case let .int(i): return Int(i)
        case let .double(d): return Int(d)
        case let .bool(b): return b ? 1 : 0
        case let .text(s): return Int(s)
        case .null: return nil
        }
    }

    public var double: Double? {
        switch self {
        case let .double(d): return d
        case let .int(i): return Double(i)
        case let .text(s): return Double(s)
        case .bool, .null: return nil
        }
    }

    public var bool: Bool? { int.map { $0 != 0 } }

    public var description: String {
        switch self {
        case .null: return "NULL"
        case let .text(s): return "'" + s + "'"
        default: return string ?? "NULL"
        }
    }
}

/// One statement with its arguments, bound by position (`?` in the text; PostgreSQL's `$n` is made from it).
public struct SQLStatement: Sendable {
    public var sql: String
    public var arguments: [SQLValue]
    public init(_ sql: String, _ arguments: [SQLValue] = []) { self.sql = sql; self.arguments = arguments }
}

/// The SQL dialects rex writes.
public enum SQLDialect: String, Sendable {
    case sqlite, postgres
}

/// What rex needs from a database: statements, queries, and all-or-nothing groups of statements.
///
/// Every writer (SQLite through GRDB, PostgreSQL through postgres-nio) implements this, and everything
/// else (schema, migrations, writing documents, reading them back, fact tables) is written once on top of it.
/// SQL text uses `?` placeholders in both dialects.
public protocol SQLDatabase: Sendable {
    var dialect: SQLDialect { get }
    /// Runs one statement outside any explicit transaction.
    func execute(_ statement: SQLStatement) async throws
    /// Runs a query and returns every row, each as its column values in select order.
    func query(_ statement: SQLStatement) async throws -> [[SQLValue]]
    /// Runs the statements in one transaction: all of them take effect, or none (the transaction is rolled
    /// back on the first error and the error is rethrown).
    func transaction(_ statements: [SQLStatement]) async throws
    /// Closes the connection; the value must not be used afterwards.
    func close() async throws
}

extension SQLDatabase {
    public func execute(_ sql: String, _ arguments: [SQLValue] = []) async throws {
        try await execute(SQLStatement(sql, arguments))
    }
    public func query(_ sql: String, _ arguments: [SQLValue] = []) async throws -> [[SQLValue]] {
        try await query(SQLStatement(sql, arguments))
    }
}

/// Rewrites `?` placeholders as `$1, $2, …` for PostgreSQL, leaving quoted strings alone.
enum Placeholders {
    static func numbered(_ sql: String) -> String {
        var out = ""
        out.reserveCapacity(sql.count + 16)
        var n = 0
        var quote: Character? = nil
        for c in sql {
            if let q = quote {
                out.append(c)
                if c == q { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
                out.append(c)
            } else if c == "?" {
                n += 1
                out += "$\(n)"
            } else {
                out.append(c)
            }
        }
        return out
    }
}
