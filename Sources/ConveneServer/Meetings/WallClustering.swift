import ConveneClustering
import ConveneCore
import ConveneGrouping

/// Connects a live meeting to the grouping (`ConveneGrouping.WallPlacement`, pure): builds
/// the engine's view of a wall from the meeting state and the vectors this server holds.
/// Every automatic decision is an event in the log, so a restart shows the same wall.
@MainActor
enum WallClustering {
    /// The wall of one kind: visible notes that have a vector, and the themes of that kind.
    /// `holdingLeftOut: false` for the facilitator's own regroup (`WallPlacement.wall(of:)`).
    static func wall(of state: MeetingState, kind: NoteKind, live: LiveMeeting, holdingLeftOut: Bool = true) -> Wall {
        WallPlacement.wall(of: state, kind: kind, vectors: live.vectors, words: { note in
            if let cached = live.words[note.id], cached.text == note.text { return cached.words }
            let words = NoteWords(note.text, writer: state.writerLanguage(of: note))
            live.words[note.id] = (note.text, words)
            return words
        }, labelVector: { theme in
            live.labelVectors[theme.id].flatMap { $0.label == theme.label ? $0.vector : nil }
        }, holdingLeftOut: holdingLeftOut)
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

    /// Events regrouping every note of a kind (the facilitator's request), with the moves
    /// recorded first so that "undo" knows which were this regrouping's. It runs on the
    /// service loop, so titles come from the notes' words alone: embedding title phrases
    /// takes the model tens of milliseconds per theme, which phones must not wait for.
    static func regroupEvents(kind: NoteKind, in state: MeetingState, live: LiveMeeting) -> (events: [MeetingEvent], moved: Int) {
        let engine = WallPlacement.engine(targetThemes: state.settings.targetThemes, phrases: nil, lexicon: TitleWords.lexicon)
        let (events, moves) = WallPlacement.regroupEvents(kind: kind, wall: wall(of: state, kind: kind, live: live, holdingLeftOut: false),
                                                          nextNumber: state.nextNumber, engine: engine)
        var resolved: [MeetingEvent] = state.proposals[kind] != nil
            ? [.proposalResolved(kind: kind, applied: false, supersededByRegroup: true)] : []
        // The automatic themes it empties, as they stand now: undo puts them back.
        var emptied: [String] = []
        for case let .grouped(_, changes) in events { for case let .removeTheme(id) in changes { emptied.append(id) } }
        resolved.append(.regroupRecorded(kind: kind, moves: moves, removed: state.removedThemes(emptied),
                                         titles: state.titlesBefore(moves, removing: emptied)))
        return (resolved + events, moves.count)
    }

    /// The same regrouping as a proposal for the console to preview (nil: nothing would move).
    /// The themes it would open are titled by meaning when the model is there (`phrases`):
    /// the facilitator judges the proposal by those titles, and only new themes are titled
    /// (a few, tens of milliseconds each, through the phrase cache).
    static func regroupProposal(kind: NoteKind, in state: MeetingState, live: LiveMeeting, phrases: PhraseEmbedding?) -> ThemeProposal? {
        let engine = WallPlacement.engine(targetThemes: state.settings.targetThemes, phrases: phrases, lexicon: TitleWords.lexicon)
        return WallPlacement.regroupProposal(wall: wall(of: state, kind: kind, live: live, holdingLeftOut: false), engine: engine)
    }

    /// One theme split in two by meaning, as a proposal for the console to preview. On the
    /// service loop like the facilitator's regroup, but the one new theme is titled by meaning
    /// when the model is there (`phrases`): the facilitator judges the split by its title, and
    /// one from the notes' words alone read "Vendors & mess" on the walk-through.
    static func splitProposal(theme: String, kind: NoteKind, in state: MeetingState, live: LiveMeeting,
                              phrases: PhraseEmbedding?) -> ThemeProposal? {
        let engine = WallPlacement.engine(targetThemes: state.settings.targetThemes, phrases: phrases, lexicon: TitleWords.lexicon)
        return WallPlacement.splitProposal(theme: theme, wall: wall(of: state, kind: kind, live: live), engine: engine)
    }

    /// The console's advice on a board: themes alike enough to merge, the notes the grouping
    /// is least sure of (to check first), and the English the grouping read for the notes typed
    /// in Spanish (Apertium's translation: rough, but enough to place a note one cannot read).
    static func boardAdvice(kind: NoteKind, in state: MeetingState, live: LiveMeeting) -> [(String, JSONValue)] {
        let board = wall(of: state, kind: kind, live: live)
        let engine = WallPlacement.engine(targetThemes: state.settings.targetThemes, phrases: nil, lexicon: TitleWords.lexicon)
        let readings: [JSONValue] = state.noteOrder.compactMap { id in
            // Only the reading of the note's text as it stands: after an edit, the old text's
            // English would show (and could reach the summary) until the new one arrives.
            guard let note = state.notes[id], note.kind == kind, !note.withdrawn,
                  let reading = live.readings[id], reading.typed == note.text else { return nil }
            return .object([("note", .string(id)), ("english", .string(reading.english))])
        }
        return [("suggestions", WallPlacement.mergeSuggestions(board, engine: engine)), ("doubts", WallPlacement.doubts(board, engine: engine)),
                ("readings", .array(readings))]
    }
}

/// The facilitator's regroup for `decide`: the engine over the vectors this server holds.
/// It runs on the service loop (the facilitator waits for it), titles from the notes' words.
@MainActor
struct WallRegrouper: @MainActor RegroupProposer {
    let live: LiveMeeting
    /// The notes' model, for the titles of the themes a previewed regrouping or a split would
    /// open (nil: from the notes' words).
    var phrases: PhraseEmbedding?

    func regroup(kind: NoteKind, in state: MeetingState) -> (events: [MeetingEvent], moved: Int) {
        WallClustering.regroupEvents(kind: kind, in: state, live: live)
    }

    func proposal(kind: NoteKind, in state: MeetingState) -> ThemeProposal? {
        WallClustering.regroupProposal(kind: kind, in: state, live: live, phrases: phrases)
    }

    func splitProposal(theme: String, in state: MeetingState) -> ThemeProposal? {
        guard let kind = state.themes[theme]?.kind else { return nil }
        return WallClustering.splitProposal(theme: theme, kind: kind, in: state, live: live, phrases: phrases)
    }

    /// After a Leave out: titled by meaning like the split's new theme (the facilitator is
    /// looking at the proposal, and it is one or two themes).
    func titles(of themes: Set<String>, in proposal: ThemeProposal, kind: NoteKind, state: MeetingState) -> [ThemeTitle] {
        let engine = WallPlacement.engine(targetThemes: state.settings.targetThemes, phrases: phrases, lexicon: TitleWords.lexicon)
        return WallPlacement.proposalTitles(of: themes, in: proposal, wall: WallClustering.wall(of: state, kind: kind, live: live), engine: engine)
    }
}

extension WallClustering {
    /// Of the automatic themes `ids` (changed by an applied proposal or an undo), those whose
    /// title no longer fits what they hold (a word no note of theirs uses: "Export markets &
    /// welders" after the welders left), and any automatic theme of `kind` whose title says
    /// what another's does (the titler's sense of "the same": the same word stems). The others
    /// keep their titles: the room reads a column's title as its name, and an applied proposal
    /// or an undo renamed columns nobody had asked to rename.
    /// Judged on the notes' words alone, so a restart (vectors still being computed) judges the same.
    static func titlesToRewrite(_ ids: Set<String>, kind: NoteKind, in state: MeetingState) -> Set<String> {
        let themes = ids.compactMap { state.themes[$0] }
        let wall = Wall(notes: state.notes.values.filter { $0.theme.map(ids.contains) == true && !$0.withdrawn && !$0.hidden }
                            .map { WallNote(id: $0.id, vector: [], text: $0.text, theme: $0.theme) },
                        themes: themes.map { WallTheme(id: $0.id, label: $0.label, labelByHand: $0.labelByHand) })
        var result = MeetingGrouping.titlesNoLongerFitting(ids, on: wall)
        var seen = Set<String>()
        for theme in state.themeOrder.compactMap({ state.themes[$0] }).filter({ $0.kind == kind })
        where !seen.insert(ThemeTitler.normalizedKey(theme.label)).inserted && !theme.labelByHand {
            result.insert(theme.id)
        }
        return result
    }
}
