/// A note arrives: it joins the theme it is clearly closest to or waits in Unsorted, and the
/// wall is regrouped at checkpoints; when the room pauses, the wall settles.
extension MeetingGrouping {
    /// A note just added to `wall` (present in it, unsorted). `regroupAtCheckpoint` false:
    /// only place it (a batch of notes regroups once, after its last note: `WallPlacement`).
    /// `confirming`: the moves the previous automatic regrouping wanted (its step's `wanted`).
    public func noteArrived(_ noteId: String, on wall: Wall, regroupAtCheckpoint: Bool = true, confirming: WantedMoves = WantedMoves(),
                            newThemeId: () -> String) -> Step {
        guard let index = wall.notes.firstIndex(where: { $0.id == noteId }), wall.notes[index].theme == nil,
              !wall.notes[index].pinned else { return Step() }
        // "Thanks for organizing this" waits in Unsorted for the facilitator, who parks it.
        guard !wall.notes[index].words.isChatter else { return Step() }
        let space = WallSpace(wall.notes)
        var step = Step()
        if let theme = bestTheme(for: index, on: wall, space: space) {
            step.changes.append(.move(note: noteId, theme: theme))
        }
        var placed = wall
        placed.apply(step.changes)
        if regroupAtCheckpoint && wantsRegroup(placed) {
            // Nobody has seen the new note yet: the regrouping may still put it elsewhere.
            let regrouped = regroup(placed, unseen: [noteId], confirming: confirming, newThemeId: newThemeId)
            step.changes += regrouped.changes
            step.proposal = regrouped.proposal
            step.wanted = regrouped.wanted
        }
        return step
    }

    /// When the room pauses (no note for a while): the wall regrouped once more with nothing
    /// held back — the steady proposal holds a move back only while notes keep arriving, and
    /// once they stop the facilitator sees the whole regrouping. (On a wall nothing has changed
    /// since the last regrouping this is what two regroupings in a row want: grouping is
    /// deterministic.) Nothing when the wall is too small or too large to regroup.
    /// Its `wanted` is everything it offers: what the next regrouping confirms.
    public func settle(_ wall: Wall, newThemeId: () -> String) -> Step {
        guard wall.notes.count >= firstGrouping, wall.notes.count <= maxAutomaticRegroup else { return Step() }
        var step = regroup(wall, newThemeId: newThemeId)
        step.wanted = WantedMoves(step.proposal?.moves ?? [], on: wall)
        return step
    }

    /// True when a wall whose newest note has just been placed (or left unsorted) should be
    /// regrouped: a checkpoint, or Unsorted piling up — but only as the pile grows by the
    /// same steps as the wall: notes that fit nowhere must not make every new note regroup
    /// the whole wall (that was a full regrouping per note on large walls).
    public func wantsRegroup(_ wall: Wall) -> Bool {
        let notes = wall.notes.count, unsorted = wall.notes.filter { $0.theme == nil }.count
        let backlog = notes >= firstGrouping && notes <= maxAutomaticRegroup && unsorted >= max(4, notes / 6)
            && isStep(unsorted, from: 4)
        return isCheckpoint(notes) || backlog
    }
}
