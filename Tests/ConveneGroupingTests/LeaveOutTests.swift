import ConveneClustering
@testable import ConveneCore
@testable import ConveneGrouping
import XCTest

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
}
