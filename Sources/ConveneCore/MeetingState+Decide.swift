/// Who sent a command, as established when the connection said hello.
public enum Actor: Equatable, Sendable {
    case facilitator
    case participant(String)
    /// A phone that has not joined yet: it may only `join`.
    case guest
    case wall
}

/// What an accepted command does: the events to store, fields for the sender's
/// acknowledgement, and — for a retried command already done — the event that did it.
public struct Decision: Sendable {
    public var events: [MeetingEvent] = []
    public var reply: [(String, JSONValue)] = []
    /// The retried command was already carried out by the event with this sequence number;
    /// acknowledge once that event is durable, store nothing new.
    public var alreadyDoneAt: Int64?
}

extension MeetingState {
    /// Validates a command against the current state. Pure: no I/O, no clock, no randomness
    /// (the caller passes `newSecret` for a joining participant's resume token, and the
    /// grouping that a `regroup` needs as `regrouper`).
    public func decide(_ command: Command, by actor: Actor, newSecret: String,
                       regrouper: (any RegroupProposer)? = nil) throws(CommandError) -> Decision {
        if actor == .wall { throw CommandError(.forbidden, "The wall only displays the meeting.") }
        // A phone attached as a record since merged acts as the record it joined; one whose
        // record was removed is a guest again (it may join anew).
        var actor = actor
        if case .participant(let id) = actor, participants[id] == nil {
            actor = mergedParticipants[id].map { .participant($0) } ?? .guest
        }
        if command.isFacilitatorCommand && actor != .facilitator {
            throw CommandError(.forbidden, "Only the facilitator can do that.")
        }
        if phase == .closed && actor != .facilitator {
            throw CommandError(.phaseClosed, "The meeting is closed. Thank you for taking part!")
        }
        var d = Decision()
        switch command {
        case let .join(name, organization, role, email, consent, language):
            switch actor {
            case .guest: break
            case .participant(let id):
                throw CommandError(.conflict, "You have already joined as \(participants[id]?.name ?? "a participant").")
            default: throw CommandError(.forbidden, "Only a phone can join as a participant.")
            }
            guard settings.joiningOpen else {
                throw CommandError(.notAllowed, "Joining is closed for this meeting. Please ask the facilitator.")
            }
            guard participants.count < min(settings.participantLimit, Limits.participantsPerMeeting) else {
                throw CommandError(.limitReached, "This meeting is full (\(min(settings.participantLimit, Limits.participantsPerMeeting)) participants). Please ask the facilitator.")
            }
            let id = "p\(nextNumber)"
            let p = Participant(id: id, name: name, organization: organization, role: role, email: email,
                                consent: consent && email != nil, resumeToken: TokenDigest.of(newSecret), joinedAt: 0,
                                language: language)
            d.events = [.participantJoined(p)]
            d.reply = [("participant", .string(id)), ("token", .string(newSecret))]

        case let .post(id, kind, text, scribed):
            return try decidePost(id: id, kind: kind, text: text, scribed: scribed, by: actor)

        case let .edit(noteId, text):
            let note = try ownNote(noteId, actor)
            try roundStillOpen(for: note)
            // Its new words would reach no screen but the console's: phones and the wall get no
            // text of a hidden note, its author's phone included.
            guard !note.hidden else {
                throw CommandError(.notAllowed, "The facilitator has hidden this note from the wall, so it can no longer be edited. You can still withdraw it.")
            }
            guard note.editCount < Limits.editsPerNote else {
                throw CommandError(.limitReached, "This note has been edited \(Limits.editsPerNote) times, the most a note can be. Withdraw it and post a new one.")
            }
            if note.text != text { d.events = [.noteEdited(note: noteId, text: text)] }
        case let .withdraw(noteId):
            let note = try ownNote(noteId, actor, allowWithdrawn: true)
            // Withdrawing stays open after the round: an author may take their own words out
            // of the wall and the summary (something private typed by mistake).
            if !note.withdrawn { d.events = [.noteWithdrawn(note: noteId)] }

        case let .champion(themeId), let .unchampion(themeId):
            guard case .participant(let pid) = actor else { throw notJoined(actor) }
            guard phase == .commitments || phase == .wrapUp else {
                throw CommandError(.phaseClosed, "Champion sign-up opens in the commitments phase.")
            }
            guard let theme = themes[themeId], theme.kind == .requirement else {
                throw CommandError(.notFound, "That strategy area no longer exists.")
            }
            let signed = champions.contains(ChampionSignup(participant: pid, theme: themeId))
            if case .champion = command, !signed { d.events = [.championSigned(participant: pid, theme: themeId)] }
            if case .unchampion = command, signed { d.events = [.championWithdrawn(participant: pid, theme: themeId)] }

        case .nominate, .editNomination, .withdrawNomination:
            return try decideNomination(command, by: actor)

        case let .setPhase(p):
            d.events = [.phaseChanged(p)]
            // The grouping's own proposals are for the wall the room is posting to: once that
            // phase is over, a standing one is withdrawn (not dismissed), so that nothing offers
            // to reshape the strategy areas while people sign up for them. One the facilitator
            // asked for stands; they can ask again at any time.
            // (A requested one whose moves no longer hold counts as the grouping's own.)
            for kind in NoteKind.allCases where kind != p.noteKind && proposals[kind] != nil && !requestStands(kind) {
                d.events.append(.proposalResolved(kind: kind, applied: false, supersededByRegroup: true))
            }
        case let .hideNote(noteId, hidden):
            guard let note = notes[noteId], !note.withdrawn else { throw noteGone() }
            if note.hidden != hidden { d.events = [.noteHidden(note: noteId, hidden: hidden)] }
            // A note hidden from the room leaves the standing proposal too, and a new theme
            // the proposal titled for its words is titled again ("Truck pilots & planning dept"
            // stayed on a walk-through's console after the rude note about the planning
            // department was hidden).
            if hidden, !note.hidden, proposals[note.kind]?.moves.contains(where: { $0.note == noteId }) == true {
                d.events.append(.proposalMovesDismissed(kind: note.kind, notes: [noteId],
                                                        titles: proposalTitles(of: note.kind, leavingOut: [noteId], regrouper: regrouper),
                                                        holding: false))
            }
        case let .createTheme(kind, label):
            guard orderedThemes(kind: kind).count < Limits.themesPerKind else {
                throw CommandError(.limitReached, "There can be at most \(Limits.themesPerKind) \(kind.themeWord)s.")
            }
            let id = "t\(nextNumber)"
            d.events = [.themeCreated(id: id, kind: kind, label: label, byHand: true)]
            d.reply = [("theme", .string(id))]
        case let .renameTheme(themeId, label):
            _ = try theme(themeId)
            d.events = [.themeRenamed(theme: themeId, label: label, byHand: true)]
        case let .moveNote(noteId, themeId):
            guard let note = notes[noteId], !note.withdrawn else { throw noteGone() }
            if let themeId {
                let t = try theme(themeId)
                guard t.kind == note.kind else {
                    throw CommandError(.invalid, "An \(note.kind.rawValue) cannot go into a \(t.kind.themeWord).")
                }
            }
            d.events = [.noteMoved(note: noteId, theme: themeId, byHand: true)]
        case let .mergeThemes(from, into):
            let a = try theme(from), b = try theme(into)
            guard from != into else { throw CommandError(.invalid, "A theme cannot be merged into itself.") }
            guard a.kind == b.kind else { throw CommandError(.invalid, "Opportunity themes and strategy areas cannot be merged.") }
            d.events = [.themesMerged(from: from, into: into)]
        case let .splitTheme(themeId, noteIds, label):
            let t = try theme(themeId)
            guard orderedThemes(kind: t.kind).count < Limits.themesPerKind else {
                throw CommandError(.limitReached, "There can be at most \(Limits.themesPerKind) \(t.kind.themeWord)s: merge two before splitting one.")
            }
            for n in noteIds where notes[n]?.theme != themeId || notes[n]?.withdrawn == true {
                throw CommandError(.invalid, "Only notes of this theme can be split off.")
            }
            let id = "t\(nextNumber)"
            d.events = [.themeSplit(theme: themeId, newTheme: id, label: label, notes: Array(Set(noteIds)).sorted())]
            d.reply = [("theme", .string(id))]
        case let .lockTheme(themeId, locked):
            if try theme(themeId).locked != locked { d.events = [.themeLocked(theme: themeId, locked: locked)] }
        case .addAttendee, .signUp, .mergeParticipants, .removeParticipant, .renameParticipant:
            return try decideAttendees(command, newSecret: newSecret)
        case let .deleteTheme(themeId):
            let t = try theme(themeId)
            // Notes are never deleted with a theme: the facilitator moves or merges them first.
            // Hidden ones go to Unsorted, still hidden (a walk-through's column held only the
            // "same as above re wages" it had hidden, and could not be deleted).
            let hidden = noteOrder.filter { notes[$0].map { $0.theme == themeId && !$0.withdrawn && $0.hidden } ?? false }
            let holding = noteOrder.filter { notes[$0].map { $0.theme == themeId && !$0.withdrawn } ?? false }.count - hidden.count
            guard holding == 0 else {
                throw CommandError(.invalid, "This \(t.kind.themeWord) still holds \(holding) \(holding == 1 ? "note" : "notes"): move them or merge the \(t.kind.themeWord) instead.")
            }
            guard !champions.contains(where: { $0.theme == themeId }) else {
                throw CommandError(.invalid, "People have signed up as champions of this strategy area; merge it into another instead.")
            }
            d.events = hidden.map { .noteMoved(note: $0, theme: nil, byHand: false) } + [.themeDeleted(theme: themeId)]
            d.reply = [("unsorted", .int(Int64(hidden.count)))]
        case let .spotlight(themeId):
            if let themeId { _ = try theme(themeId) }
            if spotlight != themeId { d.events = [.spotlightSet(theme: themeId)] }
        case let .showJoin(shown):
            if joinOnWall != shown { d.events = [.joinShown(shown: shown)] }
        case let .setNextSteps(steps):
            d.events = [.nextStepsSet(steps)]
        case let .regroup(kind, preview):
            return try decideRegroup(kind, preview: preview, regrouper: regrouper)
        case let .splitByMeaning(themeId):
            return try decideSplitByMeaning(themeId, regrouper: regrouper)
        case let .undoRegroup(kind, preview):
            return try decideUndoRegroup(kind, preview: preview)
        case let .undoMerge(kind):
            return try decideUndoMerge(kind)
        case let .applyProposal(kind, offered):
            try checkProposalShown(kind, offered: offered, pressed: "Apply")
            return try decideApplyProposal(kind)
        case let .dismissProposal(kind, offered, notes?):
            // "Leave out": only these notes' moves; nothing if none of them is in it.
            try checkProposalShown(kind, offered: offered, pressed: "Leave out")
            var inIt = Set(proposals[kind]?.moves.map(\.note) ?? [])
            let out = notes.filter { inIt.remove($0) != nil }   // once each
            if !out.isEmpty {
                d.events = [.proposalMovesDismissed(kind: kind, notes: out, titles: proposalTitles(of: kind, leavingOut: Set(out), regrouper: regrouper))]
            }
            d.reply = [("left", .int(Int64(out.count)))]
        case let .dismissProposal(kind, offered, nil):
            try checkProposalShown(kind, offered: offered, pressed: "Dismiss")
            if proposals[kind] != nil { d.events = [.proposalResolved(kind: kind, applied: false)] }
        case let .setOpening(text):
            if summaryOpening != text { d.events = [.openingSet(text: text)] }
        case let .setSynthesis(themeId, text):
            if try theme(themeId).synthesis != text { d.events = [.synthesisSet(theme: themeId, text: text)] }
        case let .correctNote(noteId, text):
            guard let note = notes[noteId], !note.withdrawn else { throw noteGone() }
            // The author's own words again need no correction.
            let corrected = text == note.text ? nil : text
            if note.correctedText != corrected { d.events = [.noteCorrected(note: noteId, text: corrected)] }
        case let .sendSummary(requested, appendix):
            return try decideSendSummary(to: requested, appendix: appendix)
        case let .updateMeeting(u):
            var info = self.info, s = settings
            if let v = u.title { info.title = v }
            if let v = u.industry { info.industry = v }
            if let v = u.region { info.region = v }
            if let v = u.date { info.date = v }
            if let v = u.place { info.place = v }
            if let v = u.chairs { info.chairs = v }
            if let v = u.everyoneMayPost { s.everyoneMayPost = v }
            if let v = u.targetThemes { s.targetThemes = v }
            if let v = u.joiningOpen { s.joiningOpen = v }
            if let v = u.participantLimit { s.participantLimit = v }
            if let v = u.timeboxes { s.timeboxes.merge(v) { _, new in new } }
            d.events = [.meetingUpdated(info, s)]
        }
        return d
    }

    func authorOf(_ actor: Actor) throws(CommandError) -> String? {
        switch actor {
        case .participant(let id): return id
        case .facilitator: return nil
        default: throw notJoined(actor)
        }
    }

    func notJoined(_ actor: Actor) -> CommandError {
        CommandError(.notJoined, "Please join the meeting with your name and organization first.")
    }

    func noteGone() -> CommandError { CommandError(.notFound, "That note no longer exists.") }

    func ownNote(_ id: String, _ actor: Actor, allowWithdrawn: Bool = false) throws(CommandError) -> Note {
        guard case .participant(let pid) = actor else { throw notJoined(actor) }
        guard let note = notes[id], allowWithdrawn || !note.withdrawn else { throw noteGone() }
        guard note.author == pid else { throw CommandError(.forbidden, "You can only change your own notes.") }
        return note
    }

    /// An author rewrites a note only while its round is open: once the room has moved on, the
    /// wall is what was discussed — a requirement rewritten during the sign-up ("we also need
    /// a new forklift") would change an area people are putting their names on. The
    /// facilitator can still correct a note for the summary, hide it or move it.
    func roundStillOpen(for note: Note) throws(CommandError) {
        guard phase.noteKind == note.kind else {
            throw CommandError(.phaseClosed, "The \(note.kind.plural) round is over, so this note stays as the room saw it. Ask the facilitator if it needs correcting.")
        }
    }

    func theme(_ id: String) throws(CommandError) -> Theme {
        guard let t = themes[id] else { throw CommandError(.notFound, "That theme no longer exists.") }
        return t
    }
}
