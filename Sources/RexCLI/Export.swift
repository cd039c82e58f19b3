import ArgumentParser
import Foundation
import Rex
import RexStore

/// Fact tables and corpus files from a database or from document/1 JSON Lines.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export events and relations as fact tables (CSV, JSON Lines), or the documents as a corpus.",
        discussion: """
        Reads the documents stored by `rex annotate --db` (--db) or document/1 JSON Lines (--in; - for \
        standard input), one document at a time, and writes any of:

          --csv FILE, --jsonl FILE        events, one row each, ACLED-like columns
          --relations-csv FILE,           relations between entities
            --relations-jsonl FILE
          --corpus FILE.jsonl,            the annotated documents themselves
            --json-dir DIR, --brat DIR    (BRAT for correction in brat)

        Event columns: event_id, event_date, date_precision, event_type, sub_event_type, actor1, \
        assoc_actor_1, actor2, interaction, country, admin1, admin2, location, latitude, longitude, \
        geo_precision, fatalities, injured, abducted, source_document, notes (the supporting sentence), \
        rex_type, count_mod. Relation columns: relation_id, relation_type, subject, subject_canonical, object, \
        object_canonical, date, source_document, notes.

        Examples:
          rex export --db corpus.sqlite --csv events.csv --relations-csv relations.csv
          rex export --in annotated.jsonl --jsonl events.jsonl
          rex export --in gold.jsonl --brat brat/
        """
    )

    @Option(help: "The database: a SQLite file or postgres://user@host:port/database.")
    var db: String?

    @Option(name: .customLong("in"), help: "document/1 JSON Lines to read instead of a database (- for standard input).")
    var input: String?

    @Option(help: "Write the events table as CSV here.")
    var csv: String?

    @Option(help: "Write the events table as JSON Lines here.")
    var jsonl: String?

    @Option(help: "Write the relations table as CSV here.")
    var relationsCsv: String?

    @Option(help: "Write the relations table as JSON Lines here.")
    var relationsJsonl: String?

    @Option(help: "Write the documents as document/1 JSON Lines here.")
    var corpus: String?

    @Option(help: "Write one document/1 JSON file per document into this folder.")
    var jsonDir: String?

    @Option(help: "Write the documents as BRAT standoff into this folder.")
    var brat: String?

    func validate() throws {
        if (db == nil) == (input == nil) { throw ValidationError("give either --db DATABASE or --in FILE.jsonl") }
        if [csv, jsonl, relationsCsv, relationsJsonl, corpus, jsonDir, brat].allSatisfy({ $0 == nil }) {
            throw ValidationError("nothing to write: give --csv, --jsonl, --relations-csv, --relations-jsonl, --corpus, --json-dir or --brat")
        }
    }

    func run() async throws {
        let facts = FactWriter()
        defer { facts.close() }
        if let csv { try facts.add(path: csv, format: .csv, table: .events) }
        if let jsonl { try facts.add(path: jsonl, format: .jsonl, table: .events) }
        if let relationsCsv { try facts.add(path: relationsCsv, format: .csv, table: .relations) }
        if let relationsJsonl { try facts.add(path: relationsJsonl, format: .jsonl, table: .relations) }
        var outputs: [CorpusOutput] = []
        if let corpus { outputs.append(try CorpusOutput(format: .jsonl, path: corpus)) }
        if let jsonDir { outputs.append(try CorpusOutput(format: .jsonDir, path: jsonDir)) }
        if let brat { outputs.append(try CorpusOutput(format: .brat, path: brat)) }
        let wantsFacts = [csv, jsonl, relationsCsv, relationsJsonl].contains { $0 != nil }
        var documents = 0

        if let db {
            let store = try await DocumentStore.open(db)
            if wantsFacts { try await store.exportFacts(to: facts) }
            if !outputs.isEmpty {
                try await store.forEachDocument { doc in
                    for o in outputs { try o.write(doc) }
                }
            }
            documents = try await store.documentKeys().count
            try await store.close()
        } else if let input {
            var failed = 0
            for result in try JSONLDocumentStream(path: input) {
                switch result {
                case let .success(doc):
                    facts.add(doc)
                    for o in outputs { try o.write(doc) }
                    documents += 1
                case let .failure(error):
                    Console.error("\(error)")
                    failed += 1
                }
            }
            if failed > 0 {
                for o in outputs { try o.finish() }
                throw ExitCode(1)
            }
        }
        for o in outputs { try o.finish() }
        if Console.stderrIsTerminal {
            Console.status("\(documents) documents, \(facts.eventCount) events, \(facts.relationCount) relations\n")
        }
    }
}
