import XCTest
import RexModel
import RexText
@testable import RexNames

final class TokenTrieTests: XCTestCase {
    /// Trie ids of a text's tokens, as the recognizer's view computes them.
    func ids(_ text: String, _ g: Gazetteer) throws -> (view: TextView, ids: [Int32]) {
        var doc = Document(id: "t", text: text)
        try Tokenizer().process(&doc)
        try SentenceSplitter(abbreviations: [:]).process(&doc)
        let v = TextView(document: doc, gazetteer: g)
        return (v, v.ids)
    }

    func testWalkFindsEveryNameFromAPositionShortestFirst() throws {
        let g = Fixture.gazetteer
        let (v, ids) = try ids("the Mopti Region and Gao", g)
        let mopti = try XCTUnwrap(v.seq.firstIndex { v.key($0) == "mopti" })
        let found = g.trie.matches(ids, from: mopti)
        XCTAssertEqual(found.map(\.length), [1, 2])
        // The allocation-free form gives the same matches and empties the caller's array first.
        var into: [(length: Int, node: Int32)] = [(9, 9)]
        g.trie.matches(ids, from: mopti, into: &into)
        XCTAssertEqual(into.map(\.length), [1, 2])
        XCTAssertEqual(into.map(\.node), found.map(\.node))
    }

    func testDocumentWalkFindsWhatTheWalkFromEachPositionFinds() throws {
        let g = Fixture.gazetteer
        let (_, ids) = try ids("In the Mopti Region and Gao, the Mopti region and northern Mali: Gao Mopti Region.", g)
        var expected: [String] = []
        for p in ids.indices { expected += g.trie.matches(ids, from: p).map { "\(p)+\($0.length)@\($0.node)" } }
        let all = g.trie.allMatches(ids).map { "\($0.start)+\($0.length)@\($0.node)" }
        XCTAssertEqual(all, expected)
        // "Mopti Region" twice (whatever the case), and the names of one word.
        XCTAssertEqual(g.trie.allMatches(ids).filter { $0.length == 2 }.count, 3)
    }

    func testKeyLookUpAgreesWithTheHashedLookUp() throws {
        let g = Fixture.gazetteer
        for word in ["mopti", "region", "gao", "emir", "zorglub", "", "ségou"] {
            var h = Vocabulary.hashStart
            for b in word.utf8 { h = Vocabulary.hashStep(h, b) }
            XCTAssertEqual(g.trie.tokenId(word, hash: h), g.trie.tokenId(word) ?? -1, word)
            XCTAssertEqual(g.trie.tokenIds([word, word], hashes: [h, h]), [g.trie.tokenId(word) ?? -1, g.trie.tokenId(word) ?? -1])
        }
        XCTAssertNotNil(g.trie.tokenId("mopti"))
        XCTAssertNil(g.trie.tokenId("zorglub"))
    }

    func testWordListWordsHaveIdsButStartNoName() throws {
        let g = Fixture.gazetteer
        // "emir" is a role word, in no name of the fixture's gazetteers.
        let id = try XCTUnwrap(g.trie.tokenId("emir"))
        XCTAssertNil(g.trie.child(0, id))
        XCTAssertTrue(g.trie.matches([id], from: 0).isEmpty)
    }

    func testTokenFlagsMatchTheWordLists() throws {
        let g = Fixture.gazetteer
        let lex = g.lexicon
        let (v, _) = try ids("The Malian emir said in Gao that the Movement", g)
        for i in 0..<v.count where v.posOf[i] >= 0 {
            let k = v.key(i)
            XCTAssertEqual(v.has(i, .stop), lex.stopwords.contains(k), k)
            XCTAssertEqual(v.has(i, .function), lex.functionWords.contains(k), k)
            XCTAssertEqual(v.has(i, .orgHead), lex.orgHeads.contains(k), k)
            XCTAssertEqual(v.has(i, .preposition), lex.prepositions.contains(k), k)
            XCTAssertEqual(v.has(i, .demonym), g.demonyms[k] != nil, k)
            XCTAssertEqual(v.has(i, .roleStart), lex.roles.contains { $0.first == k }, k)
        }
        XCTAssertTrue(v.has(1, .demonym))
    }
}
