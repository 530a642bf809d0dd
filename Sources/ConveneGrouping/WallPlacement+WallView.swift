import ConveneClustering
import ConveneCore

extension WallPlacement {
    /// The engine's view of one kind of wall: visible notes that have a vector, and the
    /// themes of that kind (with the facilitator's label vectors, where they have one).
    /// `holdingLeftOut`: unsorted notes the facilitator left out of a proposal stay where they
    /// are (pinned) — in every pass but the facilitator's own regroup, which looks at every
    /// note not placed by hand afresh.
    public static func wall(of state: MeetingState, kind: NoteKind, vectors: [String: [Float]],
                            words: (Note) -> NoteWords, labelVector: (Theme) -> [Float]?, holdingLeftOut: Bool = true) -> Wall {
        var wall = Wall()
        for note in state.visibleNotes(kind: kind) where !note.hidden {
            guard let v = vectors[note.id] else { continue }
            let kept = note.theme != nil && state.keptByDismissal[note.id] == note.theme
            let held = holdingLeftOut && state.heldUnsorted.contains(note.id)
            wall.notes.append(WallNote(id: note.id, vector: v, text: note.text, theme: note.theme, pinned: note.placedByHand || held,
                                       rejectedThemes: note.movedOutOf, keptByFacilitator: kept, words: words(note)))
        }
        // A theme whose notes are all hidden (moderated) looks empty to the engine but is not:
        // it stays, so a note shown again is back in its theme, not in Unsorted. So does one
        // whose notes have no vector yet (after a restart, while the model reads them again):
        // the first correction then would have removed it and sent its notes to Unsorted.
        let holdingHidden = Set(state.visibleNotes(kind: kind).filter { $0.hidden || vectors[$0.id] == nil }.compactMap(\.theme))
        wall.themes = state.orderedThemes(kind: kind).map { t in
            WallTheme(id: t.id, label: t.label, locked: t.locked, labelByHand: t.labelByHand, seed: t.labelByHand ? labelVector(t) : nil,
                      keptWhenEmpty: state.keepsWhenEmpty(t.id) || holdingHidden.contains(t.id))
        }
        return wall
    }
}
