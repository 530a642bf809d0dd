import ConveneCore

/// A screen attached to the hub — a phone, the wall or a console — as the hub sees it:
/// who it is (its session) and two things it can be told: a message, or goodbye. The lws
/// connection implements it (Transport/Connection.swift); tests implement it with a
/// recorder, so the hub runs without sockets.
@MainActor
protocol MeetingClient: AnyObject {
    var id: UInt64 { get }
    var session: ClientSession { get }
    func send(_ message: OutgoingMessage)
    func close(_ reason: ClientCloseReason)
}

extension MeetingClient {
    func send(_ message: [UInt8]) { send(OutgoingMessage([message])) }
}

/// Why the server ends a client's connection; the transport turns it into a close code.
enum ClientCloseReason: Equatable {
    /// It kept sending after thousands of refusals (WebSocket 1008).
    case tooManyMessages
}

/// What the hub knows about one client: where it comes from, what it may still send, and —
/// once it said hello — its meeting, kind of screen and who it acts as.
@MainActor
final class ClientSession {
    /// The client's address (the peer's, or from a trusted proxy's X-Forwarded-For).
    let address: String
    /// Over TLS (directly, or through a trusted proxy that terminated it).
    let secure: Bool
    var bucket: TokenBucket
    var rateViolations = 0
    /// Hellos on this connection (each costs a snapshot): about one a second.
    var hellos: TokenBucket

    // Set by hello:
    var meetingId: String?
    var client: ClientKind?
    var actor: Actor = .guest
    /// The participant this connection joined (or came back) as, by meeting: one person per
    /// connection in a meeting, even after other hellos (here or in other meetings).
    var joinedAs: [String: String] = [:]
    /// Said a valid hello (or made a valid organizer request): a connection that never does
    /// is closed after a few seconds by the transport.
    var greeted = false

    init(address: String, secure: Bool, now: Double) {
        self.address = address
        self.secure = secure
        bucket = TokenBucket(rate: Limits.messagesPerSecond, burst: Limits.messageBurst, now: now)
        hellos = TokenBucket(rate: 1, burst: 5, now: now)
    }

    var audience: Audience { client == .console ? .console : .everyone }

    /// The server's own computer.
    var isLoopback: Bool { Self.isLoopback(address) }

    nonisolated static func isLoopback(_ address: String) -> Bool { address == "::1" || address.hasPrefix("127.") }
}
