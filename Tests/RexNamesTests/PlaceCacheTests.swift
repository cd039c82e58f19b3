import XCTest
import Foundation
import RexModel
@testable import RexNames

/// The binary place cache gives the same gazetteer as the TSV files and follows every change to them.
final class PlaceCacheTests: XCTestCase {
    /// A data folder with the repository's word lists and a small places.tsv.
    func makeData() throws -> URL {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("place-cache-\(UUID().uuidString)")
        try fm.createDirectory(at: dir.appendingPathComponent("places"), withIntermediateDirectories: true)
        try fm.createSymbolicLink(at: dir.appendingPathComponent("lexicon"),
                                  withDestinationURL: DataDirectory.locate().appendingPathComponent("lexicon"))
        try Fixture.places.write(to: dir.appendingPathComponent("places/places.tsv"), atomically: false, encoding: .utf8)
        try Fixture.demonyms.write(to: dir.appendingPathComponent("places/demonyms.tsv"), atomically: false, encoding: .utf8)
        return dir
    }

    func placeNames(_ g: Gazetteer) -> [String] { g.places.map(\.name) }

    func testTheCacheIsWrittenAndGivesTheSamePlacesAndNames() throws {
        let data = try makeData()
        defer { try? FileManager.default.removeItem(at: data) }
        let parsed = try Gazetteer.load(data: data)
        XCTAssertTrue(FileManager.default.fileExists(atPath: PlaceCache.url(data: data).path))
        let cached = try Gazetteer.load(data: data)
        XCTAssertEqual(placeNames(cached), placeNames(parsed))
        XCTAssertEqual(cached.placeIndex, parsed.placeIndex)
        XCTAssertEqual(cached.places.map(\.lat), parsed.places.map(\.lat))
        XCTAssertEqual(cached.trie.nodeCount, parsed.trie.nodeCount)
        XCTAssertEqual(cached.trie.nameCount, parsed.trie.nameCount)
        for key in ["mali", "niger", "bamako"] {
            let a = parsed.trie.tokenId(key).flatMap { parsed.trie.child(0, $0) }.map { Array(parsed.trie.names(at: $0)) }
            let b = cached.trie.tokenId(key).flatMap { cached.trie.child(0, $0) }.map { Array(cached.trie.names(at: $0)) }
            XCTAssertNotNil(a, key)
            XCTAssertEqual(a, b, key)
        }
    }

    func testAddingATownToTheTSVIsSeenWithoutAnyStep() throws {
        let data = try makeData()
        defer { try? FileManager.default.removeItem(at: data) }
        _ = try Gazetteer.load(data: data)
        XCTAssertNil(try Gazetteer.load(data: data).trie.tokenId("zorglub"))
        let url = data.appendingPathComponent("places/places.tsv")
        let handle = try FileHandle(forWritingTo: url)
        handle.seekToEndOfFile()
        handle.write(Data("\ngeonames:99\tZorglub\tP.PPL\tML\t\t\t14\t-4\t\tZorglub\tgeonames\tCC-BY-4.0\t\n".utf8))
        try handle.close()
        let g = try Gazetteer.load(data: data)
        XCTAssertEqual(g.place(id: "geonames:99")?.name, "Zorglub")
        XCTAssertNotNil(g.trie.tokenId("zorglub"))
        XCTAssertEqual(try Gazetteer.load(data: data).place(id: "geonames:99")?.name, "Zorglub", "the rewritten cache has it")
    }

    func testADamagedCacheIsIgnored() throws {
        let data = try makeData()
        defer { try? FileManager.default.removeItem(at: data) }
        let parsed = try Gazetteer.load(data: data)
        let url = PlaceCache.url(data: data)
        var bytes = try Data(contentsOf: url)
        bytes = bytes.prefix(bytes.count / 2)
        try bytes.write(to: url)
        XCTAssertEqual(placeNames(try Gazetteer.load(data: data)), placeNames(parsed))
    }
}
