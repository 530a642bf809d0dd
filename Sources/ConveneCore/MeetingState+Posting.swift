import ConveneLanguage

extension MeetingState {
    /// A note posted from a phone (or by the facilitator, or scribed for someone): a retry of
    /// the same note is acknowledged as done; otherwise the phase, the poster's role and the
    /// limits decide.
    func decidePost(id: String, kind: NoteKind?, text: String, scribed: Scribed?, by actor: Actor) throws(CommandError) -> Decision {
        var d = Decision()
        let author = try authorOf(actor)
        if let existing = notes[id] {
            guard existing.author == author && (author != nil || existing.scribed != nil) else {
                throw CommandError(.conflict, "This note id is already used by another note.")
            }
            d.alreadyDoneAt = existing.seq
            d.reply = [("note", .string(id))]
            return d
        }
        let noteKind: NoteKind
        if actor == .facilitator, let kind {
            noteKind = kind
        } else {
            guard let open = phase.noteKind else {
                throw CommandError(.phaseClosed, "Posting is closed right now: the meeting is in the \(phase.rawValue) phase.")
            }
            if let kind, kind != open {
                throw CommandError(.phaseClosed, "We are collecting \(open.plural) now, not \(kind.plural).")
            }
            noteKind = open
        }
        if let author, let p = participants[author] {
            guard p.role == .employer || settings.everyoneMayPost else {
                throw CommandError(.notAllowed, "In this meeting only employers post notes; community partners listen and can support strategy areas.")
            }
            guard notes.values.filter({ $0.author == author }).count < Limits.notesPerParticipant else {
                throw CommandError(.limitReached, "You have posted the most notes one person can (\(Limits.notesPerParticipant)).")
            }
        }
        guard notes.count < Limits.notesPerMeeting else {
            throw CommandError(.limitReached, "This meeting has reached its limit of \(Limits.notesPerMeeting) notes.")
        }
        d.events = [.notePosted(id: id, kind: noteKind, text: text, author: author, scribed: scribed)]
        d.reply = [("note", .string(id))]
        return d
    }
}

extension MeetingState {
    /// The language of the phone `note` was typed on, when its author's phone was set to
    /// Spanish (nil: English, or typed for someone by the facilitator). A hint for reading the
    /// note (`Language.guess`), not its language: a phone in Spanish may type English.
    public func writerLanguage(of note: Note) -> Language? {
        guard let author = note.author, participants[author]?.language == "es" else { return nil }
        return .spanish
    }
}
