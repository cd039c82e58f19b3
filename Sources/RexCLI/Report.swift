import ArgumentParser
import Foundation
import Rex
import RexReport

/// Writes the static HTML report of annotated documents.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a static HTML report (documents, events table, timeline, map) of annotated documents.",
        discussion: """
        Reads document/1 JSON Lines (as `rex annotate` writes them) or a folder of document/1 JSON files \
        (such as Corpus/gold), and writes a self-contained site into --html DIR: index.html (documents with \
        their counts), docs/*.html (each text with its mentions, chains and events), events.html (sortable, \
        filterable table), timeline.html (events by month and type) and map.html (event locations over the \
        Sahel). The pages load nothing from the network and open straight from the file system. The map's \
        outlines are read from the data folder (Gazetteers/report/outlines.json).

        Examples:
          rex annotate Corpus/raw --out out/corpus.jsonl && rex report out/corpus.jsonl --html out/report
          rex report Corpus/gold --html out/gold-report
        """
    )

    @Argument(help: "Annotated documents: a .jsonl file (document/1 JSON Lines) or a folder of document/1 .json files.")
    var input: String?

    @Option(help: "Read the documents from rex's database instead of a file.")
    var db: String?

    @Option(help: "Folder to write the site into (created if missing; existing report files are replaced).")
    var html: String

    @Option(help: "The data folder (Gazetteers/); default: $REX_DATA, ./Gazetteers, or the clone rex was built in.")
    var data: String?

    func validate() throws {
        if input == nil && db == nil { throw ValidationError("give the annotated documents: FILE.jsonl, a folder, or --db PATH") }
        if input != nil && db != nil { throw ValidationError("give either FILE.jsonl/folder or --db PATH, not both") }
    }

    func run() throws {
        if db != nil {
            throw CLIError("--db: reading from rex's database is not available in this build (the store module is not part of it yet); "
                + "export the documents as JSON Lines and run `rex report FILE.jsonl --html \(html)`")
        }
        guard let input else { return }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input, isDirectory: &isDir) else {
            throw CLIError("\(input): no such file or folder")
        }
        let documents = isDir.boolValue ? try GoldFolder.read(input) : try JSONLDocuments.read(input)
        let outlines = try Outlines.load(dataDirectory: DataDirectory.locate(explicit: data))
        let site = ReportSite(documents: documents, outlines: outlines)
        try site.write(to: URL(fileURLWithPath: html))
        print("\(html)/index.html: \(documents.count) documents, \(site.rows.count) events")
    }
}
