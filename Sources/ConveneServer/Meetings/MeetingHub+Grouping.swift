import ConveneClustering
import ConveneCore
import ConveneGrouping
import ConveneLanguage
import Dispatch

/// Automatic grouping, as the hub drives it: vectors requested for notes and for the labels
/// the facilitator gives themes, notes queued for placing, placement jobs sent to the
/// clustering thread (one per wall at a time, after a short wait that gathers a burst), and
/// their results committed only if the wall they were computed on is still the wall.
extension MeetingHub {
    /// `writer`: the language of the phone the note was typed on, when known (a Spanish note
    /// typed without accents is read through its translation all the same).
    func requestVector(meeting: String, note: String, text: String, writer: Language? = nil) {
        if let embedding {
            embedding.submit(EmbeddingWorker.Job(meeting: meeting, target: .note(note), text: text, writer: writer))
        } else {
            inbox.post(.embedded(meeting: meeting, note: note, vector: LexicalVectors.vector(text, stem: stemmer.stem), reading: nil))
        }
    }

    /// A label the facilitator gave a theme is embedded too: while the theme is empty, the
    /// label's vector stands in for its centroid (see `WallTheme.seed`).
    func requestLabelVector(meeting: String, theme: String, label: String) {
        if let embedding {
            embedding.submit(EmbeddingWorker.Job(meeting: meeting, target: .themeLabel(theme), text: label))
        } else {
            inbox.post(.labelEmbedded(meeting: meeting, theme: theme, label: label,
                                      vector: LexicalVectors.vector(label, stem: stemmer.stem)))
        }
    }

    /// After a proposal is applied: the automatic themes it changed (`themes`) are titled
    /// again for what they now hold ("Export markets & welders" after the welders left), and
    /// a theme it opened that carries the title another theme was given while the proposal
    /// waited gets a new one. On the clustering thread, with the model, like every placement
    /// pass's titles (the loop must not spend the tens of milliseconds a theme that takes;
    /// only a split the facilitator asked for titles its one new theme there).
    /// `quiet`: asked after a correction by hand — the pass that writes them is no reason for
    /// the room's settling pass (an applied proposal's is).
    func retitle(_ live: LiveMeeting, kind: NoteKind, themes: Set<String>, quiet: Bool = false) {
        guard !live.recovering, !themes.isEmpty else { return }
        if !quiet { live.quietRetitle.remove(kind) } else if live.retitleWanted[kind] == nil { live.quietRetitle.insert(kind) }
        live.retitleWanted[kind, default: []].formUnion(themes)
        schedulePlacementSoon(live, kind: kind)
    }

    /// A note's vector arrived: queue the note for placing if it still waits for a place.
    func embedded(meeting: String, note: String, vector: [Float], reading: NoteReading?) {
        guard let live = meetings[meeting] else { return }
        live.vectors[note] = vector
        live.readings[note] = reading
        guard let n = live.speculative.notes[note], n.awaitsPlace else { return }
        if live.awaitingPlacement[n.kind]?.contains(note) != true { live.awaitingPlacement[n.kind, default: []].append(note) }
        schedulePlacementSoon(live, kind: n.kind)
    }

    /// Notes are placed after a short wait, so that the notes of a burst are placed in one
    /// pass (one `grouped` event for the screens, one relabelling) instead of one by one.
    static let placementWait = 0.3

    func schedulePlacementSoon(_ live: LiveMeeting, kind: NoteKind) {
        guard !live.placementTimers.contains(kind), !live.placing.contains(kind) else { return }
        live.placementTimers.insert(kind)
        let (inbox, meeting) = (self.inbox, live.id)
        // After failed saves (a full disk), wait longer each time: placing notes whose
        // events cannot be saved only to fail again would keep a core busy for nothing.
        let wait = live.storageFailures == 0 ? Self.placementWait : min(30, Double(1 << min(live.storageFailures, 5)))
        DispatchQueue.global().asyncAfter(deadline: .now() + wait) {
            inbox.post(.placementDue(meeting: meeting, kind: kind))
        }
    }

    func placementDue(meeting: String, kind: NoteKind) {
        guard let live = meetings[meeting] else { return }
        live.placementTimers.remove(kind)
        schedulePlacement(live, kind: kind)
    }

    /// Sends the waiting notes of a kind to the clustering thread, unless a job for that
    /// wall is already there (its answer schedules the next).
    func schedulePlacement(_ live: LiveMeeting, kind: NoteKind) {
        guard !live.recovering, !live.placing.contains(kind) else { return }
        let state = live.speculative
        // Once each, in order: a note can be queued again while a job holds it (an edit
        // brings a new vector; a failed save re-queues what the log has).
        var seen = Set<String>()
        let waiting = (live.awaitingPlacement[kind] ?? []).filter { id in
            state.notes[id]?.awaitsPlace == true && live.vectors[id] != nil && seen.insert(id).inserted
        }
        let batch = Array(waiting.prefix(Self.placementBatch))
        live.awaitingPlacement[kind] = Array(waiting.dropFirst(batch.count))
        let retitle = live.retitleWanted.removeValue(forKey: kind) ?? []
        let quiet = live.quietRetitle.remove(kind) != nil
        // A pass with notes supersedes a settling one (it regroups the wall anyway).
        let settling = live.settling.remove(kind) != nil && batch.isEmpty
        let roomPaused = live.roomPaused.remove(kind) != nil
        // (Only while they still read as the facilitator accepted them; the others are forgotten.)
        live.acceptedTitles[kind] = live.acceptedTitles[kind]?.filter { state.themes[$0.key]?.label == $0.value }
        let accepted = Set((live.acceptedTitles[kind] ?? [:]).keys)
        guard !batch.isEmpty || !retitle.isEmpty || settling else { return }
        let (base, arriving) = WallClustering.placementJob(notes: batch, kind: kind, in: state, live: live)
        live.placing.insert(kind)
        if quiet && batch.isEmpty && !settling { live.quietJob.insert(kind) } else { live.quietJob.remove(kind) }
        clustering.submit(ClusteringWorker.Job(meeting: live.id, kind: kind, version: live.wallVersion[kind] ?? 0,
                                               base: base, arriving: arriving, nextNumber: state.nextNumber,
                                               targetThemes: state.settings.targetThemes, retitle: retitle,
                                               confirming: live.wantedMoves[kind] ?? WantedMoves(), settling: settling,
                                               titlesAtPause: roomPaused, acceptedTitles: accepted))
    }

    /// Most notes placed by one job: a backlog after a burst is placed in steps, and each
    /// step's events reach the screens before the next is computed.
    static let placementBatch = 64

    /// Passes thrown away in a row before the loop keeps what still holds of the next one:
    /// a wall the facilitator and the room keep changing must not starve new notes.
    static let rejectionsBeforeSalvage = 2

    /// The clustering thread placed some notes: commit its decisions if the wall they were
    /// computed on is still the wall, else place the notes again on the wall as it is now.
    func placed(_ result: ClusteringWorker.Result) {
        guard let live = meetings[result.meeting] else { return }
        let kind = result.kind
        live.placing.remove(kind)
        let quiet = live.quietJob.remove(kind) != nil
        var pass = WallPlacement.Pass()
        var placedNotes = Set(result.notes)
        let current = !live.recovering && live.wallVersion[kind] ?? 0 == result.version
        // Titles asked for on a wall that has changed since: ask again, on the wall as it is.
        if !current && !live.recovering && !result.retitle.isEmpty {
            if quiet && live.retitleWanted[kind] == nil { live.quietRetitle.insert(kind) }
            live.retitleWanted[kind, default: []].formUnion(result.retitle)
        }
        if live.recovering {
            placedNotes = []
        } else if current {
            pass = result.pass
            if result.settled {
                // The debt is paid, on the wall as it is; a preview the facilitator asked for
                // meanwhile must not change under their hand.
                live.settleOwed[kind] = nil
                if live.speculative.requestStands(kind) { pass = WallPlacement.Pass() }
            }
            // What this regrouping wanted, for the next to confirm (not kept across a restart:
            // the first regrouping after one proposes nothing of seen notes, the second does).
            if let wanted = pass.wanted { live.wantedMoves[kind] = wanted }
        } else if live.placementRejections[kind, default: 0] >= Self.rejectionsBeforeSalvage {
            // A proposal computed on another wall is dropped with the rest.
            (pass.changes, placedNotes) = WallPlacement.salvage(result.pass.changes, arriving: result.notes,
                                                                 in: live.speculative, kind: kind)
        } else {
            live.placementRejections[kind, default: 0] += 1
            placedNotes = []
        }
        // A sign-up does not change the wall the pass was computed on, so a theme the room
        // made its own meanwhile (a champion signed up on the area the facilitator had just
        // emptied) may be in the pass as emptied: it stays, with the names on it.
        pass.changes.removeAll { change in
            if case let .removeTheme(id) = change { return live.speculative.keepsWhenEmpty(id) }
            return false
        }
        if !placedNotes.isEmpty { live.placementRejections[kind] = 0 }
        let unplaced = result.notes.filter { !placedNotes.contains($0) }
        live.awaitingPlacement[kind] = unplaced + (live.awaitingPlacement[kind] ?? [])
        let numbered = WallPlacement.renumbered(pass, from: live.speculative.nextNumber)
        var events: [MeetingEvent] = []
        if !numbered.changes.isEmpty { events.append(.grouped(kind: kind, changes: numbered.changes)) }
        // A proposal the facilitator asked for stands until they apply or dismiss it. Once the
        // room is no longer posting to this wall (its phase is over), the grouping offers no
        // proposal of its own: the facilitator asks for one if they want it.
        var offering = numbered
        if !live.speculative.groupingProposes(for: kind) { offering.proposal = nil }
        if !live.speculative.requestStands(kind) {
            events += WallPlacement.proposalEvents(kind: kind, pass: offering, standing: live.speculative.proposals[kind])
        }
        if !events.isEmpty { commit(events, to: live) }
        if !(live.awaitingPlacement[kind] ?? []).isEmpty || live.retitleWanted[kind] != nil {
            schedulePlacementSoon(live, kind: kind)
        } else if current && !result.settled && !quiet, !live.speculative.requestStands(kind), live.speculative.groupingProposes(for: kind),
                  !result.notes.isEmpty || wantsMovesNotOffered(live, kind: kind) {
            // When the room pauses, the wall is regrouped as it is then, everything it would
            // change is offered, and every automatic title is written afresh for what its
            // theme now holds (while notes arrive, titles change only when wrong or outgrown).
            // (After a pass with no note: only if the last regrouping wanted moves the console
            // does not offer — the facilitator has just applied the part that was.)
            scheduleSettle(live, kind: kind)
        }
    }

    /// True when the last regrouping of the wall wanted moves the standing proposal does not hold.
    func wantsMovesNotOffered(_ live: LiveMeeting, kind: NoteKind) -> Bool {
        guard let wanted = live.wantedMoves[kind] else { return false }
        return !Set(wanted.targets.keys).isSubset(of: (live.speculative.proposals[kind]?.moves ?? []).map(\.note))
    }

    /// How long the room must post nothing before the wall settles: notes in a launch meeting
    /// come seconds apart while people write; a pause this long is the room done for now.
    static let settleWait = 15.0

    /// The wall owes a settling pass once left alone `wait` seconds (the room's longer pause
    /// wins when both the room's and the facilitator's are owed: people are still writing).
    func scheduleSettle(_ live: LiveMeeting, kind: NoteKind, after wait: Double = settleWait) {
        live.settleOwed[kind] = max(wait, live.settleOwed[kind] ?? wait)
        armSettle(live, kind: kind)
    }

    /// Starts the wait for an owed settle from the wall as it is now; `commit` calls it again
    /// whenever the wall changes, so the wait always runs from the last change.
    func armSettle(_ live: LiveMeeting, kind: NoteKind, after wait: Double? = nil) {
        guard let owed = live.settleOwed[kind] else { return }
        let (inbox, meeting, version) = (self.inbox, live.id, live.wallVersion[kind] ?? 0)
        DispatchQueue.global().asyncAfter(deadline: .now() + (wait ?? owed)) {
            inbox.post(.settleDue(meeting: meeting, kind: kind, version: version))
        }
    }

    /// Settles the wall if nothing changed it since the wait began (a change began a new one).
    func settleDue(meeting: String, kind: NoteKind, version: Int) {
        guard let live = meetings[meeting], !live.recovering, live.wallVersion[kind] ?? 0 == version,
              live.settleOwed[kind] != nil else { return }
        // A preview the facilitator asked for must not change under their hand: no settle.
        if live.speculative.requestStands(kind) {
            live.settleOwed[kind] = nil
            return
        }
        // A pass is being computed: look again just after it (its commit, if any, re-arms).
        if live.placing.contains(kind) {
            armSettle(live, kind: kind, after: 1)
            return
        }
        live.settling.insert(kind)
        // The room's longer wait was owed (people had been writing), not only the facilitator's.
        if (live.settleOwed[kind] ?? 0) >= Self.settleWait { live.roomPaused.insert(kind) }
        schedulePlacement(live, kind: kind)
    }

    /// The kind of wall an event changes, if it changes one.
    func wallKind(of event: MeetingEvent, in state: MeetingState) -> NoteKind? {
        switch event {
        case let .noteEdited(note, _), let .noteWithdrawn(note), let .noteHidden(note, _), let .noteMoved(note, _, _):
            return state.notes[note]?.kind
        case let .themeCreated(_, kind, _, _), let .themeRestored(_, kind), let .regroupRecorded(kind, _, _, _, _), let .regroupUndone(kind, _), let .mergeUndone(kind, _, _),
             let .grouped(kind, _):
            return kind
        case let .proposalResolved(kind, applied, superseded) where !applied && !superseded:
            // A dismissal holds notes in place: a pass computed before it would offer them again.
            return kind
        case let .proposalMovesDismissed(kind, _, _, _):
            // So does "Leave out" (an unsorted note left out is held in Unsorted): a pass
            // computed before it could file the note where the facilitator just said no to.
            return kind
        case let .themeRenamed(theme, _, _), let .themesMerged(_, theme), let .themeSplit(theme, _, _, _), let .themeLocked(theme, _),
             let .themeDeleted(theme):
            return state.themes[theme]?.kind
        default:
            return nil
        }
    }
}
