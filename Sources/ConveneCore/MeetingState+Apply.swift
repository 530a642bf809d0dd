/// The fold: how each event changes the state. Events were validated before they were
/// stored, so applying never fails; it only has to be exactly repeatable on replay.
extension MeetingState {
    /// Builds a meeting from its log, whose first event must be `meetingCreated`.
    public static func replay(_ events: [StoredEvent]) -> MeetingState? {
        guard let first = events.first, case let .meetingCreated(info, settings) = first.event else { return nil }
        var state = MeetingState(info: info, createdAt: first.at)
        state.settings = settings
        state.seq = first.seq
        for e in events.dropFirst() { state.apply(e) }
        return state
    }

    /// Notes a later hand has placed are the facilitator's for good: no longer the last
    /// split's to free on undo, nor the last merge's.
    private mutating func placedByHandSince(_ placed: [String]) {
        for kind in lastRegroupPinned.keys { lastRegroupPinned[kind]?.subtract(placed) }
        for kind in lastMerge.keys { lastMerge[kind]?.unpinned.subtract(placed) }
    }

    public mutating func apply(_ stored: StoredEvent) {
        seq = stored.seq
        let at = stored.at
        switch stored.event {
        case let .meetingCreated(info, settings), let .meetingUpdated(info, settings):
            self.info = info
            self.settings = settings
        case let .participantJoined(p):
            if participants[p.id] == nil { participantOrder.append(p.id) }
            var p = p
            p.joinedAt = at
            participants[p.id] = p
            nextNumber += 1
        case let .phaseChanged(phase):
            self.phase = phase
            phaseStartedAt = at
            spotlight = nil
            joinOnWall = false
        case let .notePosted(id, kind, text, author, scribed):
            notes[id] = Note(id: id, kind: kind, text: text, author: author, scribed: scribed, theme: nil,
                             postedAt: at, seq: stored.seq)
            noteOrder.append(id)
        case let .noteEdited(note, text):
            notes[note]?.text = text
            notes[note]?.editCount += 1
            notes[note]?.edited = true
        case let .noteWithdrawn(note):
            keptByDismissal[note] = nil
            heldUnsorted.remove(note)
            notes[note]?.withdrawn = true
            notes[note]?.theme = nil
        case let .noteHidden(note, hidden):
            notes[note]?.hidden = hidden
        case let .themeCreated(id, kind, label, byHand):
            themes[id] = Theme(id: id, kind: kind, label: label, labelByHand: byHand, createdAt: at)
            themeOrder.append(id)
            nextNumber += 1
        case let .themeRenamed(theme, label, byHand):
            themes[theme]?.label = label
            if byHand { themes[theme]?.labelByHand = true }
        case let .grouped(kind, changes):
            for change in changes {
                switch change {
                case let .createTheme(id, label):
                    apply(StoredEvent(meeting: stored.meeting, seq: stored.seq, at: at, event: .themeCreated(id: id, kind: kind, label: label, byHand: false)))
                case let .move(note, theme):
                    apply(StoredEvent(meeting: stored.meeting, seq: stored.seq, at: at, event: .noteMoved(note: note, theme: theme, byHand: false)))
                case let .relabel(theme, label):
                    apply(StoredEvent(meeting: stored.meeting, seq: stored.seq, at: at, event: .themeRenamed(theme: theme, label: label, byHand: false)))
                case let .removeTheme(id):
                    removeTheme(id)
                }
            }
        case let .noteMoved(note, theme, byHand):
            if theme != nil { heldUnsorted.remove(note) }
            if byHand, let old = notes[note]?.theme, old != theme, notes[note]?.movedOutOf.contains(old) == false {
                notes[note]?.movedOutOf.append(old)
            }
            if byHand {
                // Put back by hand into a theme it was moved out of: it belongs there after all.
                if let theme { notes[note]?.movedOutOf.removeAll { $0 == theme } }
                placedByHandSince([note])
            }
            if notes[note]?.theme != theme { keptByDismissal[note] = nil }   // kept where it was, no longer there
            forgetTitleBeforeRegroup(ifJoining: theme, note: note)
            notes[note]?.theme = theme
            notes[note]?.placed = true
            if byHand { notes[note]?.placedByHand = true }
        case let .themesMerged(from, into):
            let record = mergeRecord(from: from, into: into)
            // The facilitator grouped these notes: the clustering must not pull them apart.
            let grouped = noteOrder.filter { notes[$0]?.theme == from || notes[$0]?.theme == into }
            for id in grouped {
                notes[id]?.theme = into
                notes[id]?.placedByHand = true
                notes[id]?.movedOutOf.removeAll { $0 == into }
            }
            placedByHandSince(grouped)
            // Champions of the merged area now champion the area it joined (once each).
            for c in champions where c.theme == from {
                let moved = ChampionSignup(participant: c.participant, theme: into)
                if !champions.contains(moved) { champions.append(moved) }
            }
            champions.removeAll { $0.theme == from }
            for id in nominationOrder where nominations[id]?.theme == from { nominations[id]?.theme = into }
            themes[from] = nil
            themeOrder.removeAll { $0 == from }
            if spotlight == from { spotlight = into }
            if let record { lastMerge[record.theme.kind] = record }
        case let .mergeUndone(kind, _, released):
            applyMergeUndone(kind: kind, released: released)
        case let .themeSplit(theme, newTheme, label, moved):
            guard let old = themes[theme] else { break }
            themes[newTheme] = Theme(id: newTheme, kind: old.kind, label: label, labelByHand: true, createdAt: at)
            if let i = themeOrder.firstIndex(of: theme) { themeOrder.insert(newTheme, at: i + 1) } else { themeOrder.append(newTheme) }
            // As if moved by hand: the theme they left is one they were taken out of (a
            // counter-example of it, and the two are not offered for merging back).
            for id in moved {
                if notes[id]?.movedOutOf.contains(theme) == false { notes[id]?.movedOutOf.append(theme) }
                keptByDismissal[id] = nil
                notes[id]?.theme = newTheme
                notes[id]?.placedByHand = true
            }
            for id in noteOrder where notes[id]?.theme == theme { notes[id]?.placedByHand = true }
            placedByHandSince(moved + noteOrder.filter { notes[$0]?.theme == theme })
            nextNumber += 1
        case let .themeLocked(theme, locked):
            themes[theme]?.locked = locked
        case let .participantsMerged(from, into):
            guard let old = participants[from], participants[into] != nil else { break }
            for id in noteOrder where notes[id]?.author == from { notes[id]?.author = into }
            var kept: [ChampionSignup] = []
            for c in champions {
                let moved = c.participant == from ? ChampionSignup(participant: into, theme: c.theme) : c
                if !kept.contains(moved) { kept.append(moved) }
            }
            champions = kept
            for id in nominationOrder where nominations[id]?.nominatedBy == from { nominations[id]?.nominatedBy = into }
            // The surviving record keeps its own e-mail; it takes the other's if it has none.
            if participants[into]?.email == nil, let email = old.email {
                participants[into]?.email = email
                participants[into]?.consent = old.consent
            }
            if participants[into]?.language == nil { participants[into]?.language = old.language }
            mergedTokens[old.resumeToken] = into
            mergedParticipants[from] = into
            for (merged, target) in mergedParticipants where target == from { mergedParticipants[merged] = into }
            for (token, target) in mergedTokens where target == from { mergedTokens[token] = into }
            participants[from] = nil
            participantOrder.removeAll { $0 == from }
        case let .participantRemoved(pid, keepNotes):
            guard let p = participants[pid] else { break }
            for id in noteOrder where notes[id]?.author == pid {
                if keepNotes {
                    notes[id]?.author = nil
                    notes[id]?.scribed = Scribed(name: p.name, organization: p.organization, role: p.role)
                } else {
                    notes[id]?.withdrawn = true
                }
            }
            champions.removeAll { $0.participant == pid }
            participants[pid] = nil
            participantOrder.removeAll { $0 == pid }
        case let .participantRenamed(pid, name, organization):
            participants[pid]?.name = name
            participants[pid]?.organization = organization
        case let .themeDeleted(theme):
            removeTheme(theme)
        case let .joinShown(shown):
            joinOnWall = shown
        case let .spotlightSet(theme):
            spotlight = theme.flatMap { themes[$0] == nil ? nil : $0 }
        case let .championSigned(participant, theme):
            let s = ChampionSignup(participant: participant, theme: theme)
            if !champions.contains(s) { champions.append(s) }
        case let .championWithdrawn(participant, theme):
            champions.removeAll { $0.participant == participant && $0.theme == theme }
        case let .nominated(n):
            if nominations[n.id] == nil { nominationOrder.append(n.id) }
            var n = n
            n.seq = stored.seq
            nominations[n.id] = n
        case let .nominationWithdrawn(id):
            nominations[id] = nil
            nominationOrder.removeAll { $0 == id }
        case let .nextStepsSet(steps):
            nextSteps = steps
        case let .proposalOffered(kind, proposal):
            proposals[kind] = proposal.offered(at: stored.seq)
        case let .proposalResolved(kind, applied, superseded):
            // Dismissed by the facilitator: the notes it would have moved out of a theme stay
            // where they are (unsorted notes are not held: they may still join a theme).
            if !applied && !superseded, let dismissed = proposals[kind] {
                for move in dismissed.moves {
                    if let from = move.from, notes[move.note]?.theme == from { keptByDismissal[move.note] = from }
                }
            }
            proposals[kind] = nil
        case let .proposalMovesDismissed(kind, left, titles, holding):
            dismissMoves(of: kind, notes: Set(left), holding: holding)
            retitleProposal(of: kind, titles)
        case let .regroupRecorded(kind, moves, byHand, removed, titles):
            // Recorded after its moves, so the split's own moves by hand do not count as later ones.
            lastRegroup[kind] = moves
            lastRegroupPinned[kind] = byHand ? Set(moves.map(\.note)) : nil
            lastRegroupRemoved[kind] = removed.isEmpty ? nil : removed
            lastRegroupTitles[kind] = titles.isEmpty ? nil : titles
        case let .themeRestored(theme, kind):
            // Its id was given out once already: the next new theme's number stays as it is.
            guard themes[theme.id] == nil else { break }
            themes[theme.id] = Theme(id: theme.id, kind: kind, label: theme.label, labelByHand: false, createdAt: at)
            if let after = theme.after, let i = themeOrder.firstIndex(of: after) {
                themeOrder.insert(theme.id, at: i + 1)
            } else {
                themeOrder.insert(theme.id, at: min(max(0, theme.position), themeOrder.count))
            }
        case let .regroupUndone(kind, released):
            // Undo says no to the regrouping's moves, as a dismissal does: a note back in the
            // theme it came from is not proposed to move again while it stays there (a
            // walk-through's next proposal offered the undone one again). Unsorted notes are
            // not held, as after a dismissal: they may still join a theme.
            for move in lastRegroup[kind] ?? [] {
                if let from = move.from, notes[move.note]?.theme == from { keptByDismissal[move.note] = from }
            }
            // Back where it came from, a note of the undone split is the grouping's again.
            for id in released {
                let home = notes[id]?.theme
                notes[id]?.placedByHand = false
                notes[id]?.movedOutOf.removeAll { $0 == home }
            }
            lastRegroup[kind] = nil
            lastRegroupPinned[kind] = nil
            lastRegroupRemoved[kind] = nil
            lastRegroupTitles[kind] = nil
        case let .summarySendStarted(send, recipients, appendix):
            mailings.append(Mailing(id: send, recipients: recipients,
                                    outcomes: Dictionary(recipients.map { ($0, .pending) }, uniquingKeysWith: { a, _ in a }), startedAt: at,
                                    appendix: appendix))
        case let .openingSet(text):
            summaryOpening = text
        case let .synthesisSet(theme, text):
            themes[theme]?.synthesis = text
        case let .noteCorrected(note, text):
            notes[note]?.correctedText = text
        case let .summaryDelivered(send, email):
            if let i = mailings.firstIndex(where: { $0.id == send }) { mailings[i].outcomes[email] = .delivered }
            deliveredEmails.insert(email.lowercased())
        case let .summaryFailed(send, email, reason):
            if let i = mailings.firstIndex(where: { $0.id == send }) { mailings[i].outcomes[email] = .failed(reason) }
        }
    }

    /// An automatic theme leaves the wall (it holds no note by then; any left go unsorted).
    mutating func removeTheme(_ id: String) {
        guard themes[id] != nil else { return }
        for n in noteOrder where notes[n]?.theme == id { notes[n]?.theme = nil }
        champions.removeAll { $0.theme == id }
        for n in nominationOrder where nominations[n]?.theme == id { nominations[n]?.theme = nil }
        themes[id] = nil
        themeOrder.removeAll { $0 == id }
        if spotlight == id { spotlight = nil }
    }
}
