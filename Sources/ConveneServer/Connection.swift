import CWebSockets
import ConveneCore

/// One WebSocket connection, owned by the service loop thread.
@MainActor
final class Connection {
    let id: UInt64
    let wsi: OpaquePointer
    let address: String
    /// The message being reassembled from fragments.
    var incoming: [UInt8] = []
    /// Messages waiting for the socket to become writeable, and their total size.
    private var outgoing: [[UInt8]] = []
    private var outgoingHead = 0
    private var outgoingBytes = 0
    /// Reused send buffer with LWS_PRE bytes of headroom for the frame header; never shared
    /// between connections (lws writes the header in front of the payload).
    private var sendBuffer: [UInt8] = []
    /// Set when the connection must be closed at the next writeable callback.
    var closeCode: lws_close_status?
    var closeReason = ""
    var bucket: TokenBucket
    var rateViolations = 0

    // Set by hello:
    var meetingId: String?
    var client: ClientKind?
    var actor: Actor = .guest

    /// A client that falls this far behind (it stopped reading) is dropped, not buffered.
    static let maxQueuedBytes = 2 * 1024 * 1024
    static let maxQueuedMessages = 4096

    init(id: UInt64, wsi: OpaquePointer, address: String, now: Double) {
        self.id = id
        self.wsi = wsi
        self.address = address
        self.bucket = TokenBucket(rate: Limits.messagesPerSecond, burst: Limits.messageBurst, now: now)
    }

    var audience: Audience { client == .console ? .console : .everyone }

    func send(_ message: [UInt8]) {
        guard closeCode == nil else { return }
        if outgoingBytes + message.count > Self.maxQueuedBytes || outgoing.count - outgoingHead >= Self.maxQueuedMessages {
            close(LWS_CLOSE_STATUS_POLICY_VIOLATION, "Too far behind; please reconnect.")
            return
        }
        outgoing.append(message)
        outgoingBytes += message.count
        lws_callback_on_writable(wsi)
    }

    func close(_ code: lws_close_status, _ reason: String) {
        guard closeCode == nil else { return }
        closeCode = code
        closeReason = reason
        outgoing.removeAll()
        outgoingHead = 0
        outgoingBytes = 0
        lws_callback_on_writable(wsi)
        // A client that stopped reading never becomes writeable: drop it after 5 s anyway,
        // so it cannot hold a descriptor and kernel buffers for ever.
        lws_set_timeout(wsi, PENDING_TIMEOUT_CLOSE_SEND, 5)
    }

    /// Writes one queued frame. Returns false when the connection must close now.
    func writeNext() -> Bool {
        if let code = closeCode {
            var reason = Array(closeReason.utf8.prefix(120))
            reason.withUnsafeMutableBufferPointer { lws_close_reason(wsi, code, $0.baseAddress, $0.count) }
            return false
        }
        guard outgoingHead < outgoing.count else { return true }
        let message = outgoing[outgoingHead]
        outgoingHead += 1
        outgoingBytes -= message.count
        if outgoingHead > 64 && outgoingHead * 2 > outgoing.count {
            outgoing.removeFirst(outgoingHead)
            outgoingHead = 0
        }
        let pre = Int(convene_lws_pre)
        if sendBuffer.count < pre + message.count { sendBuffer = [UInt8](repeating: 0, count: pre + max(message.count, 4096)) }
        let written = sendBuffer.withUnsafeMutableBufferPointer { buf -> Int32 in
            let payload = buf.baseAddress! + pre
            message.withUnsafeBufferPointer { payload.update(from: $0.baseAddress!, count: message.count) }
            return lws_write(wsi, payload, message.count, LWS_WRITE_TEXT)
        }
        if written < Int32(message.count) { return false }
        if outgoingHead < outgoing.count { lws_callback_on_writable(wsi) }
        return true
    }
}
