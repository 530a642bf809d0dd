/// Connections the server turned away (WebSocket upgrades, and sockets over the cap of one
/// address), told to the operator in Convene's words.
///
/// lws would print "User code denied connection" for each, with no reason, once per
/// attempt: a phone stuck retrying, or someone on the venue Wi-Fi opening hundreds of
/// sockets, would fill the terminal. The first refusal of each reason is logged at once
/// with its reason; after that, one line a minute sums up what was refused since.
struct RefusedConnections {
    enum Reason: Int, CaseIterable, Comparable {
        case wrongPath, noSubprotocol, serverFull, addressFull, otherSite, addressSockets

        /// Refused at the upgrade; `addressSockets` is refused as the socket is accepted.
        var isWebSocket: Bool { self != .addressSockets }

        static func < (a: Reason, b: Reason) -> Bool { a.rawValue < b.rawValue }

        /// The same, short, for the summary line.
        var summary: String {
            switch self {
            case .wrongPath: return "wrong path"
            case .noSubprotocol: return "no Convene protocol"
            case .serverFull: return "server full"
            case .addressFull: return "too many from one address"
            case .otherSite: return "from another site's page"
            case .addressSockets: return "too many sockets from one address"
            }
        }
    }

    static let summaryInterval = 60.0
    /// The server's limit on connections, to say which limit was reached.
    let maxConnections: Int

    init(maxConnections: Int) { self.maxConnections = maxConnections }

    private var seen: Set<Reason> = []
    private var since: [Reason: Int] = [:]
    private var lastSummary: Double?

    /// Counts one refusal at `now` (seconds, monotonic) and returns what to log, if anything.
    mutating func record(_ reason: Reason, from address: String, now: Double) -> String? {
        if seen.insert(reason).inserted {
            lastSummary = lastSummary ?? now
            return "Refused a \(reason.isWebSocket ? "WebSocket " : "")connection from \(address): \(explanation(reason)). Further refusals are summed up once a minute."
        }
        since[reason, default: 0] += 1
        return summaryIfDue(now: now)
    }

    /// Why, for the operator: what the client tried and what the server did about it.
    func explanation(_ reason: Reason) -> String {
        switch reason {
        case .wrongPath: return "asked for a WebSocket on a path other than /ws"
        case .noSubprotocol: return "named no protocol Convene speaks (convene.v1)"
        case .serverFull: return "the server already holds as many connections as it allows (\(maxConnections))"
        case .addressFull: return "one address already holds \(WebServer.connectionsPerAddress) connections"
        case .otherSite: return "a page on another site tried to open it (its Origin is not this server's)"
        case .addressSockets: return "one address already holds \(SocketsPerAddress.perAddress) open sockets, or its IPv6 network \(SocketsPerAddress.perNetwork) (closed at once, before any request)"
        }
    }

    /// The summary of refusals not yet reported, once `summaryInterval` has passed since the last.
    mutating func summaryIfDue(now: Double) -> String? {
        guard !since.isEmpty, now - (lastSummary ?? now) >= Self.summaryInterval else { return nil }
        let total = since.values.reduce(0, +)
        let parts = since.keys.sorted().map { "\(since[$0]!) \($0.summary)" }
        let seconds = Int((now - lastSummary!).rounded())
        let kind = since.keys.allSatisfy(\.isWebSocket) ? "WebSocket " : ""
        since = [:]
        lastSummary = now
        return "Refused \(total) more \(kind)connection\(total == 1 ? "" : "s") in the last \(seconds) s: \(parts.joined(separator: ", "))."
    }
}
