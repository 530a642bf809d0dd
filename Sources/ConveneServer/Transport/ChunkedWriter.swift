import CWebSockets

/// Writes a long body to lws a piece at a time, through one buffer with the `LWS_PRE`
/// headroom lws needs: pages over HTTP and large messages (a wall's snapshot) over WebSocket
/// go out the same way, so no connection holds a second copy of what it sends.
///
/// The service loop has one writer for all its connections. `lws_write` is done with the
/// buffer when it returns (what the socket did not take, lws copies to the connection's own
/// list), so the next connection can reuse it. A buffer per connection cost 4–36 KiB each:
/// 4–37 MB for a room of 1,000 phones (issue 15, item 3).
@MainActor
final class ChunkedWriter {
    /// Largest piece written at once.
    static let pieceBytes = 32 * 1024

    private var buffer: [UInt8]

    init() {
        buffer = [UInt8](repeating: 0, count: Int(convene_lws_pre) + Self.pieceBytes)
    }

    /// Writes the piece of a `total`-byte body that starts at `start`; `copy` fills it and
    /// `mode` gives lws's write mode for a first and/or last piece. Returns the piece's length
    /// and whether it was the last, or nil when lws could not take it (close the connection).
    func writeNext(_ wsi: OpaquePointer, total: Int, from start: Int,
                   copy: (_ offset: Int, _ count: Int, _ to: UnsafeMutablePointer<UInt8>) -> Void,
                   mode: (_ first: Bool, _ last: Bool) -> lws_write_protocol) -> (length: Int, last: Bool)? {
        let length = min(Self.pieceBytes, total - start)
        let last = start + length == total
        let pre = Int(convene_lws_pre)
        let written = buffer.withUnsafeMutableBufferPointer { buf -> Int32 in
            let payload = buf.baseAddress! + pre
            copy(start, length, payload)
            return lws_write(wsi, payload, length, mode(start == 0, last))
        }
        return written < Int32(length) ? nil : (length, last)
    }

    /// Writes `count` bytes (at most `pieceBytes`) that `fill` puts in the buffer, as they are,
    /// without framing: the caller framed them. Returns false when lws could not take them
    /// (close the connection).
    func writeRaw(_ wsi: OpaquePointer, count: Int, fill: (_ to: UnsafeMutablePointer<UInt8>) -> Void) -> Bool {
        precondition(count <= Self.pieceBytes, "a raw write larger than the loop's buffer")
        let pre = Int(convene_lws_pre)
        let written = buffer.withUnsafeMutableBufferPointer { buf -> Int32 in
            let payload = buf.baseAddress! + pre
            fill(payload)
            return lws_write(wsi, payload, count, LWS_WRITE_HTTP)
        }
        return written >= Int32(count)
    }
}
