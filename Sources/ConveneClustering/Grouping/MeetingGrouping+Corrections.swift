/// After the facilitator corrects the wall: what follows silently, and what is proposed.
extension MeetingGrouping {
    /// After a correction by the facilitator: unsorted notes follow what the engine has
    /// learnt (silently), and seen notes that now clearly belong elsewhere are proposed.
    /// How much closer to a theme than to the wall as a whole an unsorted note must be to
    /// follow the facilitator's correction into it.
    static let followMargin: Float = 0.05

    public func afterCorrection(_ wall: Wall) -> Step {
        let space = WallSpace(wall.notes)
        let centres = centroids(of: wall, space: space)
        let locked = Set(wall.themes.filter(\.locked).map(\.id))
        let counter = counterExamples(on: wall)
        // The wall as a whole: an unsorted note follows a theme only if it is clearly more
        // like that theme than like the wall in general (on a young wall every note looks
        // alike, and one theme would swallow them all).
        var step = Step()
        var proposal = GroupingProposal()
        for (i, note) in wall.notes.enumerated()
        where !note.pinned && !note.keptByFacilitator && !(note.theme.map(locked.contains) ?? false) && !Self.isWaitingChatter(note) {
            var best: (String, Float)?
            for t in wall.themes where !locked.contains(t.id) || note.theme == nil {
                guard let c = centres[t.id] else { continue }
                let s = space.similarity(i, to: c)
                if s > (best?.1 ?? -.infinity) { best = (t.id, s) }
            }
            guard let (target, similarity) = best, target != note.theme, similarity >= placeThreshold,
                  !resemblesWhatWasTakenOut(i, of: target, more: similarity, counterExamples: counter, space: space) else { continue }
            if note.theme == nil {
                // The rest of the wall, without this note.
                let rest = space.centroid(members: wall.notes.indices.filter { $0 != i }.map { ($0, 1) })
                let toWall = rest.map { space.similarity(i, to: $0) } ?? 0
                guard similarity >= toWall + Self.followMargin else { continue }
                step.changes.append(.move(note: note.id, theme: target))
            } else if let current = centres[note.theme!], similarity - space.similarity(i, to: current) > 0.05 {
                proposal.moves.append(.init(note: note.id, from: note.theme, to: target))
            }
        }
        if !proposal.moves.isEmpty {
            var after = wall
            after.apply(step.changes)
            for m in proposal.moves { after.apply(.move(note: m.note, theme: m.to)) }
            proposal.removedThemes = emptyAutomaticThemes(after)
            step.proposal = proposal
        }
        return step
    }
}
