import Foundation
import RexModel
import XCTest
@testable import RexStore

/// The same store against a real PostgreSQL server (REX_TEST_POSTGRES_URL; scripts/test.sh starts one).
final class PostgresStoreTests: XCTestCase {
    func batch() throws -> [Document] { try Repo.goldDocuments() + [sampleDocument()] }

    func testTheSameBatchGivesTheSameRowsInSQLiteAndPostgreSQL() async throws {
        let url = try await freshPostgresDatabase(self)
        let dir = try temporaryDirectory(self)
        let pg = try await DocumentStore.open(url)
        let lite = try await DocumentStore.open(dir.appendingPathComponent("c.sqlite").path)
        for store in [pg, lite] {
            let run = try await store.beginRun(RunInfo(rexVersion: "test", command: "test", pipeline: [], dataDirectory: nil))
            for d in try batch() { try await store.write(d, origin: Origin.of(d), run: run) }
            try await store.finishRun(run, written: try batch().count, skipped: 0, failed: 0)
        }
        let a = try await allRows(pg), b = try await allRows(lite)
        for t in Schema.documentTables {
            XCTAssertEqual(a[t.name]?.count, b[t.name]?.count, t.name)
            for (x, y) in zip(a[t.name] ?? [], b[t.name] ?? []) where x != y {
                XCTFail("\(t.name) differs:\n  postgres \(x)\n  sqlite   \(y)")
                break
            }
        }
        XCTAssertGreaterThan(a["events"]?.count ?? 0, 50)
        try await pg.close()
        try await lite.close()
    }

    func testDocumentsComeBackFromPostgreSQLAsTheyWereWritten() async throws {
        let url = try await freshPostgresDatabase(self)
        let store = try await DocumentStore.open(url)
        let v = try await store.schemaVersion()
        XCTAssertEqual(v, Schema.currentVersion)
        for d in try batch() { try await store.write(d, origin: Origin.of(d), run: nil) }
        for d in try batch() {
            let back = try await store.document(origin: Origin.of(d))
            assertSameDocument(back, d, d.id)
        }
        try await store.close()
    }

    func testRerunsAndReplacementsNeverDuplicateRowsInPostgreSQL() async throws {
        let url = try await freshPostgresDatabase(self)
        let store = try await DocumentStore.open(url)
        for d in try batch() { try await store.write(d, origin: Origin.of(d), run: nil) }
        let first = try await allRows(store)
        for d in try batch() { try await store.write(d, origin: Origin.of(d), run: nil) }
        let second = try await allRows(store)
        XCTAssertEqual(second, first)

        // A replacement that fails half-way leaves the old version.
        let new = sampleDocument(text: " More.")
        var statements = DocumentRows(new, origin: Origin.of(new), run: nil, storedAt: "2024-01-01T00:00:00Z")
            .statements(dialect: .postgres)
        statements.insert(SQLStatement("INSERT INTO no_such_table VALUES (1)"), at: statements.count - 1)
        do { try await store.database.transaction(statements); XCTFail("should fail") } catch {}
        let third = try await allRows(store)
        XCTAssertEqual(third, first)

        try await store.write(new, origin: Origin.of(new), run: nil)
        let n = try await store.database.query("SELECT COUNT(*) FROM documents WHERE doc_id = 'sample'")
        XCTAssertEqual(n, [[.int(1)]])
        let back = try await store.document(origin: Origin.of(new))
        assertSameDocument(back, new)
        try await store.close()
    }

    func testTheExampleQueriesOfTheREADMERunOnBothDatabases() async throws {
        let url = try await freshPostgresDatabase(self)
        let dir = try temporaryDirectory(self)
        let doc = sampleDocument()
        var results: [[[SQLValue]]] = []
        for location in [url, dir.appendingPathComponent("q.sqlite").path] {
            let store = try await DocumentStore.open(location)
            try await store.write(doc, origin: Origin.of(doc), run: nil)
            var answers: [[SQLValue]] = []
            for q in ExampleQueries.all { answers += try await store.database.query(q.sql) }
            results.append(answers)
            try await store.close()
        }
        XCTAssertEqual(results[0], results[1])
        // Events in Mopti in March 2020; JNIM's events; places by fatalities.
        XCTAssertEqual(results[0], [
            [.text("2020-03-25"), .text("ATTACK"), .text("Ogossagou"), .int(12), .text("sample")],
            [.text("2020-03-01"), .text("BOMBING"), .text("sample"), .text("Jama'at Nusrat al-Islam wal-Muslimin")],
            [.text("2020-03-25"), .text("ATTACK"), .text("sample"), .text("Jama'at Nusrat al-Islam wal-Muslimin")],
            [.text("ML"), .text("Mopti"), .text("Ogossagou"), .int(1), .int(12)],
        ])
    }
}
