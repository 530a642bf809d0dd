/// After the facilitator corrects the wall: what follows silently, and what is proposed.
extension MeetingGrouping {
    /// After a correction by the facilitator: unsorted notes follow what the engine has
    /// learnt (silently), and seen notes that now clearly belong elsewhere are proposed.
    /// How much closer to a theme than to the wall as a whole an unsorted note must be to
    /// follow the facilitator's correction into it.
    static let followMargin: Float = 0.05
    /// A theme of fewer notes than this is followed only by a note whose closest notes on the
    /// wall are the theme's own: a theme of one or two notes is their own centre, and notes
    /// nothing else fits look like it by chance (a walk-through's two-note split pulled in two
    /// unrelated unsorted notes).
    static let fewNotes = 3

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
                let members = wall.notes.indices.filter { wall.notes[$0].theme == target }
                // (A theme of none has only its name, which is what it attracts by: issue 11, item 3.)
                if (1..<Self.fewNotes).contains(members.count) {
                    let closest = Self.closestNotes(to: i, count: members.count, on: wall, space: space)
                    guard closest.contains(where: members.contains) else { continue }
                }
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

    /// The `count` notes most like note `index` on the wall (small talk left out), closest first.
    static func closestNotes(to index: Int, count: Int, on wall: Wall, space: WallSpace) -> [Int] {
        let others = wall.notes.indices.filter { $0 != index && !wall.notes[$0].words.isChatter }
        let ranked = others.map { ($0, space.similarity(index, $0)) }.sorted { ($0.1, $1.0) > ($1.1, $0.0) }
        return ranked.prefix(count).map(\.0)
    }
}
