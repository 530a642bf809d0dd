@testable import ConveneServer
import XCTest

/// The frame headers written for coalesced messages must be what a browser's WebSocket
/// parser expects (RFC 6455 §5.2), at each of the three length encodings and their edges.
final class WebSocketFrameTests: XCTestCase {
    private func header(_ length: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0xEE, count: 12)
        let n = bytes.withUnsafeMutableBufferPointer { WebSocketFrame.writeHeader(payloadLength: length, to: $0.baseAddress!) }
        XCTAssertEqual(n, WebSocketFrame.headerLength(length))
        XCTAssertEqual(bytes[n], 0xEE, "the header wrote past its own length")
        return Array(bytes.prefix(n))
    }

    func testShortPayloadsUseOneLengthByte() {
        XCTAssertEqual(header(0), [0x81, 0])
        XCTAssertEqual(header(125), [0x81, 125])
    }

    func testMediumPayloadsUseTwoLengthBytesBigEndian() {
        XCTAssertEqual(header(126), [0x81, 126, 0, 126])
        XCTAssertEqual(header(300), [0x81, 126, 0x01, 0x2C])
        XCTAssertEqual(header(65_535), [0x81, 126, 0xFF, 0xFF])
    }

    func testLongPayloadsUseEightLengthBytesBigEndian() {
        XCTAssertEqual(header(65_536), [0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0])
        XCTAssertEqual(header(1_000_000), [0x81, 127, 0, 0, 0, 0, 0, 0x0F, 0x42, 0x40])
    }
}
