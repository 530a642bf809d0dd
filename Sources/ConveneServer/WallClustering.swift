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

    /// Events placing notes whose vectors arrived, one after the other as if each arrived
    /// alone: each joins the wall, the engine places it (and may regroup), and the touched
    /// themes are relabelled once at the end. Pure: runs off the service loop.
    nonisolated static func placementEvents(arriving: [WallNote], onto base: Wall, kind: NoteKind,
                                            nextNumber: Int) -> [MeetingEvent] {
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
        let all = (changes + labels).map { change -> GroupingChange in
            switch change {
            case let .createTheme(id, label): return .createTheme(id: id, label: String(label.prefix(Limits.labelCharacters)))
            case let .move(note, theme): return .move(note: note, theme: theme)
            case let .relabel(theme, label): return .relabel(theme: theme, label: String(label.prefix(Limits.labelCharacters)))
            }
        }
        return all.isEmpty ? [] : [.grouped(kind: kind, changes: all)]
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
