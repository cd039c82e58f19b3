import XCTest
import RexModel
@testable import RexText

/// The byte-level fast paths give what the plain Unicode definitions give, across ASCII runs, multi-byte
/// scalars and eight-byte boundaries.
final class FastPathTests: XCTestCase {
    let samples = [
        "", "a", "ABCDEFGH", "abcdefgh", "Gao, Mali — 12 soldiers", "BAMAKO, 12 JAN 90 (AFP) -- THE ARMY SAID",
        "Jamâ’ah Nusrah 😀 al-Islâm: 132 civilians", "ÉCOLE ÇA ÂGE ÜBER ΑΘΗΝΑ", "[\\]^_`{|}~@ZAza",
        String(repeating: "Ségou 🇲🇱 x", count: 9),
    ]

    func testUTF16MapMatchesTheScalars() {
        for text in samples {
            let (units, map) = ICU.utf16WithScalarMap(text)
            XCTAssertEqual(units, Array(text.utf16), text)
            var expected: [Int32] = []
            for (i, s) in text.unicodeScalars.enumerated() {
                expected.append(Int32(i))
                if s.value >= 0x10000 { expected.append(Int32(i)) }
            }
            expected.append(Int32(text.unicodeScalars.count))
            XCTAssertEqual(map, expected, text)
        }
    }

    func testCaseCountsMatchTheScalarProperties() {
        for text in samples {
            var upper = 0, lower = 0
            for s in text.unicodeScalars where s.properties.isAlphabetic {
                if s.properties.isUppercase { upper += 1 } else if s.properties.isLowercase { lower += 1 }
            }
            let counted = Array(text.utf8).withUnsafeBufferPointer { SentenceSplitter.caseCounts($0) }
            XCTAssertEqual(counted.upper, upper, text)
            XCTAssertEqual(counted.lower, lower, text)
        }
        XCTAssertTrue(SentenceSplitter.isCaseless("BAMAKO, 12 JAN 90 (AFP) -- THE ARMY SAID"))
        XCTAssertFalse(SentenceSplitter.isCaseless("Gao, Mali — 12 soldiers"))
    }

    func testSpaceTestMatchesWhiteSpaceProperty() {
        for v in UInt32(0)..<0x3100 {
            guard let s = Unicode.Scalar(v) else { continue }
            XCTAssertEqual(SentenceSplitter.isSpace(s), s.properties.isWhitespace, "U+\(String(v, radix: 16))")
        }
    }

    func testOneUnitPunctuationFoldsLikeItsString() {
        let listed: [UInt16] = [0x2019, 0x2018, 0x02BC, 0x60, 0xB4, 0x201C, 0x201D, 0xAB, 0xBB, 0x2013, 0x2014, 0x2012, 0x2015]
        for u in listed {
            let s = String(decoding: [u], as: UTF16.self)
            XCTAssertEqual(Tokenizer.foldedPunctuation(u), Tokenizer.foldPunctuation(s), s)
            XCTAssertNotEqual(Tokenizer.foldPunctuation(s), s, s)
        }
        XCTAssertNil(Tokenizer.foldedPunctuation(0x2026), "an ellipsis stays as it is")
        XCTAssertEqual(Tokenizer.tokenize("“Hello” — it’s").map(\.folded), ["\"", "hello", "\"", "-", "it's"])
    }

    func testBackquoteIsFoldedLikeCurlyQuotes() {
        let tokens = Tokenizer.tokenize("`quoted’ - end")
        XCTAssertEqual(tokens.first?.folded, "'")
        XCTAssertTrue(tokens.contains { $0.kind == .punctuation && $0.folded == "-" })
    }
}
