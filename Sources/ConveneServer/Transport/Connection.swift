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
    /// Where a connection with newly queued messages waits to be written.
    private let pending: PendingWrites
    private var awaitingFlush = false
    /// lws has closed the socket: nothing may be written to `wsi` any more.
    var isClosed = false
    /// lws is closing the connection on its own (the client broke the protocol, or sent a
    /// close): a data frame must not follow lws's close frame (RFC 6455 §5.5.1).
    var closingByLws = false
    /// Set when the connection must be closed at the next writeable callback.
    var closeCode: lws_close_status?
    var closeReason = ""
    /// The no-hello timeout has been lifted (after the first valid hello).
    var timeoutCleared = false

    /// A client that falls this far behind (it stopped reading) is dropped, not buffered.
    static let maxQueuedBytes = 2 * 1024 * 1024
    static let maxQueuedMessages = 4096

    init(id: UInt64, wsi: OpaquePointer, address: String, secure: Bool, now: Double, writer: ChunkedWriter, pending: PendingWrites) {
        self.id = id
        self.writer = writer
        self.pending = pending
        self.wsi = wsi
        self.session = ClientSession(address: address, secure: secure, now: now)
    }

    func close(_ reason: ClientCloseReason) {
        switch reason {
        case .tooManyMessages: close(LWS_CLOSE_STATUS_POLICY_VIOLATION, "Too many messages.")
        }
    }

    func send(_ message: OutgoingMessage) {
        guard closeCode == nil, !closingByLws else { return }
        if outgoingBytes + message.count > Self.maxQueuedBytes || outgoing.count - outgoingHead >= Self.maxQueuedMessages {
            close(LWS_CLOSE_STATUS_POLICY_VIOLATION, "Too far behind; please reconnect.")
            return
        }
        outgoing.append(message)
        outgoingBytes += message.count
        if !awaitingFlush {
            awaitingFlush = true
            pending.add(self)
        }
    }

    /// Writes what was queued since the last flush now, outside a writeable callback,
    /// unless lws still holds part of an earlier write or a large message is half sent:
    /// then the writeable callback continues in order.
    func flush() {
        awaitingFlush = false
        guard !isClosed, !closingByLws, closeCode == nil, outgoingHead < outgoing.count else { return }
        if sentOfHead > 0 || lws_partial_buffered(wsi) != 0 {
            lws_callback_on_writable(wsi)
            return
        }
        // A write lws refused: the socket is gone; let lws close it on its next pass (it
        // cannot be closed from here, outside this connection's own callback).
        if !writeQueued() { lws_set_timeout(wsi, PENDING_TIMEOUT_CLOSE_SEND, -1 /* LWS_TO_KILL_ASYNC */) }
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

    /// Most bytes of whole frames written together in one writeable callback. Events are a
    /// few hundred bytes; a connection that fell behind by a burst has dozens queued.
    static let coalescedBytes = 16 * 1024

    /// Writes what is queued: a message in the middle of going out in fragments, or the
    /// close, goes on as before; otherwise the waiting messages that fit in `coalescedBytes`
    /// are framed back to back and written with one `lws_write` (one `send()`; what the
    /// socket does not take, lws keeps and sends before it calls back again, so order holds).
    /// Returns false when the connection must close now.
    func writeQueued() -> Bool {
        guard closeCode == nil, sentOfHead == 0, outgoingHead < outgoing.count else { return writeNext() }
        var end = outgoingHead, bytes = 0
        while end < outgoing.count {
            let size = WebSocketFrame.headerLength(outgoing[end].count) + outgoing[end].count
            if bytes + size > Self.coalescedBytes { break }
            bytes += size
            end += 1
        }
        // The first message alone is too big to go with others: it goes out in fragments.
        guard end > outgoingHead else { return writeNext() }
        let batch = outgoing[outgoingHead..<end]
        let written = writer.writeRaw(wsi, count: bytes) { out in
            var at = 0
            for message in batch {
                at += WebSocketFrame.writeHeader(payloadLength: message.count, to: out + at)
                message.copy(from: 0, count: message.count, to: out + at)
                at += message.count
            }
        }
        guard written else { return false }
        outgoingBytes -= batch.reduce(0) { $0 + $1.count }
        outgoingHead = end
        forgetSent()
        if outgoingHead < outgoing.count { lws_callback_on_writable(wsi) }
        return true
    }

    /// Drops the messages already sent (each holds its event's bytes alive, and 1,000
    /// connections each keeping up to a hundred sent entries cost megabytes).
    private func forgetSent() {
        if outgoingHead == outgoing.count {
            outgoing.removeAll(keepingCapacity: true)
            outgoingHead = 0
        } else if outgoingHead > 64 && outgoingHead * 2 > outgoing.count {
            outgoing.removeFirst(outgoingHead)
            outgoingHead = 0
        }
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
            forgetSent()
        } else {
            sentOfHead += length
        }
        if outgoingHead < outgoing.count { lws_callback_on_writable(wsi) }
        return true
    }
}

