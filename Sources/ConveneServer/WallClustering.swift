import ConveneClustering
import ConveneCore

/// Connects a meeting to the clustering engine: builds the engine's view of a wall from
/// the meeting state and the notes' vectors, and turns the engine's proposals into events.
/// Every automatic placement is an event in the log, so a restart shows the same wall.
@MainActor
enum WallClustering {
    nonisolated static let engine = LiveClustering()

    /// The wall of one kind: visible notes that have a vector, and the themes of that kind.
    static func wall(of state: MeetingState, kind: NoteKind, live: LiveMeeting) -> Wall {
        var wall = Wall()
        for note in state.visibleNotes(kind: kind) where !note.hidden {
            guard let v = live.vectors[note.id] else { continue }
            var cached = live.terms[note.id]
            if cached?.text != note.text {
                cached = (note.text, ThemeLabeler.terms(note.text))
                live.terms[note.id] = cached
            }
            wall.notes.append(WallNote(id: note.id, vector: v, text: note.text, theme: note.theme, pinned: note.placedByHand,
                                       terms: cached!.terms))
        }
        wall.themes = state.orderedThemes(kind: kind).map { t in
            let seed = t.labelByHand ? live.labelVectors[t.id].flatMap { $0.label == t.label ? $0.vector : nil } : nil
            return WallTheme(id: t.id, label: t.label, locked: t.locked, labelByHand: t.labelByHand, seed: seed)
        }
        return wall
    }

    /// The wall of one kind without some notes (those about to be placed), and those notes
    /// as the engine sees them, in the order given. Built on the service loop; the placing
    /// itself runs on the clustering thread (see `ClusteringWorker`).
    static func placementJob(notes ids: [String], kind: NoteKind, in state: MeetingState,
                             live: LiveMeeting) -> (base: Wall, arriving: [WallNote]) {
        var wall = wall(of: state, kind: kind, live: live)
        let waiting = Set(ids)
        var byId: [String: WallNote] = [:]
        for n in wall.notes where waiting.contains(n.id) { byId[n.id] = n }
        wall.notes.removeAll { waiting.contains($0.id) }
        return (wall, ids.compactMap { byId[$0] })
    }

    /// The decisions placing notes whose vectors arrived, one after the other as if each
    /// arrived alone: each joins the wall, the engine places it (and may regroup), and the
    /// touched themes are relabelled once at the end. Pure: runs off the service loop. New
    /// themes get provisional ids from `nextNumber`; the loop renumbers them when it commits.
    nonisolated static func placementChanges(arriving: [WallNote], onto base: Wall, nextNumber: Int) -> [GroupingChange] {
        var wall = base
        var ids = IdentifierSource(next: nextNumber)
        var changes: [WallChange] = []
        var regrouped = false
        var touched = Set<String>()
        for note in arriving {
            wall.notes.append(note)
            let step = engine.noteArrived(note.id, on: wall) { ids.take() }
            wall.apply(step)
            if step.contains(where: { if case .move(let n, _) = $0 { return n != note.id }; return false }) { regrouped = true }
            for case .move(_, let t?) in step { touched.insert(t) }
            // "Unsorted" is a decision too: recorded, so a restart does not place the note again.
            if !step.contains(where: { if case .move(let n, _) = $0 { return n == note.id }; return false }) {
                changes.append(.move(note: note.id, theme: nil))
            }
            changes += step
        }
        let labels = engine.relabel(wall, themes: regrouped ? nil : touched)
        return (changes + labels).map { change -> GroupingChange in
            switch change {
            case let .createTheme(id, label): return .createTheme(id: id, label: String(label.prefix(Limits.labelCharacters)))
            case let .move(note, theme): return .move(note: note, theme: theme)
            case let .relabel(theme, label): return .relabel(theme: theme, label: String(label.prefix(Limits.labelCharacters)))
            }
        }
    }

    /// The changes with their new themes numbered from `nextNumber`, as the meeting hands
    /// out theme ids now (another theme may have taken the provisional number meanwhile).
    nonisolated static func renumbered(_ changes: [GroupingChange], from nextNumber: Int) -> [GroupingChange] {
        var ids = IdentifierSource(next: nextNumber)
        var renamed: [String: String] = [:]
        for case .createTheme(let id, _) in changes { renamed[id] = ids.take() }
        return changes.map {
            switch $0 {
            case let .createTheme(id, label): return .createTheme(id: renamed[id] ?? id, label: label)
            case let .move(note, theme): return .move(note: note, theme: theme.map { renamed[$0] ?? $0 })
            case let .relabel(theme, label): return .relabel(theme: renamed[theme] ?? theme, label: label)
            }
        }
    }

    /// What can still be kept of a pass computed on a wall that has changed since: the
    /// arriving notes that still wait for a place, each into a theme that still exists (or
    /// one the pass opens for it). Regroup moves of other notes and relabels are dropped.
    static func salvage(_ changes: [GroupingChange], arriving: [String], in state: MeetingState,
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

    /// Events regrouping every note of a kind (the facilitator's request).
    static func regroupEvents(kind: NoteKind, in state: MeetingState, live: LiveMeeting) -> [MeetingEvent] {
        var wall = wall(of: state, kind: kind, live: live)
        var ids = IdentifierSource(next: state.nextNumber)
        let changes = engine.regroup(wall) { ids.take() }
        wall.apply(changes)
        return events(changes + engine.relabel(wall), kind: kind)
    }

    /// Themes alike enough to merge, most alike first (more are offered when the wall has
    /// more themes than the meeting's target number).
    static func mergeSuggestions(kind: NoteKind, in state: MeetingState, live: LiveMeeting) -> JSONValue {
        let wall = wall(of: state, kind: kind, live: live)
        return .array(engine.mergeSuggestions(wall, target: state.settings.targetThemes).prefix(5).map { a, b, similarity in
            .object([("from", .string(b)), ("into", .string(a)), ("similarity", .double(Double((similarity * 100).rounded() / 100)))])
        })
    }

    nonisolated static func events(_ changes: [WallChange], kind: NoteKind) -> [MeetingEvent] {
        changes.map {
            switch $0 {
            case let .createTheme(id, label): return .themeCreated(id: id, kind: kind, label: String(label.prefix(Limits.labelCharacters)), byHand: false)
            case let .move(note, theme): return .noteMoved(note: note, theme: theme, byHand: false)
            case let .relabel(theme, label): return .themeRenamed(theme: theme, label: String(label.prefix(Limits.labelCharacters)), byHand: false)
            }
        }
    }

    /// Theme ids as the meeting hands them out (each themeCreated advances the counter).
    nonisolated struct IdentifierSource {
        var next: Int
        mutating func take() -> String { defer { next += 1 }; return "t\(next)" }
    }
}
