import ConveneClustering
import ConveneCore
import ConveneJSON
import ConveneMail
import ConveneStemmer
import ConveneStore

/// Sessions: a hello attaches a connection to a meeting as wall, console or phone, and
/// chooses between a snapshot and a replay of what it missed.
extension MeetingHub {
    func attach(_ hello: Hello, _ conn: any MeetingClient, now: Double) throws(CommandError) {
        // A hello costs a snapshot: about one a second per connection.
        guard conn.session.hellos.take(now: now) else {
            throw CommandError(.tooManyAttempts, "Too many hellos on this connection; wait a second and try again.")
        }
        guard let meetingId = byCode[hello.code], let live = meetings[meetingId] else {
            try wrongGuess(conn, now: now)
            throw CommandError(.unknownMeeting, "No meeting has the code \(hello.code.prefix(12)). Check the code on the wall.")
        }
        var you: Participant?
        var actor = Actor.guest
        switch hello.client {
        case .console:
            try requireSafeKeyChannel(conn)
            guard let key = hello.key, constantTimeEquals(key, live.committed.info.facilitatorKey) else {
                try wrongGuess(conn, now: now)
                throw CommandError(.badKey, "That facilitator key is not right for this meeting.")
            }
            actor = .facilitator
        case .wall:
            actor = .wall
        case .participant:
            if let token = hello.token, let p = live.speculative.participant(withToken: token) {
                you = live.committed.participants[p.id] ?? p
                actor = .participant(p.id)
                conn.session.joinedAs[meetingId] = p.id   // a phone that came back is that person: no second join
            }
        }
        conn.session.greeted = true
        if let old = conn.session.meetingId { meetings[old]?.connections[conn.id] = nil }
        conn.session.meetingId = meetingId
        conn.session.client = hello.client
        conn.session.actor = actor
        live.connections[conn.id] = conn

        let state = live.committed
        let serverNow = wallClockMilliseconds()
        // A client that knows the meeting up to `since` gets only what came after, when the
        // replay window still holds it and it is shorter than a snapshot would be worth;
        // otherwise (and for a client with nothing, since 0) one shared snapshot.
        if let since = hello.since, let missed = live.replay.missed(since: since, upTo: state.seq),
           // Events as first sent must not show what has been hidden, withdrawn or rewritten since.
           ReplayWindow.isCurrent(missed, for: conn.session.audience, in: state) {
            conn.send(ServerMessages.welcome(state: state, client: hello.client, you: you, snapshot: nil, now: serverNow, mail: mail != nil))
            for entry in missed {
                conn.send(entry.message(for: conn.session.audience))
            }
        } else {
            conn.send(ServerMessages.welcome(state: state, client: hello.client, you: you,
                                             snapshot: live.snapshot(for: conn.session.audience), now: serverNow, mail: mail != nil))
        }
    }

    /// A question: answered at once from what is durable (so it never shows an unsaved
    /// change), nothing stored.
}
