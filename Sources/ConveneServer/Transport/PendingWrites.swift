/// The connections that had messages queued since the service loop last wrote.
///
/// A connection does not wait for a writeable callback to send what the hub gave it: each
/// time lws hands control back to Convene (a message received, the inbox drained) the loop
/// writes every connection on this list at once, all its queued messages in one `send()`.
/// Asking lws for a writeable callback instead cost, per message, a change to the socket's
/// events (with libuv, two `epoll_ctl` calls) and a pass of the event loop (issue 15).
/// lws keeps what the kernel did not take and asks for the callback itself; a connection
/// with anything still held by lws, or a large message half sent, waits for the callback.
@MainActor
final class PendingWrites {
    private var waiting: [Connection] = []

    func add(_ connection: Connection) { waiting.append(connection) }

    /// Writes every waiting connection (in the order they first had something queued); with
    /// none waiting, it costs one check.
    func flush() {
        while !waiting.isEmpty {
            let batch = waiting
            waiting.removeAll(keepingCapacity: true)
            for connection in batch { connection.flush() }
        }
    }
}
