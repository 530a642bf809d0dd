/// The facilitator's commands on the list of attendees: someone added without a phone, signed
/// up on their behalf, two records of one person merged, a record removed or its name corrected.
extension MeetingState {
    func decideAttendees(_ command: Command, newSecret: String) throws(CommandError) -> Decision {
        var d = Decision()
        switch command {
        case let .addAttendee(name, organization, role, email, consent):
            guard participants.count < Limits.participantsPerMeeting else {
                throw CommandError(.limitReached, "This meeting is full (\(Limits.participantsPerMeeting) participants).")
            }
            let id = "p\(nextNumber)"
            // The record gets a token nobody holds: it is attached to no phone.
            let p = Participant(id: id, name: name, organization: organization, role: role, email: email,
                                consent: consent && email != nil, resumeToken: TokenDigest.of(newSecret), joinedAt: 0)
            d.events = [.participantJoined(p)]
            d.reply = [("participant", .string(id))]
        case let .signUp(pid, themeId, signed):
            guard participants[pid] != nil else { throw CommandError(.notFound, "That attendee is no longer on the list.") }
            guard let theme = themes[themeId], theme.kind == .requirement else {
                throw CommandError(.notFound, "That strategy area no longer exists.")
            }
            let already = champions.contains(ChampionSignup(participant: pid, theme: themeId))
            if signed && !already { d.events = [.championSigned(participant: pid, theme: themeId)] }
            if !signed && already { d.events = [.championWithdrawn(participant: pid, theme: themeId)] }
        case let .mergeParticipants(from, into):
            guard participants[from] != nil, participants[into] != nil else {
                throw CommandError(.notFound, "That attendee is no longer on the list.")
            }
            guard from != into else { throw CommandError(.invalid, "Choose two different records to merge.") }
            d.events = [.participantsMerged(from: from, into: into)]
        case let .removeParticipant(pid, keepNotes):
            guard participants[pid] != nil else { throw CommandError(.notFound, "That attendee is no longer on the list.") }
            d.events = [.participantRemoved(participant: pid, keepNotes: keepNotes)]
        case let .renameParticipant(pid, name, organization):
            guard let p = participants[pid] else { throw CommandError(.notFound, "That attendee is no longer on the list.") }
            // Unchanged: acknowledged, nothing stored (a second press of Save).
            if p.name != name || p.organization != organization {
                d.events = [.participantRenamed(participant: pid, name: name, organization: organization)]
            }
        default:
            break
        }
        return d
    }
}
