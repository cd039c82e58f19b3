import Foundation
import RexModel
import RexStore
import XCTest

/// `rex annotate --db / --format`, `rex export` and `rex import-brat` as a user runs them.
final class StoreCommandTests: XCTestCase {
    var tmp: URL!

    override func setUpWithError() throws {
        tmp = FileManager.default.temporaryDirectory.appendingPathComponent("rex-store-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: tmp) }

    func path(_ name: String) -> String { tmp.appendingPathComponent(name).path }

    /// A folder of reports: the bundled corpus, copied so that tests can change it.
    func reports(_ name: String = "reports") throws -> String {
        let dir = path(name)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let raw = RexBinary.repoRoot.appendingPathComponent("Corpus/raw")
        for f in try FileManager.default.contentsOfDirectory(atPath: raw.path) where f.hasSuffix(".txt") || f.hasSuffix(".html") {
            try FileManager.default.copyItem(atPath: raw.appendingPathComponent(f).path, toPath: dir + "/" + f)
        }
        return dir
    }

    func query(_ db: String, _ sql: String) async throws -> [[SQLValue]] {
        let store = try await DocumentStore.open(db)
        let rows = try await store.database.query(sql)
        try await store.close()
        return rows
    }

    func testASecondRunOverTheSameFolderStoresNothingNewAndAChangedFileIsReplaced() async throws {
        let dir = try reports()
        let db = path("corpus.sqlite")
        let first = try RexBinary.run(["annotate", dir, "--db", db, "--jobs", "2"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(first.stdout, "", "with --db and no --out nothing goes to standard output")
        let docs = try await query(db, "SELECT COUNT(*) FROM documents")[0][0].int ?? 0
        XCTAssertGreaterThan(docs, 0)
        let sentences = try await query(db, "SELECT COUNT(*) FROM sentences")

        XCTAssertEqual(try RexBinary.run(["annotate", dir, "--db", db]).status, 0)
        var runs = try await query(db, "SELECT documents_written, documents_skipped FROM provenance ORDER BY run")
        XCTAssertEqual(runs.last, [.int(0), .int(Int64(docs))])
        let again = try await query(db, "SELECT COUNT(*) FROM sentences")
        XCTAssertEqual(again, sentences)

        // One report grows, one is copied under another name: the first is replaced, the copy skipped.
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        let changed = dir + "/" + files[0]
        try (try String(contentsOfFile: changed, encoding: .utf8) + "\nA late paragraph.\n").write(toFile: changed, atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: dir + "/" + files[1], toPath: dir + "/copy-of-" + files[1])
        XCTAssertEqual(try RexBinary.run(["annotate", dir, "--db", db]).status, 0)
        runs = try await query(db, "SELECT documents_written, documents_skipped FROM provenance ORDER BY run")
        XCTAssertEqual(runs.last, [.int(1), .int(Int64(docs))])
        let stored = try await query(db, "SELECT COUNT(*), COUNT(DISTINCT origin) FROM documents")
        XCTAssertEqual(stored, [[.int(Int64(docs)), .int(Int64(docs))]])
        let text = try await query(db, "SELECT text FROM documents WHERE origin = '\(Origin.file(changed))'")
        XCTAssertTrue(text.first?.first?.string?.hasSuffix("A late paragraph.\n") == true)

        // --force annotates everything again, still without duplicating rows.
        XCTAssertEqual(try RexBinary.run(["annotate", dir, "--db", db, "--force"]).status, 0)
        let afterForce = try await query(db, "SELECT COUNT(*) FROM documents")
        XCTAssertEqual(afterForce, [[.int(Int64(docs))]])
    }

    func testSinceSkipsFilesModifiedBeforeIt() throws {
        let dir = try reports()
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        let old = Date(timeIntervalSince1970: 1_500_000_000)   // 2017
        for f in files.dropFirst() { try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: dir + "/" + f) }
        let r = try RexBinary.run(["annotate", dir, "--since", "2020-01-01"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let ids = try RexBinary.documents(r.stdout).map { $0["id"] as? String }
        XCTAssertEqual(ids, [(files[0] as NSString).deletingPathExtension])
        let bad = try RexBinary.run(["annotate", dir, "--since", "last week"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("--since"), bad.stderr)
    }

    /// The process is killed while it writes; the database holds whole documents only, and the next run
    /// finishes the job with the rows one uninterrupted run gives.
    func testARunKilledMidwayIsFinishedByTheNextRun() async throws {
        let dir = path("many")
        let documentCount = 400
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        // A few paragraphs of a seed per file: enough files that the kill lands midway, small enough for a debug build.
        let seed = try String(contentsOf: RexBinary.repoRoot.appendingPathComponent("Corpus/raw/001_b628d9dfd0176847.txt"), encoding: .utf8)
        let base = seed.split(separator: "\n", omittingEmptySubsequences: false).prefix(12).joined(separator: "\n")
        for i in 0..<documentCount { try "Report \(i).\n\(base)".write(toFile: dir + String(format: "/r%05d.txt", i), atomically: false, encoding: .utf8) }
        let db = path("killed.sqlite")
        guard let exe = RexBinary.url else { throw XCTSkip("the rex executable was not built next to the tests") }
        let p = Process()
        p.executableURL = exe
        p.arguments = ["annotate", dir, "--db", db, "--jobs", "1"]
        p.currentDirectoryURL = RexBinary.repoRoot
        p.standardError = FileHandle.nullDevice
        try p.run()
        var stored = 0
        for _ in 0..<1500 where stored < 5 {
            try await Task.sleep(nanoseconds: 20_000_000)
            if FileManager.default.fileExists(atPath: db) {
                stored = (try? await query(db, "SELECT COUNT(*) FROM documents"))?.first?.first?.int ?? 0
            }
        }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationReason, .uncaughtSignal)
        let partial = try await query(db, "SELECT COUNT(*) FROM documents")[0][0].int ?? 0
        XCTAssertGreaterThan(partial, 0)
        XCTAssertLessThan(partial, documentCount, "killed before the end")
        let check = try await query(db, "PRAGMA integrity_check")
        XCTAssertEqual(check, [[.text("ok")]])
        let orphans = try await query(db, "SELECT COUNT(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.doc = d.doc)")
        XCTAssertEqual(orphans, [[.int(0)]], "every stored document is whole")

        let rerun = try RexBinary.run(["annotate", dir, "--db", db, "--jobs", "2"])
        XCTAssertEqual(rerun.status, 0, rerun.stderr)
        let runs = try await query(db, "SELECT finished_at IS NULL, documents_written, documents_skipped FROM provenance ORDER BY run")
        XCTAssertEqual(runs.count, 2)
        XCTAssertEqual(runs[0][0], .int(1), "the killed run never finished")
        XCTAssertEqual(runs[1], [.int(0), .int(Int64(documentCount - partial)), .int(Int64(partial))])

        let clean = path("clean.sqlite")
        XCTAssertEqual(try RexBinary.run(["annotate", dir, "--db", clean, "--jobs", "2"]).status, 0)
        for table in ["documents", "sentences", "sections", "mentions", "events"] {
            let keyed = table == "documents" ? "origin, sha256, doc_id, text" : "*"
            let a = try await query(db, "SELECT \(keyed) FROM \(table) ORDER BY 1, 2")
            let b = try await query(clean, "SELECT \(keyed) FROM \(table) ORDER BY 1, 2")
            XCTAssertEqual(a, b, table)
        }
    }

    func testExportFromTheDatabaseAndFromJSONLinesGiveTheSameTables() async throws {
        let dir = try reports()
        let db = path("c.sqlite")
        let jsonl = path("c.jsonl")
        XCTAssertEqual(try RexBinary.run(["annotate", dir, "--db", db, "--out", jsonl]).status, 0)
        let a = try RexBinary.run(["export", "--db", db, "--csv", path("a.csv"), "--relations-csv", path("ar.csv"), "--jsonl", path("a.jsonl")])
        XCTAssertEqual(a.status, 0, a.stderr)
        let b = try RexBinary.run(["export", "--in", jsonl, "--csv", path("b.csv"), "--relations-csv", path("br.csv")])
        XCTAssertEqual(b.status, 0, b.stderr)
        let csvA = try String(contentsOfFile: path("a.csv"), encoding: .utf8)
        XCTAssertTrue(csvA.hasPrefix("event_id,event_date,date_precision,event_type,sub_event_type,actor1,assoc_actor_1,actor2,"))
        // The database lists documents by id; the JSON Lines are in file order, which is the same here.
        XCTAssertEqual(csvA, try String(contentsOfFile: path("b.csv"), encoding: .utf8))
        XCTAssertEqual(try String(contentsOfFile: path("ar.csv"), encoding: .utf8),
                       try String(contentsOfFile: path("br.csv"), encoding: .utf8))
        let none = try RexBinary.run(["export", "--db", db])
        XCTAssertNotEqual(none.status, 0)
        XCTAssertTrue(none.stderr.contains("nothing to write"), none.stderr)
    }

    /// Every file of a site folder, by path relative to it.
    func siteFiles(_ root: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let e = FileManager.default.enumerator(atPath: root)
        while let rel = e?.nextObject() as? String {
            var isDir: ObjCBool = false
            let full = root + "/" + rel
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue {
                out[rel] = try Data(contentsOf: URL(fileURLWithPath: full))
            }
        }
        return out
    }

    /// Annotates the corpus into `db` and JSON Lines in one run, reports both, and compares the two sites.
    func assertReportFromDatabaseEqualsReportFromJSONLines(_ db: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let dir = try reports()
        let jsonl = path("r.jsonl")
        let annotated = try RexBinary.run(["annotate", dir, "--db", db, "--out", jsonl])
        XCTAssertEqual(annotated.status, 0, annotated.stderr, file: file, line: line)
        let fromDB = try RexBinary.run(["report", "--db", db, "--html", path("site-db")])
        XCTAssertEqual(fromDB.status, 0, fromDB.stderr, file: file, line: line)
        let fromJSONL = try RexBinary.run(["report", jsonl, "--html", path("site-jsonl")])
        XCTAssertEqual(fromJSONL.status, 0, fromJSONL.stderr, file: file, line: line)
        // "DIR/index.html: 5 documents, 90 events": the same counts.
        XCTAssertEqual(fromDB.stdout.components(separatedBy: ": ").last, fromJSONL.stdout.components(separatedBy: ": ").last,
                       file: file, line: line)

        let a = try siteFiles(path("site-db")), b = try siteFiles(path("site-jsonl"))
        let inputs = try FileManager.default.contentsOfDirectory(atPath: dir).count
        XCTAssertEqual(a.keys.filter { $0.hasPrefix("docs/") }.count, inputs, "one page per stored document", file: file, line: line)
        XCTAssertEqual(a.keys.sorted(), b.keys.sorted(), file: file, line: line)
        for (name, data) in b {
            XCTAssertTrue(a[name] == data, "\(name) differs between --db and JSON Lines", file: file, line: line)
        }
    }

    func testTheReportFromTheDatabaseEqualsTheReportFromTheJSONLinesOfTheSameRun() throws {
        try assertReportFromDatabaseEqualsReportFromJSONLines(path("r.sqlite"))
    }

    func testTheReportFromPostgreSQLEqualsTheReportFromTheJSONLinesOfTheSameRun() async throws {
        guard let server = ProcessInfo.processInfo.environment["REX_TEST_POSTGRES_URL"], !server.isEmpty else {
            throw XCTSkip("REX_TEST_POSTGRES_URL is not set (scripts/test.sh starts a server)")
        }
        let name = "rex_report_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        let admin = try await PostgresDatabase.connect(url: server)
        try await admin.execute("CREATE DATABASE \(name)")
        try await admin.close()
        var c = URLComponents(string: server)!
        c.path = "/" + name
        addTeardownBlock {
            if let admin = try? await PostgresDatabase.connect(url: server) {
                try? await admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
                try? await admin.close()
            }
        }
        try assertReportFromDatabaseEqualsReportFromJSONLines(c.string!)
    }

    func testReportRefusesAMissingDatabaseFileInsteadOfCreatingIt() throws {
        let db = path("missing.sqlite")
        let r = try RexBinary.run(["report", "--db", db, "--html", path("site")])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("no such database file"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: db))
    }

    func testBratOutputComesBackThroughImportBrat() throws {
        let dir = try reports()
        let annotated = try RexBinary.run(["annotate", dir])
        XCTAssertEqual(annotated.status, 0)
        let brat = path("brat")
        XCTAssertEqual(try RexBinary.run(["annotate", dir, "--format", "brat", "--out", brat]).status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: brat + "/annotation.conf"))
        let imported = try RexBinary.run(["import-brat", brat])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        let decoder = JSONDecoder()
        let want = try annotated.stdout.split(separator: "\n").map { try decoder.decode(Document.self, from: Data($0.utf8)) }
        let got = try imported.stdout.split(separator: "\n").map { try decoder.decode(Document.self, from: Data($0.utf8)) }
        XCTAssertEqual(got.map(\.id), want.map(\.id).sorted())
        for d in want { XCTAssertEqual(got.first { $0.id == d.id }, d, d.id) }

        let gold = path("gold")
        XCTAssertEqual(try RexBinary.run(["import-brat", brat, "--out", gold]).status, 0)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: gold).filter { $0.hasSuffix(".json") }.count, want.count)
    }

    func testJSONDirWritesOneFilePerDocument() throws {
        let dir = try reports()
        let out = path("json")
        XCTAssertEqual(try RexBinary.run(["annotate", dir, "--format", "json-dir", "--out", out]).status, 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        let inputs = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        XCTAssertEqual(names, inputs.map { ($0 as NSString).deletingPathExtension + ".json" }.sorted())
        let doc = try JSONDecoder().decode(Document.self, from: Data(contentsOf: URL(fileURLWithPath: out + "/" + names[0])))
        XCTAssertFalse(doc.sentences.isEmpty)
        let missing = try RexBinary.run(["annotate", dir, "--format", "json-dir"])
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.stderr.contains("--out"), missing.stderr)
    }

    func testTheNewCommandsHaveHelp() throws {
        for args in [["export", "--help"], ["import-brat", "--help"]] {
            let r = try RexBinary.run(args)
            XCTAssertEqual(r.status, 0)
            XCTAssertTrue(r.stdout.contains("USAGE"), args.joined(separator: " "))
        }
        let annotate = try RexBinary.run(["annotate", "--help"])
        XCTAssertTrue(annotate.stdout.contains("What is skipped"), "--help says what is skipped")
    }
}
