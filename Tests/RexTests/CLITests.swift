import Foundation
import XCTest

/// Runs the built `rex` executable as a user would.
enum RexBinary {
    static var repoRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var url: URL? {
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("rex")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }

    struct Run { let status: Int32; let stdout: String; let stderr: String }

    static func run(_ args: [String], stdin: String? = nil) throws -> Run {
        guard let url else { throw XCTSkip("the rex executable was not built next to the tests") }
        let p = Process()
        p.executableURL = url
        p.arguments = args
        p.currentDirectoryURL = repoRoot
        let out = Pipe(), err = Pipe(), inp = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = inp
        try p.run()
        if let stdin { inp.fileHandleForWriting.write(Data(stdin.utf8)) }
        try inp.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                   stderr: String(decoding: e, as: UTF8.self))
    }

    static func documents(_ jsonl: String) throws -> [[String: Any]] {
        try jsonl.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    }
}

final class AnnotateCommandTests: XCTestCase {
    var tmp: URL!

    override func setUpWithError() throws {
        tmp = FileManager.default.temporaryDirectory.appendingPathComponent("rex-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: tmp) }

    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let url = tmp.appendingPathComponent(name)
        FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
        return url.path
    }

    func testAnnotatesEveryCorpusReportWithOffsetsThatMatchTheText() throws {
        let r = try RexBinary.run(["annotate", "Corpus/raw", "--jobs", "2"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let docs = try RexBinary.documents(r.stdout)
        XCTAssertEqual(docs.map { $0["id"] as? String }, ["000_7a4e14cd6a14b7f1", "001_b628d9dfd0176847",
                                                          "002_8eb456ff738a521f", "003_968bea5ccb1a99cd",
                                                          "004_9e4479207f158bf6"])
        for doc in docs {
            XCTAssertEqual(doc["schema"] as? String, "document/1")
            let text = Array((doc["text"] as! String).unicodeScalars)
            let sentences = doc["sentences"] as! [[String: Any]]
            XCTAssertGreaterThan(sentences.count, 10)
            for m in doc["mentions"] as! [[String: Any]] {
                let a = m["start"] as! Int, b = m["end"] as! Int
                var s = String.UnicodeScalarView(); s.append(contentsOf: text[a..<b])
                XCTAssertEqual(String(s), m["text"] as? String, "mention \(m["id"] ?? "") of \(doc["id"] ?? "")")
            }
        }
    }

    func testABadFileIsReportedAndTheOthersStillComeOutInOrder() throws {
        let good1 = write("a.txt", Array("Militants attacked Gao on March 3, 2021.".utf8))
        let bad = write("b.txt", [0x00, 0x01, 0x02, 0xFF, 0x00, 0x10])
        let empty = write("c.txt", [])
        let good2 = write("d.txt", Array("JNIM kidnapped a journalist.".utf8))
        let r = try RexBinary.run(["annotate", good1, bad, empty, good2, "--jobs", "2"])
        XCTAssertEqual(r.status, 1, "the exit code says that something failed")
        XCTAssertTrue(r.stderr.contains(bad) && r.stderr.contains("binary"), r.stderr)
        XCTAssertTrue(r.stderr.contains(empty) && r.stderr.contains("empty"), r.stderr)
        XCTAssertEqual(try RexBinary.documents(r.stdout).map { $0["id"] as? String }, ["a", "d"])
    }

    func testStdinJSONLKeepsIdsAndOrderAndReportsBadLines() throws {
        var lines = (0..<12).map { #"{"id": "doc\#($0)", "text": "Report \#($0). Troops left Kidal.", "dct": "2022-05"}"# }
        lines.insert("not json", at: 3)
        lines.append(#"{"id": "h", "html": "<html><body><p>Fighting near Mopti in May.</p></body></html>", "dct": null}"#)
        let r = try RexBinary.run(["annotate", "--stdin-jsonl", "--jobs", "2"], stdin: lines.joined(separator: "\n"))
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("stdin line 4"), r.stderr)
        let docs = try RexBinary.documents(r.stdout)
        XCTAssertEqual(docs.map { $0["id"] as? String }, (0..<12).map { "doc\($0)" } + ["h"])
        XCTAssertEqual(docs[0]["dct"] as? String, "2022-05")
        XCTAssertEqual(docs.last?["text"] as? String, "Fighting near Mopti in May.")
    }

    func testRerunsGiveByteIdenticalOutputWhenCountriesTie() throws {
        // Two countries named once each: the focus country must not depend on the process's hash seed.
        let text = "The envoy visited Niger and Mali. He flew to Gao, then to Diffa.\n"
        let runs = try (0..<6).map { _ in try RexBinary.run(["annotate", "-"], stdin: text) }
        for r in runs { XCTAssertEqual(r.status, 0, r.stderr) }
        XCTAssertFalse(runs[0].stdout.isEmpty)
        XCTAssertEqual(Set(runs.map(\.stdout)).count, 1, "six runs of the same input gave different outputs")
    }

    func testUnknownOptionsAndMissingPathsGiveClearErrors() throws {
        let unknown = try RexBinary.run(["annotate", "--frobnicate", "x"])
        XCTAssertNotEqual(unknown.status, 0)
        XCTAssertTrue(unknown.stderr.contains("--frobnicate"), unknown.stderr)
        let missing = try RexBinary.run(["annotate", "no/such/file.txt"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("no/such/file.txt"), missing.stderr)
        let badDct = try RexBinary.run(["annotate", "Corpus/raw", "--dct", "March 2020"])
        XCTAssertNotEqual(badDct.status, 0)
        XCTAssertTrue(badDct.stderr.contains("--dct"), badDct.stderr)
    }

    func testHelpIsAvailableForEveryCommand() throws {
        for args in [["--help"], ["annotate", "--help"], ["html-score", "--help"]] {
            let r = try RexBinary.run(args)
            XCTAssertEqual(r.status, 0)
            XCTAssertTrue(r.stdout.contains("USAGE"), args.joined(separator: " "))
        }
    }
}

final class OutputDeviceTests: XCTestCase {
    func testWritingToDevNullLeavesTheDeviceInPlace() throws {
        let r = try RexBinary.run(["annotate", "Corpus/raw/001_b628d9dfd0176847.txt", "--out", "/dev/null"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let attrs = try FileManager.default.attributesOfItem(atPath: "/dev/null")
        XCTAssertEqual(attrs[.type] as? FileAttributeType, .typeCharacterSpecial, "/dev/null must stay a device")
    }
}
