/// The stored form of events: complete JSON (secrets included), read back on every start.
/// What clients see is a different, redacted projection (see `MeetingViews`).

public struct EventDecodingError: Error, CustomStringConvertible {
    public var description: String
}

extension StoredEvent {
    /// The complete stored body of the event.
    public func storageJSON() -> JSONValue {
        var pairs: [(String, JSONValue?)] = [("type", .string(event.type)), ("at", .int(at))]
        switch event {
        case let .meetingCreated(info, settings), let .meetingUpdated(info, settings):
            pairs += [("meeting", info.storageJSON()), ("settings", settings.json())]
        case let .participantJoined(p):
            pairs.append(("participant", p.storageJSON()))
        case let .phaseChanged(phase):
            pairs.append(("phase", .string(phase.rawValue)))
        case let .notePosted(id, kind, text, author, scribed):
            pairs += [("note", .string(id)), ("kind", .string(kind.rawValue)), ("text", .string(text)),
                      ("author", author.json), ("scribed", scribed?.json())]
        case let .noteEdited(note, text):
            pairs += [("note", .string(note)), ("text", .string(text))]
        case let .noteWithdrawn(note):
            pairs.append(("note", .string(note)))
        case let .noteHidden(note, hidden):
            pairs += [("note", .string(note)), ("hidden", .bool(hidden))]
        case let .themeCreated(id, kind, label, byHand):
            pairs += [("theme", .string(id)), ("kind", .string(kind.rawValue)), ("label", .string(label)),
                      ("byHand", .bool(byHand))]
        case let .themeRenamed(theme, label, byHand):
            pairs += [("theme", .string(theme)), ("label", .string(label)), ("byHand", .bool(byHand))]
        case let .noteMoved(note, theme, byHand):
            pairs += [("note", .string(note)), ("theme", theme.json), ("byHand", .bool(byHand))]
        case let .themesMerged(from, into):
            pairs += [("from", .string(from)), ("into", .string(into))]
        case let .themeSplit(theme, newTheme, label, notes):
            pairs += [("theme", .string(theme)), ("newTheme", .string(newTheme)), ("label", .string(label)),
                      ("notes", .array(notes.map { .string($0) }))]
        case let .themeLocked(theme, locked):
            pairs += [("theme", .string(theme)), ("locked", .bool(locked))]
        case let .themeDeleted(theme):
            pairs.append(("theme", .string(theme)))
        case let .participantsMerged(from, into):
            pairs += [("from", .string(from)), ("into", .string(into))]
        case let .participantRemoved(participant, keepNotes):
            pairs += [("participant", .string(participant)), ("keepNotes", .bool(keepNotes))]
        case let .participantRenamed(participant, name, organization):
            pairs += [("participant", .string(participant)), ("name", .string(name)), ("organization", .string(organization))]
        case let .spotlightSet(theme):
            pairs.append(("theme", theme.json))
        case let .joinShown(shown):
            pairs.append(("shown", .bool(shown)))
        case let .championSigned(participant, theme), let .championWithdrawn(participant, theme):
            pairs += [("participant", .string(participant)), ("theme", .string(theme))]
        case let .nominated(n):
            pairs.append(("nomination", n.storageJSON()))
        case let .nominationWithdrawn(id):
            pairs.append(("nomination", .string(id)))
        case let .nextStepsSet(steps):
            pairs.append(("nextSteps", steps.json()))
        case let .regroupRecorded(kind, moves, byHand, removed, titles):
            pairs += [("kind", .string(kind.rawValue)), ("moves", .array(moves.map {
                .object([("note", .string($0.note)), ("from", $0.from.json), ("to", $0.to.json)])
            }))]
            if byHand { pairs.append(("byHand", .bool(true))) }
            if !removed.isEmpty { pairs.append(("removed", .array(removed.map(\.storageJSON)))) }
            if !titles.isEmpty { pairs.append(("titles", .array(titles.map(\.storageJSON)))) }
        case let .themeRestored(theme, kind):
            pairs += [("kind", .string(kind.rawValue)), ("theme", theme.storageJSON)]
        case let .regroupUndone(kind, released):
            pairs.append(("kind", .string(kind.rawValue)))
            if !released.isEmpty { pairs.append(("released", .array(released.map { .string($0) }))) }
        case let .mergeUndone(kind, theme, released):
            pairs += [("kind", .string(kind.rawValue)), ("theme", .string(theme)), ("released", .array(released.map { .string($0) }))]
        case let .grouped(kind, changes):
            pairs += [("kind", .string(kind.rawValue)), ("changes", .array(changes.map(\.json)))]
        case let .proposalOffered(kind, proposal):
            pairs += [("kind", .string(kind.rawValue)), ("proposal", proposal.json)]
        case let .proposalResolved(kind, applied, superseded):
            pairs += [("kind", .string(kind.rawValue)), ("applied", .bool(applied))]
            if superseded { pairs.append(("supersededByRegroup", .bool(true))) }
        case let .proposalMovesDismissed(kind, notes, titles, holding):
            pairs += [("kind", .string(kind.rawValue)), ("notes", .array(notes.map { .string($0) }))]
            if !titles.isEmpty { pairs.append(("titles", .array(titles.map(\.storageJSON)))) }
            if !holding { pairs.append(("holding", .bool(false))) }
        case let .summarySendStarted(send, recipients, appendix):
            pairs += [("send", .string(send)), ("recipients", .array(recipients.map { .string($0) })), ("appendix", .bool(appendix))]
        case let .openingSet(text):
            pairs.append(("text", text.json))
        case let .synthesisSet(theme, text):
            pairs += [("theme", .string(theme)), ("text", text.json)]
        case let .noteCorrected(note, text):
            pairs += [("note", .string(note)), ("text", text.json)]
        case let .summaryDelivered(send, email):
            pairs += [("send", .string(send)), ("email", .string(email))]
        case let .summaryFailed(send, email, reason):
            pairs += [("send", .string(send)), ("email", .string(email)), ("reason", .string(reason))]
        }
        return jsonObject(pairs)
    }

    /// Reads a stored event back; throws on anything the log should never contain.
    public init(meeting: String, seq: Int64, storage j: JSONValue) throws {
        let r = FieldReader(j)
        let type = try r.string("type")
        let at = try r.int("at")
        func kind(_ field: String) throws -> NoteKind {
            guard let k = NoteKind(rawValue: try r.string(field)) else { throw EventDecodingError(description: "bad kind") }
            return k
        }
        let event: MeetingEvent
        switch type {
        case "meetingCreated", "meetingUpdated":
            let info = try MeetingInfo(storage: j["meeting"] ?? .null)
            let settings = try MeetingSettings(storage: j["settings"] ?? .null)
            event = type == "meetingCreated" ? .meetingCreated(info, settings) : .meetingUpdated(info, settings)
        case "participantJoined": event = .participantJoined(try Participant(storage: j["participant"] ?? .null))
        case "phaseChanged":
            guard let p = Phase(rawValue: try r.string("phase")) else { throw EventDecodingError(description: "bad phase") }
            event = .phaseChanged(p)
        case "notePosted":
            event = .notePosted(id: try r.string("note"), kind: try kind("kind"), text: try r.string("text"),
                                author: try r.optionalString("author"),
                                scribed: try j["scribed"].flatMap { $0.isNull ? nil : try Scribed(storage: $0) })
        case "noteEdited": event = .noteEdited(note: try r.string("note"), text: try r.string("text"))
        case "noteWithdrawn": event = .noteWithdrawn(note: try r.string("note"))
        case "noteHidden": event = .noteHidden(note: try r.string("note"), hidden: try r.bool("hidden"))
        case "themeCreated":
            event = .themeCreated(id: try r.string("theme"), kind: try kind("kind"), label: try r.string("label"),
                                  byHand: try r.bool("byHand"))
        case "themeRenamed":
            event = .themeRenamed(theme: try r.string("theme"), label: try r.string("label"), byHand: try r.bool("byHand"))
        case "noteMoved":
            event = .noteMoved(note: try r.string("note"), theme: try r.optionalString("theme"), byHand: try r.bool("byHand"))
        case "themesMerged": event = .themesMerged(from: try r.string("from"), into: try r.string("into"))
        case "themeSplit":
            event = .themeSplit(theme: try r.string("theme"), newTheme: try r.string("newTheme"),
                                label: try r.string("label"), notes: try r.stringList("notes"))
        case "themeLocked": event = .themeLocked(theme: try r.string("theme"), locked: try r.bool("locked"))
        case "themeDeleted": event = .themeDeleted(theme: try r.string("theme"))
        case "participantsMerged": event = .participantsMerged(from: try r.string("from"), into: try r.string("into"))
        case "participantRemoved": event = .participantRemoved(participant: try r.string("participant"), keepNotes: try r.bool("keepNotes"))
        case "participantRenamed":
            event = .participantRenamed(participant: try r.string("participant"), name: try r.string("name"), organization: try r.string("organization"))
        case "spotlightSet": event = .spotlightSet(theme: try r.optionalString("theme"))
        case "joinShown": event = .joinShown(shown: try r.bool("shown"))
        case "championSigned":
            event = .championSigned(participant: try r.string("participant"), theme: try r.string("theme"))
        case "championWithdrawn":
            event = .championWithdrawn(participant: try r.string("participant"), theme: try r.string("theme"))
        case "nominated": event = .nominated(try Nomination(storage: j["nomination"] ?? .null, seq: 0))   // apply sets the seq
        case "nominationWithdrawn": event = .nominationWithdrawn(id: try r.string("nomination"))
        case "nextStepsSet": event = .nextStepsSet(try NextSteps(storage: j["nextSteps"] ?? .null))
        case "regroupRecorded":
            let moves = try (j["moves"]?.arrayValue ?? []).map { m -> RegroupMove in
                let mr = FieldReader(m)
                return RegroupMove(note: try mr.string("note"), from: try mr.optionalString("from"), to: try mr.optionalString("to"))
            }
            // `byHand` and `released` are absent in logs written before splits by meaning,
            // `removed` in logs written before undo put emptied themes back, `titles` in logs
            // written before undo gave back the titles.
            let removed = try (j["removed"]?.arrayValue ?? []).map(RemovedTheme.init(storage:))
            let titles = try (j["titles"]?.arrayValue ?? []).map(ThemeTitle.init(storage:))
            event = .regroupRecorded(kind: try kind("kind"), moves: moves, byHand: try r.optionalBool("byHand") ?? false,
                                     removed: removed, titles: titles)
        case "themeRestored":
            event = .themeRestored(try RemovedTheme(storage: j["theme"] ?? .null), kind: try kind("kind"))
        case "regroupUndone":
            event = .regroupUndone(kind: try kind("kind"), released: j["released"] == nil ? [] : try r.stringList("released"))
        case "mergeUndone":
            event = .mergeUndone(kind: try kind("kind"), theme: try r.string("theme"), released: try r.stringList("released"))
        case "grouped":
            guard let list = j["changes"]?.arrayValue else { throw EventDecodingError(description: "missing list changes") }
            event = .grouped(kind: try kind("kind"), changes: try list.map(GroupingChange.init(storage:)))
        case "proposalOffered":
            event = .proposalOffered(kind: try kind("kind"), proposal: try ThemeProposal(storage: j["proposal"] ?? .null))
        case "proposalResolved":
            guard case .bool(let applied)? = j["applied"] else { throw EventDecodingError(description: "missing applied") }
            // Absent in logs written before it existed: a plain dismissal.
            let superseded: Bool
            if case .bool(let b)? = j["supersededByRegroup"] { superseded = b } else { superseded = false }
            event = .proposalResolved(kind: try kind("kind"), applied: applied, supersededByRegroup: superseded)
        case "proposalMovesDismissed":
            // No `titles` in logs written before a Leave out retitled the proposal's new themes.
            event = .proposalMovesDismissed(kind: try kind("kind"), notes: try r.stringList("notes"),
                                            titles: try (j["titles"]?.arrayValue ?? []).map(ThemeTitle.init(storage:)),
                                            holding: try r.optionalBool("holding") ?? true)
        case "summarySendStarted":
            // Logs written before the appendix choice existed sent it.
            var appendix = true
            if case .bool(let b)? = j["appendix"] { appendix = b }
            event = .summarySendStarted(send: try r.string("send"), recipients: try r.stringList("recipients"), appendix: appendix)
        case "openingSet": event = .openingSet(text: try r.optionalString("text"))
        case "synthesisSet": event = .synthesisSet(theme: try r.string("theme"), text: try r.optionalString("text"))
        case "noteCorrected": event = .noteCorrected(note: try r.string("note"), text: try r.optionalString("text"))
        case "summaryDelivered": event = .summaryDelivered(send: try r.string("send"), email: try r.string("email"))
        case "summaryFailed":
            event = .summaryFailed(send: try r.string("send"), email: try r.string("email"), reason: try r.string("reason"))
        default: throw EventDecodingError(description: "unknown event type \(type)")
        }
        self.init(meeting: meeting, seq: seq, at: at, event: event)
    }
}
