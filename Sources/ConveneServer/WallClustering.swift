import ConveneClustering
import ConveneCore

/// Connects a meeting to the clustering engine: builds the engine's view of a wall from
/// the meeting state and the notes' vectors, and turns the engine's proposals into events.
/// Every automatic placement is an event in the log, so a restart shows the same wall.
@MainActor
enum WallClustering {
    static let engine = LiveClustering()

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
        wall.themes = state.orderedThemes(kind: kind).map {
            WallTheme(id: $0.id, label: $0.label, locked: $0.locked, labelByHand: $0.labelByHand)
        }
        return wall
    }

    /// Events placing a note whose vector just arrived (nothing if it was placed meanwhile).
    static func placementEvents(note noteId: String, in state: MeetingState, live: LiveMeeting) -> [MeetingEvent] {
        guard let note = state.notes[noteId], !note.placed, note.theme == nil, !note.withdrawn, !note.hidden else { return [] }
        var wall = wall(of: state, kind: note.kind, live: live)
        var ids = IdentifierSource(next: state.nextNumber)
        let changes = engine.noteArrived(noteId, on: wall) { ids.take() }
        wall.apply(changes)
        let regrouped = changes.contains { if case .move(let n, _) = $0 { return n != noteId }; return false }
        var touched = Set<String>()
        for case .move(_, let t?) in changes { touched.insert(t) }
        let labels = engine.relabel(wall, themes: regrouped ? nil : touched)
        var result = events(changes + labels, kind: note.kind)
        // "Unsorted" is a decision too: recorded, so a restart does not place the note again.
        if !changes.contains(where: { if case .move(let n, _) = $0 { return n == noteId }; return false }) {
            result.insert(.noteMoved(note: noteId, theme: nil, byHand: false), at: 0)
        }
        return result
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

    static func events(_ changes: [WallChange], kind: NoteKind) -> [MeetingEvent] {
        changes.map {
            switch $0 {
            case let .createTheme(id, label): return .themeCreated(id: id, kind: kind, label: String(label.prefix(Limits.labelCharacters)), byHand: false)
            case let .move(note, theme): return .noteMoved(note: note, theme: theme, byHand: false)
            case let .relabel(theme, label): return .themeRenamed(theme: theme, label: String(label.prefix(Limits.labelCharacters)), byHand: false)
            }
        }
    }

    /// Theme ids as the meeting hands them out (each themeCreated advances the counter).
    struct IdentifierSource {
        var next: Int
        mutating func take() -> String { defer { next += 1 }; return "t\(next)" }
    }
}
