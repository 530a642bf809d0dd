import ConveneClustering
import ConveneCore

/// The grouping decisions of a meeting, as meeting events: pure, no I/O. The server builds
/// the engine's view of a wall (`wall(notes:themes:)`), runs a pass on its clustering
/// thread, and commits what comes back only if the wall has not changed meanwhile.
public enum WallPlacement {
    /// The engine for a meeting: its target number of themes, and the notes' model and
    /// WordNet's words (`TitleLexicon`) for titles.
    public static func engine(targetThemes: Int, phrases: PhraseEmbedding?, lexicon: TitleLexicon?) -> MeetingGrouping {
        var engine = MeetingGrouping(targetThemes: targetThemes)
        engine.phrases = phrases
        engine.lexicon = lexicon
        return engine
    }

    /// What one placement pass decided.
    public struct Pass: Sendable {
        public var changes: [GroupingChange]
        /// A regrouping of notes people have seen, for the facilitator (nil: none).
        public var proposal: ThemeProposal?
        /// When the pass regrouped the wall: the moves of seen notes it wanted, for the next
        /// pass to confirm (`MeetingGrouping.regroup(confirming:)`). nil: no regrouping.
        public var wanted: WantedMoves?
        public init(changes: [GroupingChange] = [], proposal: ThemeProposal? = nil, wanted: WantedMoves? = nil) {
            self.changes = changes; self.proposal = proposal; self.wanted = wanted
        }
    }

    /// Places notes whose vectors arrived, one after the other: each joins the wall and the
    /// engine places it; if the batch reached a checkpoint, the wall is regrouped once after
    /// its last note (unsorted notes placed, what would move seen notes proposed). Emptied automatic themes leave;
    /// touched themes are retitled once at the end. New themes get provisional ids from
    /// `nextNumber`; the loop renumbers them when it commits (`renumbered`).
    /// `retitling`: themes to title again even if the pass does not touch them (those an
    /// applied proposal changed).
    /// `confirming`: the moves the last pass's regrouping wanted (its `wanted`): a seen note's
    /// move is proposed only when two regroupings in a row want it.
    /// `settling`: the room has paused and no note arrives: the unchanged wall is regrouped once
    /// more (`MeetingGrouping.settle`), with nothing held back.
    /// `titlesAtPause`: a settling pass looks at every automatic title again (the room's pause).
    /// Not at the facilitator's pause after a correction: a walk-through saw a column nobody
    /// had touched renamed while the facilitator was correcting the board, and their next
    /// rename of it failed — it no longer had the name they had just read.
    /// `acceptedTitles`: themes whose titles the facilitator accepted (applying the proposal
    /// that showed them): the room's pause does not look at them again either.
    public static func place(arriving: [WallNote], onto base: Wall, nextNumber: Int, engine: MeetingGrouping,
                             retitling: Set<String> = [], confirming: WantedMoves = WantedMoves(), settling: Bool = false,
                             titlesAtPause: Bool = true, acceptedTitles: Set<String> = []) -> Pass {
        var wall = base.holdingNamedThemes()
        var ids = IdentifierSource(next: nextNumber)
        var changes: [WallChange] = []
        var touched = Set<String>()
        var proposal: GroupingProposal?
        var wanted: WantedMoves?
        func record(_ changes: [WallChange]) {
            for case .move(_, let t?) in changes { touched.insert(t) }
            for case .createTheme(let t, _) in changes { touched.insert(t) }
        }
        // A regrouping is superseded by the next one: in a batch (a burst of notes placed
        // together), each note is placed as it arrives and the wall is regrouped once, after
        // the last note, if any note of the batch reached a checkpoint.
        var checkpointReached = false
        for note in arriving {
            wall.notes.append(note)
            let step = engine.noteArrived(note.id, on: wall, regroupAtCheckpoint: false) { ids.take() }
            wall.apply(step.changes)
            record(step.changes)
            // "Unsorted" is a decision too: recorded, so a restart does not place the note again.
            if !step.changes.contains(where: { if case .move(let n, _) = $0 { return n == note.id }; return false }) {
                changes.append(.move(note: note.id, theme: nil))
            }
            changes += step.changes
            checkpointReached = checkpointReached || engine.wantsRegroup(wall)
        }
        if checkpointReached || (settling && arriving.isEmpty) {
            // The batch's notes are on nobody's screen yet: the regrouping may still place them.
            let step = arriving.isEmpty ? engine.settle(wall) { ids.take() }
                : engine.regroup(wall, unseen: Set(arriving.map(\.id)), confirming: confirming) { ids.take() }
            wall.apply(step.changes)
            record(step.changes)
            changes += step.changes
            proposal = step.proposal
            wanted = step.wanted
        }
        let emptied = engine.removingEmptyThemes(wall)
        wall.apply(emptied)
        // Themes whose title an applied proposal made wrong are titled afresh; at the room's
        // pause every theme is looked at again (a calm moment: no note is arriving), and a
        // title that still fits gives way only to a clearly better one; those the notes
        // touched keep a title that still fits until they outgrow it (`retitleAsNotesArrive`).
        let paused = settling && arriving.isEmpty && titlesAtPause
        // (An accepted title that no longer fits — the note that gave it its word withdrawn or
        // hidden since — is looked at as any other.)
        let keptAsAccepted = acceptedTitles.subtracting(MeetingGrouping.titlesNoLongerFitting(acceptedTitles, on: wall))
        let every = Set(wall.themes.map(\.id)).subtracting(keptAsAccepted)
        let titles = engine.retitleAsNotesArrive(wall, before: base, touched: touched, afresh: retitling, atPause: paused ? every : [])
        return Pass(changes: (changes + emptied + titles).map(groupingChange), proposal: proposal.map { themeProposal($0, on: wall) },
                    wanted: wanted)
    }

    /// What a pass does to the console's proposal: a new one replaces the one standing; a pass
    /// that regrouped the wall and offers none withdraws the one standing, which that regrouping
    /// no longer wants (its moves were not wanted again) — rather than leave it on the console,
    /// stale, for the facilitator to apply. A withdrawal is not a dismissal: its notes are not
    /// held where they are. One that offers what the standing one does is not offered again:
    /// the console names a proposal by its offer, and would refuse an "Apply" pressed on it.
    public static func proposalEvents(kind: NoteKind, pass: Pass, standing: ThemeProposal?) -> [MeetingEvent] {
        if let proposal = pass.proposal {
            return standing?.offersTheSame(as: proposal) == true ? [] : [.proposalOffered(kind: kind, proposal: proposal)]
        }
        if pass.wanted != nil, standing != nil { return [.proposalResolved(kind: kind, applied: false, supersededByRegroup: true)] }
        return []
    }

    /// The facilitator's "regroup": the whole wall grouped now; everything the engine would
    /// change is applied as one undoable step (the facilitator asked for it).
    public static func regroupEvents(kind: NoteKind, wall base: Wall, nextNumber: Int, engine: MeetingGrouping) -> (events: [MeetingEvent], moves: [RegroupMove]) {
        var wall = base.forgettingDismissals()
        var ids = IdentifierSource(next: nextNumber)
        let step = engine.regroup(wall) { ids.take() }
        var changes = step.changes + (step.proposal?.changes ?? [])
        wall.apply(changes)
        let emptied = engine.removingEmptyThemes(wall)
        wall.apply(emptied)
        changes += emptied + engine.retitle(wall)
        let before = Dictionary(uniqueKeysWithValues: base.notes.map { ($0.id, $0.theme) })
        var moves: [RegroupMove] = []
        var events: [MeetingEvent] = []
        var removed: [GroupingChange] = []
        for change in changes {
            switch change {
            case let .createTheme(id, label): events.append(.themeCreated(id: id, kind: kind, label: clipped(label), byHand: false))
            case let .move(note, theme):
                moves.append(RegroupMove(note: note, from: before[note] ?? nil, to: theme))
                events.append(.noteMoved(note: note, theme: theme, byHand: false))
            case let .relabel(theme, label): events.append(.themeRenamed(theme: theme, label: clipped(label), byHand: false))
            case let .removeTheme(id): removed.append(.removeTheme(id: id))
            }
        }
        if !removed.isEmpty { events.append(.grouped(kind: kind, changes: removed)) }
        return (events, moves)
    }

    /// After a correction by the facilitator (a note moved by hand, themes merged or split,
    /// a theme named): still-unsorted notes follow what the engine has learnt, silently;
    /// seen notes that now clearly belong elsewhere come as a proposal; titles the correction
    /// made wrong are written again.
    /// `retitling` false: titles stay as they are (the wall is missing notes whose vectors are
    /// still being computed, after a restart: a title's words may be in those).
    public static func afterCorrection(wall: Wall, engine: MeetingGrouping, retitling: Bool = true) -> Pass {
        let step = engine.afterCorrection(wall.holdingNamedThemes())
        var after = wall
        after.apply(step.changes)
        // An automatic theme the correction left empty leaves, as after any pass (a console kept
        // "Jobs exist · 0 notes"); one the room has made its own stays (`keptWhenEmpty`).
        let emptied = engine.removingEmptyThemes(after)
        after.apply(emptied)
        // Every automatic title that has become wrong (a word no note of its theme uses any
        // more: the note moved out by hand took it) is written again; the others stay, so the
        // columns keep their names while the facilitator works. (A title cut at the label's
        // limit never fits — its last word is cut — and comes back the same once cut: no event.)
        let current = Dictionary(wall.themes.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        let titles = !retitling ? [] : engine.retitle(after, keepingFitting: true).filter { change in
            if case let .relabel(theme, label) = change { return clipped(label) != current[theme] }
            return true
        }
        return Pass(changes: (step.changes + emptied + titles).map(groupingChange), proposal: step.proposal.map { themeProposal($0, on: after) })
    }

    /// The facilitator's "regroup" as a proposal to preview: which notes would move where,
    /// the themes it would open (with their titles) and the automatic themes it would leave
    /// empty. Nothing changes until the facilitator applies it. nil: nothing would move.
    public static func regroupProposal(wall base: Wall, engine: MeetingGrouping) -> ThemeProposal? {
        var wall = base.forgettingDismissals()
        var created: [String] = []
        let step = engine.regroup(wall) { created.append("new\(created.count + 1)"); return created.last! }
        wall.apply(step.changes + (step.proposal?.changes ?? []))
        let emptied = engine.removingEmptyThemes(wall)
        wall.apply(emptied)
        wall.apply(engine.retitle(wall, themes: Set(created)))
        let before = Dictionary(uniqueKeysWithValues: base.notes.map { ($0.id, $0.theme) })
        let moves = wall.notes.compactMap { n -> GroupingProposal.Move? in
            let from = before[n.id] ?? nil
            return from == n.theme ? nil : GroupingProposal.Move(note: n.id, from: from, to: n.theme)
        }
        guard !moves.isEmpty else { return nil }
        let opened = created.filter { id in moves.contains { $0.to == id } }
        let proposal = GroupingProposal(
            newThemes: opened.compactMap { id in wall.themes.first { $0.id == id }.map { .init(id: id, label: $0.label) } },
            moves: moves,
            removedThemes: emptied.compactMap { if case .removeTheme(let id) = $0 { return id }; return nil })
        return themeProposal(proposal, on: wall)
    }

    /// One theme split in two by meaning (the facilitator's "Split by meaning"), as a proposal
    /// to preview: `MeetingGrouping.splitProposal`. nil: no split to offer.
    public static func splitProposal(theme: String, wall: Wall, engine: MeetingGrouping) -> ThemeProposal? {
        guard let split = engine.splitProposal(theme, on: wall, newThemeId: { "new1" }) else { return nil }
        return themeProposal(split, on: wall)
    }

    /// The pass with its new themes numbered from `nextNumber`, as the meeting hands out
    /// theme ids now (another theme may have taken the provisional number meanwhile); the
    /// proposal names those themes by their new ids too.
    public static func renumbered(_ pass: Pass, from nextNumber: Int) -> Pass {
        let renamed = renaming(pass.changes, from: nextNumber)
        func id(_ theme: String) -> String { renamed[theme] ?? theme }
        return Pass(changes: renumbered(pass.changes, renamed),
                    proposal: pass.proposal.map { p in
                        ThemeProposal(newThemes: p.newThemes,
                                      moves: p.moves.map { RegroupMove(note: $0.note, from: $0.from.map(id), to: $0.to.map(id)) },
                                      removedThemes: p.removedThemes.map(id))
                    },
                    wanted: pass.wanted)   // new themes are "a new theme" there, whatever their number
    }

    /// Changes with their new themes numbered from `nextNumber` (see the pass's version).
    public static func renumbered(_ changes: [GroupingChange], from nextNumber: Int) -> [GroupingChange] {
        renumbered(changes, renaming(changes, from: nextNumber))
    }

    static func renaming(_ changes: [GroupingChange], from nextNumber: Int) -> [String: String] {
        var ids = IdentifierSource(next: nextNumber)
        var renamed: [String: String] = [:]
        for case .createTheme(let id, _) in changes { renamed[id] = ids.take() }
        return renamed
    }

    static func renumbered(_ changes: [GroupingChange], _ renamed: [String: String]) -> [GroupingChange] {
        changes.map {
            switch $0 {
            case let .createTheme(id, label): return .createTheme(id: renamed[id] ?? id, label: label)
            case let .move(note, theme): return .move(note: note, theme: theme.map { renamed[$0] ?? $0 })
            case let .relabel(theme, label): return .relabel(theme: renamed[theme] ?? theme, label: label)
            case let .removeTheme(id): return .removeTheme(id: id)
            }
        }
    }

    /// What can still be kept of a pass computed on a wall that has changed since: the
    /// arriving notes that still wait for a place, each into a theme that still exists (or
    /// one the pass opens for it). Other moves, removals and titles are dropped.
    public static func salvage(_ changes: [GroupingChange], arriving: [String], in state: MeetingState,
                               kind: NoteKind) -> (kept: [GroupingChange], placed: Set<String>) {
        let waiting = Set(arriving.filter { state.notes[$0]?.awaitsPlace == true })
        var moves: [String: String?] = [:]
        for case let .move(note, theme) in changes where waiting.contains(note) { moves[note] = theme }
        var kept: [GroupingChange] = []
        var opened = Set<String>()
        for case let .createTheme(id, label) in changes where moves.values.contains(where: { $0 == id }) {
            kept.append(.createTheme(id: id, label: label))
            opened.insert(id)
        }
        var placed = Set<String>()
        for note in arriving where waiting.contains(note) {
            guard let target = moves[note] else { continue }
            if let theme = target, !opened.contains(theme), state.themes[theme]?.kind != kind { continue }
            kept.append(.move(note: note, theme: target))
            placed.insert(note)
        }
        return (kept, placed)
    }

    static func groupingChange(_ change: WallChange) -> GroupingChange {
        switch change {
        case let .createTheme(id, label): return .createTheme(id: id, label: clipped(label))
        case let .move(note, theme): return .move(note: note, theme: theme)
        case let .relabel(theme, label): return .relabel(theme: theme, label: clipped(label))
        case let .removeTheme(id): return .removeTheme(id: id)
        }
    }

    /// The engine's proposal as the meeting records it: new themes numbered `p1`, `p2`, …
    /// (real ids are given when the facilitator applies it).
    static func themeProposal(_ p: GroupingProposal, on wall: Wall) -> ThemeProposal {
        var provisional: [String: String] = [:]
        for (i, t) in p.newThemes.enumerated() { provisional[t.id] = "p\(i + 1)" }
        return ThemeProposal(
            newThemes: p.newThemes.map { .init(id: provisional[$0.id]!, label: clipped($0.label)) },
            moves: p.moves.map { RegroupMove(note: $0.note, from: $0.from, to: $0.to.map { provisional[$0] ?? $0 }) },
            removedThemes: p.removedThemes)
    }

    static func clipped(_ label: String) -> String { String(label.prefix(Limits.labelCharacters)) }

    /// Theme ids as the meeting hands them out (each themeCreated advances the counter).
    struct IdentifierSource {
        var next: Int
        mutating func take() -> String { defer { next += 1 }; return "t\(next)" }
    }
}
