/// The facilitator's requests to the grouping: regroup a phase (at once, or as a proposal to
/// preview), split one column by meaning (always a proposal), and undo the last regrouping.
/// The grouping itself is the server's (`RegroupProposer`); here is only what may be asked
/// and what the answer records.
extension MeetingState {
    func decideRegroup(_ kind: NoteKind, preview: Bool, regrouper: (any RegroupProposer)?) throws(CommandError) -> Decision {
        var d = Decision()
        guard let regrouper else { throw CommandError(.notAllowed, "Regrouping needs the server's grouping.") }
        if preview {
            // Nothing moves yet: the regrouping becomes the proposal the console previews.
            var proposal = regrouper.proposal(kind: kind, in: self)
            proposal?.requested = .regroup
            d.events = proposal.map { [.proposalOffered(kind: kind, proposal: $0)] } ?? []
            d.reply = [("moved", .int(Int64(proposal?.moves.count ?? 0))), ("proposal", .bool(proposal != nil))]
        } else {
            let (events, moved) = regrouper.regroup(kind: kind, in: self)
            d.events = events
            d.reply = [("moved", .int(Int64(moved)))]
        }
        return d
    }

    func decideSplitByMeaning(_ themeId: String, regrouper: (any RegroupProposer)?) throws(CommandError) -> Decision {
        var d = Decision()
        let t = try theme(themeId)
        guard let regrouper else { throw CommandError(.notAllowed, "Splitting by meaning needs the server's grouping.") }
        guard !t.locked else {
            throw CommandError(.invalid, "This \(t.kind.themeWord) is locked: unlock it to split it.")
        }
        guard orderedThemes(kind: t.kind).count < Limits.themesPerKind else {
            throw CommandError(.limitReached, "There can be at most \(Limits.themesPerKind) \(t.kind.themeWord)s: merge two before splitting one.")
        }
        let holding = notes.values.filter { $0.theme == themeId && !$0.withdrawn && !$0.hidden }
        guard holding.count >= Limits.notesToSplitByMeaning else {
            throw CommandError(.invalid, "Splitting by meaning needs at least \(Limits.notesToSplitByMeaning) notes in the \(t.kind.themeWord); this one holds \(holding.count).")
        }
        guard holding.count <= Limits.notesToSplitByMeaningAtMost else {
            throw CommandError(.invalid, "This \(t.kind.themeWord) holds \(holding.count) notes, too many to split by meaning (at most \(Limits.notesToSplitByMeaningAtMost)): select the ones to split off instead.")
        }
        // Notes placed by hand stay where the facilitator put them (a proposal never moves them).
        guard holding.filter({ !$0.placedByHand }).count >= Limits.notesToSplitByMeaning / 2 else {
            throw CommandError(.invalid, "Splitting by meaning moves only notes the automatic grouping placed, and most notes of this \(t.kind.themeWord) were placed by hand: select the ones to split off instead.")
        }
        // Nothing moves yet: the split becomes the proposal the console previews.
        var proposal = regrouper.splitProposal(theme: themeId, in: self)
        proposal?.requested = .split(theme: themeId)
        d.events = proposal.map { [.proposalOffered(kind: t.kind, proposal: $0)] } ?? []
        d.reply = [("moved", .int(Int64(proposal?.moves.count ?? 0))), ("proposal", .bool(proposal != nil))]
        return d
    }

    func decideUndoRegroup(_ kind: NoteKind, preview: Bool = false) throws(CommandError) -> Decision {
        var d = Decision()
        guard let moves = lastRegroup[kind] else {
            throw CommandError(.notFound, "There is no regrouping to undo.")
        }
        // An undone split by meaning takes back the pins it gave its notes; a note placed by
        // hand since (moved, merged or split by hand) is the facilitator's and stays, and so
        // does one whose theme of origin is gone (merged away): the split is not undone into
        // Unsorted.
        let split = lastRegroupPinned[kind]
        // Automatic themes the regrouping emptied come back where they stood, with the notes
        // that are going back to them (one that no note would go back to stays away: the wall
        // shows no empty column the facilitator did not make).
        let removed = Dictionary((lastRegroupRemoved[kind] ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var released: [String] = []
        var back: [(note: String, from: String?, to: String?)] = []
        for m in moves {
            guard let note = notes[m.note], !note.withdrawn, note.theme == m.to else { continue }
            let origin = m.from.flatMap { themes[$0] != nil || removed[$0] != nil ? $0 : nil }
            if let split {
                guard split.contains(m.note), origin != nil || m.from == nil else { continue }
                released.append(m.note)
            } else if note.placedByHand {
                continue
            }
            back.append((m.note, note.theme, origin))
        }
        // Automatic themes the undone regrouping had opened or filled, left empty now, leave
        // the wall with it; one the room has made its own since stays (`keepsWhenEmpty`): named,
        // locked, given a sentence for the summary, or champions or people to invite on it.
        // (A theme to restore is none of these: it is not on the wall.)
        var holding: [String: Int] = [:]
        for n in visibleNotes(kind: kind) { if let t = n.theme { holding[t, default: 0] += 1 } }
        for b in back {
            if let f = b.from { holding[f, default: 0] -= 1 }
            if let t = b.to { holding[t, default: 0] += 1 }
        }
        var emptied: [String] = [], keptEmpty: [String] = []
        for id in moves.compactMap(\.to) where !emptied.contains(id) && !keptEmpty.contains(id) {
            guard themes[id] != nil, holding[id, default: 0] <= 0 else { continue }
            // (One the room has made its own stays, empty: the undo's question says so.)
            if keepsWhenEmpty(id) { keptEmpty.append(id) } else { emptied.append(id) }
        }
        // The emptied themes come back, never past the limit of themes once the ones leaving
        // have gone: beyond it, their notes go back to Unsorted.
        var restored: [RemovedTheme] = []
        let room = Limits.themesPerKind - (orderedThemes(kind: kind).count - emptied.count)
        for i in back.indices {
            guard let origin = back[i].to, themes[origin] == nil else { continue }
            if !restored.contains(where: { $0.id == origin }) {
                guard restored.count < room else { back[i].to = nil; continue }
                restored.append(removed[origin]!)
            }
        }
        // A theme notes leave or go back to gets back the title it had before the regrouping,
        // if that was rewritten since (the room saw it under that name; a new title would be
        // one nobody had seen). One the facilitator named since keeps their name, and one no
        // note of the undo touches keeps what it has: it holds what it held after the regrouping.
        var touched = Set<String>()
        for b in back { if let f = b.from { touched.insert(f) }; if let t = b.to { touched.insert(t) } }
        var given: [GroupingChange] = []
        // (Not a title another theme carries now: two columns would say the same.)
        let carried = Set(orderedThemes(kind: kind).map { $0.label.lowercased() })
        for title in lastRegroupTitles[kind] ?? [] where touched.contains(title.theme) && !emptied.contains(title.theme) {
            guard let t = themes[title.theme], !t.labelByHand, t.label != title.label,
                  !carried.contains(title.label.lowercased()) else { continue }
            given.append(.relabel(theme: title.theme, label: title.label))
        }
        if preview {
            // Each theme by the name it will carry after the undo (one the regrouping retitled
            // gets its old title back).
            var names: [String: String] = [:]
            for case let .relabel(theme, label) in given { names[theme] = label }
            d.reply = undoPreview(kind, back: back.map { ($0.note, $0.to) }, restored: restored, names: names,
                                  keptEmpty: keptEmpty, regrouped: moves.count)
            return d
        }
        // In their old order, so that each lands at its old place among the others.
        d.events += restored.sorted { $0.position < $1.position }.map { .themeRestored($0, kind: kind) }
        d.events += back.map { .noteMoved(note: $0.note, theme: $0.to, byHand: false) }
        if !emptied.isEmpty || !given.isEmpty {
            d.events.append(.grouped(kind: kind, changes: given + emptied.map { .removeTheme(id: $0) }))
        }
        d.events.append(.regroupUndone(kind: kind, released: released))
        d.reply = [("moved", .int(Int64(back.count)))]
        return d
    }
}

extension MeetingState {
    /// What an undo would do, for the console to ask first: how many notes go back, to which
    /// themes (by the names they will carry: one the facilitator renamed since shows their
    /// name, so they see where the notes would land; one the regrouping retitled, the title
    /// the undo gives back), and how many of the notes the regrouping moved stay (placed by
    /// hand since, moved on, or withdrawn).
    /// `keptEmpty`: themes the undo leaves empty but on the wall, as the room made them its own
    /// (a walk-through's renamed new column stayed behind, empty, without a word).
    func undoPreview(_ kind: NoteKind, back: [(note: String, to: String?)], restored: [RemovedTheme], names: [String: String],
                     keptEmpty: [String], regrouped: Int) -> [(String, JSONValue)] {
        var order: [String?] = []
        var counts: [String?: Int] = [:]
        for b in back {
            if counts[b.to] == nil { order.append(b.to) }
            counts[b.to, default: 0] += 1
        }
        let into: [JSONValue] = order.map { id in
            let label = id.flatMap { theme in names[theme] ?? themes[theme]?.label ?? restored.first(where: { $0.id == theme })?.label }
            return .object([("theme", id.map(JSONValue.string) ?? .null), ("label", label.map(JSONValue.string) ?? .null),
                            ("comesBack", .bool(id.map { themes[$0] == nil } ?? false)), ("notes", .int(Int64(counts[id] ?? 0)))])
        }
        let staysEmpty: [JSONValue] = keptEmpty.compactMap { id in themes[id].map { .string(names[id] ?? $0.label) } }
        return [("moved", .int(Int64(back.count))), ("into", .array(into)), ("stay", .int(Int64(max(0, regrouped - back.count)))),
                ("staysEmpty", .array(staysEmpty)), ("preview", .bool(true))]
    }
}
