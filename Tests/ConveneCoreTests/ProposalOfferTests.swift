import XCTest
@testable import ConveneCore

/// The console names the proposal it shows by the event that offered it (`offered`): "Apply"
/// or "Dismiss" pressed on a proposal the grouping replaced a moment before (new notes came
/// in while the facilitator read it) is refused and changes nothing, rather than carrying out
/// moves nobody has seen.
final class ProposalOfferTests: XCTestCase {
    private var m = MeetingDriver()

    override func setUp() {
        m = MeetingDriver()
        m.phase(.opportunities)
        let who = m.join("Karen")
        for i in 0..<4 { try! m.run(.post(id: "n\(i)", kind: nil, text: "note \(i)", scribed: nil), as: .participant(who)) }
        m.record([.themeCreated(id: "t1", kind: .opportunity, label: "Welders", byHand: false),
                  .themeCreated(id: "t2", kind: .opportunity, label: "Broadband", byHand: false)])
        m.record((0..<4).map { .noteMoved(note: "n\($0)", theme: "t1", byHand: false) })
    }

    /// An automatic proposal moving `notes` from Welders to Broadband, offered now; its name.
    private func offer(_ notes: [String]) -> Int64 {
        m.record([.proposalOffered(kind: .opportunity, proposal: ThemeProposal(moves: notes.map { RegroupMove(note: $0, from: "t1", to: "t2") }))])
        return m.state.seq
    }

    private func themes() -> [String?] { (0..<4).map { m.state.notes["n\($0)"]?.theme } }

    func testTheProposalIsNamedByTheEventThatOfferedItOnTheConsoleAndInItsSnapshot() throws {
        let offered = offer(["n0", "n1"])
        XCTAssertEqual(m.state.proposals[.opportunity]?.offered, offered)
        let event = try XCTUnwrap(m.log.last)
        XCTAssertEqual(m.state.eventView(event, for: .console)["proposal"]?["offered"]?.intValue, offered)
        XCTAssertEqual(m.state.snapshot(for: .console)["proposals"]?["opportunity"]?["offered"]?.intValue, offered)
        // Not stored: it is the event's own sequence number, and a restart gives it back.
        XCTAssertNil(event.storageJSON()["proposal"]?["offered"])
        let replayed = try XCTUnwrap(MeetingState.replay(try m.log.map { try StoredEvent(meeting: $0.meeting, seq: $0.seq, storage: $0.storageJSON()) }))
        XCTAssertEqual(replayed.proposals[.opportunity]?.offered, offered)
    }

    func testApplyPressedOnAReplacedProposalIsRefusedAndMovesNothing() throws {
        let first = offer(["n0", "n1"])
        let second = offer(["n2", "n3"])
        XCTAssertRefused(.conflict) { try m.run(.applyProposal(kind: .opportunity, offered: first), as: .facilitator) }
        XCTAssertEqual(themes(), ["t1", "t1", "t1", "t1"], "nothing moved")
        XCTAssertNil(m.state.lastRegroup[.opportunity], "nothing to undo")
        XCTAssertRefused(.conflict) { try m.run(.dismissProposal(kind: .opportunity, offered: first), as: .facilitator) }
        XCTAssertEqual(m.state.proposals[.opportunity]?.offered, second, "the new proposal still stands")
        XCTAssertEqual(m.state.keptByDismissal, [:], "a refused dismissal holds no note where it is")
        try m.run(.applyProposal(kind: .opportunity, offered: second), as: .facilitator)
        XCTAssertEqual(themes(), ["t1", "t1", "t2", "t2"], "the proposal on screen applies")
    }

    /// "Leave out" (a walk-through used "Keep in place" to take a note out of a proposal, and
    /// the note was then pinned in a column it did not belong in): the note's move leaves the
    /// proposal, the note stays where it is without being pinned, the rest of it stands under
    /// the same name, and the grouping does not offer that move again while the note stays.
    func testLeavingNotesOutOfAProposalDismissesOnlyTheirMoves() throws {
        let offered = offer(["n0", "n1", "n2"])
        let stale = offered - 1
        XCTAssertRefused(.conflict) { try m.run(.dismissProposal(kind: .opportunity, offered: stale, notes: ["n0"]), as: .facilitator) }
        let left = try m.run(.dismissProposal(kind: .opportunity, offered: offered, notes: ["n0", "n0", "n3"]), as: .facilitator)
        XCTAssertEqual(left.events, [.proposalMovesDismissed(kind: .opportunity, notes: ["n0"])], "once each, only notes it moves")
        XCTAssertEqual(Dictionary(left.reply, uniquingKeysWith: { a, _ in a })["left"], .int(1))
        XCTAssertEqual(m.state.proposals[.opportunity]?.moves.map(\.note), ["n1", "n2"])
        XCTAssertEqual(m.state.proposals[.opportunity]?.offered, offered, "the same proposal, under the same name")
        XCTAssertEqual(m.state.keptByDismissal, ["n0": "t1"])
        XCTAssertEqual(m.state.notes["n0"]?.placedByHand, false, "not confirmed where it is")
        // Only the console hears of it; the rest of the proposal applies as shown.
        let event = try XCTUnwrap(m.log.last)
        XCTAssertNil(m.state.eventView(event, for: .everyone)["notes"])
        XCTAssertEqual(m.state.eventView(event, for: .console)["notes"], .array([.string("n0")]))
        let replayed = try XCTUnwrap(MeetingState.replay(try m.log.map { try StoredEvent(meeting: $0.meeting, seq: $0.seq, storage: $0.storageJSON()) }))
        XCTAssertEqual(replayed.proposals[.opportunity], m.state.proposals[.opportunity])
        XCTAssertEqual(replayed.keptByDismissal, m.state.keptByDismissal)
        try m.run(.applyProposal(kind: .opportunity, offered: offered), as: .facilitator)
        XCTAssertEqual(themes(), ["t1", "t2", "t2", "t1"])
        // Every move left out: the proposal is gone.
        let next = offer(["n3"])
        try m.run(.dismissProposal(kind: .opportunity, offered: next, notes: ["n3"]), as: .facilitator)
        XCTAssertNil(m.state.proposals[.opportunity])
        XCTAssertRefused(.forbidden) { try m.run(.dismissProposal(kind: .opportunity, notes: ["n3"]), as: .participant("p1")) }
    }

    func testWithoutANameWhicheverStandsApplies() throws {
        _ = offer(["n0", "n1"])
        _ = offer(["n2"])
        try m.run(.applyProposal(kind: .opportunity), as: .facilitator)
        XCTAssertEqual(themes(), ["t1", "t1", "t2", "t1"])
    }

    func testAStaleNameForAProposalAlreadyGoneSaysThereIsNone() throws {
        let first = offer(["n0", "n1"])
        try m.run(.dismissProposal(kind: .opportunity, offered: first), as: .facilitator)
        XCTAssertRefused(.notFound) { try m.run(.applyProposal(kind: .opportunity, offered: first), as: .facilitator) }
    }
}
