import ConveneClustering
import ConveneCore
import ConveneJSON
import ConveneMail
import ConveneStemmer
import ConveneStore

// MARK: - Budgets and key channels (what someone holding the join code may not do)

extension MeetingHub {
    /// A QR code asked for a code no meeting has: a wrong guess. True when the address is
    /// over budget (the answer is then "too many", not "no such code").
    func qrMiss(address: String, now: Double) -> Bool {
        guard guesses.waitTime(for: address, now: now) <= 0 else { return true }
        guesses.failed(address, now: now)
        return false
    }

    /// A wrong code or key: counted, and refused with the wait once over budget.
    func wrongGuess(_ conn: any MeetingClient, now: Double) throws(CommandError) {
        let wait = guesses.waitTime(for: conn.session.address, now: now)
        guard wait <= 0 else {
            throw CommandError(.tooManyAttempts, "Too many wrong codes or keys from this network; try again in \(Int(wait.rounded(.up))) seconds.")
        }
        guesses.failed(conn.session.address, now: now)
    }

    /// Refuses a facilitator or organizer key sent in clear across the network: only over
    /// TLS, from the server's own computer, or when the server was told to allow it.
    func requireSafeKeyChannel(_ conn: any MeetingClient) throws(CommandError) {
        guard conn.session.secure || conn.session.isLoopback || allowInsecureKeys else {
            throw CommandError(.notAllowed, "This server does not accept facilitator or organizer keys over plain HTTP from another computer: "
                + "on shared Wi-Fi anyone could read them. Open the console on the server's own computer, serve over HTTPS "
                + "(--tls-cert and --tls-key), or start the server with --allow-insecure-keys.")
        }
    }

    /// Takes one from `key`'s bucket (made full on first use); false when it is empty. Past
    /// 20,000 keys the others are forgotten (a flood of addresses must not grow memory).
    static func take(_ buckets: inout [String: TokenBucket], _ key: String, rate: Double, burst: Double, now: Double) -> Bool {
        var bucket = buckets[key] ?? TokenBucket(rate: rate, burst: burst, now: now)
        let ok = bucket.take(now: now)
        buckets[key] = bucket
        if buckets.count > 20_000 { buckets = buckets.filter { $0.key == key } }
        return ok
    }

    /// The board's advice analyses a whole board on the service loop, as a regrouping does:
    /// even the facilitator's key gets a budget (the console asks at most about once a second).
    func checkAdviceBudget(_ meetingId: String) throws(CommandError) {
        guard Self.take(&adviceRequestsByMeeting, meetingId, rate: Limits.boardAdvicePerSecond, burst: Limits.boardAdviceBurst,
                        now: monotonicSeconds()) else {
            throw CommandError(.rateLimited, "The grouping is still catching up with your last requests; please wait a moment.")
        }
    }

    /// One participant per connection, joins per address, commands per participant (across
    /// their connections) and per address.
    func checkBudgets(_ command: Command, _ conn: any MeetingClient) throws(CommandError) {
        let now = monotonicSeconds()
        func take(_ buckets: inout [String: TokenBucket], _ key: String, rate: Double, burst: Double) -> Bool {
            Self.take(&buckets, key, rate: rate, burst: burst, now: now)
        }
        if case .join = command {
            // One person per phone in a meeting: ids repeat across meetings, so the meeting counts too.
            if let meeting = conn.session.meetingId, let already = conn.session.joinedAs[meeting],
               let p = meetings[meeting]?.committed.participants[already] {
                throw CommandError(.conflict, "This phone has already joined as \(p.name). One person per phone.")
            }
            // The server's own computer (a local load test, a scribe tool) has no address budget;
            // behind a reverse proxy, give --trusted-proxy so each client has its own address.
            guard conn.session.isLoopback || take(&joinsByAddress, conn.session.address, rate: Limits.joinsPerSecondPerAddress, burst: Limits.joinBurstPerAddress) else {
                throw CommandError(.rateLimited, "Many people are joining from this network right now; please try again in a few seconds.")
            }
        }
        if case .participant(let pid) = conn.session.actor,
           !take(&commandsByParticipant, pid, rate: Limits.commandsPerSecondPerParticipant, burst: Limits.commandBurstPerParticipant) {
            throw CommandError(.rateLimited, "You are sending too fast; please wait a moment.")
        }
        if conn.session.actor != .facilitator, !conn.session.isLoopback,
           !take(&commandsByAddress, conn.session.address, rate: Limits.commandsPerSecondPerAddress, burst: Limits.commandBurstPerAddress) {
            throw CommandError(.rateLimited, "This network is sending too fast; please wait a moment.")
        }
        switch command {
        case .regroup, .splitByMeaning:
            // They run on the service loop: even the facilitator's key gets a budget.
            guard take(&groupingRequestsByMeeting, conn.session.meetingId ?? "", rate: Limits.groupingRequestsPerSecond,
                       burst: Limits.groupingRequestBurst) else {
                throw CommandError(.rateLimited, "The grouping is still catching up with your last requests; please wait a moment.")
            }
        default: break
        }
    }
}
