import Foundation
import RexModel
import XCTest
@testable import RexStore

final class SQLiteStoreTests: XCTestCase {
    func batch() throws -> [Document] { try Repo.goldDocuments() + [sampleDocument()] }

    func open(_ dir: URL, _ name: String = "corpus.sqlite") async throws -> DocumentStore {
        try await DocumentStore.open(dir.appendingPathComponent(name).path)
    }

    func testDocumentsComeBackFromAReopenedFileAsTheyWereWritten() async throws {
        let dir = try temporaryDirectory(self)
        let docs = try batch()
        var store = try await open(dir)
        for d in docs { try await store.write(d, origin: Origin.of(d), run: nil) }
        try await store.close()
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("corpus.sqlite").path))

        store = try await open(dir)
        let _v1 = try await store.schemaVersion()
        XCTAssertEqual(_v1, Schema.currentVersion)
        for d in docs {
            let back = try await store.document(origin: Origin.of(d))
            assertSameDocument(back, d, d.id)
        }
        let keys = try await store.documentKeys()
        XCTAssertEqual(keys.map(\.id), docs.map(\.id).sorted())
        let c = try await counts(store)
        XCTAssertEqual(c["documents"], docs.count)
        XCTAssertEqual(c["mentions"], docs.reduce(0) { $0 + $1.mentions.count })
        XCTAssertEqual(c["events"], docs.reduce(0) { $0 + $1.events.count })
        XCTAssertEqual(c["event_arguments"], docs.reduce(0) { n, d in
            n + d.events.reduce(0) { $0 + $1.actors.count + $1.targets.count + $1.weapons.count + ($1.also?.count ?? 0) }
        })
        try await store.close()
    }

    func testWritingTheSameBatchAgainLeavesTheSameRowsAndNoDuplicates() async throws {
        let dir = try temporaryDirectory(self)
        let store = try await open(dir)
        for d in try batch() { try await store.write(d, origin: Origin.of(d), run: nil) }
        let first = try await allRows(store)
        // Written again blindly (as --force does), and a third time through the index (as a rerun does).
        for d in try batch() { try await store.write(d, origin: Origin.of(d), run: nil) }
        let index = try await store.index()
        for d in try batch() {
            XCTAssertEqual(index.decide(origin: Origin.of(d), sha256: DocumentRows.contentHash(of: d)), .unchanged)
        }
        let _v2 = try await allRows(store)
        XCTAssertEqual(_v2, first)
        let c = try await counts(store)
        XCTAssertEqual(c["documents"], try batch().count)
        try await store.close()
    }

    func testAChangedDocumentReplacesItsOldVersionInOneGo() async throws {
        let dir = try temporaryDirectory(self)
        let store = try await open(dir)
        let old = sampleDocument()
        try await store.write(old, origin: Origin.of(old), run: nil)
        var new = sampleDocument(text: " Two more people were hurt.")
        new.events.removeLast()
        XCTAssertEqual(Origin.of(new), Origin.of(old))
        let index = try await store.index()
        XCTAssertEqual(index.decide(origin: Origin.of(new), sha256: DocumentRows.contentHash(of: new)), .changed)
        try await store.write(new, origin: Origin.of(new), run: nil)
        let c = try await counts(store)
        XCTAssertEqual(c["documents"], 1)
        XCTAssertEqual(c["events"], 1)
        let _v3 = try await store.document(origin: Origin.of(new))
        assertSameDocument(_v3, new)
        try await store.close()
    }

    func testTheSameContentUnderAnotherPathIsADuplicateNotANewDocument() {
        var index = StoreIndex()
        index.record(origin: "/a/one.txt", sha256: "aa")
        XCTAssertEqual(index.decide(origin: "/b/one-copy.txt", sha256: "aa"), .duplicate(of: "/a/one.txt"))
        XCTAssertEqual(index.decide(origin: "/a/one.txt", sha256: "bb"), .changed)
        XCTAssertEqual(index.decide(origin: "/a/two.txt", sha256: "cc"), .new)
        index.record(origin: "/a/one.txt", sha256: "bb")
        XCTAssertEqual(index.decide(origin: "/b/one-copy.txt", sha256: "aa"), .new, "the old content is gone")
        XCTAssertEqual(index.count, 1)
    }

    func testAFailedTransactionLeavesTheDatabaseAsItWas() async throws {
        let dir = try temporaryDirectory(self)
        let store = try await open(dir)
        let old = sampleDocument()
        try await store.write(old, origin: Origin.of(old), run: nil)
        let before = try await allRows(store)
        // The replacement dies after deleting the old rows and inserting most new ones.
        let new = sampleDocument(text: " More text.")
        var statements = DocumentRows(new, origin: Origin.of(new), run: nil, storedAt: "2024-01-01T00:00:00Z")
            .statements(dialect: .sqlite)
        statements.insert(SQLStatement("INSERT INTO no_such_table VALUES (1)"), at: statements.count - 1)
        do {
            try await store.database.transaction(statements)
            XCTFail("the transaction should have failed")
        } catch let e as StoreError {
            XCTAssertTrue("\(e)".contains("no_such_table"), "\(e)")
        }
        let _v4 = try await allRows(store)
        XCTAssertEqual(_v4, before)
        let _v5 = try await store.document(origin: Origin.of(old))
        assertSameDocument(_v5, old)
        try await store.close()
    }

    func testARunKilledBetweenDocumentsIsFinishedByTheNextRunWithTheSameRows() async throws {
        let dir = try temporaryDirectory(self)
        let docs = try batch()
        let info = RunInfo(rexVersion: "test", command: "rex annotate", pipeline: ["tokenizer"], dataDirectory: nil)

        // Run 1 stores three documents, then the process dies: no finishRun.
        var store = try await open(dir)
        let run1 = try await store.beginRun(info)
        for d in docs.prefix(3) { try await store.write(d, origin: Origin.of(d), run: run1) }
        try await store.close()

        // Run 2 skips what is stored and writes the rest.
        store = try await open(dir)
        let run2 = try await store.beginRun(info)
        let index = try await store.index()
        var written = 0, skipped = 0
        for d in docs {
            if index.decide(origin: Origin.of(d), sha256: DocumentRows.contentHash(of: d)).needsAnnotation {
                try await store.write(d, origin: Origin.of(d), run: run2)
                written += 1
            } else {
                skipped += 1
            }
        }
        try await store.finishRun(run2, written: written, skipped: skipped, failed: 0)
        XCTAssertEqual(written, docs.count - 3)
        XCTAssertEqual(skipped, 3)

        // The same rows as one uninterrupted run into another file.
        let clean = try await open(dir, "clean.sqlite")
        for d in docs { try await clean.write(d, origin: Origin.of(d), run: nil) }
        let _v6 = try await allRows(store)
        let _v7 = try await allRows(clean)
        XCTAssertEqual(_v6, _v7)
        let runs = try await store.database.query("SELECT run, finished_at IS NULL, documents_written FROM provenance ORDER BY run")
        XCTAssertEqual(runs, [[.int(run1), .int(1), .null], [.int(run2), .int(0), .int(Int64(docs.count - 3))]])
        try await store.close()
        try await clean.close()
    }

    func testAVersion1DatabaseIsMigratedAndKeepsItsDocuments() async throws {
        let dir = try temporaryDirectory(self)
        let path = dir.appendingPathComponent("old.sqlite").path
        let old = try await DocumentStore.open(path, migrate: false)
        try await old.migrate(upTo: 1)
        let _v8 = try await old.schemaVersion()
        XCTAssertEqual(_v8, 1)
        let doc = sampleDocument()
        try await old.write(doc, origin: Origin.of(doc), run: nil)
        try await old.close()

        let store = try await DocumentStore.open(path)
        let _v9 = try await store.schemaVersion()
        XCTAssertEqual(_v9, 2)
        let _v10 = try await store.document(origin: Origin.of(doc))
        assertSameDocument(_v10, doc)
        let versions = try await store.database.query("SELECT version FROM schema_version ORDER BY version")
        XCTAssertEqual(versions, [[.int(1)], [.int(2)]])
        let _v11 = try await store.database.query("SELECT COUNT(*) FROM relations")
        XCTAssertEqual(_v11, [[.int(0)]])
        try await store.close()
    }

    func testADatabaseFromANewerRexIsRefused() async throws {
        let dir = try temporaryDirectory(self)
        let path = dir.appendingPathComponent("new.sqlite").path
        let store = try await DocumentStore.open(path)
        try await store.database.execute(
            "INSERT INTO schema_version (version, description, applied_at) VALUES (99, 'future', '2030-01-01')")
        try await store.close()
        do {
            _ = try await DocumentStore.open(path)
            XCTFail("a newer schema should be refused")
        } catch let e as StoreError {
            XCTAssertEqual(e, .newerSchema(found: 99, known: Schema.currentVersion))
        }
    }

    func testTheIndexesAnalystsQueriesNeedExist() async throws {
        let dir = try temporaryDirectory(self)
        let store = try await open(dir)
        let names = Set(try await store.database.query("SELECT name FROM sqlite_master WHERE type = 'index'").compactMap { $0[0].string })
        for wanted in ["events_date", "events_region_date", "events_place", "entities_canonical", "event_arguments_entity"] {
            XCTAssertTrue(names.contains(wanted), "missing index \(wanted)")
        }
        // The date-range query uses the date index rather than reading the whole table.
        let plan = try await store.database.query(
            "EXPLAIN QUERY PLAN SELECT * FROM events WHERE event_date BETWEEN '2020-01-01' AND '2020-12-31'")
        XCTAssertTrue(plan.contains { $0.last?.string?.contains("events_date") == true }, "\(plan)")
        try await store.close()
    }
}
