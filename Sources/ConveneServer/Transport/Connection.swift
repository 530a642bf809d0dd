import CWebSockets
import ConveneCore

/// One WebSocket connection, owned by the service loop thread: the hub's `MeetingClient`
/// over libwebsockets (queueing, fragmenting and writing frames when the socket is ready).
@MainActor
final class Connection: MeetingClient {
    let id: UInt64
    let wsi: OpaquePointer
    let session: ClientSession
    /// The message being reassembled from fragments.
    var incoming: [UInt8] = []
    /// Messages waiting for the socket to become writeable, and their total size.
    private var outgoing: [OutgoingMessage] = []
    private var outgoingHead = 0
    private var outgoingBytes = 0
    /// How much of the first waiting message is already sent (large messages go out in
    /// fragments, one per writeable callback).
    private var sentOfHead = 0
    /// The service loop's one send buffer (with LWS_PRE headroom for the frame header).
    private let writer: ChunkedWriter
    /// Set when the connection must be closed at the next writeable callback.
    var closeCode: lws_close_status?
    var closeReason = ""
    /// The no-hello timeout has been lifted (after the first valid hello).
    var timeoutCleared = false

    /// A client that falls this far behind (it stopped reading) is dropped, not buffered.
    static let maxQueuedBytes = 2 * 1024 * 1024
    static let maxQueuedMessages = 4096

    init(id: UInt64, wsi: OpaquePointer, address: String, secure: Bool, now: Double, writer: ChunkedWriter) {
        self.id = id
        self.writer = writer
        self.wsi = wsi
        self.session = ClientSession(address: address, secure: secure, now: now)
    }

    func close(_ reason: ClientCloseReason) {
        switch reason {
        case .tooManyMessages: close(LWS_CLOSE_STATUS_POLICY_VIOLATION, "Too many messages.")
        }
    }

    func send(_ message: OutgoingMessage) {
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
        sentOfHead = 0
        lws_callback_on_writable(wsi)
        // A client that stopped reading never becomes writeable: drop it after 5 s anyway,
        // so it cannot hold a descriptor and kernel buffers for ever.
        lws_set_timeout(wsi, PENDING_TIMEOUT_CLOSE_SEND, 5)
    }

    /// Most frames written in one writeable callback. After a burst a connection has dozens
    /// of small events queued; writing them while the socket takes more (checked with
    /// `lws_send_pipe_choked`) saves a pass of the event loop per frame.
    static let framesPerCallback = 16

    /// Writes queued frames while the socket accepts them. Returns false when the connection
    /// must close now.
    func writeQueued() -> Bool {
        for written in 0..<Self.framesPerCallback {
            if written > 0 && (outgoingHead >= outgoing.count || closeCode != nil || lws_send_pipe_choked(wsi) != 0) { break }
            guard writeNext() else { return false }
        }
        return true
    }

    /// Writes one queued frame. Returns false when the connection must close now.
    private func writeNext() -> Bool {
        if let code = closeCode {
            var reason = Array(closeReason.utf8.prefix(120))
            reason.withUnsafeMutableBufferPointer { lws_close_reason(wsi, code, $0.baseAddress, $0.count) }
            return false
        }
        guard outgoingHead < outgoing.count else { return true }
        let message = outgoing[outgoingHead]
        // A bigger message than one piece (a snapshot of a full wall) goes out as fragments,
        // so no connection holds a copy of it.
        guard let (length, isEnd) = writer.writeNext(wsi, total: message.count, from: sentOfHead,
                                                     copy: { message.copy(from: $0, count: $1, to: $2) },
                                                     mode: { first, last in
            lws_write_protocol(UInt32(lws_write_ws_flags(Int32(LWS_WRITE_TEXT.rawValue), first ? 1 : 0, last ? 1 : 0)))
        }) else { return false }
        if isEnd {
            outgoingHead += 1
            sentOfHead = 0
            outgoingBytes -= message.count
            if outgoingHead == outgoing.count {
                // All sent: forget them now (each held its event's bytes alive, and 1,000
                // connections each keeping up to a hundred sent entries cost megabytes).
                outgoing.removeAll(keepingCapacity: true)
                outgoingHead = 0
            } else if outgoingHead > 64 && outgoingHead * 2 > outgoing.count {
                outgoing.removeFirst(outgoingHead)
                outgoingHead = 0
            }
        } else {
            sentOfHead += length
        }
        if outgoingHead < outgoing.count { lws_callback_on_writable(wsi) }
        return true
    }
}

