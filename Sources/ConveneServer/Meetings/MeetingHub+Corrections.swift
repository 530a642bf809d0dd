import ConveneClustering
import ConveneCore
import ConveneGrouping

/// What the wall learns from the facilitator's hand: after a correction (a move, merge or
/// split by hand, an applied split, a name given by hand), unsorted notes follow, titles it
/// made wrong are written again, and a standing proposal is looked at again once they pause.
extension MeetingHub {
    func labelEmbedded(meeting: String, theme: String, label: String, vector: [Float]) {
        guard let live = meetings[meeting] else { return }
        live.labelVectors[theme] = (label, vector)
        // A theme the facilitator named now attracts the notes its name speaks of: unsorted
        // notes follow at once, arriving notes and later regroupings go by it. Seen notes are
        // proposed at once only for a theme they just made (empty): renaming a column is a
        // finishing touch, and a walk-through read the proposal after renaming every one as undoing their correction.
        guard let t = live.speculative.themes[theme], t.labelByHand, t.label == label else { return }
        let empty = !live.speculative.notes.values.contains { $0.theme == theme && !$0.withdrawn }
        followCorrection(live, kind: t.kind, proposes: empty)
    }

    /// After the facilitator corrected a wall: still-unsorted notes follow what the engine
    /// learnt (one `grouped` event), and seen notes that now clearly belong elsewhere come as
    /// a proposal (two moves or more; it replaces a pending one). On the loop, like the
    /// explicit regroup: titles from the notes' words, no phrase embedding.
    /// `proposes: false` — the facilitator only confirmed a note where it is ("Keep in place",
    /// a note parked where it waits) or named a theme: no proposal is offered, and a standing
    /// one is neither replaced now nor regrouped once they pause (a walk-through's Keep rewrote
    /// a 12-move proposal 5 s later, and Apply then moved cards its reader had seen no arrow
    /// on); a Keep only takes that note's move out of it.
    func followCorrection(_ live: LiveMeeting, kind: NoteKind, proposes: Bool = true) {
        guard !live.recovering else { return }
        let state = live.speculative
        let engine = WallPlacement.engine(targetThemes: state.settings.targetThemes, phrases: nil, lexicon: TitleWords.lexicon)
        // Titles are judged on the whole wall only: after a restart, notes whose vectors are
        // still being computed are not on it yet.
        let complete = state.visibleNotes(kind: kind).allSatisfy { $0.hidden || live.vectors[$0.id] != nil }
        // Titles are not written here (from the notes' words alone, on the loop: a walk-through
        // saw "Water tech & subdivisions" become "Basin & water" while the facilitator was
        // correcting): those the correction made wrong are asked of the clustering thread
        // below, titled by meaning with the model, as after an applied proposal.
        let pass = WallPlacement.afterCorrection(wall: WallClustering.wall(of: state, kind: kind, live: live), engine: engine,
                                                 retitling: false)
        var events: [MeetingEvent] = []
        if !pass.changes.isEmpty { events.append(.grouped(kind: kind, changes: pass.changes)) }
        if proposes, let p = pass.proposal, p.moves.count >= 2, !state.requestStands(kind), state.groupingProposes(for: kind),
           state.proposals[kind]?.offersTheSame(as: p) != true {
            events.append(.proposalOffered(kind: kind, proposal: p))
        }
        if !events.isEmpty { commit(events, to: live) }
        if complete {
            let ofKind = Set(live.speculative.themeOrder.filter { live.speculative.themes[$0]?.kind == kind })
            retitle(live, kind: kind, themes: WallClustering.titlesToRewrite(ofKind, kind: kind, in: live.speculative), quiet: true)
        }
        // A standing automatic proposal was computed on the wall before this correction: it
        // could still offer a new theme for what the facilitator has just gathered in theirs.
        // Once they pause, the wall is regrouped as it now is (their themes, labels and pins
        // in it) and the proposal replaced, or withdrawn if nothing is left to offer (one a real
        // correction owes still comes). A proposal the facilitator asked for stands as it is.
        if proposes || live.settleOwed[kind] != nil, let standing = live.speculative.proposals[kind], standing.requested == nil {
            scheduleSettle(live, kind: kind, after: Self.correctionSettleWait)
        }
    }

    /// How long the facilitator must leave a wall alone after a correction before its
    /// standing proposal is computed again: corrections come a few seconds apart.
    static let correctionSettleWait = 5.0
}
