/// Regroups a wall for `decide` when the facilitator asks (`regroup`): the grouping lives
/// outside the core (it needs the notes' vectors), so the caller injects it. The server's
/// is the clustering engine over the vectors it holds; a caller without one (the command
/// line, the fuzzer) gets a clear refusal.
public protocol RegroupProposer {
    /// The events that regroup every note of `kind` now, and how many notes they move.
    func regroup(kind: NoteKind, in state: MeetingState) -> (events: [MeetingEvent], moved: Int)
    /// The same regrouping as a proposal to preview (nil: nothing would move).
    func proposal(kind: NoteKind, in state: MeetingState) -> ThemeProposal?
    /// One theme split in two by meaning, as a proposal to preview (nil: no split found that
    /// leaves a theme's worth of notes on each side).
    func splitProposal(theme: String, in state: MeetingState) -> ThemeProposal?
    /// Titles for `themes`, new themes of `proposal` (which stands as it would be applied),
    /// whose titles no longer fit the notes going to them; the others are not returned.
    func titles(of themes: Set<String>, in proposal: ThemeProposal, kind: NoteKind, state: MeetingState) -> [ThemeTitle]
}

extension RegroupProposer {
    /// A regrouper that titles nothing keeps the proposal's titles as they are.
    public func titles(of themes: Set<String>, in proposal: ThemeProposal, kind: NoteKind, state: MeetingState) -> [ThemeTitle] { [] }
}
