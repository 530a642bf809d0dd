/// Undoing a merge. A merge takes a theme off the wall and the phones; a hurried press put
/// one away in a walk-through, and getting it back took four actions and its name retyped.
/// So the last merge of each kind is remembered (derived from the log, like the last
/// regrouping) and `undoMerge` puts the theme back as it stood: its name, lock and summary
/// sentence, its place among the columns, the notes of it still in the theme it joined, and
/// the people signed up or named for it.

/// What a merge changed, as it stood just before it.
public struct MergeRecord: Equatable, Sendable {
    /// The theme merged away, whole.
    public var theme: Theme
    /// Where it stood (as a theme an undone regrouping puts back).
    public var place: RemovedTheme
    public var into: String
    /// Its notes, in the log's order.
    public var notes: [String]
    /// Notes of either theme not placed by hand before the merge (it pins them all).
    public var unpinned: Set<String>
    /// Champions of it, those the merge made champions of `into`, and those of `into` already.
    public var champions: [String]
    public var championsAdded: [String]
    public var alreadyChampions: Set<String>
    /// Nominations for it, moved to `into`.
    public var nominations: [String]
    public var spotlit: Bool
}

extension MeetingState {
    /// What a merge about to be applied changes (read before the fold changes anything).
    func mergeRecord(from: String, into: String) -> MergeRecord? {
        guard let theme = themes[from], let position = themeOrder.firstIndex(of: from) else { return nil }
        let notesOfIt = noteOrder.filter { notes[$0]?.theme == from }
        let both = noteOrder.filter { notes[$0]?.theme == from || notes[$0]?.theme == into }
        let signed = champions.filter { $0.theme == from }.map(\.participant)
        let already = Set(champions.filter { $0.theme == into }.map(\.participant))
        return MergeRecord(
            theme: theme,
            place: RemovedTheme(id: from, label: theme.label, position: position, after: position > 0 ? themeOrder[position - 1] : nil),
            into: into, notes: notesOfIt,
            unpinned: Set(both.filter { notes[$0]?.placedByHand == false }),
            champions: signed, championsAdded: signed.filter { !already.contains($0) }, alreadyChampions: already,
            nominations: nominationOrder.filter { nominations[$0]?.theme == from },
            spotlit: spotlight == from)
    }

    /// The notes of the last merge of `kind` that an undo would put back: those of the merged
    /// theme still in the theme it joined (not withdrawn).
    func mergeNotesToPutBack(_ kind: NoteKind) -> [String] {
        guard let record = lastMerge[kind] else { return [] }
        return record.notes.filter { notes[$0]?.theme == record.into && notes[$0]?.withdrawn == false }
    }

    /// Whether `undoMerge` of `kind` would be carried out now (the rule the console's button
    /// follows from `mergeUndoable`, in console-board.js).
    func canUndoMerge(_ kind: NoteKind) -> Bool { (try? decideUndoMerge(kind)) != nil }

    /// The fold of `mergeUndone` (the theme and its notes are back by the events before it).
    mutating func applyMergeUndone(kind: NoteKind, released: [String]) {
        for id in released { notes[id]?.placedByHand = false }
        lastMerge[kind] = nil
    }

    /// Puts the last merge of `kind` back. Notes of the merged theme that are still in the
    /// theme it joined go back to it; one moved elsewhere since stays where it is, and notes
    /// that arrived since stay where they landed. The notes the merge pinned and nobody had
    /// placed by hand are the grouping's again.
    func decideUndoMerge(_ kind: NoteKind) throws(CommandError) -> Decision {
        guard let record = lastMerge[kind] else {
            throw CommandError(.notFound, "There is no merge to undo.")
        }
        let restored = record.theme
        guard let into = themes[record.into] else {
            throw CommandError(.notFound, "“\(restored.label)” cannot come back: the \(kind.themeWord) it was merged into is gone.")
        }
        // (Theme ids are never given out twice; a theme by that id would take the undo's events.)
        guard themes[restored.id] == nil else {
            throw CommandError(.conflict, "“\(restored.label)” is already on the board.")
        }
        // (Not "merge two first": a later merge replaces the one to undo.)
        guard orderedThemes(kind: kind).count < Limits.themesPerKind else {
            throw CommandError(.limitReached, "There are already \(Limits.themesPerKind) \(kind.themeWord)s, the most there can be: delete an empty one before undoing this merge.")
        }
        let back = mergeNotesToPutBack(kind)
        // An automatic theme with no note to take back (or only hidden ones) would be an empty
        // column nobody made.
        guard back.contains(where: { notes[$0]?.hidden == false }) || restored.labelByHand else {
            throw CommandError(.notFound, "Every note of “\(restored.label)” has moved since the merge: there is nothing to put back.")
        }
        var d = Decision()
        d.events.append(.themeRestored(record.place, kind: kind))
        if restored.labelByHand { d.events.append(.themeRenamed(theme: restored.id, label: restored.label, byHand: true)) }
        if restored.locked { d.events.append(.themeLocked(theme: restored.id, locked: true)) }
        if let sentence = restored.synthesis { d.events.append(.synthesisSet(theme: restored.id, text: sentence)) }
        d.events += back.map { .noteMoved(note: $0, theme: restored.id, byHand: false) }
        // Champions of it go back to it — as the records they are now (one merged into another
        // since is that one) and only those still signed up for the theme it joined: someone
        // who withdrew since is not signed up again behind their back.
        let championsNow = Set(champions.filter { $0.theme == into.id }.map(\.participant))
        // (`mergedParticipants` already points each old record at the one it ended up in.)
        func current(_ p: String) -> String { mergedParticipants[p] ?? p }
        var signed = Set<String>()
        for p in record.champions.map(current) where championsNow.contains(p) && signed.insert(p).inserted {
            d.events.append(.championSigned(participant: p, theme: restored.id))
        }
        let already = Set(record.alreadyChampions.map(current))
        for p in Set(record.championsAdded.map(current)).sorted() where championsNow.contains(p) {
            // Theirs on the other theme only through the merge, unless they signed up for it too.
            guard !already.contains(p) else { continue }
            d.events.append(.championWithdrawn(participant: p, theme: into.id))
        }
        for id in record.nominations {
            guard var n = nominations[id], n.theme == into.id else { continue }
            n.theme = restored.id
            d.events.append(.nominated(n))
        }
        if record.spotlit && spotlight == into.id { d.events.append(.spotlightSet(theme: restored.id)) }
        // Pinned again only if they were before the merge (`unpinned` loses a note placed by hand since).
        d.events.append(.mergeUndone(kind: kind, theme: restored.id,
                                     released: noteOrder.filter { record.unpinned.contains($0) && notes[$0]?.withdrawn == false }))
        d.reply = [("theme", .string(restored.id)), ("moved", .int(Int64(back.count)))]
        return d
    }
}
