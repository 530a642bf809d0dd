/// The header of an unmasked, final WebSocket text frame (RFC 6455 §5.2), as a server sends it.
///
/// lws frames one message per `lws_write`, so each message was one `send()` (and, when more
/// were queued, one `poll()` to ask whether the socket took more). A connection that has
/// several messages waiting now gets them framed here, back to back, and written in one
/// `lws_write(LWS_WRITE_RAW)`: one system call for all of them (issue 15).
enum WebSocketFrame {
    /// FIN set, opcode 1 (text).
    static let finalText: UInt8 = 0x81

    /// Bytes of the header for a payload of `payloadLength` bytes: 2, 4 or 10.
    static func headerLength(_ payloadLength: Int) -> Int {
        payloadLength < 126 ? 2 : payloadLength <= 0xFFFF ? 4 : 10
    }

    /// Writes the header for a payload of `payloadLength` bytes at `to`; returns its length.
    static func writeHeader(payloadLength: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        out[0] = finalText
        if payloadLength < 126 {
            out[1] = UInt8(payloadLength)
            return 2
        }
        if payloadLength <= 0xFFFF {
            out[1] = 126
            out[2] = UInt8(payloadLength >> 8)
            out[3] = UInt8(payloadLength & 0xFF)
            return 4
        }
        out[1] = 127
        for i in 0..<8 { out[2 + i] = UInt8((UInt64(payloadLength) >> UInt64(8 * (7 - i))) & 0xFF) }
        return 10
    }
}
