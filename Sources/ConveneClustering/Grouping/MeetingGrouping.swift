/// Live grouping of a meeting wall, as a room can follow it.
///
/// - **Arrival**: a note joins the theme it is clearly closest to (in the wall's own
///   space, `WallSpace`), or waits in Unsorted. The first notes wait: themes appear only
///   when the wall has enough notes to tell them apart (`firstGrouping`), never one column
///   per note.
/// - **Checkpoints** (every note up to `checkpointEveryNoteUpTo` notes, then at wall sizes
///   growing by `checkpointGrowth`, and when Unsorted piles up): the whole wall is grouped from scratch (`SpectralGrouping`, the meeting's target
///   number of themes as a prior) and the groups are matched to the themes on the wall.
///   Unsorted notes, and the note just arriving (nobody has seen it yet), go to their
///   group's theme silently; a group with no theme opens one silently with those notes when
///   they are enough for a theme. Everything else the regrouping would change (notes
///   people have seen in a theme) becomes a **proposal**: nothing moves until the
///   facilitator applies it.
/// - **Learning from the facilitator**: a note placed by hand is pinned and weighs double
///   in its theme's centre; a note moved out of a theme is a counter-example that pulls
///   that theme's centre away; a label the facilitator wrote is part of its theme's centre;
///   when the wall is regrouped, notes pinned together stay together and notes pinned
///   apart stay apart.
/// - **A steady proposal**: an automatic regrouping proposes moving a seen note only when the
///   regrouping before it wanted the same move (`confirming`); a move the next note takes
///   back never reaches the console. When the room pauses, the wall settles (`settle`): one
///   more regrouping offers everything, as does the facilitator's own "regroup".
/// - **A dismissed proposal stays dismissed**: a note the facilitator kept where it was
///   by dismissing a proposal is not proposed to move again while it stays there.
/// - **No empty automatic column**: a theme the engine made that has lost its last note
///   leaves the wall — unless the room has made it its own (champions or people to invite
///   on it, its summary sentence: `WallTheme.keptWhenEmpty`).
///
/// Pure and deterministic: the same wall and notes in the same order give the same steps.
public struct MeetingGrouping: Sendable {
    public var grouping = SpectralGrouping()
    /// The meeting's target number of themes (the workbook's "4–5 clusters").
    public var targetThemes = 5
    /// Titles stay while notes arrive unless wrong or outgrown (`retitleAsNotesArrive`);
    /// false: every touched theme is titled afresh at each note (for comparison).
    public var steadyTitles = true
    /// How much closer to its notes (cosine) a new title must be to replace, at the room's
    /// pause, a title that still fits (`retitleAsNotesArrive`).
    public var pauseMargin: Float = 0.02
    /// The same margin when a theme reaches its next size (`titleSteps`), not only at the pause.
    public var marginAtSteps = true
    /// Notes on the wall before the first themes appear.
    public var firstGrouping = 6
    /// Up to this many notes (a launch meeting's phase: the workbook's walls hold 20–50),
    /// every arriving note is a checkpoint: the standing proposal always reflects the whole
    /// wall. On the 14 meeting walls this raised live ARI from 0.326 to 0.356 (batch: 0.355)
    /// and cut the facilitator's static actions from 0.365 to 0.328 a note, for 9 proposal
    /// updates a wall instead of 3 (docs/BENCHMARKS.md). Past it, regroupings cost more
    /// (the spectral step grows with the cube of the wall) and come at `checkpointGrowth`.
    public var checkpointEveryNoteUpTo = 60
    public var checkpointGrowth = 1.25
    /// Least similarity (in the wall's space) for a note to join a theme on arrival.
    public var placeThreshold: Float = 0.12
    /// A theme holding more than this share of the sorted notes takes a new note only when
    /// the note is as close to it as its own notes are: no catch-all column.
    public var catchAllShare = 0.45
    /// Fewest moves that make a proposal worth the facilitator's attention.
    public var minimumProposalMoves = 2
    /// Weight of a note placed by hand, and of the facilitator's label, in a theme's centre.
    public var handWeight: Float = 2
    /// How much closer than the theme's centre a note must be to an example placed by hand.
    public var exemplarMargin: Float = 0.15
    /// Least similarity of two themes for a merge suggestion: cosine 0.3 on the embedding
    /// share (1 − `WallSpace.lexicalWeight`) of the wall's similarity.
    public var mergeThreshold: Float = 0.3 * (1 - WallSpace.lexicalWeight)
    /// A group the regrouping finds that has no theme yet opens one at once with its
    /// unsorted and unseen notes when they are enough for a theme, even if notes people have
    /// seen elsewhere belong to it too (those are proposed to join it). Without this, a wall
    /// whose first themes were coarse kept them until the facilitator applied a proposal:
    /// on the 14 meeting walls, with no proposal applied, live ARI 0.305 → 0.320 and
    /// Unsorted 10 % → 5 % of the notes; with every proposal applied 0.356 → 0.351.
    public var openFromFresh = true
    /// Past this many notes, the wall is regrouped only when the facilitator asks.
    public var maxAutomaticRegroup = 600
    /// The notes' model, to rank title candidates by meaning (optional).
    public var phrases: PhraseEmbedding?
    /// What WordNet says of English words (optional): titles never end on a word only ever an
    /// adjective that the notes use in front of a noun ("Power plant & residential"), and
    /// names keep their capital ("Asia").
    public var lexicon: TitleLexicon?

    public init(targetThemes: Int = 5) { self.targetThemes = targetThemes }

    /// What one step decided: changes made now (only to notes nobody has seen in a theme),
    /// and perhaps a proposal for the facilitator.
    public struct Step: Sendable, Equatable {
        public var changes: [WallChange] = []
        public var proposal: GroupingProposal?
        /// When an automatic regrouping ran: every move of a seen note it wanted, confirmed or
        /// not (`WantedMoves`), for the next regrouping to confirm. nil: no regrouping ran.
        public var wanted: WantedMoves?
        public init(changes: [WallChange] = [], proposal: GroupingProposal? = nil, wanted: WantedMoves? = nil) {
            self.changes = changes; self.proposal = proposal; self.wanted = wanted
        }
    }

    /// True when a wall that has just reached `count` notes should be regrouped.
    public func isCheckpoint(_ count: Int) -> Bool {
        guard count >= firstGrouping, count <= maxAutomaticRegroup else { return false }
        return count <= checkpointEveryNoteUpTo || isStep(count, from: max(firstGrouping, checkpointEveryNoteUpTo))
    }

    /// True when `count` is one of first, first × growth, … (rounded, at least one apart).
    func isStep(_ count: Int, from first: Int) -> Bool {
        guard count >= first else { return false }
        var c = first
        while c < count { c = max(c + 1, Int((Double(c) * checkpointGrowth).rounded())) }
        return c == count
    }

    /// An unsorted note of small talk the facilitator has not placed: the engine leaves it be.
    static func isWaitingChatter(_ note: WallNote) -> Bool { note.theme == nil && !note.pinned && note.words.isChatter }

    /// Themes the engine made that hold no note: they leave the wall (a theme the
    /// facilitator made, named or locked, or the room made its own, stays until the
    /// facilitator removes it).
    public func emptyAutomaticThemes(_ wall: Wall) -> [String] {
        let used = Set(wall.notes.compactMap(\.theme))
        return wall.themes.filter { !$0.labelByHand && !$0.locked && !$0.keptWhenEmpty && !used.contains($0.id) }.map(\.id)
    }

    /// Changes removing the automatic themes left empty.
    public func removingEmptyThemes(_ wall: Wall) -> [WallChange] {
        emptyAutomaticThemes(wall).map { .removeTheme(id: $0) }
    }
}
