import ConveneClustering
@testable import ConveneCore
@testable import ConveneGrouping
import XCTest

/// The placement pass as the server runs it, on a real meeting state: decisions become
/// events, proposals are recorded for the console, and applying one is one undoable step.
final class WallPlacementTests: XCTestCase {
    func state(notes texts: [String]) -> MeetingState {
        let created = try! MeetingFactory.created(id: "m", title: "T", industry: "I", region: "R", date: nil, place: nil, chairs: [],
                                                  joinCode: "ABC234", facilitatorKey: "k", at: 0)
        var s = MeetingState.replay([created])!
        var seq: Int64 = 1
        for (i, t) in texts.enumerated() {
            seq += 1
            s.apply(StoredEvent(meeting: "m", seq: seq, at: seq, event: .notePosted(id: "n\(i)", kind: .opportunity, text: t, author: nil, scribed: nil)))
        }
        return s
    }

    /// The events `state(notes:)` applies, as a log.
    func stateLog(notes texts: [String]) -> [StoredEvent] {
        let created = try! MeetingFactory.created(id: "m", title: "T", industry: "I", region: "R", date: nil, place: nil, chairs: [],
                                                  joinCode: "ABC234", facilitatorKey: "k", at: 0)
        return [created] + texts.enumerated().map { i, t in
            StoredEvent(meeting: "m", seq: Int64(i + 2), at: Int64(i + 2),
                        event: .notePosted(id: "n\(i)", kind: .opportunity, text: t, author: nil, scribed: nil))
        }
    }

    func vectors(_ count: Int, themes: Int) -> [String: [Float]] {
        var out: [String: [Float]] = [:]
        var seed: UInt64 = 3
        func rnd() -> Float { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Float(seed >> 40) / Float(1 << 24) - 0.5 }
        for i in 0..<count {
            var v = [Float](repeating: 0, count: 16); v[15] = 2; v[i % themes] += 1
            for d in 0..<16 { v[d] += 0.4 * rnd() }
            let n = v.map { $0 * $0 }.reduce(0, +).squareRoot()
            out["n\(i)"] = v.map { $0 / n }
        }
        return out
    }

    func testTheServersEngineCarriesTheMeetingsTargetAndTheTitlersWords() {
        let engine = WallPlacement.engine(targetThemes: 4, phrases: nil, lexicon: TitleLexicon(["indoor"]))
        XCTAssertEqual(engine.targetThemes, 4)
        XCTAssertEqual(engine.lexicon?.isOnlyAdjective("indoor"), true, "titles on the server know WordNet's adjectives")
    }

    func testAPassBecomesEventsThatReplayToTheSameWall() {
        let texts = (0..<18).map { "note number \($0)" }
        var s = state(notes: texts)
        let vs = vectors(18, themes: 3)
        let wall = WallPlacement.wall(of: s, kind: .opportunity, vectors: vs, words: { NoteWords($0.text) }, labelVector: { _ in nil })
        let arriving = wall.notes
        let pass = WallPlacement.place(arriving: arriving, onto: Wall(themes: wall.themes), nextNumber: s.nextNumber,
                                       engine: MeetingGrouping())
        let changes = WallPlacement.renumbered(pass.changes, from: s.nextNumber)
        s.apply(StoredEvent(meeting: "m", seq: 100, at: 100, event: .grouped(kind: .opportunity, changes: changes)))
        XCTAssertTrue(s.notes.values.allSatisfy(\.placed), "every note has a decision, unsorted included")
        let themes = Set(s.notes.values.compactMap(\.theme))
        XCTAssertGreaterThanOrEqual(themes.count, 2)
        XCTAssertEqual(themes, Set(s.themeOrder), "no empty automatic theme")
        for id in s.themeOrder { XCTAssertFalse(s.themes[id]!.label.isEmpty) }
    }

    func testABurstOfNotesOfANewStrandOpensItsThemeWhileSeenNotesWaitForTheFacilitator() throws {
        // "t1" holds its own strand (even notes) and three notes of another (n1, n3, n5) that
        // people have seen there; a burst of four more of that strand arrives. They are on
        // nobody's screen yet: they open their own theme in this pass, and n1, n3, n5 are
        // only proposed to join it.
        let texts = (0..<16).map { "note \($0)" }
        var s = state(notes: texts)
        var seq: Int64 = 50
        func apply(_ events: [MeetingEvent]) { for e in events { seq += 1; s.apply(StoredEvent(meeting: "m", seq: seq, at: seq, event: e)) } }
        let seen = ["n1", "n3", "n5"] + stride(from: 0, to: 16, by: 2).map { "n\($0)" }
        let burst = ["n7", "n9", "n11", "n13"]
        apply([.themeCreated(id: "t1", kind: .opportunity, label: "All", byHand: false)])
        apply(seen.map { .noteMoved(note: $0, theme: "t1", byHand: false) })
        apply(["n15"].map { .noteMoved(note: $0, theme: nil, byHand: false) })
        let vs = vectors(16, themes: 2)
        let wall = WallPlacement.wall(of: s, kind: .opportunity, vectors: vs, words: { NoteWords($0.text) }, labelVector: { _ in nil })
        var base = wall
        base.notes.removeAll { burst.contains($0.id) }
        // An arrival rule that puts every note in the closest theme, even "t1": the pass's
        // regrouping must still be free to take the burst out of it.
        var engine = MeetingGrouping(targetThemes: 2)
        engine.placeThreshold = -1
        engine.catchAllShare = 1
        // The pass before (at the last note of `base`) wanted the strand's seen notes out of t1 too.
        let before = engine.regroup(base, confirming: WantedMoves()) { "x" }
        let pass = WallPlacement.renumbered(
            WallPlacement.place(arriving: wall.notes.filter { burst.contains($0.id) }, onto: base, nextNumber: s.nextNumber, engine: engine,
                                confirming: try XCTUnwrap(before.wanted)),
            from: s.nextNumber)
        XCTAssertTrue(pass.changes.contains(.move(note: "n7", theme: "t1")), "the arrival rule put the first of the burst in t1")
        apply([.grouped(kind: .opportunity, changes: pass.changes)])
        let opened = try XCTUnwrap(s.notes["n7"]?.theme)
        XCTAssertNotEqual(opened, "t1", "the burst opens a theme of its own")
        for note in burst { XCTAssertEqual(s.notes[note]?.theme, opened) }
        for note in seen { XCTAssertEqual(s.notes[note]?.theme, "t1", "a seen note moved without the facilitator") }
        let proposal = try XCTUnwrap(pass.proposal)
        XCTAssertEqual(Set(proposal.moves.map(\.note)), ["n1", "n3", "n5"])
        XCTAssertTrue(proposal.moves.allSatisfy { $0.to == opened }, "the proposal names the opened theme by its real id")
        apply([.proposalOffered(kind: .opportunity, proposal: proposal)])
        apply(try s.decide(.applyProposal(kind: .opportunity), by: .facilitator, newSecret: "").events)
        for note in ["n1", "n3", "n5"] { XCTAssertEqual(s.notes[note]?.theme, opened) }
    }

    func testAPassWithNoNoteTitlesAgainTheThemesItIsAskedTo() {
        // After a proposal took the welders out of "Exports & welders", the loop asks for that
        // theme's title again: a pass with no arriving note gives it, and nothing else.
        let texts = ["selling parts overseas", "export markets in Canada", "export paperwork and tariffs", "trade shows abroad"]
        var wall = Wall(themes: [WallTheme(id: "t1", label: "Exports & welders"), WallTheme(id: "t2", label: "Welders wanted")])
        let vs = vectors(4, themes: 1)
        for (i, t) in texts.enumerated() { wall.notes.append(WallNote(id: "n\(i)", vector: vs["n\(i)"]!, text: t, theme: "t1")) }
        wall.notes.append(WallNote(id: "n9", vector: vs["n0"]!, text: "welders wanted", theme: "t2"))
        let pass = WallPlacement.place(arriving: [], onto: wall, nextNumber: 10, engine: MeetingGrouping(), retitling: ["t1"])
        XCTAssertNil(pass.proposal)
        let relabels = pass.changes.compactMap { if case let .relabel(theme, label) = $0 { return (theme, label) }; return nil }
        XCTAssertEqual(relabels.map(\.0), ["t1"], "\(pass.changes)")
        XCTAssertFalse(relabels[0].1.lowercased().contains("welders"), relabels[0].1)
        XCTAssertTrue(pass.changes.allSatisfy { if case .relabel = $0 { return true }; return false })
    }

    func testAnAppliedProposalIsOneUndoableStepAndADismissedOneChangesNothing() throws {
        let texts = (0..<12).map { "note \($0)" }
        var s = state(notes: texts)
        var seq: Int64 = 50
        func apply(_ events: [MeetingEvent]) { for e in events { seq += 1; s.apply(StoredEvent(meeting: "m", seq: seq, at: seq, event: e)) } }
        apply([.themeCreated(id: "t1", kind: .opportunity, label: "All", byHand: false)])
        apply(texts.indices.map { .noteMoved(note: "n\($0)", theme: "t1", byHand: false) })
        let proposal = ThemeProposal(newThemes: [.init(id: "p1", label: "Second")],
                                     moves: (0..<6).map { RegroupMove(note: "n\($0)", from: "t1", to: "p1") }, removedThemes: [])
        apply([.proposalOffered(kind: .opportunity, proposal: proposal)])
        let before = s.notes.mapValues(\.theme)
        // Dismissed: nothing moves, and it cannot be applied afterwards.
        var dismissed = s
        let d = try dismissed.decide(.dismissProposal(kind: .opportunity), by: .facilitator, newSecret: "")
        for e in d.events { seq += 1; dismissed.apply(StoredEvent(meeting: "m", seq: seq, at: seq, event: e)) }
        XCTAssertEqual(dismissed.notes.mapValues(\.theme), before)
        XCTAssertThrowsError(try dismissed.decide(.applyProposal(kind: .opportunity), by: .facilitator, newSecret: ""))
        // A participant cannot apply it.
        XCTAssertThrowsError(try s.decide(.applyProposal(kind: .opportunity), by: .participant("p"), newSecret: ""))
        // Applied: six notes move to a new theme; undo puts them back.
        let applied = try s.decide(.applyProposal(kind: .opportunity), by: .facilitator, newSecret: "")
        apply(applied.events)
        XCTAssertEqual(s.notes.values.filter { $0.theme != "t1" }.count, 6)
        XCTAssertNil(s.proposals[.opportunity])
        let undo = try s.decide(.undoRegroup(kind: .opportunity), by: .facilitator, newSecret: "")
        apply(undo.events)
        XCTAssertEqual(s.notes.mapValues(\.theme), before)
    }

    func testAProposalTheNextRegroupingNoLongerWantsLeavesTheConsole() throws {
        // Two clear groups in one automatic theme: two regroupings in a row want them split.
        let texts = (0..<12).map { "note \($0)" }
        var s = state(notes: texts)
        func apply(_ events: [MeetingEvent]) {
            for e in events { s.apply(StoredEvent(meeting: "m", seq: s.seq + 1, at: s.seq + 1, event: e)) }
        }
        apply([.themeCreated(id: "t1", kind: .opportunity, label: "All", byHand: false)])
        apply(texts.indices.map { .noteMoved(note: "n\($0)", theme: "t1", byHand: false) })
        let vs = vectors(12, themes: 2)
        let wall = WallPlacement.wall(of: s, kind: .opportunity, vectors: vs, words: { NoteWords($0.text) }, labelVector: { _ in nil })
        let engine = MeetingGrouping()
        let first = WallPlacement.place(arriving: [], onto: wall, nextNumber: 5, engine: engine, settling: true)
        XCTAssertNotNil(first.proposal, "the room paused: the whole regrouping is offered")
        let offered = WallPlacement.proposalEvents(kind: .opportunity, pass: first, standing: nil)
        guard case .proposalOffered = offered.first else { return XCTFail("\(offered)") }
        apply(offered)
        // The same regrouping again (the room still paused) offers nothing new: the console
        // names the proposal it shows, and a new offer of the same would refuse its Apply.
        XCTAssertEqual(WallPlacement.proposalEvents(kind: .opportunity, pass: first, standing: s.proposals[.opportunity]), [])
        // A later pass regrouped the wall and wants none of it any more: the standing proposal goes.
        let later = WallPlacement.Pass(changes: [], proposal: nil, wanted: WantedMoves())
        let withdrawn = WallPlacement.proposalEvents(kind: .opportunity, pass: later, standing: s.proposals[.opportunity])
        XCTAssertEqual(withdrawn, [.proposalResolved(kind: .opportunity, applied: false, supersededByRegroup: true)])
        apply(withdrawn)
        XCTAssertNil(s.proposals[.opportunity], "no stale proposal left on the console")
        XCTAssertTrue(s.keptByDismissal.isEmpty, "a withdrawal is no dismissal: the notes may still be proposed")
        // A pass that did not regroup (a note placed between checkpoints) leaves the proposal be.
        apply(offered)
        XCTAssertEqual(WallPlacement.proposalEvents(kind: .opportunity, pass: WallPlacement.Pass(), standing: s.proposals[.opportunity]), [])
    }

    func testNotesLeftInAThemeTheFacilitatorNamedAreNotProposedElsewhere() throws {
        // A walk-through's facilitator renamed every column and moved the notes they disagreed
        // with; once the room was quiet, a proposal offered to move six of the rest, all wrongly.
        let lumped = lumpedWall()
        let engine = MeetingGrouping()
        XCTAssertNotNil(WallPlacement.place(arriving: [], onto: lumped.wall(), nextNumber: 5, engine: engine, settling: true).proposal,
                        "an automatic theme of two clear groups: the room's pause offers to split it")
        lumped.apply([.themeRenamed(theme: "t1", label: "Drones and everything else", byHand: true)])
        // Named by the facilitator, with its notes left in it: the room's pause offers no move.
        XCTAssertNil(WallPlacement.place(arriving: [], onto: lumped.wall(), nextNumber: 5, engine: engine, settling: true).proposal)
        // The facilitator's own "Regroup" still looks at them afresh.
        XCTAssertNotNil(WallPlacement.regroupProposal(wall: lumped.wall(), engine: engine))
    }

    func testTheRoomsPauseLeavesATitleTheFacilitatorAcceptedByApplyingItsProposal() {
        // A walk-through's "Storm drills & procurement" was retitled 15 s after Apply.
        let texts = ["welders for the yard", "certified welders wanted", "welding school for welders", "welders retiring soon"]
        func pause(label: String, accepted: Set<String>) -> [String] {
            var s = state(notes: texts)
            func apply(_ events: [MeetingEvent]) {
                for e in events { s.apply(StoredEvent(meeting: "m", seq: s.seq + 1, at: s.seq + 1, event: e)) }
            }
            apply([.themeCreated(id: "t1", kind: .opportunity, label: label, byHand: false)])
            apply(texts.indices.map { .noteMoved(note: "n\($0)", theme: "t1", byHand: false) })
            let wall = WallPlacement.wall(of: s, kind: .opportunity, vectors: vectors(4, themes: 1), words: { NoteWords($0.text) }, labelVector: { _ in nil })
            let pass = WallPlacement.place(arriving: [], onto: wall, nextNumber: 5, engine: MeetingGrouping(), settling: true, acceptedTitles: accepted)
            return pass.changes.compactMap { if case let .relabel(t, _) = $0 { return t }; return nil }
        }
        // A title that fits its notes, which the pause would otherwise write again.
        XCTAssertEqual(pause(label: "Yard & school", accepted: []), ["t1"], "at the room's pause an automatic title is looked at again")
        XCTAssertEqual(pause(label: "Yard & school", accepted: ["t1"]), [], "one the facilitator accepted with Apply stays")
        // One that no longer fits (the note that gave it its word gone since) is written again.
        XCTAssertEqual(pause(label: "Yard crews", accepted: ["t1"]), ["t1"])
    }

    func testAfterACorrectionNotesLeftInANamedThemeAreNotProposedElsewhere() throws {
        // Two clear groups; two notes of the second sit among the first's in t1, the rest of
        // the second in t2. After a correction the engine proposes moving the two to t2 —
        // unless the facilitator has named t1 with them in it.
        let texts = (0..<12).map { "note \($0)" }
        func proposal(named: Bool) -> WallPlacement.Pass {
            var s = state(notes: texts)
            func apply(_ events: [MeetingEvent]) {
                for e in events { s.apply(StoredEvent(meeting: "m", seq: s.seq + 1, at: s.seq + 1, event: e)) }
            }
            apply([.themeCreated(id: "t1", kind: .opportunity, label: "First", byHand: named),
                   .themeCreated(id: "t2", kind: .opportunity, label: "Second", byHand: false)])
            // (Even indices are the first group, odd the second: `vectors(_, themes: 2)`.)
            apply(texts.indices.map { .noteMoved(note: "n\($0)", theme: $0 % 2 == 0 || $0 < 4 ? "t1" : "t2", byHand: false) })
            let wall = WallPlacement.wall(of: s, kind: .opportunity, vectors: vectors(12, themes: 2), words: { NoteWords($0.text) }, labelVector: { _ in nil })
            return WallPlacement.afterCorrection(wall: wall, engine: MeetingGrouping())
        }
        let moves = try XCTUnwrap(proposal(named: false).proposal, "an automatic t1: the two are offered to t2").moves
        XCTAssertEqual(Set(moves.map(\.note)), ["n1", "n3"])
        XCTAssertNil(proposal(named: true).proposal, "named by the facilitator with them in it: they stay")
    }

    /// Twelve notes of two clear groups, all in one automatic theme, in a logged meeting, with
    /// the proposal the engine makes to split them offered: where the dismissal and the undo
    /// tests start.
    final class LumpedWall {
        var state: MeetingState
        var log: [StoredEvent]
        let vectors: [String: [Float]]
        var offered = GroupingProposal()
        private var counter = 0

        init(state: MeetingState, log: [StoredEvent], vectors: [String: [Float]]) {
            self.state = state; self.log = log; self.vectors = vectors
        }

        func apply(_ events: [MeetingEvent]) {
            for e in events {
                let stored = StoredEvent(meeting: "m", seq: state.seq + 1, at: state.seq + 1, event: e)
                state.apply(stored)
                log.append(stored)
            }
        }

        func wall() -> Wall {
            WallPlacement.wall(of: state, kind: .opportunity, vectors: vectors, words: { NoteWords($0.text) }, labelVector: { _ in nil })
        }

        func regroup() -> MeetingGrouping.Step {
            MeetingGrouping().regroup(wall()) { self.counter += 1; return "x\(self.counter)" }
        }
    }

    /// Twelve notes of two clear groups, all in one automatic theme "t1".
    func lumpedWall() -> LumpedWall {
        let texts = (0..<12).map { "note \($0)" }
        let lumped = LumpedWall(state: state(notes: texts), log: stateLog(notes: texts), vectors: vectors(12, themes: 2))
        lumped.apply([.themeCreated(id: "t1", kind: .opportunity, label: "All", byHand: false)])
        lumped.apply(texts.indices.map { .noteMoved(note: "n\($0)", theme: "t1", byHand: false) })
        return lumped
    }

    func lumpedWallWithProposal() throws -> LumpedWall {
        let lumped = lumpedWall()
        lumped.offered = try XCTUnwrap(lumped.regroup().proposal, "one theme holding two clear groups gets a proposal")
        lumped.apply([.proposalOffered(kind: .opportunity, proposal: WallPlacement.themeProposal(lumped.offered, on: lumped.wall()))])
        return lumped
    }

    func testADismissedProposalDoesNotComeBackWithTheNextNote() throws {
        // Two clear groups, all in one automatic theme: the engine proposes splitting them.
        let lumped = try lumpedWallWithProposal()
        let offered = lumped.offered
        let offeredAt = lumped.log.count
        lumped.apply(try lumped.state.decide(.dismissProposal(kind: .opportunity), by: .facilitator, newSecret: "").events)
        // The facilitator said no: the same regrouping, at the next checkpoint, proposes none of those moves again.
        let kept = Set(offered.moves.map(\.note))
        XCTAssertTrue(lumped.wall().notes.filter { kept.contains($0.id) }.allSatisfy(\.keptByFacilitator))
        let again = lumped.regroup()
        XCTAssertTrue((again.proposal?.moves ?? []).allSatisfy { !kept.contains($0.note) }, "\(again.proposal?.moves ?? [])")
        // The memory is the log's: a replay of the same events gives the same.
        XCTAssertEqual(MeetingState.replay(lumped.log)?.keptByDismissal, lumped.state.keptByDismissal)
        XCTAssertEqual(Set(lumped.state.keptByDismissal.keys), kept)
        // Once such a note moves, the entry goes: back in its old theme later, it is not held again.
        let moved = offered.moves[0].note
        lumped.apply([.noteMoved(note: moved, theme: nil, byHand: false)])
        XCTAssertNil(lumped.state.keptByDismissal[moved])
        lumped.apply([.noteMoved(note: moved, theme: "t1", byHand: false)])
        XCTAssertFalse(lumped.wall().notes.first { $0.id == moved }!.keptByFacilitator)
        // The facilitator's own regroup replacing a proposal is no dismissal: nothing is held.
        var other = MeetingState.replay(Array(lumped.log.prefix(offeredAt)))!
        other.apply(StoredEvent(meeting: "m", seq: other.seq + 1, at: 0,
                                event: .proposalResolved(kind: .opportunity, applied: false, supersededByRegroup: true)))
        XCTAssertTrue(other.keptByDismissal.isEmpty)
    }

    func testAnUndoneProposalDoesNotComeBackWithTheNextNote() throws {
        // As above, but the facilitator applies the proposal, then undoes it: undo says no to
        // those moves as a dismissal does (a walk-through's next proposal offered them again).
        let lumped = try lumpedWallWithProposal()
        let offered = lumped.offered
        lumped.apply(try lumped.state.decide(.applyProposal(kind: .opportunity), by: .facilitator, newSecret: "").events)
        XCTAssertTrue(offered.moves.allSatisfy { lumped.state.notes[$0.note]?.theme != "t1" }, "applied")
        lumped.apply(try lumped.state.decide(.undoRegroup(kind: .opportunity), by: .facilitator, newSecret: "").events)
        XCTAssertTrue(offered.moves.allSatisfy { lumped.state.notes[$0.note]?.theme == "t1" }, "undone")
        let moved = Set(offered.moves.map(\.note))
        let again = lumped.regroup()
        XCTAssertTrue((again.proposal?.moves ?? []).allSatisfy { !moved.contains($0.note) }, "\(again.proposal?.moves ?? [])")
        XCTAssertEqual(MeetingState.replay(lumped.log)?.keptByDismissal, lumped.state.keptByDismissal, "the log's memory, as for a dismissal")
    }

    func testAThemeSplitOffOnTheConsoleIsNotOfferedForMergingBack() throws {
        // Six notes of one topic in "Topic", six of another in "Other"; the facilitator splits
        // three of Topic's off (the console's "Split off"). The two hold one topic, but the
        // facilitator has just separated them: no merge suggestion puts them back together.
        let texts = (0..<12).map { "note \($0)" }
        var s = state(notes: texts)
        func apply(_ events: [MeetingEvent]) { for e in events { s.apply(StoredEvent(meeting: "m", seq: s.seq + 1, at: s.seq + 1, event: e)) } }
        apply([.themeCreated(id: "t1", kind: .opportunity, label: "Topic", byHand: true),
               .themeCreated(id: "t2", kind: .opportunity, label: "Other", byHand: true)])
        apply(texts.indices.map { .noteMoved(note: "n\($0)", theme: $0 % 2 == 0 ? "t1" : "t2", byHand: false) })
        let vs = vectors(12, themes: 2)
        var engine = MeetingGrouping()
        engine.targetThemes = 2
        func suggested() -> [Set<String>] {
            let wall = WallPlacement.wall(of: s, kind: .opportunity, vectors: vs, words: { NoteWords($0.text) }, labelVector: { _ in nil })
            return engine.mergeSuggestions(wall).map { Set([$0.from, $0.into]) }
        }
        let split = try s.decide(.splitTheme(theme: "t1", notes: ["n6", "n8", "n10"], label: "Split off"), by: .facilitator, newSecret: "")
        apply(split.events)
        let newTheme = try XCTUnwrap(s.notes["n6"]?.theme)
        XCTAssertNotEqual(newTheme, "t1")
        XCTAssertEqual(s.notes["n6"]?.movedOutOf, ["t1"], "split off by hand: taken out of its theme")
        XCTAssertFalse(suggested().contains(["t1", newTheme]), "\(suggested())")
    }

    func testAnAutomaticThemeEmptiedByACorrectionLeavesTheWall() {
        // The facilitator moves the last note out of an automatic column and out of one they
        // named: the automatic one leaves with the pass that follows, theirs stays.
        let vs = vectors(6, themes: 2)
        var wall = Wall(themes: [WallTheme(id: "auto", label: "Jobs exist"), WallTheme(id: "named", label: "Ours", labelByHand: true),
                                 WallTheme(id: "rest", label: "Rest")])
        for i in 0..<6 { wall.notes.append(WallNote(id: "n\(i)", vector: vs["n\(i)"]!, text: "note \(i)", theme: i == 0 ? "auto" : i == 1 ? "named" : "rest")) }
        wall.moveByHand("n0", to: "rest")
        wall.moveByHand("n1", to: "rest")
        let pass = WallPlacement.afterCorrection(wall: wall, engine: MeetingGrouping())
        XCTAssertTrue(pass.changes.contains(.removeTheme(id: "auto")), "\(pass.changes)")
        XCTAssertFalse(pass.changes.contains(.removeTheme(id: "named")), "\(pass.changes)")
    }

    func testARegroupPreviewChangesNothingUntilAppliedAndThenMatchesTheRegroup() throws {
        // 18 notes from three clear topics, all lumped into one automatic theme.
        let texts = (0..<18).map { "note \($0)" }
        var s = state(notes: texts)
        var seq: Int64 = 50
        func apply(_ events: [MeetingEvent]) { for e in events { seq += 1; s.apply(StoredEvent(meeting: "m", seq: seq, at: seq, event: e)) } }
        apply([.themeCreated(id: "t1", kind: .opportunity, label: "Everything", byHand: false)])
        apply(texts.indices.map { .noteMoved(note: "n\($0)", theme: "t1", byHand: false) })
        let vs = vectors(18, themes: 3)
        let wall = WallPlacement.wall(of: s, kind: .opportunity, vectors: vs, words: { NoteWords($0.text) }, labelVector: { _ in nil })
        let before = s.notes.mapValues(\.theme)
        let proposal = try XCTUnwrap(WallPlacement.regroupProposal(wall: wall, engine: MeetingGrouping()))
        // It names where each note goes (provisional ids for new themes) and moves nothing yet.
        XCTAssertGreaterThanOrEqual(proposal.moves.count, 6)
        XCTAssertFalse(proposal.newThemes.isEmpty)
        XCTAssertTrue(proposal.newThemes.allSatisfy { $0.id.hasPrefix("p") && !$0.label.isEmpty })
        XCTAssertEqual(s.notes.mapValues(\.theme), before)
        // Applied, it separates the three topics; undone, everything is back.
        apply([.proposalOffered(kind: .opportunity, proposal: proposal)])
        apply(try s.decide(.applyProposal(kind: .opportunity), by: .facilitator, newSecret: "").events)
        let topicThemes = (0..<3).map { topic in Set((0..<18).filter { $0 % 3 == topic }.map { s.notes["n\($0)"]!.theme }) }
        XCTAssertTrue(topicThemes.allSatisfy { $0.count == 1 }, "each topic in one theme: \(topicThemes)")
        XCTAssertEqual(Set(topicThemes.map { $0.first! }).count, 3, "three topics, three themes")
        apply(try s.decide(.undoRegroup(kind: .opportunity), by: .facilitator, newSecret: "").events)
        XCTAssertEqual(s.notes.mapValues(\.theme), before)
    }

    func testEmptiedAutomaticThemesLeaveTheWall() {
        var s = state(notes: ["a"])
        s.apply(StoredEvent(meeting: "m", seq: 10, at: 10, event: .themeCreated(id: "t9", kind: .opportunity, label: "Gone", byHand: false)))
        s.apply(StoredEvent(meeting: "m", seq: 11, at: 11, event: .grouped(kind: .opportunity, changes: [.removeTheme(id: "t9")])))
        XCTAssertNil(s.themes["t9"])
        XCTAssertFalse(s.themeOrder.contains("t9"))
    }

    /// Three automatic themes of three notes; the facilitator then moved every note of the
    /// second ("Broadband") into the first by hand. `room`: what the room did on "Broadband"
    /// before that (nothing, a champion, a peer to invite, its sentence).
    func emptiedByHand(room: [MeetingEvent]) -> MeetingState {
        var s = state(notes: (0..<9).map { "note \($0)" })
        func apply(_ events: [MeetingEvent]) { for e in events { s.apply(StoredEvent(meeting: "m", seq: s.seq + 1, at: s.seq + 1, event: e)) } }
        apply([("t1", "Welders"), ("t2", "Broadband"), ("t3", "Permits")].map { .themeCreated(id: $0.0, kind: .opportunity, label: $0.1, byHand: false) })
        apply((0..<9).map { .noteMoved(note: "n\($0)", theme: "t\($0 / 3 + 1)", byHand: false) })
        apply([.participantJoined(Participant(id: "p1", name: "Ruth", organization: "Okafor Tool", role: .employer, email: nil, consent: false,
                                              resumeToken: "", joinedAt: 1))])
        apply(room)
        apply((3..<6).map { .noteMoved(note: "n\($0)", theme: "t1", byHand: true) })
        return s
    }

    func testAThemeTheRoomMadeItsOwnStaysWhenItsLastNoteIsMovedOutAndNoSignUpIsLost() {
        let vs = vectors(10, themes: 3)
        let engine = MeetingGrouping()
        func removed(by s: MeetingState) -> (afterANote: Bool, afterRegroup: Bool) {
            let wall = WallPlacement.wall(of: s, kind: .opportunity, vectors: vs, words: { NoteWords($0.text) }, labelVector: { _ in nil })
            let arriving = WallNote(id: "n9", vector: vs["n9"]!, text: "note 9", theme: nil, pinned: false, words: NoteWords("note 9"))
            let pass = WallPlacement.place(arriving: [arriving], onto: wall, nextNumber: s.nextNumber, engine: engine)
            let regroup = WallPlacement.regroupEvents(kind: .opportunity, wall: wall, nextNumber: s.nextNumber, engine: engine)
            let passRemoves = pass.changes.contains(.removeTheme(id: "t2"))
            let regroupRemoves = regroup.events.contains { event in
                if case let .grouped(_, changes) = event { return changes.contains(.removeTheme(id: "t2")) }
                return false
            }
            return (passRemoves, regroupRemoves)
        }
        // Nobody's: an automatic theme left empty leaves the wall (no empty column the facilitator did not make).
        let nobodys = removed(by: emptiedByHand(room: []))
        XCTAssertTrue(nobodys.afterANote && nobodys.afterRegroup, "\(nobodys)")
        // The room's: it stays, and so do the names on it.
        let rooms: [(String, MeetingEvent)] = [
            ("a champion", .championSigned(participant: "p1", theme: "t2")),
            ("a peer to invite", .nominated(Nomination(id: "x1", name: "Tom", organization: "Valley Welding", contact: nil, theme: "t2", nominatedBy: "p1", seq: 1))),
            ("its sentence", .synthesisSet(theme: "t2", text: "Fiber to every shop.")),
        ]
        // A theme whose last shown note was hidden by the facilitator holds it still.
        var hidden = emptiedByHand(room: [])
        hidden.apply(StoredEvent(meeting: "m", seq: hidden.seq + 1, at: hidden.seq + 1, event: .noteMoved(note: "n3", theme: "t2", byHand: true)))
        hidden.apply(StoredEvent(meeting: "m", seq: hidden.seq + 1, at: hidden.seq + 1, event: .noteHidden(note: "n3", hidden: true)))
        let withHidden = removed(by: hidden)
        XCTAssertFalse(withHidden.afterANote || withHidden.afterRegroup, "a theme holding a hidden note was removed: \(withHidden)")
        for (what, event) in rooms {
            let s = emptiedByHand(room: [event])
            XCTAssertTrue(s.keepsWhenEmpty("t2"), what)
            let r = removed(by: s)
            XCTAssertFalse(r.afterANote, "a new note's pass removed the theme with \(what)")
            XCTAssertFalse(r.afterRegroup, "the facilitator's regroup removed the theme with \(what)")
        }
    }

    func testAThemeWhoseNotesHaveNoVectorYetStaysThroughAnyPass() {
        // After a restart the model reads every note again; until it has, a theme's notes are
        // not on the engine's wall. A correction, a new note's pass and a regrouping meanwhile
        // must not take that theme for empty (its notes would go to Unsorted).
        var s = state(notes: (0..<9).map { "note \($0)" })
        func apply(_ events: [MeetingEvent]) { for e in events { s.apply(StoredEvent(meeting: "m", seq: s.seq + 1, at: s.seq + 1, event: e)) } }
        apply([("t1", "Welders"), ("t2", "Broadband"), ("t3", "Permits")].map { .themeCreated(id: $0.0, kind: .opportunity, label: $0.1, byHand: false) })
        apply((0..<9).map { .noteMoved(note: "n\($0)", theme: "t\($0 / 3 + 1)", byHand: false) })
        apply([.noteMoved(note: "n0", theme: "t1", byHand: true)])
        var vs = vectors(10, themes: 3)
        for n in ["n3", "n4", "n5"] { vs[n] = nil }
        let engine = MeetingGrouping()
        let wall = WallPlacement.wall(of: s, kind: .opportunity, vectors: vs, words: { NoteWords($0.text) }, labelVector: { _ in nil })
        let correction = WallPlacement.afterCorrection(wall: wall, engine: engine)
        let arriving = WallNote(id: "n9", vector: vs["n9"]!, text: "note 9", theme: nil, pinned: false, words: NoteWords("note 9"))
        let pass = WallPlacement.place(arriving: [arriving], onto: wall, nextNumber: s.nextNumber, engine: engine)
        let regroup = WallPlacement.regroupEvents(kind: .opportunity, wall: wall, nextNumber: s.nextNumber, engine: engine)
        XCTAssertFalse(correction.changes.contains(.removeTheme(id: "t2")), "\(correction.changes)")
        XCTAssertFalse(pass.changes.contains(.removeTheme(id: "t2")), "\(pass.changes)")
        XCTAssertFalse(regroup.events.contains { if case let .grouped(_, changes) = $0 { return changes.contains(.removeTheme(id: "t2")) }; return false })
    }

    func testTitlesStayWhileNotesArriveAndAreWrittenAfreshAtTheRoomsPause() {
        let engine = MeetingGrouping()
        let texts = ["We cannot find certified welders", "Welders and machinists retire soon", "Machinists are hard to hire",
                     "Weld inspectors are scarce"]
        let vs = vectors(texts.count, themes: 1)
        // A right title ("weld" and "inspectors" are both the notes' words), though not the
        // one the titler would write for these four notes.
        var wall = Wall(themes: [WallTheme(id: "w", label: "Weld inspectors")])
        for (i, t) in texts.enumerated() { wall.notes.append(WallNote(id: "n\(i)", vector: vs["n\(i)"]!, text: t, theme: "w")) }
        let fresh = engine.retitle(wall)
        XCTAssertFalse(fresh.isEmpty, "the titler would write another title: the test can tell the two rules apart")
        func relabels(_ pass: WallPlacement.Pass) -> [String] {
            pass.changes.compactMap { if case let .relabel(theme, label) = $0, theme == "w" { return label }; return nil }
        }
        // A pass that retitles nothing it is not asked to: the title stays.
        XCTAssertEqual(relabels(WallPlacement.place(arriving: [], onto: wall, nextNumber: 10, engine: engine)), [])
        // The room has paused: every title is written afresh for what its theme holds.
        let paused = relabels(WallPlacement.place(arriving: [], onto: wall, nextNumber: 10, engine: engine, settling: true))
        XCTAssertEqual(paused.count, 1)
        XCTAssertNotEqual(paused.first, "Weld inspectors")
        // The facilitator's pause after a correction is no room's pause: a title nobody's
        // correction made wrong stays while they work on the board.
        XCTAssertEqual(relabels(WallPlacement.place(arriving: [], onto: wall, nextNumber: 10, engine: engine, settling: true,
                                                    titlesAtPause: false)), [])
    }
}
