/// One WebSocket message as a list of byte arrays sent back to back. Arrays are shared, not
/// copied, between connections: a welcome is its own short head followed by the meeting's
/// snapshot, serialized once for everyone who (re)connects at the same sequence number.
struct OutgoingMessage {
    let parts: [[UInt8]]
    let count: Int

    init(_ parts: [[UInt8]]) {
        self.parts = parts
        count = parts.reduce(0) { $0 + $1.count }
    }

    /// Copies `count` bytes starting at `offset` (across parts) to `destination`.
    func copy(from offset: Int, count: Int, to destination: UnsafeMutablePointer<UInt8>) {
        var skip = offset
        var left = count
        var out = destination
        for part in parts where left > 0 {
            if skip >= part.count {
                skip -= part.count
                continue
            }
            let n = min(part.count - skip, left)
            part.withUnsafeBufferPointer { out.update(from: $0.baseAddress! + skip, count: n) }
            out += n
            left -= n
            skip = 0
        }
    }
}
