import XCTest
@testable import RexIngest

/// SHA-256 against the FIPS 180-4 example vectors, across the block and padding boundaries.
final class SHA256Tests: XCTestCase {
    func testEmptyAndShortMessages() {
        XCTAssertEqual(SHA256.hex([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testMessageWhosePaddingNeedsASecondBlock() {
        // 56 bytes: the length no longer fits after the 0x80 byte in the same block.
        let m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        XCTAssertEqual(SHA256.hex(Array(m.utf8)), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func testMillionBytes() {
        let m = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        XCTAssertEqual(SHA256.hex(m), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testDigestIs32Bytes() {
        XCTAssertEqual(SHA256.digest(Array("abc".utf8)).count, 32)
    }
}
