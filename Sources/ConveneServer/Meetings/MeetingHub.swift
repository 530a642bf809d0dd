import ConveneClustering
import ConveneCore
import ConveneJSON
import ConveneMail
import ConveneStemmer
import ConveneStore

/// Owns every live meeting and routes messages: decode → validate against the meeting →
/// events → writer (durable) → apply → acknowledge and broadcast. Runs on the service loop
/// thread only.
@MainActor
public final class MeetingHub {
    var meetings: [String: LiveMeeting] = [:]
    var byCode: [String: String] = [:]
    /// Where accepted events go to be made durable (the group-commit writer).
    let writer: any EventSink
    let inbox: Inbox
    /// nil: no embedding model; notes are compared by their words (lexical features).
    let embedding: EmbeddingWorker?
    /// nil: e-mail is not set up (no --smtp-url).
    let mail: MailWorker?
    let clustering: ClusteringWorker
    var guesses = GuessGuard()
    /// Joins per connecting address (a flood of joins from one place fills no meeting; a
    /// room of 150 behind one NAT still gets in), commands per participant across all of
    /// their connections, and commands per address.
    var joinsByAddress: [String: TokenBucket] = [:]
    var commandsByParticipant: [String: TokenBucket] = [:]
    var commandsByAddress: [String: TokenBucket] = [:]
    /// Accept a facilitator or organizer key over plain HTTP from another computer (off by
    /// default: on venue Wi-Fi it would cross the air in clear).
    var allowInsecureKeys = false
    /// Used on this thread only (lexical vectors when there is no model).
    let stemmer = SnowballStemmer()
    var random = SystemRandomNumberGenerator()
    /// The server's organizer key (lists and creates meetings from the browser).
    let organizerKey: String
    /// Meetings created from the browser whose first event is not durable yet, with the
    /// connection waiting for the answer.
    var creating: [String: (event: StoredEvent, conn: (any MeetingClient)?, req: JSONValue?)] = [:]
    /// Called when a meeting appears while serving (created by `convene meeting create`).
    var onNewMeeting: ((MeetingState) -> Void)?

    init(writer: any EventSink, inbox: Inbox, embedding: EmbeddingWorker?, mail: MailWorker?,
         clustering: ClusteringWorker, organizerKey: String) {
        self.organizerKey = organizerKey
        self.clustering = clustering
        self.writer = writer
        self.inbox = inbox
        self.embedding = embedding
        self.mail = mail
    }

    func hasMeeting(code: String) -> Bool { byCode[code] != nil }

    var allMeetings: [MeetingState] { meetings.values.map(\.committed).sorted { $0.createdAt < $1.createdAt } }

    /// Adds a meeting rebuilt from its log. Returns false if it was already known.
    @discardableResult
    func load(_ events: [StoredEvent]) -> Bool {
        guard let id = events.first?.meeting, meetings[id] == nil, let live = LiveMeeting(events: events) else { return false }
        let state = live.committed
        meetings[state.info.id] = live
        byCode[state.info.joinCode] = state.info.id
        // Vectors are not stored: recompute them for the notes already on the wall.
        for note in state.visibleNotes() { requestVector(meeting: state.info.id, note: note.id, text: note.text) }
        for theme in state.themes.values where theme.labelByHand {
            requestLabelVector(meeting: state.info.id, theme: theme.id, label: theme.label)
        }
        // A sending interrupted by a stop or crash resumes with whoever has no outcome yet.
        for m in state.mailings { queueMail(m, live: live) }
        return true
    }

    // MARK: E-mail

    func queueMail(_ mailing: Mailing, live: LiveMeeting) {
        guard let mail else { return }
        for (i, email) in mailing.recipients.enumerated() where mailing.outcomes[email] == .pending {
            let message = SummaryMessages.message(for: email, send: mailing.id, state: live.committed, settings: mail.settings, index: i)
            mail.submit(MailWorker.Job(meeting: live.id, send: mailing.id, email: email, message: message))
        }
    }

    /// One recipient's outcome came back from the mail thread.
    func mailed(meeting: String, send: String, email: String, failure: String?) {
        guard let live = meetings[meeting], !live.recovering,
              live.speculative.mailings.first(where: { $0.id == send })?.outcomes[email] == .pending else { return }
        if let failure { Log.warning("Summary to \(email) failed: \(failure)") }
        commit([failure.map { .summaryFailed(send: send, email: email, reason: $0) } ?? .summaryDelivered(send: send, email: email)], to: live)
    }

    // MARK: Incoming messages

    func receive(_ bytes: [UInt8], from conn: any MeetingClient) {
        let now = monotonicSeconds()
        guard conn.session.bucket.take(now: now) else {
            // Every refused message gets its own answer (echoing its req), so a client never
            // waits for a reply that will not come; a client that keeps flooding is dropped.
            conn.session.rateViolations += 1
            if conn.session.rateViolations > 2000 {
                conn.close(.tooManyMessages)
            } else {
                let req = (try? JSONCodec.parse(bytes)).flatMap { ClientMessageDecoder.requestId(of: $0) }
                conn.send(ServerMessages.error(CommandError(.rateLimited, "You are sending too fast; please wait a moment."), req: req))
            }
            return
        }
        let json: JSONValue
        do {
            json = try JSONCodec.parse(bytes)
        } catch {
            conn.send(ServerMessages.error(CommandError(.badJSON, "That message is not valid JSON (\(error))."), req: nil))
            return
        }
        let req = ClientMessageDecoder.requestId(of: json)
        do {
            switch try ClientMessageDecoder.decode(json) {
            case nil:
                conn.send(ServerMessages.pong(now: wallClockMilliseconds()))
            case .hello(let hello)?:
                try attach(hello, conn, now: now)
            case .command(let req, let command)?:
                try perform(command, req: req, from: conn)
            case .query(let req, let query)?:
                try answer(query, req: req, from: conn)
            case .organizer(let req, let key, let request)?:
                try organize(request, key: key, req: req, from: conn, now: now)
            }
        } catch {
            conn.send(ServerMessages.error(error, req: req))
        }
    }

    private func attach(_ hello: Hello, _ conn: any MeetingClient, now: Double) throws(CommandError) {
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
        let first = live.recent.first?.seq ?? (state.seq + 1)
        // The window holds consecutive sequence numbers, so the missed part starts here.
        let missed = { (since: Int64) in live.recent[(live.recent.startIndex + Int(since + 1 - first))...] }
        if let since = hello.since, since > 0, since <= state.seq,
           since == state.seq || (since + 1 >= first && state.seq - since <= LiveMeeting.replayLimit),
           // Events as first sent must not show what has been hidden, withdrawn or rewritten since.
           live.replayIsCurrent(missed(since), for: conn.session.audience) {
            conn.send(ServerMessages.welcome(state: state, client: hello.client, you: you, snapshot: nil, now: serverNow))
            for entry in missed(since) {
                conn.send(conn.session.audience == .console ? entry.console : entry.everyone)
            }
        } else {
            conn.send(ServerMessages.welcome(state: state, client: hello.client, you: you,
                                             snapshot: live.snapshot(for: conn.session.audience), now: serverNow))
        }
    }

    /// A question: answered at once from what is durable (so it never shows an unsaved
    /// change), nothing stored.
    private func answer(_ query: Query, req: JSONValue?, from conn: any MeetingClient) throws(CommandError) {
        guard let meetingId = conn.session.meetingId, let live = meetings[meetingId] else {
            throw CommandError(.notReady, "Say hello with the meeting code first.")
        }
        let fields: [(String, JSONValue)]
        if case .mergeSuggestions(let kind) = query {
            guard conn.session.actor == .facilitator else { throw CommandError(.forbidden, "Only the facilitator can do that.") }
            fields = [("suggestions", WallClustering.mergeSuggestions(kind: kind, in: live.committed, live: live))]
        } else {
            fields = try live.committed.answer(query, by: conn.session.actor, serialize: JSONCodec.serializeString)
        }
        conn.send(ServerMessages.ack(req: req, seq: live.committed.seq, fields: fields))
    }

    private func perform(_ command: Command, req: JSONValue?, from conn: any MeetingClient) throws(CommandError) {
        guard let meetingId = conn.session.meetingId, let live = meetings[meetingId] else {
            throw CommandError(.notReady, "Say hello with the meeting code first.")
        }
        if live.recovering {
            throw CommandError(.busy, "Saving is failing right now; please try again in a moment.")
        }
        try checkBudgets(command, conn)
        var secret = ""
        if case .join = command { secret = Identifiers.secret(using: &random) }
        var decision = try live.speculative.decide(command, by: conn.session.actor, newSecret: secret)
        if case .regroup(let kind, let preview) = command {
            if preview {
                // Nothing moves yet: the regrouping becomes the proposal the console previews.
                let proposal = WallClustering.regroupProposal(kind: kind, in: live.speculative, live: live)
                decision.events = proposal.map { [.proposalOffered(kind: kind, proposal: $0)] } ?? []
                decision.reply = [("moved", .int(Int64(proposal?.moves.count ?? 0))), ("proposal", .bool(proposal != nil))]
            } else {
                let (events, moved) = WallClustering.regroupEvents(kind: kind, in: live.speculative, live: live)
                decision.events = events
                decision.reply = [("moved", .int(Int64(moved)))]
            }
        }
        if case .sendSummary = command, mail == nil {
            throw CommandError(.notAllowed, "E-mail is not set up on this server: start it with --smtp-url and --mail-from.")
        }
        // A phone that joined is that participant from now on (an attendee the facilitator
        // adds is attached to no connection).
        if case .join = command {
            for case .participantJoined(let p) in decision.events { conn.session.actor = .participant(p.id); conn.session.joinedAs = p.id }
        }
        commit(decision.events, to: live)
        // The wall learns from the facilitator's hand at once (issue 11: "notes not yet
        // placed by hand may follow").
        switch command {
        case let .moveNote(note, _):
            if let kind = live.speculative.notes[note]?.kind { followCorrection(live, kind: kind) }
        case let .mergeThemes(_, into):
            if let kind = live.speculative.themes[into]?.kind { followCorrection(live, kind: kind) }
        case let .splitTheme(theme, _, _):
            if let kind = live.speculative.themes[theme]?.kind { followCorrection(live, kind: kind) }
        default: break
        }

        let ackSeq = decision.alreadyDoneAt ?? live.speculative.seq
        var fields = decision.reply
        if decision.alreadyDoneAt != nil { fields.append(("duplicate", .bool(true))) }
        let ack = ServerMessages.ack(req: req, seq: ackSeq, fields: fields)
        if ackSeq <= live.committed.seq {
            conn.send(ack)
        } else {
            live.waitingAcks.append((ackSeq, conn.id, ack))
        }
    }

    /// Applies accepted events to the speculative state and hands them to the writer; they
    /// are published when durable.
    @discardableResult
    func commit(_ events: [MeetingEvent], to live: LiveMeeting) -> Int64 {
        var rows: [EventRow] = []
        let at = wallClockMilliseconds()
        for event in events {
            if let kind = wallKind(of: event, in: live.speculative) { live.wallVersion[kind, default: 0] += 1 }
            let stored = StoredEvent(meeting: live.id, seq: live.speculative.seq + 1, at: at, event: event)
            live.speculative.apply(stored)
            live.pending.append(stored)
            rows.append(EventRow(stored))
        }
        writer.submit(rows)
        return live.speculative.seq
    }

    func disconnected(_ conn: any MeetingClient) {
        if let m = conn.session.meetingId { meetings[m]?.connections[conn.id] = nil }
        // The meeting is still created; only the answer has nobody to go to.
        for (id, pending) in creating where pending.conn === conn { creating[id]?.conn = nil }
    }

    // MARK: Work other threads left in the inbox

    /// Handles one item from the inbox. Returns false when the server is asked to stop: the
    /// transport only needs to know that.
    @discardableResult
    func handle(_ item: Inbox.Item) -> Bool {
        switch item {
        case .stop: return false
        case .storage(let report): handle(report)
        case let .embedded(meeting, note, vector): embedded(meeting: meeting, note: note, vector: vector)
        case let .labelEmbedded(meeting, theme, label, vector): labelEmbedded(meeting: meeting, theme: theme, label: label, vector: vector)
        case .placed(let result): placed(result)
        case let .placementDue(meeting, kind): placementDue(meeting: meeting, kind: kind)
        case let .mailed(meeting, send, email, failure): mailed(meeting: meeting, send: send, email: email, failure: failure)
        }
        return true
    }

    // MARK: Reports from the writer thread

    func handle(_ report: GroupCommitWriter.Report) {
        switch report {
        case .committed(let rows):
            var touched: [String: Int64] = [:]
            for row in rows { touched[row.meeting] = max(touched[row.meeting] ?? 0, row.seq) }
            for row in rows where creating[row.meeting] != nil { finishCreation(row.meeting, failure: nil) }
            for (meetingId, upTo) in touched {
                guard let live = meetings[meetingId] else { continue }
                live.storageFailures = 0
                publish(live, upTo: upTo)
            }
        case .failed(let rows, let error):
            for row in rows where creating[row.meeting] != nil { finishCreation(row.meeting, failure: error.sentence) }
            for meetingId in Set(rows.map(\.meeting)) {
                guard let live = meetings[meetingId], !live.recovering else { continue }
                live.storageFailures += 1
                Log.error("Could not save events of meeting \(meetingId): \(error) (SQLite code \(error.code.map(String.init) ?? "none"))")
                live.recovering = true
                // The sentence says what happened: a full disk is not a busy database.
                let failure = CommandError(.storageFailed, error.sentence)
                for wait in live.waitingAcks {
                    live.connections[wait.connection]?.send(failureMessage(wait.message, failure))
                }
                live.waitingAcks.removeAll()
                writer.barrier(meeting: meetingId)
            }
        case .barrier(let meetingId):
            // Everything this meeting submitted before the failure has been refused or saved:
            // the durable state is exactly `committed`. Start again from it.
            guard let live = meetings[meetingId] else { return }
            live.speculative = live.committed
            live.pending.removeAll()
            live.recovering = false
            for kind in NoteKind.allCases {
                live.wallVersion[kind, default: 0] += 1
                live.awaitingPlacement[kind] = live.committed.visibleNotes(kind: kind).filter(\.awaitsPlace).map(\.id)
                // Not at once: the save that failed may fail again (backing off, see schedulePlacementSoon).
                schedulePlacementSoon(live, kind: kind)
            }
            for conn in live.connections.values {
                if case .participant(let p) = conn.session.actor, live.committed.participants[p] == nil { conn.session.actor = .guest }
            }
        case .discovered(let logs):
            for events in logs where load(events) {
                if let id = events.first?.meeting, let state = meetings[id]?.committed { onNewMeeting?(state) }
            }
        }
    }

    /// Applies durable events to the committed state and sends them out, then releases the
    /// acknowledgements that were waiting for them.
    private func publish(_ live: LiveMeeting, upTo seq: Int64) {
        while let next = live.pending.first, next.seq <= seq {
            live.pending.removeFirst()
            live.committed.apply(next)
            let (everyone, console) = LiveMeeting.eventMessages(next, in: live.committed)
            for conn in live.connections.values {
                conn.send(conn.session.audience == .console ? console : everyone)
            }
            live.recent.append(ReplayEntry(seq: next.seq, everyone: everyone, console: console,
                                           reveals: LiveMeeting.revealedText(next, in: live.committed)))
            switch next.event {
            case let .notePosted(id, _, text, _, _), let .noteEdited(id, text):
                requestVector(meeting: live.id, note: id, text: text)
            case let .themeCreated(id, _, label, true), let .themeRenamed(id, label, true):
                requestLabelVector(meeting: live.id, theme: id, label: label)
            case let .noteHidden(id, false):
                // A note shown again that never had a place waits for one like a new note.
                if let vector = live.vectors[id] { embedded(meeting: live.id, note: id, vector: vector) }
                else if let note = live.committed.notes[id] { requestVector(meeting: live.id, note: id, text: note.text) }
            case let .summarySendStarted(send, _, _):
                if let m = live.committed.mailings.first(where: { $0.id == send }) { queueMail(m, live: live) }
            default: break
            }
        }
        if live.recent.count > LiveMeeting.replayWindow + 500 {
            live.recent.removeFirst(live.recent.count - LiveMeeting.replayWindow)
        }
        let durable = live.committed.seq
        var still: [(seq: Int64, connection: UInt64, message: [UInt8])] = []
        for wait in live.waitingAcks {
            if wait.seq <= durable {
                live.connections[wait.connection]?.send(wait.message)
            } else {
                still.append(wait)
            }
        }
        live.waitingAcks = still
    }

    /// Turns a pending acknowledgement into an error for the same request.
    private func failureMessage(_ ack: [UInt8], _ error: CommandError) -> [UInt8] {
        let req = (try? JSONCodec.parse(ack)).flatMap { ClientMessageDecoder.requestId(of: $0) }
        return ServerMessages.error(error, req: req)
    }
}

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

    /// One participant per connection, joins per address, commands per participant (across
    /// their connections) and per address.
    func checkBudgets(_ command: Command, _ conn: any MeetingClient) throws(CommandError) {
        let now = monotonicSeconds()
        func take(_ buckets: inout [String: TokenBucket], _ key: String, rate: Double, burst: Double) -> Bool {
            var bucket = buckets[key] ?? TokenBucket(rate: rate, burst: burst, now: now)
            let ok = bucket.take(now: now)
            buckets[key] = bucket
            if buckets.count > 20_000 { buckets = buckets.filter { $0.key == key } }
            return ok
        }
        if case .join = command {
            if let already = conn.session.joinedAs, let p = meetings[conn.session.meetingId ?? ""]?.committed.participants[already] {
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
    }
}
