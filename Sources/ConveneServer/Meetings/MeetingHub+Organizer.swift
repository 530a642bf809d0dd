import ConveneCore
import ConveneJSON
import ConveneStore

/// The organizer's requests (`listMeetings`, `createMeeting`), answered before any hello
/// and guarded by the server's organizer key.
extension MeetingHub {
    func organize(_ request: OrganizerRequest, key: String, req: JSONValue?, from conn: any MeetingClient,
                          now: Double) throws(CommandError) {
        try requireSafeKeyChannel(conn)
        guard constantTimeEquals(key, organizerKey) else {
            try wrongGuess(conn, now: now)
            throw CommandError(.badKey, "That organizer key is not right. Use the link “convene serve” printed (it ends with #organizer=…).")
        }
        conn.session.greeted = true
        switch request {
        case .listMeetings:
            let list = allMeetings.reversed().map { organizerView($0) }
            conn.send(ServerMessages.ack(req: req, seq: 0, fields: [("meetings", .array(list))]))
        case .createMeeting(let fields):
            guard creating.count < 16 else { throw CommandError(.busy, "Many meetings are being created at once; please try again.") }
            var code = Identifiers.joinCode(using: &random)
            while byCode[code] != nil || creating.values.contains(where: { pending in
                if case .meetingCreated(let info, _) = pending.event.event { return info.joinCode == code }
                return false
            }) {
                code = Identifiers.joinCode(using: &random)
            }
            let id = "m" + Identifiers.secret(using: &random).prefix(12)
            let event = try MeetingFactory.created(id: id, from: fields, joinCode: code,
                                                   facilitatorKey: Identifiers.secret(using: &random), at: wallClockMilliseconds())
            creating[id] = (event, conn, req)
            // Answered when the event is durable (see `handle(.committed)`).
            writer.submit([EventRow(event)])
        }
    }

    /// What the organizer's page shows of a meeting, including its console key.
    func organizerView(_ m: MeetingState) -> JSONValue {
        jsonObject([
            ("id", .string(m.info.id)), ("title", .string(m.info.title)), ("industry", .string(m.info.industry)),
            ("region", .string(m.info.region)), ("date", m.info.date.map { .string($0) } ?? .null),
            ("place", m.info.place.map { .string($0) } ?? .null),
            ("code", .string(m.info.joinCode)), ("key", .string(m.info.facilitatorKey)),
            ("phase", .string(m.phase.rawValue)), ("participants", .int(Int64(m.participants.count))),
            ("notes", .int(Int64(m.notes.values.filter { !$0.withdrawn }.count))), ("createdAt", .int(m.createdAt)),
        ])
    }

    func finishCreation(_ id: String, failure: String?) {
        guard let pending = creating.removeValue(forKey: id) else { return }
        if let failure {
            Log.error("Could not save a new meeting: \(failure)")
            pending.conn?.send(ServerMessages.error(CommandError(.storageFailed, "The meeting could not be saved, so it was not created. Please try again."), req: pending.req))
            return
        }
        load([pending.event])
        guard let state = meetings[id]?.committed else { return }
        Log.notice("Meeting \(state.info.joinCode) created from the organizer's page.")
        pending.conn?.send(ServerMessages.ack(req: pending.req, seq: state.seq, fields: [("meeting", organizerView(state))]))
        onNewMeeting?(state)
    }
}
