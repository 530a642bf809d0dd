/// What clients see. Participants and the wall get the public view; the console also sees
/// e-mail addresses, consent, hidden notes and nominees' contacts. Resume tokens and the
/// facilitator key never leave the server in a view.
public enum Audience: Sendable {
    case everyone
    case console
}

extension MeetingState {
    public func meetingView() -> JSONValue {
        jsonObject([
            ("id", .string(info.id)), ("title", .string(info.title)), ("industry", .string(info.industry)),
            ("region", .string(info.region)), ("date", info.date.json), ("place", info.place.json),
            ("chairs", .array(info.chairs.map { .string($0) })), ("code", .string(info.joinCode)),
            ("settings", settings.json()),
        ])
    }

    public func participantView(_ p: Participant, _ audience: Audience) -> JSONValue {
        var pairs: [(String, JSONValue?)] = [
            ("id", .string(p.id)), ("name", .string(p.name)), ("organization", .string(p.organization)),
            ("role", .string(p.role.rawValue)),
        ]
        if audience == .console { pairs += [("email", p.email.json), ("consent", .bool(p.consent))] }
        return jsonObject(pairs)
    }

    public func noteView(_ n: Note) -> JSONValue {
        jsonObject([
            ("id", .string(n.id)), ("kind", .string(n.kind.rawValue)), ("text", .string(n.text)),
            ("author", n.author.json), ("scribed", n.scribed?.json()),
            ("role", .string((n.author.flatMap { participants[$0]?.role } ?? n.scribed?.role ?? .employer).rawValue)),
            ("theme", n.theme.json), ("placed", .bool(n.placed)), ("placedByHand", .bool(n.placedByHand)), ("hidden", .bool(n.hidden)),
            ("edited", .bool(n.edited)), ("at", .int(n.postedAt)),
        ])
    }

    public func themeView(_ t: Theme) -> JSONValue {
        .object([("id", .string(t.id)), ("kind", .string(t.kind.rawValue)), ("label", .string(t.label)),
                 ("labelByHand", .bool(t.labelByHand)), ("locked", .bool(t.locked))])
    }

    public func nominationView(_ n: Nomination, _ audience: Audience) -> JSONValue {
        jsonObject([
            ("id", .string(n.id)), ("name", .string(n.name)), ("organization", .string(n.organization)),
            ("contact", audience == .console ? n.contact.json : nil), ("theme", n.theme.json),
            ("nominatedBy", .string(n.nominatedBy)),
        ])
    }

    public func phaseView() -> [(String, JSONValue)] {
        [("phase", .string(phase.rawValue)), ("phaseStartedAt", .int(phaseStartedAt)),
         ("phaseMinutes", .int(Int64(settings.timeboxes[phase] ?? phase.defaultMinutes))),
         ("question", .string(phase.question))]
    }

    public func mailingView(_ m: Mailing) -> JSONValue {
        .object([("id", .string(m.id)), ("startedAt", .int(m.startedAt)), ("recipients", .array(m.recipients.map { email in
            let outcome = m.outcomes[email] ?? .pending
            var pairs: [(String, JSONValue?)] = [("email", .string(email))]
            switch outcome {
            case .pending: pairs.append(("status", "sending"))
            case .delivered: pairs.append(("status", "delivered"))
            case .failed(let reason): pairs += [("status", "failed"), ("reason", .string(reason))]
            }
            return jsonObject(pairs)
        }))])
    }

    /// The whole meeting, as a client needs it to draw its screen from scratch.
    public func snapshot(for audience: Audience) -> JSONValue {
        let shownNotes = visibleNotes().filter { audience == .console || !$0.hidden }
        return .object([("meeting", meetingView())] + phaseView() + [
            ("participants", .array(participantOrder.compactMap { participants[$0] }.map { participantView($0, audience) })),
            ("notes", .array(shownNotes.map(noteView))),
            ("themes", .array(orderedThemes().map(themeView))),
            ("champions", .array(champions.map { .object([("participant", .string($0.participant)), ("theme", .string($0.theme))]) })),
            ("nominations", .array(nominationOrder.compactMap { nominations[$0] }.map { nominationView($0, audience) })),
            ("nextSteps", nextSteps.json()), ("spotlight", spotlight.json), ("joinOnWall", .bool(joinOnWall)),
            // Whether the summary has reached someone by e-mail (no addresses): the wall and the
            // phones stop promising it once it has (a sending started, or failed, is not that).
            ("summarySent", .bool(!deliveredEmails.isEmpty)),
        ] + (audience == .console ? [("mailings", .array(mailings.map(mailingView))),
                                     ("proposals", .object(NoteKind.allCases.compactMap { k in proposals[k].map { (k.rawValue, $0.json) } })),
                                     // Kinds with a regrouping `undoRegroup` can still undo, and how many notes it moved.
                                     ("undoable", .object(NoteKind.allCases.compactMap { k in lastRegroup[k].map { (k.rawValue, .int(Int64($0.count))) } })),
                                     // Kinds whose last merge is not undone yet: the theme merged away, the one it
                                     // joined, its notes and whether it was named by hand (what the console needs
                                     // to show "Undo the merge" only when `undoMerge` would be carried out).
                                     ("mergeUndoable", .object(NoteKind.allCases.compactMap { k in lastMerge[k].map { m in
                                         (k.rawValue, .object([("theme", .string(m.theme.id)), ("label", .string(m.theme.label)), ("into", .string(m.into)),
                                                               ("notes", .array(m.notes.map { .string($0) })), ("named", .bool(m.theme.labelByHand))]))
                                     } })),
                                     ("summaryEdits", summaryEditsView())] : []))
    }

    /// The facilitator's words for the summary (console only): the opening as written (null:
    /// the default, given as `defaultOpening`), each theme's sentence (null: the suggestion,
    /// given as `suggestions`), and corrected note texts.
    public func summaryEditsView() -> JSONValue {
        let summary = MeetingSummary(self)
        return jsonObject([
            ("opening", summaryOpening.json), ("defaultOpening", .string(SummaryWording.defaultOpening(summary))),
            ("syntheses", .object(themeOrder.compactMap { id in themes[id]?.synthesis.map { (id, .string($0)) } })),
            ("suggestions", .object((summary.opportunities + summary.areas + summary.notPriority).compactMap { g in
                g.suggestion.map { (g.themeId, .string($0)) } })),
            ("corrections", .object(noteOrder.compactMap { id in notes[id]?.correctedText.map { (id, .string($0)) } })),
        ])
    }

    /// How an event just applied to this state is shown to an audience. Call right after
    /// `apply`, while the state is the one the event produced.
    public func eventView(_ stored: StoredEvent, for audience: Audience) -> JSONValue {
        var pairs: [(String, JSONValue?)] = [("type", .string(stored.event.type)), ("at", .int(stored.at))]
        let hiddenFromEveryone = { (id: String) in audience == .everyone && self.notes[id]?.hidden == true }
        switch stored.event {
        case .meetingCreated, .meetingUpdated:
            pairs.append(("meeting", meetingView()))
        case let .participantJoined(p):
            pairs.append(("participant", participantView(participants[p.id] ?? p, audience)))
        case .phaseChanged:
            pairs += phaseView().map { ($0.0, $0.1) }
        case let .notePosted(id, _, _, _, _):
            if let n = notes[id] { pairs.append(("note", noteView(n))) }
        case let .noteEdited(id, text):
            pairs += [("note", .string(id)), ("text", hiddenFromEveryone(id) ? nil : .string(text))]
        case let .noteWithdrawn(id):
            pairs.append(("note", .string(id)))
        case let .noteHidden(id, hidden):
            pairs += [("note", .string(id)), ("hidden", .bool(hidden))]
            // A note shown again must reach screens that never had its text.
            if !hidden, let n = notes[id] { pairs.append(("noteView", noteView(n))) }
        case let .themeCreated(id, _, _, _):
            if let t = themes[id] { pairs.append(("theme", themeView(t))) }
        case let .themeRestored(restored, _):
            // Whole, with its place among all themes, so a screen puts it back where it stood.
            if let t = themes[restored.id] {
                pairs += [("theme", themeView(t)), ("position", .int(Int64(themeOrder.firstIndex(of: t.id) ?? themeOrder.count)))]
            }
        case let .themeRenamed(id, label, byHand):
            // `byHand`: the facilitator named it; screens keep such a theme when it empties.
            pairs += [("theme", .string(id)), ("label", .string(label)), ("byHand", .bool(byHand))]
        case let .noteMoved(id, theme, byHand):
            pairs += [("note", .string(id)), ("theme", theme.json), ("byHand", .bool(byHand))]
        case let .themesMerged(from, into):
            pairs += [("from", .string(from)), ("into", .string(into))]
        case let .themeSplit(theme, newTheme, _, notes):
            pairs += [("theme", .string(theme)), ("newTheme", themes[newTheme].map(themeView)),
                      ("notes", .array(notes.map { .string($0) }))]
        case let .themeLocked(id, locked):
            pairs += [("theme", .string(id)), ("locked", .bool(locked))]
        case let .themeDeleted(id):
            pairs.append(("theme", .string(id)))
        case let .participantsMerged(from, into):
            // The surviving record whole (it may have taken the other's e-mail: console only).
            pairs += [("from", .string(from)), ("into", .string(into)),
                      ("participant", participants[into].map { participantView($0, audience) })]
        case let .participantRemoved(pid, keepNotes):
            pairs += [("participant", .string(pid)), ("keepNotes", .bool(keepNotes))]
        case let .participantRenamed(pid, _, _):
            // The record as it now reads (e-mail and consent for the console only).
            pairs.append(("participant", participants[pid].map { participantView($0, audience) }))
        case .spotlightSet:
            pairs.append(("spotlight", spotlight.json))
        case let .joinShown(shown):
            pairs.append(("shown", .bool(shown)))
        case let .championSigned(p, t), let .championWithdrawn(p, t):
            pairs += [("participant", .string(p)), ("theme", .string(t))]
        case let .nominated(n):
            pairs.append(("nomination", nominationView(nominations[n.id] ?? n, audience)))
        case let .nominationWithdrawn(id):
            pairs.append(("nomination", .string(id)))
        case let .nextStepsSet(steps):
            pairs.append(("nextSteps", steps.json()))
        case let .regroupRecorded(kind, moves, _, _, _):
            pairs += [("kind", .string(kind.rawValue)), ("moved", .int(Int64(moves.count)))]
        case let .mergeUndone(kind, theme, released):
            pairs += [("kind", .string(kind.rawValue)), ("theme", .string(theme)), ("released", .array(released.map { .string($0) }))]
        case let .regroupUndone(kind, released):
            pairs.append(("kind", .string(kind.rawValue)))
            if !released.isEmpty { pairs.append(("released", .array(released.map { .string($0) }))) }
        case let .grouped(kind, changes):
            // New themes go out whole (as in themeCreated), so a screen can draw them at once.
            let shown = changes.map { change -> JSONValue in
                if case .createTheme(let id, _) = change, let t = themes[id] {
                    return .object([("op", "createTheme"), ("theme", themeView(t))])
                }
                return change.json
            }
            pairs += [("kind", .string(kind.rawValue)), ("changes", .array(shown))]
        case let .proposalOffered(kind, proposal):
            // Proposals are the facilitator's to weigh: screens other than the console only see the sequence move on.
            guard audience == .console else { return .object([("type", "proposal"), ("at", .int(stored.at))]) }
            pairs += [("kind", .string(kind.rawValue)), ("proposal", proposal.offered(at: stored.seq).json)]
        case let .proposalResolved(kind, applied, _):
            guard audience == .console else { return .object([("type", "proposal"), ("at", .int(stored.at))]) }
            pairs += [("kind", .string(kind.rawValue)), ("applied", .bool(applied))]
        case let .proposalMovesDismissed(kind, notes, titles, _):
            guard audience == .console else { return .object([("type", "proposal"), ("at", .int(stored.at))]) }
            pairs += [("kind", .string(kind.rawValue)), ("notes", .array(notes.map { .string($0) }))]
            if !titles.isEmpty { pairs.append(("titles", .array(titles.map(\.storageJSON)))) }
        case let .openingSet(text):
            // The summary's words are the facilitator's work in progress: console only.
            guard audience == .console else { return .object([("type", "summaryEdited"), ("at", .int(stored.at))]) }
            pairs.append(("text", text.json))
        case let .synthesisSet(theme, text):
            guard audience == .console else { return .object([("type", "summaryEdited"), ("at", .int(stored.at))]) }
            pairs += [("theme", .string(theme)), ("text", text.json)]
        case let .noteCorrected(note, text):
            // Phones and the wall keep the author's words.
            guard audience == .console else { return .object([("type", "summaryEdited"), ("at", .int(stored.at))]) }
            pairs += [("note", .string(note)), ("text", text.json)]
        case let .summarySendStarted(send, _, _), let .summaryDelivered(send, _), let .summaryFailed(send, _, _):
            // Addresses are for the console only; phones and the wall just see the sequence move on.
            guard audience == .console else { return .object([("type", "mailing"), ("at", .int(stored.at)), ("summarySent", .bool(!deliveredEmails.isEmpty))]) }
            if let m = mailings.first(where: { $0.id == send }) { pairs.append(("mailing", mailingView(m))) }
        }
        return jsonObject(pairs)
    }
}
