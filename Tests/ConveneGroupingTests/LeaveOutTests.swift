import ConveneClustering
@testable import ConveneCore
@testable import ConveneGrouping
import XCTest

/// Titles a proposal's new themes as the server does (`WallRegrouper`), from the notes' words.
private struct Titler: RegroupProposer {
    let vectors: [String: [Float]]
    func regroup(kind: NoteKind, in state: MeetingState) -> (events: [MeetingEvent], moved: Int) { ([], 0) }
    func proposal(kind: NoteKind, in state: MeetingState) -> ThemeProposal? { nil }
    func splitProposal(theme: String, in state: MeetingState) -> ThemeProposal? { nil }
    func titles(of themes: Set<String>, in proposal: ThemeProposal, kind: NoteKind, state: MeetingState) -> [ThemeTitle] {
        let wall = WallPlacement.wall(of: state, kind: kind, vectors: vectors, words: { NoteWords($0.text) }, labelVector: { _ in nil })
        return WallPlacement.proposalTitles(of: themes, in: proposal, wall: wall, engine: MeetingGrouping())
    }
}

/// "Leave out" on an unsorted note: it stays in Unsorted. A walk-through left a note out of a
/// proposal's move into a new theme, applied the rest, and seconds later the pass after the
/// correction had filed the note there anyway.
extension WallPlacementTests {
    func testAnUnsortedNoteLeftOutOfAProposalStaysInUnsortedUntilAHandMovesIt() throws {
        // Two topics (even / odd notes); the first six in their themes, two alike waiting in Unsorted.
        var log = stateLog(notes: (0..<8).map { "note \($0)" })
        var s = try XCTUnwrap(MeetingState.replay(log))
        let vs = vectors(8, themes: 2)
        func apply(_ events: [MeetingEvent]) {
            for e in events {
                log.append(StoredEvent(meeting: "m", seq: s.seq + 1, at: s.seq + 1, event: e))
                s.apply(log.last!)
            }
        }
        apply([.themeCreated(id: "t1", kind: .opportunity, label: "Even", byHand: false),
               .themeCreated(id: "t2", kind: .opportunity, label: "Odd", byHand: false)])
        apply((0..<6).map { .noteMoved(note: "n\($0)", theme: $0 % 2 == 0 ? "t1" : "t2", byHand: false) })
        apply([.noteMoved(note: "n6", theme: nil, byHand: false), .noteMoved(note: "n7", theme: nil, byHand: false)])
        func wall() -> Wall { WallPlacement.wall(of: s, kind: .opportunity, vectors: vs, words: { NoteWords($0.text) }, labelVector: { _ in nil }) }
        func placed(_ pass: WallPlacement.Pass) -> [String: String?] {
            var out: [String: String?] = [:]
            for case let .move(note, theme) in pass.changes { out[note] = theme }
            return out
        }
        // Without the facilitator, the pass after a correction files both where they belong.
        XCTAssertEqual(placed(WallPlacement.afterCorrection(wall: wall(), engine: MeetingGrouping())), ["n6": "t1", "n7": "t2"])

        apply([.proposalOffered(kind: .opportunity, proposal: ThemeProposal(moves: [RegroupMove(note: "n6", from: nil, to: "t1"),
                                                                                    RegroupMove(note: "n7", from: nil, to: "t2")]))])
        apply(try s.decide(.dismissProposal(kind: .opportunity, notes: ["n6"]), by: .facilitator, newSecret: "").events)
        apply(try s.decide(.applyProposal(kind: .opportunity), by: .facilitator, newSecret: "").events)
        XCTAssertEqual(s.notes["n7"]?.theme, "t2", "the rest of the proposal applied")
        XCTAssertNil(s.notes["n6"]?.theme)
        XCTAssertEqual(s.heldUnsorted, ["n6"])
        XCTAssertEqual(s.notes["n6"]?.placedByHand, false, "not confirmed in Unsorted, as Keep in place would")
        // The pass after the correction, and the next regrouping, leave it where the facilitator left it.
        XCTAssertNil(placed(WallPlacement.afterCorrection(wall: wall(), engine: MeetingGrouping()))["n6"] ?? nil)
        XCTAssertNil(WallPlacement.place(arriving: [], onto: wall(), nextNumber: s.nextNumber, engine: MeetingGrouping(), settling: true)
            .proposal?.moves.first { $0.note == "n6" })
        // The facilitator's own regroup looks at every note not placed by hand afresh: it may move it.
        let fresh = WallPlacement.wall(of: s, kind: .opportunity, vectors: vs, words: { NoteWords($0.text) }, labelVector: { _ in nil },
                                       holdingLeftOut: false)
        let regroup = WallPlacement.regroupProposal(wall: fresh, engine: MeetingGrouping())
        XCTAssertEqual(regroup?.moves.first { $0.note == "n6" }?.to, "t1", "\(regroup?.moves ?? [])")
        // The log's memory: a replay holds it too.
        XCTAssertEqual(MeetingState.replay(log)?.heldUnsorted, ["n6"])
        // A hand placing it ends the hold.
        apply(try s.decide(.moveNote(note: "n6", theme: "t1"), by: .facilitator, newSecret: "").events)
        XCTAssertTrue(s.heldUnsorted.isEmpty)
    }

    /// A walk-through left notes out of a proposal's new theme and applied the rest: the theme
    /// opened under the preview's title, which named what the left-out notes said, and the
    /// next pass renamed it seconds later. Now the Leave out retitles it, and only then.
    func testLeavingOutTheNotesATitleNamedRetitlesTheProposalsNewTheme() throws {
        let texts = ["welders are retiring", "welders needed on second shift", "welders for the fab shop",
                     "forklift drivers wanted", "forklift certification classes", "forklift drivers quit"]
        var log = stateLog(notes: texts)
        var s = try XCTUnwrap(MeetingState.replay(log))
        let vs = vectors(texts.count, themes: 1)
        func apply(_ events: [MeetingEvent]) {
            for e in events {
                log.append(StoredEvent(meeting: "m", seq: s.seq + 1, at: s.seq + 1, event: e))
                s.apply(log.last!)
            }
        }
        let titler = Titler(vectors: vs)
        apply((0..<6).map { .noteMoved(note: "n\($0)", theme: nil, byHand: false) })
        apply([.proposalOffered(kind: .opportunity, proposal: ThemeProposal(
            newThemes: [.init(id: "p1", label: "Forklift drivers & welders")],
            moves: (0..<6).map { RegroupMove(note: "n\($0)", from: nil, to: "p1") }))])
        // One welders' note left out: "welders" and "forklift drivers" still name notes going there.
        let one = try s.decide(.dismissProposal(kind: .opportunity, notes: ["n0"]), by: .facilitator, newSecret: "", regrouper: titler)
        XCTAssertEqual(one.events, [.proposalMovesDismissed(kind: .opportunity, notes: ["n0"])], "a title that still fits stays")
        apply(one.events)
        // Every forklift note left out: the title names nothing going there any more.
        let rest = try s.decide(.dismissProposal(kind: .opportunity, notes: ["n3", "n4", "n5"]), by: .facilitator, newSecret: "", regrouper: titler)
        guard case let .proposalMovesDismissed(_, _, titles, _)? = rest.events.first else { return XCTFail("\(rest.events)") }
        XCTAssertEqual(titles.map(\.theme), ["p1"])
        let title = try XCTUnwrap(titles.first?.label)
        XCTAssertFalse(title.lowercased().contains("forklift"), title)
        let going = texts[1...2].joined(separator: " ").lowercased()
        for word in title.lowercased().split(whereSeparator: { !$0.isLetter }) {
            XCTAssertTrue(going.contains(word), "“\(title)”: every word from the notes still going there")
        }
        apply(rest.events)
        XCTAssertEqual(try StoredEvent(meeting: "m", seq: log.last!.seq, storage: log.last!.storageJSON()), log.last!, "kept in the log")
        XCTAssertEqual(s.proposals[.opportunity]?.newThemes.map(\.label), [title], "the console previews the new title")
        XCTAssertEqual(MeetingState.replay(log)?.proposals[.opportunity]?.newThemes.map(\.label), [title], "and a replay")
        // Applied, the theme opens under it.
        apply(try s.decide(.applyProposal(kind: .opportunity), by: .facilitator, newSecret: "").events)
        XCTAssertEqual(s.notes["n1"].flatMap { $0.theme }.flatMap { s.themes[$0]?.label }, title)
    }

    /// A walk-through hid a rude note ("the county planning dept are useless idiots") that the
    /// standing proposal put in a new theme titled "Truck pilots & planning dept": the title
    /// stayed on the console. Hiding a note takes it out of the proposal, as Leave out does.
    func testHidingANoteTheProposalMovesTakesItOutAndRetitlesTheNewTheme() throws {
        let texts = ["the county planning dept are useless", "truck pilots with state grants", "hydrogen truck pilots next year",
                     "electric truck pilots for drayage"]
        var s = try XCTUnwrap(MeetingState.replay(stateLog(notes: texts)))
        var seq = s.seq
        func apply(_ events: [MeetingEvent]) { for e in events { seq += 1; s.apply(StoredEvent(meeting: "m", seq: seq, at: seq, event: e)) } }
        apply([.proposalOffered(kind: .opportunity, proposal: ThemeProposal(
            newThemes: [.init(id: "p1", label: "Truck pilots & planning dept")],
            moves: (0..<4).map { RegroupMove(note: "n\($0)", from: nil, to: "p1") }))])
        let hide = try s.decide(.hideNote(note: "n0", hidden: true), by: .facilitator, newSecret: "", regrouper: Titler(vectors: vectors(4, themes: 1)))
        XCTAssertEqual(hide.events.first, .noteHidden(note: "n0", hidden: true))
        guard case let .proposalMovesDismissed(_, notes, titles, holding)? = hide.events.last else { return XCTFail("\(hide.events)") }
        XCTAssertEqual(notes, ["n0"])
        XCTAssertFalse(holding, "hidden, not left out: nothing is held")
        let title = try XCTUnwrap(titles.first { $0.theme == "p1" }?.label)
        XCTAssertFalse(title.lowercased().contains("planning") || title.lowercased().contains("dept"), title)
        apply(hide.events)
        XCTAssertEqual(s.proposals[.opportunity]?.moves.map(\.note), ["n1", "n2", "n3"])
        XCTAssertEqual(s.proposals[.opportunity]?.newThemes.map(\.label), [title])
        // Hiding says nothing about where the note belongs: nothing holds it in Unsorted, and
        // shown again it is placed like a new note (the reviewer's find: it stayed there for good).
        XCTAssertFalse(s.heldUnsorted.contains("n0"))
        XCTAssertNil(s.keptByDismissal["n0"])
        let show = try s.decide(.hideNote(note: "n0", hidden: false), by: .facilitator, newSecret: "", regrouper: Titler(vectors: vectors(4, themes: 1)))
        XCTAssertEqual(show.events, [.noteHidden(note: "n0", hidden: false)])
        apply(show.events)
        let wall = WallPlacement.wall(of: s, kind: .opportunity, vectors: vectors(4, themes: 1), words: { NoteWords($0.text) }, labelVector: { _ in nil })
        XCTAssertEqual(wall.notes.first { $0.id == "n0" }?.pinned, false, "the grouping may place it")
        let last = StoredEvent(meeting: "m", seq: 99, at: 99, event: hide.events.last!)
        XCTAssertEqual(try StoredEvent(meeting: "m", seq: 99, storage: last.storageJSON()), last, "kept in the log")
    }
}
