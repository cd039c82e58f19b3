import ArgumentParser
import Foundation
import Rex
import RexReport
import RexStore

/// Writes the static HTML report of annotated documents.
struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a static HTML report (documents, events table, timeline, map) of annotated documents.",
        discussion: """
        Reads document/1 JSON Lines (as `rex annotate` writes them), a folder of document/1 JSON files \
        (such as Corpus/gold), or the documents stored by `rex annotate --db` (--db: a SQLite file or a \
        postgres:// URL), and writes a self-contained site into --html DIR: index.html (documents with \
        their counts), docs/*.html (each text with its mentions, chains and events), events.html (sortable, \
        filterable table), timeline.html (events by month and type) and map.html (event locations over the \
        Sahel). The pages load nothing from the network and open straight from the file system. The map's \
        outlines are read from the data folder (Gazetteers/report/outlines.json).

        Examples:
          rex annotate Corpus/raw --out out/corpus.jsonl && rex report out/corpus.jsonl --html out/report
          rex report Corpus/gold --html out/gold-report
          rex annotate Corpus/raw --db out/corpus.sqlite && rex report --db out/corpus.sqlite --html out/report
        """
    )

    @Argument(help: "Annotated documents: a .jsonl file (document/1 JSON Lines) or a folder of document/1 .json files.")
    var input: String?

    @Option(help: "Read the documents from rex's database instead: a SQLite file or postgres://user@host:port/database.")
    var db: String?

    @Option(help: "Folder to write the site into (created if missing; existing report files are replaced).")
    var html: String

    @Option(help: "The data folder (Gazetteers/); default: $REX_DATA, ./Gazetteers, or the clone rex was built in.")
    var data: String?

    func validate() throws {
        if input == nil && db == nil { throw ValidationError("give the annotated documents: FILE.jsonl, a folder, or --db PATH") }
        if input != nil && db != nil { throw ValidationError("give either FILE.jsonl/folder or --db PATH, not both") }
    }

    func run() async throws {
        let documents: [Document]
        if let db {
            documents = try await Self.read(database: db)
        } else if let input {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDir) else {
                throw CLIError("\(input): no such file or folder")
            }
            documents = isDir.boolValue ? try GoldFolder.read(input) : try JSONLDocuments.read(input)
        } else {
            return
        }
        let outlines = try Outlines.load(dataDirectory: DataDirectory.locate(explicit: data))
        let site = ReportSite(documents: documents, outlines: outlines)
        try site.write(to: URL(fileURLWithPath: html))
        print("\(html)/index.html: \(documents.count) documents, \(site.rows.count) events")
    }

    /// Every document the database holds, ordered by document id. A SQLite file that does not exist is an
    /// error (opening it would create an empty database).
    static func read(database location: String) async throws -> [Document] {
        if !DocumentStore.isPostgres(location) && !location.contains("://")
            && !FileManager.default.fileExists(atPath: location) {
            throw CLIError("\(location): no such database file (create one with `rex annotate FILES --db \(location)`)")
        }
        let store = try await DocumentStore.open(location)
        var documents: [Document] = []
        do {
            try await store.forEachDocument { documents.append($0) }
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
        return documents
    }
}
