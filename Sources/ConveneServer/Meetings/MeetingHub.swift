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
    /// Regroupings and splits the facilitator asked for, per meeting (`Limits.groupingRequestsPerSecond`).
    var groupingRequestsByMeeting: [String: TokenBucket] = [:]
    /// The board's advice asked for, per meeting (`Limits.boardAdvicePerSecond`).
    var adviceRequestsByMeeting: [String: TokenBucket] = [:]
    /// Accept a facilitator or organizer key over plain HTTP from another computer (off by
    /// default: on venue Wi-Fi it would cross the air in clear).
    var allowInsecureKeys = false
    /// The notes' model, to title by meaning the themes a proposal the facilitator asked for
    /// would open (a split's one theme, a previewed regrouping's few; tens of milliseconds
    /// each, on this loop; the model is immutable and shared with the clustering thread).
    /// nil: titles from the notes' words.
    var titlePhrases: PhraseEmbedding?
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
        for note in state.visibleNotes() { requestVector(meeting: state.info.id, note: note.id, text: note.text, writer: state.writerLanguage(of: note)) }
        for theme in state.themes.values where theme.labelByHand {
            requestLabelVector(meeting: state.info.id, theme: theme.id, label: theme.label)
        }
        // A sending interrupted by a stop or crash resumes with whoever has no outcome yet.
        for m in state.mailings { queueMail(m, live: live) }
        return true
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
            // JSON json-c could still read (a key twice, a lone surrogate…): its `req`, when
            // there is one, is echoed, so the client is not left waiting for an answer. Not a
            // number at the edge of 64 bits: json-c clamps bigger ones to it.
            var req = (try? JSONCodec.parse(bytes, strict: false)).flatMap { ClientMessageDecoder.requestId(of: $0) }
            if case .int(let n)? = req, n == .max || n == .min { req = nil }
            conn.send(ServerMessages.error(CommandError(.badJSON, "That message is not valid JSON (\(error))."), req: req))
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

    func answer(_ query: Query, req: JSONValue?, from conn: any MeetingClient) throws(CommandError) {
        guard let meetingId = conn.session.meetingId, let live = meetings[meetingId] else {
            throw CommandError(.notReady, "Say hello with the meeting code first.")
        }
        let fields: [(String, JSONValue)]
        if case .mergeSuggestions(let kind) = query {
            guard conn.session.actor == .facilitator else { throw CommandError(.forbidden, "Only the facilitator can do that.") }
            try checkAdviceBudget(meetingId)
            fields = WallClustering.boardAdvice(kind: kind, in: live.committed, live: live)
        } else {
            fields = try live.committed.answer(query, by: conn.session.actor, serialize: JSONCodec.serializeString)
        }
        conn.send(ServerMessages.ack(req: req, seq: live.committed.seq, fields: fields))
    }

    func perform(_ command: Command, req: JSONValue?, from conn: any MeetingClient) throws(CommandError) {
        guard let meetingId = conn.session.meetingId, let live = meetings[meetingId] else {
            throw CommandError(.notReady, "Say hello with the meeting code first.")
        }
        if live.recovering {
            throw CommandError(.busy, "Saving is failing right now; please try again in a moment.")
        }
        try checkBudgets(command, conn)
        // A joining phone gets its resume token in the reply; an attendee the facilitator adds
        // gets one too, which nobody is ever sent, so no phone can take that record over.
        var secret = ""
        switch command {
        case .join, .addAttendee: secret = Identifiers.secret(using: &random)
        default: break
        }
        // The regrouping an undo takes back, as it stood (the decision forgets it).
        var undone: [RegroupMove] = []
        if case let .undoRegroup(kind, _) = command { undone = live.speculative.lastRegroup[kind] ?? [] }
        // The theme an undone merge takes notes back from (likewise forgotten by the decision).
        var mergedInto: String?
        if case let .undoMerge(kind) = command { mergedInto = live.speculative.lastMerge[kind]?.into }
        // "Keep in place": a move to the theme the note is already in only confirms it.
        var confirmsPlace = false
        if case let .moveNote(note, theme) = command, let n = live.speculative.notes[note] { confirmsPlace = n.theme == theme }
        let decision = try live.speculative.decide(command, by: conn.session.actor, newSecret: secret,
                                                   regrouper: WallRegrouper(live: live, phrases: titlePhrases))
        if case .sendSummary = command, mail == nil {
            throw CommandError(.notAllowed, "E-mail is not set up on this server: start it with --smtp-url and --mail-from.")
        }
        // A phone that joined is that participant from now on (an attendee the facilitator
        // adds is attached to no connection).
        if case .join = command {
            for case .participantJoined(let p) in decision.events { conn.session.actor = .participant(p.id); conn.session.joinedAs[meetingId] = p.id }
        }
        commit(decision.events, to: live)
        // The wall learns from the facilitator's hand at once (issue 11: "notes not yet
        // placed by hand may follow").
        switch command {
        case let .moveNote(note, _):
            if let kind = live.speculative.notes[note]?.kind { followCorrection(live, kind: kind, proposes: !confirmsPlace) }
        case let .mergeThemes(_, into):
            if let kind = live.speculative.themes[into]?.kind { followCorrection(live, kind: kind) }
        case let .splitTheme(theme, _, _):
            if let kind = live.speculative.themes[theme]?.kind { followCorrection(live, kind: kind) }
        case let .applyProposal(kind, _):
            // A theme the moves made wrong gets a title for what it now holds ("Export markets
            // & welders" after the welders left); one whose title still fits keeps it, and a
            // theme the proposal opened keeps the title the facilitator saw in it (it came up
            // under another name after Apply in a walk-through) — unless another theme was
            // given that title meanwhile (`retitle` renames a duplicate).
            var changed = Set<String>(), opened = Set<String>()
            var split = false
            for event in decision.events {
                switch event {
                case let .themeCreated(id, _, _, _): opened.insert(id)
                case let .regroupRecorded(_, moves, byHand, _, _):
                    for m in moves { if let f = m.from { changed.insert(f) }; if let t = m.to { changed.insert(t) } }
                    split = byHand
                default: break
                }
            }
            // (An opened theme whose notes were partly kept out of the proposal may no longer
            // fit the title worked out for all of them: then it is wrong too.)
            retitle(live, kind: kind, themes: WallClustering.titlesToRewrite(changed.union(opened), kind: kind, in: live.speculative))
            for id in opened { if let label = live.speculative.themes[id]?.label { live.acceptedTitles[kind, default: [:]][id] = label } }
            // An applied split is the facilitator's correction, like a split by hand.
            if split { followCorrection(live, kind: kind) }
        case let .undoMerge(kind):
            // The theme that gave the notes back is titled for what it holds again when its
            // title no longer fits; the one put back has the title it had.
            if let into = mergedInto { retitle(live, kind: kind, themes: WallClustering.titlesToRewrite([into], kind: kind, in: live.speculative)) }
        case let .undoRegroup(kind, preview) where !preview:
            // The themes notes went back to or left get titles for what they hold again when
            // theirs no longer fits; a theme the undo put back has the title it had, and a
            // theme no note moved in or out of keeps its own: the wall is as it stood, not renamed.
            // (Only the notes the undo moved: one placed by hand since stays, and so does its theme's title.)
            var restored = Set<String>()
            for case let .themeRestored(theme, _) in decision.events { restored.insert(theme.id) }
            let left = Dictionary(undone.map { ($0.note, $0.to) }, uniquingKeysWith: { a, _ in a })
            var touched = Set<String>()
            for case let .noteMoved(note, theme, _) in decision.events {
                if let from = left[note] ?? nil { touched.insert(from) }
                if let theme { touched.insert(theme) }
            }
            retitle(live, kind: kind, themes: WallClustering.titlesToRewrite(touched.subtracting(restored), kind: kind, in: live.speculative))
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
        var changed = Set<NoteKind>()
        for event in events {
            if let kind = wallKind(of: event, in: live.speculative) {
                live.wallVersion[kind, default: 0] += 1
                changed.insert(kind)
            }
            let stored = StoredEvent(meeting: live.id, seq: live.speculative.seq + 1, at: at, event: event)
            live.speculative.apply(stored)
            live.pending.append(stored)
            rows.append(EventRow(stored))
        }
        writer.submit(rows)
        // An owed settle waits from the wall's last change.
        for kind in changed where live.settleOwed[kind] != nil { armSettle(live, kind: kind) }
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
        case let .embedded(meeting, note, vector, reading): embedded(meeting: meeting, note: note, vector: vector, reading: reading)
        case let .labelEmbedded(meeting, theme, label, vector): labelEmbedded(meeting: meeting, theme: theme, label: label, vector: vector)
        case .placed(let result): placed(result)
        case let .placementDue(meeting, kind): placementDue(meeting: meeting, kind: kind)
        case let .settleDue(meeting, kind, version): settleDue(meeting: meeting, kind: kind, version: version)
        case let .mailed(meeting, send, email, failure): mailed(meeting: meeting, send: send, email: email, failure: failure)
        }
        return true
    }
}
