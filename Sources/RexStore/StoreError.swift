/// Problems with databases, exports and BRAT files, each with what to do about it.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    /// The --db value is neither a file path nor a postgres:// URL that can be understood.
    case badLocation(String, reason: String)
    case cannotOpen(String, reason: String)
    /// The database was written by a newer rex.
    case newerSchema(found: Int, known: Int)
    case sqlFailed(database: String, statement: String, reason: String)
    /// Rows that should be there are not (a database edited by hand, or not a rex database).
    case corrupt(String)
    case cannotWrite(path: String, reason: String)
    case cannotRead(path: String, reason: String)
    /// A line of a .ann file that cannot be read.
    case badAnnLine(file: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case let .badLocation(s, reason):
            return "E040 --db '\(s)': \(reason). Give a file path (SQLite, created if missing) or postgres://user[:password]@host[:port]/database"
        case let .cannotOpen(s, reason):
            return "E041 cannot open the database \(s): \(reason)"
        case let .newerSchema(found, known):
            return "E042 the database has schema version \(found) but this rex knows up to \(known): use a newer rex, or another database"
        case let .sqlFailed(db, statement, reason):
            let short = statement.count > 160 ? String(statement.prefix(160)) + "…" : statement
            return "E043 \(db): \(reason) (in: \(short))"
        case let .corrupt(s):
            return "E044 the database is not as rex wrote it: \(s)"
        case let .cannotWrite(path, reason):
            return "E045 cannot write \(path): \(reason)"
        case let .cannotRead(path, reason):
            return "E046 cannot read \(path): \(reason)"
        case let .badAnnLine(file, line, reason):
            return "E047 \(file):\(line): \(reason)"
        }
    }
}
