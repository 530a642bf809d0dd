import XCTest
@testable import ConveneCore

/// "An applied proposal is one undoable step" (issue 11): undo gives the facilitator back the
/// wall as it stood — the themes the regrouping emptied included, with their titles and in
/// their places — and takes away the themes it opened.
final class UndoRegroupTests: XCTestCase {
    private var m = MeetingDriver()
    private var ids: [String: String] = [:]

    override func setUp() {
        m = MeetingDriver()
        m.phase(.opportunities)
        let who = m.join("Karen")
        for i in 0..<9 {
            try! m.run(.post(id: "n\(i)", kind: nil, text: "note \(i)", scribed: nil), as: .participant(who))
            ids["n\(i)"] = "n\(i)"
        }
        // Three automatic themes of three notes: "Welders", "Broadband", "Permits".
        m.record([("t1", "Welders"), ("t2", "Broadband"), ("t3", "Permits")].map { .themeCreated(id: $0.0, kind: .opportunity, label: $0.1, byHand: false) })
        m.record((0..<9).map { .noteMoved(note: ids["n\($0)"]!, theme: "t\($0 / 3 + 1)", byHand: false) })
    }

    private func note(_ short: String) -> String { ids[short]! }

    /// Each theme of the board with its notes, in the board's order ("Welders: n0 n1 n2").
    private func wall(_ state: MeetingState? = nil) -> [String] {
        let s = state ?? m.state
        let short = Dictionary(uniqueKeysWithValues: ids.map { ($0.value, $0.key) })
        return s.orderedThemes(kind: .opportunity).map { t in
            ([t.label + ":"] + s.visibleNotes(kind: .opportunity).filter { $0.theme == t.id }.map { short[$0.id]! }).joined(separator: " ")
        }
    }

    /// The proposal empties "Broadband" (its notes go to "Welders" and to a new theme) and
    /// opens "Fiber & towers".
    private func offerAndApply() throws {
        let moves = [("n3", "t2", "p1"), ("n4", "t2", "p1"), ("n5", "t2", "t1"), ("n6", "t3", "p1")]
            .map { RegroupMove(note: note($0.0), from: $0.1, to: $0.2) }
        m.record([.proposalOffered(kind: .opportunity, proposal: ThemeProposal(newThemes: [.init(id: "p1", label: "Fiber & towers")],
                                                                               moves: moves, removedThemes: ["t2"]))])
        try m.run(.applyProposal(kind: .opportunity), as: .facilitator)
    }

    func testUndoPutsBackTheThemeTheProposalEmptiedAndTakesAwayTheOneItOpened() throws {
        let before = wall()
        XCTAssertEqual(before, ["Welders: n0 n1 n2", "Broadband: n3 n4 n5", "Permits: n6 n7 n8"])
        try offerAndApply()
        XCTAssertEqual(wall(), ["Welders: n0 n1 n2 n5", "Permits: n7 n8", "Fiber & towers: n3 n4 n6"], "applied: Broadband left the wall")
        let undone = try m.run(.undoRegroup(kind: .opportunity), as: .facilitator).events
        XCTAssertEqual(wall(), before, "undo: the wall as it stood, Broadband back in its place with its title")
        XCTAssertTrue(undone.contains(.themeRestored(RemovedTheme(id: "t2", label: "Broadband", position: 1, after: "t1"), kind: .opportunity)), "\(undone)")
        XCTAssertNil(m.state.lastRegroup[.opportunity])
        XCTAssertNil(m.state.lastRegroupRemoved[.opportunity])
        XCTAssertRefused(.notFound) { try m.run(.undoRegroup(kind: .opportunity), as: .facilitator) }
        // A later theme gets a new number: the restored id is not given out twice.
        _ = m.theme(.opportunity, "Housing")
        XCTAssertEqual(m.state.orderedThemes(kind: .opportunity).map(\.label), ["Welders", "Broadband", "Permits", "Housing"])
        XCTAssertEqual(Set(m.state.themeOrder).count, m.state.themeOrder.count)
    }

    func testTheUndoStepSurvivesARestart() throws {
        try offerAndApply()
        // The log read back from its stored form, as a restart reads it.
        let log = try m.log.map { try StoredEvent(meeting: $0.meeting, seq: $0.seq, storage: $0.storageJSON()) }
        XCTAssertEqual(log, m.log)
        var replayed = try XCTUnwrap(MeetingState.replay(log))
        XCTAssertEqual(replayed.lastRegroupRemoved[.opportunity], [RemovedTheme(id: "t2", label: "Broadband", position: 1, after: "t1")])
        let d = try replayed.decide(.undoRegroup(kind: .opportunity), by: .facilitator, newSecret: "")
        for (i, e) in d.events.enumerated() { replayed.apply(StoredEvent(meeting: "m1", seq: replayed.seq + 1, at: 5_000 + Int64(i), event: e)) }
        XCTAssertEqual(wall(replayed), ["Welders: n0 n1 n2", "Broadband: n3 n4 n5", "Permits: n6 n7 n8"])
    }

    func testAThemeNamedByHandSinceStaysAndAnEmptiedThemeNoNoteGoesBackToStaysAway() throws {
        try offerAndApply()
        let opened = try XCTUnwrap(m.state.orderedThemes(kind: .opportunity).first { $0.label == "Fiber & towers" })
        try m.run(.renameTheme(theme: opened.id, label: "Rural fiber"), as: .facilitator)
        // The notes that left Broadband are the facilitator's now (placed by hand): none goes back.
        try m.run(.moveNote(note: note("n3"), theme: "t1"), as: .facilitator)
        try m.run(.moveNote(note: note("n4"), theme: "t1"), as: .facilitator)
        try m.run(.moveNote(note: note("n5"), theme: "t3"), as: .facilitator)
        // The question before it says the named column stays behind, empty.
        let asked = Dictionary(try m.run(.undoRegroup(kind: .opportunity, preview: true), as: .facilitator).reply, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(asked["staysEmpty"], .array([.string("Rural fiber")]))
        try m.run(.undoRegroup(kind: .opportunity), as: .facilitator)
        XCTAssertEqual(wall(), ["Welders: n0 n1 n2 n3 n4", "Permits: n5 n6 n7 n8", "Rural fiber:"],
                       "no empty Broadband comes back; the theme the facilitator named stays")
    }

    func testThePreviewSaysWhereTheNotesWouldGoByTheNamesTheColumnsCarryNowAndChangesNothing() throws {
        // A walk-through pressed Undo after renaming columns: the notes went back into a column
        // that by then meant something else. The console now asks first, with this preview.
        try offerAndApply()
        try m.run(.renameTheme(theme: "t3", label: "Zoning & land"), as: .facilitator)
        try m.run(.moveNote(note: note("n5"), theme: "t3"), as: .facilitator)
        let applied = wall(), seq = m.state.seq
        let preview = try m.run(.undoRegroup(kind: .opportunity, preview: true), as: .facilitator)
        XCTAssertEqual(preview.events, [], "a preview records nothing")
        XCTAssertEqual(m.state.seq, seq)
        XCTAssertEqual(wall(), applied)
        XCTAssertNotNil(m.state.lastRegroup[.opportunity], "and the regrouping can still be undone")
        let reply = Dictionary(preview.reply, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(reply["moved"], .int(3))
        XCTAssertEqual(reply["stay"], .int(1), "n5, placed by hand since, stays")
        XCTAssertEqual(reply["staysEmpty"], .array([]), "the theme it opened goes with the undo")
        XCTAssertEqual(reply["into"], .array([
            .object([("theme", .string("t2")), ("label", .string("Broadband")), ("comesBack", .bool(true)), ("notes", .int(2))]),
            .object([("theme", .string("t3")), ("label", .string("Zoning & land")), ("comesBack", .bool(false)), ("notes", .int(1))]),
        ]))
        // The undo itself does what the preview said.
        let undo = try m.run(.undoRegroup(kind: .opportunity), as: .facilitator)
        XCTAssertEqual(Dictionary(undo.reply, uniquingKeysWith: { a, _ in a })["moved"], .int(3))
        XCTAssertEqual(wall(), ["Welders: n0 n1 n2", "Broadband: n3 n4", "Zoning & land: n5 n6 n7 n8"])
    }

    func testNotesGoingBackKeepTheirThemeOnTheWallEvenWhenItHeldNoOtherNote() throws {
        // The proposal takes n1 and n2 out of Welders into a new theme and puts n3 there.
        let moves = [("n1", "t1", "p1"), ("n2", "t1", "p1"), ("n3", "t2", "t1")].map { RegroupMove(note: note($0.0), from: $0.1, to: $0.2) }
        m.record([.proposalOffered(kind: .opportunity, proposal: ThemeProposal(newThemes: [.init(id: "p1", label: "Pipeline")], moves: moves))])
        try m.run(.applyProposal(kind: .opportunity), as: .facilitator)
        XCTAssertEqual(wall(), ["Welders: n0 n3", "Broadband: n4 n5", "Permits: n6 n7 n8", "Pipeline: n1 n2"])
        // Karen withdraws n0: Welders holds only the note the proposal brought.
        try m.run(.withdraw(note: note("n0")), as: .participant(m.state.notes[note("n0")]!.author!))
        try m.run(.undoRegroup(kind: .opportunity), as: .facilitator)
        XCTAssertEqual(wall(), ["Welders: n1 n2", "Broadband: n3 n4 n5", "Permits: n6 n7 n8"],
                       "Welders stays for the notes going back to it; the emptied Pipeline goes")
    }

    func testAThemeTheFacilitatorWroteASentenceForStaysAfterUndo() throws {
        try offerAndApply()
        let opened = try XCTUnwrap(m.state.orderedThemes(kind: .opportunity).first { $0.label == "Fiber & towers" })
        try m.run(.setSynthesis(theme: opened.id, text: "Rural fiber is what holds the plants back."), as: .facilitator)
        try m.run(.undoRegroup(kind: .opportunity), as: .facilitator)
        XCTAssertEqual(wall(), ["Welders: n0 n1 n2", "Broadband: n3 n4 n5", "Permits: n6 n7 n8", "Fiber & towers:"],
                       "the notes go back, and the theme the facilitator wrote for stays, empty, for them to delete")
    }

    func testAnAppliedProposalKeepsAThemePeopleSignedUpForAndItsChampions() throws {
        // Between the proposal and its applying, Ruth put her name on Broadband.
        let ruth = m.join("Ruth")
        m.record([.championSigned(participant: ruth, theme: "t2")])
        try offerAndApply()
        XCTAssertEqual(wall(), ["Welders: n0 n1 n2 n5", "Broadband:", "Permits: n7 n8", "Fiber & towers: n3 n4 n6"],
                       "the notes move; the strategy area Ruth will champion stays, empty, for the facilitator to decide")
        XCTAssertEqual(m.state.champions(of: "t2").map(\.name), ["Ruth"], "no sign-up is lost with a column")
        XCTAssertEqual(m.state.lastRegroupRemoved[.opportunity] ?? [], [])
        try m.run(.undoRegroup(kind: .opportunity), as: .facilitator)
        XCTAssertEqual(wall(), ["Welders: n0 n1 n2", "Broadband: n3 n4 n5", "Permits: n6 n7 n8"])
        XCTAssertEqual(m.state.champions(of: "t2").map(\.name), ["Ruth"])
    }

    func testARestoredThemeGoesBackAfterTheThemeThatStoodBeforeItEvenWhenAnEarlierOneWasMergedAway() throws {
        // Four themes: Welders, Broadband, Permits (n6 n7 n8) and Housing (n9 n10).
        let who = m.join("Ginger")
        for i in 9..<11 {
            try m.run(.post(id: "n\(i)", kind: nil, text: "note \(i)", scribed: nil), as: .participant(who))
            ids["n\(i)"] = "n\(i)"
        }
        m.record([.themeCreated(id: "t4", kind: .opportunity, label: "Housing", byHand: false)])
        m.record([.noteMoved(note: "n9", theme: "t4", byHand: false), .noteMoved(note: "n10", theme: "t4", byHand: false)])
        // The proposal empties Permits into a new theme.
        let moves = ["n6", "n7", "n8"].map { RegroupMove(note: note($0), from: "t3", to: "p1") }
        m.record([.proposalOffered(kind: .opportunity, proposal: ThemeProposal(newThemes: [.init(id: "p1", label: "Zoning")],
                                                                               moves: moves, removedThemes: ["t3"]))])
        try m.run(.applyProposal(kind: .opportunity), as: .facilitator)
        XCTAssertEqual(wall(), ["Welders: n0 n1 n2", "Broadband: n3 n4 n5", "Housing: n9 n10", "Zoning: n6 n7 n8"])
        // Meanwhile the facilitator merges Welders into Housing: every later theme moves up a place.
        try m.run(.mergeThemes(from: "t1", into: "t4"), as: .facilitator)
        try m.run(.undoRegroup(kind: .opportunity), as: .facilitator)
        XCTAssertEqual(wall(), ["Broadband: n3 n4 n5", "Permits: n6 n7 n8", "Housing: n0 n1 n2 n9 n10"],
                       "Permits is back after Broadband, where it stood, not a column further right")
    }

    /// The titles the server wrote after Apply for the themes the moves made wrong (as its
    /// clustering does: a `grouped` relabel).
    private func retitledAfterApply(_ titles: [(String, String)]) {
        m.record([.grouped(kind: .opportunity, changes: titles.map { .relabel(theme: $0.0, label: $0.1) })])
    }

    func testUndoGivesBackTheTitlesTheRoomSawBeforeTheRegrouping() throws {
        try offerAndApply()
        XCTAssertEqual(m.state.lastRegroupTitles[.opportunity], [ThemeTitle(theme: "t1", label: "Welders"), ThemeTitle(theme: "t3", label: "Permits")],
                       "the themes the moves went to or left, as they stood (Broadband, emptied, is kept whole in `removed`)")
        retitledAfterApply([("t1", "Welders & fiber"), ("t3", "Permit renewals")])
        let undone = try m.run(.undoRegroup(kind: .opportunity), as: .facilitator).events
        XCTAssertEqual(wall(), ["Welders: n0 n1 n2", "Broadband: n3 n4 n5", "Permits: n6 n7 n8"],
                       "the wall as it stood, under the titles the room had seen, not new ones")
        let relabels = undone.flatMap { event -> [GroupingChange] in
            if case let .grouped(_, changes) = event { return changes.filter { if case .relabel = $0 { return true }; return false } }
            return []
        }
        XCTAssertEqual(relabels, [.relabel(theme: "t1", label: "Welders"), .relabel(theme: "t3", label: "Permits")], "\(undone)")
        XCTAssertNil(m.state.lastRegroupTitles[.opportunity])
    }

    func testUndoKeepsATitleTheFacilitatorWroteSinceAndOneNoNoteOfTheUndoTouches() throws {
        try offerAndApply()
        retitledAfterApply([("t1", "Welders & fiber"), ("t3", "Permit renewals")])
        try m.run(.renameTheme(theme: "t1", label: "Skilled trades"), as: .facilitator)
        // n6, which the regrouping took out of Permits, is the facilitator's now: the undo moves
        // nothing in or out of Permits, which holds what it held after the regrouping.
        try m.run(.moveNote(note: note("n6"), theme: "t1"), as: .facilitator)
        try m.run(.undoRegroup(kind: .opportunity), as: .facilitator)
        XCTAssertEqual(wall(), ["Skilled trades: n0 n1 n2 n6", "Broadband: n3 n4 n5", "Permit renewals: n7 n8"])
    }

    func testTheTitlesToGiveBackSurviveARestart() throws {
        try offerAndApply()
        retitledAfterApply([("t1", "Welders & fiber")])
        let log = try m.log.map { try StoredEvent(meeting: $0.meeting, seq: $0.seq, storage: $0.storageJSON()) }
        XCTAssertEqual(log, m.log)
        var replayed = try XCTUnwrap(MeetingState.replay(log))
        let d = try replayed.decide(.undoRegroup(kind: .opportunity), by: .facilitator, newSecret: "")
        for (i, e) in d.events.enumerated() { replayed.apply(StoredEvent(meeting: "m1", seq: replayed.seq + 1, at: 5_000 + Int64(i), event: e)) }
        XCTAssertEqual(wall(replayed), ["Welders: n0 n1 n2", "Broadband: n3 n4 n5", "Permits: n6 n7 n8"])
    }

    func testATitleWrittenForANoteThatJoinedSinceIsKept() throws {
        try offerAndApply()
        // A new note joins Welders after the regrouping, and the room's pause titles the
        // column for what it now holds: that is the title the room reads, and undo keeps it.
        let who = m.join("Ruth")
        try m.run(.post(id: "n9", kind: nil, text: "machinists too", scribed: nil), as: .participant(who))
        ids["n9"] = "n9"
        m.record([.noteMoved(note: "n9", theme: "t1", byHand: false)])
        retitledAfterApply([("t1", "Welders & machinists"), ("t3", "Permit renewals")])
        try m.run(.undoRegroup(kind: .opportunity), as: .facilitator)
        XCTAssertEqual(wall(), ["Welders & machinists: n0 n1 n2 n9", "Broadband: n3 n4 n5", "Permits: n6 n7 n8"])
    }

    func testUndoGivesNoColumnATitleAnotherCarriesNow() throws {
        try offerAndApply()
        retitledAfterApply([("t1", "Skilled welders"), ("t3", "Welders")])
        try m.run(.undoRegroup(kind: .opportunity), as: .facilitator)
        XCTAssertEqual(wall(), ["Skilled welders: n0 n1 n2", "Broadband: n3 n4 n5", "Permits: n6 n7 n8"],
                       "“Welders” is on another column as the undo begins: the first keeps its title, for the grouping to judge")
    }
}
