import Foundation

/// Finds rex's data folder (`Gazetteers/`: gazetteers, word lists and rule files) at run time, so that
/// adding a town or a trigger word needs no recompile.
///
/// Looked up in order: the `REX_DATA` environment variable; `./Gazetteers`; `Gazetteers/` next to the
/// executable or in any of its parent folders (a build inside a clone finds the clone's data).
public enum DataDirectory {
    public static func locate(explicit: String? = nil) throws -> URL {
        var tried: [String] = []
        func ok(_ path: String) -> Bool {
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
        }
        if let explicit {
            if ok(explicit) { return URL(fileURLWithPath: explicit) }
            throw DataError.notFound(tried: [explicit])
        }
        if let env = ProcessInfo.processInfo.environment["REX_DATA"] {
            if ok(env) { return URL(fileURLWithPath: env) }
            tried.append(env)
        }
        let cwd = FileManager.default.currentDirectoryPath + "/Gazetteers"
        if ok(cwd) { return URL(fileURLWithPath: cwd) }
        tried.append(cwd)
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<8 {
            let candidate = dir.appendingPathComponent("Gazetteers").path
            if ok(candidate) { return URL(fileURLWithPath: candidate) }
            tried.append(candidate)
            dir = dir.deletingLastPathComponent()
        }
        // Tests and libraries built from this source tree.
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Gazetteers").path
        if ok(source) { return URL(fileURLWithPath: source) }
        tried.append(source)
        throw DataError.notFound(tried: tried)
    }
}

extension DataDirectory {
    /// The data folder of a regional pack: `packs/NAME/` inside the data folder. A pack holds a region's
    /// gazetteers (places, organizations, people) in the same formats as the default ones, and links to the
    /// shared rule files, so that pointing rex at reports from another region swaps gazetteers only.
    public static func pack(_ name: String, in data: URL) throws -> URL {
        let url = data.appendingPathComponent("packs").appendingPathComponent(name)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue else {
            let packs = (try? FileManager.default.contentsOfDirectory(atPath: data.appendingPathComponent("packs").path)) ?? []
            throw DataError.noPack(name: name, available: packs.sorted())
        }
        return url
    }

    /// The data folder, or a pack inside it when `pack` is given (`--data`, `--pack`).
    public static func locate(explicit: String?, pack: String?) throws -> URL {
        let base = try locate(explicit: explicit)
        guard let pack else { return base }
        return try self.pack(pack, in: base)
    }
}

/// Problems with data files, each naming the file and line.
public enum DataError: Error, CustomStringConvertible, Equatable {
    case notFound(tried: [String])
    case unreadable(file: String)
    case badLine(file: String, line: Int, reason: String)
    case noPack(name: String, available: [String])

    public var description: String {
        switch self {
        case let .notFound(tried):
            return "E010 rex's data folder (Gazetteers/) was not found; set REX_DATA or pass --data. Tried: " + tried.joined(separator: ", ")
        case let .unreadable(file): return "E011 cannot read data file \(file)"
        case let .badLine(file, line, reason): return "E012 \(file):\(line): \(reason)"
        case let .noPack(name, available):
            return "E013 no gazetteer pack '\(name)' in the data folder's packs/; available: "
                + (available.isEmpty ? "none" : available.joined(separator: ", "))
        }
    }
}

/// Reads a line-oriented data file: `#` starts a comment, blank lines are skipped, fields are tab-separated.
public struct DataFile: Sendable {
    public let path: String
    /// (line number, fields) for each data line.
    public let rows: [(line: Int, fields: [String])]

    public init(_ url: URL) throws {
        path = url.path
        guard let data = FileManager.default.contents(atPath: url.path),
              let text = String(data: data, encoding: .utf8) else { throw DataError.unreadable(file: url.path) }
        var rows: [(Int, [String])] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("//") { continue }
            rows.append((n + 1, line.split(separator: "\t", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }))
        }
        self.rows = rows
    }

    public func error(_ line: Int, _ reason: String) -> DataError { .badLine(file: path, line: line, reason: reason) }
}
