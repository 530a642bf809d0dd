/// Who the room names to invite (workbook D.1: "reconnect with them"): named from a phone in
/// the commitments phase or by the console at any time, corrected by the console, withdrawn
/// by whoever named them or the console.
extension MeetingState {
    func decideNomination(_ command: Command, by actor: Actor) throws(CommandError) -> Decision {
        var d = Decision()
        switch command {
        case let .nominate(id, name, organization, contact, themeId):
            let by: String
            switch actor {
            case .participant(let pid):
                by = pid
                guard phase == .commitments || phase == .wrapUp else {
                    throw CommandError(.phaseClosed, "Naming people to invite opens in the commitments phase.")
                }
            case .facilitator: by = "facilitator"
            default: throw notJoined(actor)
            }
            if let existing = nominations[id] {
                guard existing.nominatedBy == by else { throw CommandError(.conflict, "This nomination id is already used.") }
                d.alreadyDoneAt = existing.seq
                return d
            }
            try checkArea(themeId)
            guard nominations.values.filter({ $0.nominatedBy == by }).count < Limits.nominationsPerParticipant else {
                throw CommandError(.limitReached, "You have named the most people one person can (\(Limits.nominationsPerParticipant)).")
            }
            d.events = [.nominated(Nomination(id: id, name: name, organization: organization, contact: contact,
                                              theme: themeId, nominatedBy: by, seq: 0))]
        case let .editNomination(id, name, organization, contact, themeId):
            guard let existing = nominations[id] else { throw CommandError(.notFound, "That person is no longer among those named to invite.") }
            try checkArea(themeId)
            // The same record again (`nominated` replaces it in place, keeping its order and
            // who named them); as stored, an event's nomination carries no sequence number.
            var edited = existing
            (edited.name, edited.organization, edited.contact, edited.theme) = (name, organization, contact, themeId)
            if edited != existing {
                edited.seq = 0
                d.events = [.nominated(edited)]
            }
        case let .withdrawNomination(id):
            guard let n = nominations[id] else { return d }   // already gone: nothing to do
            if case .participant(let pid) = actor, n.nominatedBy != pid {
                throw CommandError(.forbidden, "You can only withdraw people you named.")
            }
            if actor == .guest { throw notJoined(actor) }
            d.events = [.nominationWithdrawn(id: id)]
        default:
            break
        }
        return d
    }

    /// Someone is named for a strategy area that exists, or for the partnership as a whole (nil).
    private func checkArea(_ themeId: String?) throws(CommandError) {
        guard let themeId else { return }
        guard let t = themes[themeId], t.kind == .requirement else { throw CommandError(.notFound, "That strategy area no longer exists.") }
    }
}
