extension MeetingState {
    /// The facilitator applies the engine's regrouping proposal: one undoable step.
    func decideApplyProposal(_ kind: NoteKind) throws(CommandError) -> Decision {
        var d = Decision()
        guard let proposal = proposals[kind] else {
            throw CommandError(.notFound, "There is no regrouping proposal to apply: it was replaced, dismissed, or withdrawn as the wall changed.")
        }
        d.events = [.proposalResolved(kind: kind, applied: true)]
        // New themes get their ids now; a move still holds only if `stillHolds` and its
        // target has not been locked since.
        var ids: [String: String] = [:]
        var number = nextNumber
        for t in proposal.newThemes where orderedThemes(kind: kind).count + ids.count < Limits.themesPerKind {
            ids[t.id] = "t\(number)"; number += 1
            d.events.append(.themeCreated(id: ids[t.id]!, kind: kind, label: t.label, byHand: false))
        }
        var moves: [RegroupMove] = []
        for m in proposal.moves {
            guard stillHolds(m), notes[m.note]?.kind == kind else { continue }
            let target = m.to.flatMap { ids[$0] ?? (themes[$0]?.kind == kind ? $0 : nil) }
            guard target != nil || m.to == nil, !(target.flatMap { themes[$0]?.locked } ?? false) else { continue }
            moves.append(RegroupMove(note: m.note, from: m.from, to: target))
        }
        d.events.append(.regroupRecorded(kind: kind, moves: moves))
        d.events += moves.map { .noteMoved(note: $0.note, theme: $0.to, byHand: false) }
        // Automatic themes the moves leave empty leave the wall.
        var holding: [String: Int] = [:]
        for n in visibleNotes(kind: kind) { if let t = n.theme { holding[t, default: 0] += 1 } }
        for m in moves { if let f = m.from { holding[f, default: 0] -= 1 } }
        let emptied = proposal.removedThemes.filter { id in
            themes[id].map { !$0.labelByHand && !$0.locked } ?? false && holding[id, default: 0] <= 0
        }
        if !emptied.isEmpty { d.events.append(.grouped(kind: kind, changes: emptied.map { .removeTheme(id: $0) })) }
        d.reply = [("moved", .int(Int64(moves.count)))]
        return d
    }

    /// True when a proposed move can still be carried out: its note is where the proposal saw
    /// it, not withdrawn, not placed by hand since, and its theme has not been locked since.
    public func stillHolds(_ move: RegroupMove) -> Bool {
        guard let note = notes[move.note], !note.withdrawn, !note.placedByHand, note.theme == move.from else { return false }
        return !(move.from.flatMap { themes[$0]?.locked } ?? false)
    }
}
