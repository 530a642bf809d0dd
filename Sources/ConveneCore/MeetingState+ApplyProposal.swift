extension MeetingState {
    /// The facilitator applies the engine's regrouping proposal: one undoable step.
    func decideApplyProposal(_ kind: NoteKind) throws(CommandError) -> Decision {
        var d = Decision()
        guard let proposal = proposals[kind] else {
            throw CommandError(.notFound, "There is no regrouping proposal to apply: it was replaced, dismissed, or withdrawn as the wall changed.")
        }
        d.events = [.proposalResolved(kind: kind, applied: true)]
        // The moves that still hold (`wouldApply`); the new themes get their ids now, and only
        // those some move still goes to are created: a proposal whose notes have all moved
        // since opens no empty column.
        var ids: [String: String] = [:]
        var number = nextNumber
        var moves: [RegroupMove] = []
        for m in proposal.moves where wouldApply(m, of: proposal, kind: kind) {
            if let to = m.to, ids[to] == nil, let fresh = proposal.newThemes.first(where: { $0.id == to }) {
                ids[to] = "t\(number)"; number += 1
                d.events.append(.themeCreated(id: ids[to]!, kind: kind, label: fresh.label, byHand: false))
            }
            moves.append(RegroupMove(note: m.note, from: m.from, to: m.to.map { ids[$0] ?? $0 }))
        }
        // A split the facilitator asked for is their own split once applied: its notes are
        // pinned in the new theme and teach the grouping (examples of it, counter-examples of
        // the theme they left), as if the facilitator had moved them by hand. (The notes left
        // behind are not pinned, unlike after a split by hand: the facilitator chose none of
        // them.) A regrouping stays the grouping's.
        var split = false
        if case .split? = proposal.requested { split = true }
        d.events += moves.map { .noteMoved(note: $0.note, theme: $0.to, byHand: split) }
        // Automatic themes the moves leave empty leave the wall (unless the room has made them
        // its own since the proposal was made: `keepsWhenEmpty`); the step keeps them as they
        // stood, so that undo puts them back.
        var holding: [String: Int] = [:]
        for n in visibleNotes(kind: kind) { if let t = n.theme { holding[t, default: 0] += 1 } }
        for m in moves { if let f = m.from { holding[f, default: 0] -= 1 } }
        // (Every theme a move leaves, not only those the proposal listed: one the room had made
        // its own when it was computed may no longer be, and undo must know it.)
        var emptied: [String] = []
        for id in moves.compactMap(\.from) where !emptied.contains(id) {
            if themes[id] != nil, !keepsWhenEmpty(id), holding[id, default: 0] <= 0 { emptied.append(id) }
        }
        // Nothing moved: no step to undo (an empty one would hide the last real one from Undo).
        if !moves.isEmpty {
            d.events.append(.regroupRecorded(kind: kind, moves: moves, byHand: split, removed: removedThemes(emptied),
                                             titles: titlesBefore(moves, removing: emptied)))
        }
        if !emptied.isEmpty { d.events.append(.grouped(kind: kind, changes: emptied.map { .removeTheme(id: $0) })) }
        d.reply = [("moved", .int(Int64(moves.count)))]
        return d
    }

    /// The automatic titles of the themes `moves` leave or go to, as they stand before the
    /// regrouping (`regroupRecorded`'s `titles`): a title the moves make wrong is written again
    /// afterwards, and undo gives back the one the room had seen. (Themes it empties keep
    /// theirs in `removed`; a title the facilitator wrote is never rewritten.)
    public func titlesBefore(_ moves: [RegroupMove], removing emptied: [String]) -> [ThemeTitle] {
        var seen = Set(emptied)
        return moves.flatMap { [$0.from, $0.to] }.compactMap { id in
            guard let id, let t = themes[id], !t.labelByHand, seen.insert(id).inserted else { return nil }
            return ThemeTitle(theme: id, label: t.label)
        }
    }

    /// Refuses "Apply" or "Dismiss" pressed on a proposal that has been replaced since the
    /// console showed it (`offered` names the one it showed): notes arrived, the grouping
    /// offered another, and the facilitator had not seen it. Nothing moves; the console shows
    /// the new one. (No `offered`: whichever stands — older consoles, scripts.)
    func checkProposalShown(_ kind: NoteKind, offered: Int64?, pressed: String) throws(CommandError) {
        guard let offered, let standing = proposals[kind], standing.offered != offered else { return }
        throw CommandError(.conflict, "The proposal changed just as you pressed \(pressed) (the wall has moved on): nothing was done. Look at the new one, then decide.")
    }

    /// A note the last regrouping did not move joins `theme` (a new note placed, a move by
    /// hand): the theme now holds what its title before the regrouping never described, and
    /// its title since may have been written for it — undo no longer gives that one back.
    mutating func forgetTitleBeforeRegroup(ifJoining theme: String?, note: String) {
        guard let theme, notes[note]?.theme != theme, let kind = notes[note]?.kind,
              let titles = lastRegroupTitles[kind], titles.contains(where: { $0.theme == theme }),
              !(lastRegroup[kind] ?? []).contains(where: { $0.note == note }) else { return }
        let left = titles.filter { $0.theme != theme }
        lastRegroupTitles[kind] = left.isEmpty ? nil : left
    }

    /// Themes as they stand, for a regrouping that is about to empty them (`RemovedTheme`).
    public func removedThemes(_ ids: [String]) -> [RemovedTheme] {
        ids.compactMap { id in
            guard let t = themes[id], let position = themeOrder.firstIndex(of: id) else { return nil }
            return RemovedTheme(id: id, label: t.label, position: position, after: position > 0 ? themeOrder[position - 1] : nil)
        }
    }

    /// True when the proposal of `kind` is one the facilitator asked for and it still moves
    /// something: automatic passes then neither replace nor withdraw it — a preview must not
    /// change under the hand reading it. Once none of its moves holds (notes moved or placed
    /// by hand since, hidden, withdrawn, their theme merged away or locked), it no longer
    /// stands, and the next automatic pass may replace it; else a forgotten preview would hold
    /// back every automatic proposal of its kind. Part of the state, so it survives a restart.
    public func requestStands(_ kind: NoteKind) -> Bool {
        guard let proposal = proposals[kind], proposal.requested != nil else { return false }
        return proposal.moves.contains { wouldApply($0, of: proposal, kind: kind) }
    }

    /// True when "Apply" would still carry out `move` of `proposal`: the move still holds, its
    /// note is of the board's kind and not hidden since, and it goes to Unsorted, to one of
    /// the proposal's new themes, or to a theme of the kind that still exists and is not
    /// locked. `requestStands` and `decideApplyProposal` ask the same question (so does the
    /// console's preview, `proposalPreview`): a request whose moves all target a theme merged
    /// away would otherwise stand, hold back every automatic proposal, and show nothing.
    func wouldApply(_ move: RegroupMove, of proposal: ThemeProposal, kind: NoteKind) -> Bool {
        guard stillHolds(move), let note = notes[move.note], note.kind == kind, !note.hidden else { return false }
        guard let to = move.to else { return true }
        // A new theme can be opened only while the kind is below its limit of themes: only the
        // first ones of the proposal's list that fit count (so `decideApplyProposal` never
        // opens more than fit, whichever order its moves come in).
        if let index = proposal.newThemes.firstIndex(where: { $0.id == to }) {
            return index < Limits.themesPerKind - orderedThemes(kind: kind).count
        }
        guard let theme = themes[to] else { return false }
        return theme.kind == kind && !theme.locked
    }

    /// True when a proposed move can still be carried out: its note is where the proposal saw
    /// it, not withdrawn, not placed by hand since, and its theme has not been locked since.
    public func stillHolds(_ move: RegroupMove) -> Bool {
        guard let note = notes[move.note], !note.withdrawn, !note.placedByHand, note.theme == move.from else { return false }
        return !(move.from.flatMap { themes[$0]?.locked } ?? false)
    }

    /// The titles a Leave out gives the standing proposal's new themes (`retitleProposal`):
    /// those that still receive notes but lose some, asked of the grouping (the model's
    /// titles, on the server), which keeps any title that still fits what is left.
    func proposalTitles(of kind: NoteKind, leavingOut out: Set<String>, regrouper: (any RegroupProposer)?) -> [ThemeTitle] {
        guard let regrouper, let standing = proposals[kind] else { return [] }
        let losing = Set(standing.moves.filter { out.contains($0.note) }.compactMap(\.to))
        // Titled for the notes Apply would still move there (not those placed by hand, moved
        // on or hidden since): a title for notes that never arrive would be rewritten at once.
        let proposal = standing.dropping { out.contains($0.note) || !wouldApply($0, of: standing, kind: kind) }
        let themes = Set(proposal.newThemes.map(\.id)).intersection(losing)
        guard !themes.isEmpty else { return [] }
        return regrouper.titles(of: themes, in: proposal, kind: kind, state: self)
    }

    /// New titles for the standing proposal's new themes (provisional ids `p1`, …).
    mutating func retitleProposal(of kind: NoteKind, _ titles: [ThemeTitle]) {
        guard !titles.isEmpty, var proposal = proposals[kind] else { return }
        for title in titles {
            if let i = proposal.newThemes.firstIndex(where: { $0.id == title.theme }) { proposal.newThemes[i].label = title.label }
        }
        proposals[kind] = proposal
    }

    /// "Leave out": the notes' moves leave the standing proposal; each note stays where it
    /// is, not pinned (it was not confirmed there, as "Keep in place" would), and is not
    /// proposed to move again while it stays there, as after a dismissal; an unsorted one
    /// stays in Unsorted until a hand moves it (`heldUnsorted`: unlike after a dismissal of the
    /// whole proposal, the facilitator singled it out). A new theme no move goes to any more
    /// leaves the proposal, and a proposal with no move left is gone.
    /// `holding` false (the notes were hidden): the moves leave, nothing is held.
    mutating func dismissMoves(of kind: NoteKind, notes out: Set<String>, holding: Bool = true) {
        guard let standing = proposals[kind] else { return }
        for move in standing.moves where holding && out.contains(move.note) {
            if let from = move.from, notes[move.note]?.theme == from { keptByDismissal[move.note] = from }
            if move.from == nil, let n = notes[move.note], n.theme == nil, !n.withdrawn { heldUnsorted.insert(move.note) }
        }
        let proposal = standing.dropping { out.contains($0.note) }
        proposals[kind] = proposal.moves.isEmpty ? nil : proposal
    }
}
