import Foundation
import Logging
import PostgresNIO

/// PostgreSQL through postgres-nio: one connection, used by one statement or transaction at a time.
public actor PostgresDatabase: SQLDatabase {
    public nonisolated let dialect = SQLDialect.postgres
    /// The URL without its password, for messages.
    public nonisolated let label: String
    private let connection: PostgresConnection
    private let logger: Logger
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Connects to `postgres://user[:password]@host[:port]/database[?sslmode=disable|prefer|require]`
    /// (`postgresql://` too; `?host=/run/postgresql` connects through a Unix socket in that folder).
    public static func connect(url: String) async throws -> PostgresDatabase {
        let (config, label) = try configuration(url)
        var logger = Logger(label: "rex.postgres")
        logger.logLevel = .error
        do {
            let c = try await PostgresConnection.connect(configuration: config, id: 1, logger: logger)
            return PostgresDatabase(connection: c, logger: logger, label: label)
        } catch {
            throw StoreError.cannotOpen(label, reason: Self.reason(error))
        }
    }

    private init(connection: PostgresConnection, logger: Logger, label: String) {
        self.connection = connection
        self.logger = logger
        self.label = label
    }

    /// The connection settings a URL names, and the URL without its password.
    static func configuration(_ url: String) throws -> (PostgresConnection.Configuration, String) {
        guard let c = URLComponents(string: url), let scheme = c.scheme,
              scheme == "postgres" || scheme == "postgresql" else {
            throw StoreError.badLocation(url, reason: "not a postgres:// URL")
        }
        let user = c.user ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        let password = c.password
        var database = c.path.hasPrefix("/") ? String(c.path.dropFirst()) : c.path
        if database.isEmpty { database = user }
        let items = Dictionary((c.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { a, _ in a })
        var label = "\(scheme)://\(user)@\(c.host ?? "")"
        if let p = c.port { label += ":\(p)" }
        label += "/\(database)"
        if let socketDir = items["host"], socketDir.hasPrefix("/") {
            let port = c.port ?? 5432
            let path = socketDir + "/.s.PGSQL.\(port)"
            return (PostgresConnection.Configuration(unixSocketPath: path, username: user, password: password,
                                                     database: database), label)
        }
        guard let host = c.host, !host.isEmpty else {
            throw StoreError.badLocation(url, reason: "no host (postgres://user@localhost:5432/database)")
        }
        let tls: PostgresConnection.Configuration.TLS
        switch items["sslmode"] ?? "disable" {
        case "disable": tls = .disable
        case "prefer", "allow":
            tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case "require", "verify-ca", "verify-full":
            tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case let other:
            throw StoreError.badLocation(url, reason: "unknown sslmode '\(other)' (disable, prefer or require)")
        }
        return (PostgresConnection.Configuration(host: host, port: c.port ?? 5432, username: user,
                                                 password: password, database: database, tls: tls), label)
    }

    static func reason(_ error: Error) -> String {
        if let e = error as? PSQLError {
            if let info = e.serverInfo, let message = info[.message] {
                return message + (info[.detail].map { " (\($0))" } ?? "")
            }
            if let u = e.underlying { return "\(e.code): \(u)" }
            return "\(e.code)"
        }
        return "\(error)"
    }

    // One user of the connection at a time: an actor alone would let calls interleave at each await.
    private func acquire() async {
        if !busy { busy = true; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }

    private func bindings(_ values: [SQLValue]) -> PostgresBindings {
        var b = PostgresBindings()
        for v in values {
            switch v {
            case .null: b.appendNull()
            case let .int(i): b.append(i)
            case let .double(d): b.append(d)
            case let .text(s): b.append(s)
            case let .bool(x): b.append(x)
            }
        }
        return b
    }

    private func run(_ s: SQLStatement) async throws -> [[SQLValue]] {
        let query = PostgresQuery(unsafeSQL: Placeholders.numbered(s.sql), binds: bindings(s.arguments))
        do {
            var rows: [[SQLValue]] = []
            for try await row in try await connection.query(query, logger: logger) {
                rows.append(row.map(Self.value))
            }
            return rows
        } catch {
            throw StoreError.sqlFailed(database: label, statement: s.sql, reason: Self.reason(error))
        }
    }

    static func value(_ cell: PostgresCell) -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return (try? cell.decode(Int64.self)).map { .int($0) } ?? .null
        case .float4, .float8: return (try? cell.decode(Double.self)).map { .double($0) } ?? .null
        case .bool: return (try? cell.decode(Bool.self)).map { .int($0 ? 1 : 0) } ?? .null
        case .date:
            guard let d = try? cell.decode(Date.self) else { return .null }
            return .text(Self.day.string(from: d))
        case .timestamptz, .timestamp:
            guard let d = try? cell.decode(Date.self) else { return .null }
            return .text(ISO8601DateFormatter().string(from: d))
        case .numeric:
            // SUM over BIGINT columns is NUMERIC: whole numbers come back as integers, as SQLite gives them.
            guard let d = try? cell.decode(Decimal.self) else { return .null }
            let n = NSDecimalNumber(decimal: d)
            return d == Decimal(n.int64Value) ? .int(n.int64Value) : .double(n.doubleValue)
        default: return (try? cell.decode(String.self)).map { .text($0) } ?? .null
        }
    }

    private static let day: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f
    }()

    public func execute(_ s: SQLStatement) async throws {
        await acquire()
        defer { release() }
        _ = try await run(s)
    }

    public func query(_ s: SQLStatement) async throws -> [[SQLValue]] {
        await acquire()
        defer { release() }
        return try await run(s)
    }

    public func transaction(_ statements: [SQLStatement]) async throws {
        await acquire()
        defer { release() }
        _ = try await run(SQLStatement("BEGIN"))
        do {
            for s in statements { _ = try await run(s) }
            _ = try await run(SQLStatement("COMMIT"))
        } catch {
            _ = try? await run(SQLStatement("ROLLBACK"))
            throw error
        }
    }

    public func close() async throws {
        try await connection.close()
    }
}
