import XCTest
@testable import ConveneCore

/// "Undo the merge": the facilitator gets back the theme a merge took off the wall, as it
/// stood — its name, lock, summary sentence and place, its notes still in the theme it joined,
/// its champions and the people named for it — and the grouping gets back the notes the merge
/// pinned that nobody had placed by hand.
final class UndoMergeTests: XCTestCase {
    private var m = MeetingDriver()
    private var karen = ""

    override func setUp() {
        m = MeetingDriver()
        m.phase(.opportunities)
        karen = m.join("Karen")
        for i in 0..<9 { try! m.run(.post(id: "n\(i)", kind: nil, text: "note \(i)", scribed: nil), as: .participant(karen)) }
        // Three automatic themes of three notes, placed by the grouping.
        m.record([("t1", "Welders"), ("t2", "Broadband"), ("t3", "Permits")].map { .themeCreated(id: $0.0, kind: .opportunity, label: $0.1, byHand: false) })
        m.record((0..<9).map { .noteMoved(note: "n\($0)", theme: "t\($0 / 3 + 1)", byHand: false) })
    }

    /// Each theme of the board with its notes, in the board's order ("Welders: n0 n1 n2").
    private func wall(_ state: MeetingState? = nil) -> [String] {
        let s = state ?? m.state
        return s.orderedThemes(kind: .opportunity).map { t in
            ([t.label + ":"] + s.visibleNotes(kind: .opportunity).filter { $0.theme == t.id }.map(\.id)).joined(separator: " ")
        }
    }

    private func pinned() -> [String] { m.state.noteOrder.filter { m.state.notes[$0]?.placedByHand == true } }

    func testUndoPutsTheThemeBackInItsPlaceWithItsNotesAndFreesThePinsTheMergeGave() throws {
        let before = wall()
        try m.run(.moveNote(note: "n4", theme: "t2"), as: .facilitator)   // placed by hand before the merge
        try m.run(.mergeThemes(from: "t2", into: "t3"), as: .facilitator)
        XCTAssertEqual(wall(), ["Welders: n0 n1 n2", "Permits: n3 n4 n5 n6 n7 n8"])
        XCTAssertEqual(pinned(), ["n3", "n4", "n5", "n6", "n7", "n8"], "a merge pins both themes' notes")
        let d = try m.run(.undoMerge(kind: .opportunity), as: .facilitator)
        XCTAssertEqual(wall(), before, "Broadband back between Welders and Permits, with its three notes")
        XCTAssertEqual(pinned(), ["n4"], "only the note placed by hand before the merge stays the facilitator's")
        XCTAssertEqual(d.reply.first { $0.0 == "moved" }?.1, .int(3))
        XCTAssertEqual(m.state.themes["t2"]?.labelByHand, false, "an automatic title stays automatic")
        XCTAssertNil(m.state.lastMerge[.opportunity])
        XCTAssertRefused(.notFound, saying: "no merge to undo") { try m.run(.undoMerge(kind: .opportunity), as: .facilitator) }
        // A restart replays the same wall, and the console's whole snapshot.
        let replayed = try XCTUnwrap(MeetingState.replay(m.log))
        XCTAssertEqual(wall(replayed), before)
        XCTAssertEqual(replayed.snapshot(for: .console), m.state.snapshot(for: .console))
        XCTAssertEqual(replayed.noteOrder.filter { replayed.notes[$0]?.placedByHand == true }, ["n4"])
    }

    func testTheThemeComesBackWithItsNameLockSentenceChampionsAndNominations() throws {
        // Strategy areas, in the commitments phase: people sign up for them.
        _ = try areasWithChampions()
        let bob = m.join("Bob")
        try m.run(.renameTheme(theme: "a1", label: "Rural internet"), as: .facilitator)
        try m.run(.lockTheme(theme: "a1", locked: true), as: .facilitator)
        try m.run(.setSynthesis(theme: "a1", text: "Every farm online by 2028."), as: .facilitator)
        try m.run(.champion(theme: "a1"), as: .participant(karen))
        try m.run(.champion(theme: "a1"), as: .participant(bob))
        try m.run(.champion(theme: "a2"), as: .participant(bob))   // already a champion of the area it joins
        try m.run(.nominate(id: "x1", name: "Dee", organization: "Co-op", contact: nil, theme: "a1"), as: .participant(karen))
        try m.run(.spotlight(theme: "a1"), as: .facilitator)
        try m.run(.mergeThemes(from: "a1", into: "a2"), as: .facilitator)
        XCTAssertEqual(Set(m.state.champions.map { "\($0.participant)@\($0.theme)" }), ["\(karen)@a2", "\(bob)@a2"])
        XCTAssertEqual(m.state.spotlight, "a2")

        try m.run(.undoMerge(kind: .requirement), as: .facilitator)
        let a1 = try XCTUnwrap(m.state.themes["a1"])
        XCTAssertEqual(m.state.orderedThemes(kind: .requirement).map(\.id), ["a1", "a2"])
        XCTAssertEqual(a1.label, "Rural internet")
        XCTAssertTrue(a1.labelByHand, "the facilitator's name is theirs again: no automatic title replaces it")
        XCTAssertTrue(a1.locked)
        XCTAssertEqual(a1.synthesis, "Every farm online by 2028.")
        XCTAssertEqual(m.state.visibleNotes(kind: .requirement).filter { $0.theme == "a1" }.map(\.id), ["r0", "r1"])
        XCTAssertEqual(Set(m.state.champions.map { "\($0.participant)@\($0.theme)" }), ["\(karen)@a1", "\(bob)@a1", "\(bob)@a2"],
                       "Karen champions Rural internet again, not Permits; Bob stays on Permits, where he signed up himself")
        XCTAssertEqual(m.state.nominations["x1"]?.theme, "a1")
        XCTAssertEqual(m.state.spotlight, "a1")
        XCTAssertNil(m.state.lastMerge[.requirement])
        XCTAssertNil(m.state.lastMerge[.opportunity], "no opportunity theme was merged")
    }

    func testNotesMovedOrArrivedSinceStayWhereTheyAre() throws {
        try m.run(.mergeThemes(from: "t2", into: "t3"), as: .facilitator)
        try m.run(.moveNote(note: "n3", theme: "t1"), as: .facilitator)   // moved by hand since
        try m.run(.post(id: "n9", kind: nil, text: "note 9", scribed: nil), as: .participant(karen))
        m.record([.noteMoved(note: "n9", theme: "t3", byHand: false)])    // arrived since, placed by the grouping
        try m.run(.undoMerge(kind: .opportunity), as: .facilitator)
        XCTAssertEqual(wall(), ["Welders: n0 n1 n2 n3", "Broadband: n4 n5", "Permits: n6 n7 n8 n9"])
        XCTAssertTrue(m.state.notes["n3"]!.placedByHand, "placed by hand since the merge: the facilitator's for good")
        XCTAssertFalse(m.state.notes["n6"]!.placedByHand)
    }

    func testUndoIsRefusedWhenNothingCanComeBack() throws {
        // Every note of the merged automatic theme moved since: an empty column nobody made.
        try m.run(.mergeThemes(from: "t2", into: "t3"), as: .facilitator)
        for n in ["n3", "n4", "n5"] { try m.run(.moveNote(note: n, theme: "t1"), as: .facilitator) }
        XCTAssertRefused(.notFound, saying: "nothing to put back") { try m.run(.undoMerge(kind: .opportunity), as: .facilitator) }
        // The theme it joined merged away since: the merge to undo is the newest one.
        try m.run(.mergeThemes(from: "t3", into: "t1"), as: .facilitator)
        try m.run(.undoMerge(kind: .opportunity), as: .facilitator)
        XCTAssertEqual(wall(), ["Welders: n0 n1 n2 n3 n4 n5", "Permits: n6 n7 n8"])
        // Only the facilitator can undo.
        try m.run(.mergeThemes(from: "t3", into: "t1"), as: .facilitator)
        XCTAssertRefused(.forbidden) { try m.run(.undoMerge(kind: .opportunity), as: .participant(karen)) }
        // A theme deleted since cannot take notes back.
        let empty = m.theme(.opportunity, "Housing")
        try m.run(.mergeThemes(from: "t1", into: empty), as: .facilitator)
        for n in m.state.noteOrder where m.state.notes[n]?.theme == empty { try m.run(.moveNote(note: n, theme: nil), as: .facilitator) }
        try m.run(.deleteTheme(theme: empty), as: .facilitator)
        XCTAssertRefused(.notFound, saying: "is gone") { try m.run(.undoMerge(kind: .opportunity), as: .facilitator) }
    }

    /// Champions in commitments: two strategy areas of two notes each.
    private func areasWithChampions() throws -> (String, String) {
        m.phase(.requirements)
        for i in 0..<4 { try m.run(.post(id: "r\(i)", kind: nil, text: "need \(i)", scribed: nil), as: .participant(karen)) }
        m.record([.themeCreated(id: "a1", kind: .requirement, label: "Broadband", byHand: false),
                  .themeCreated(id: "a2", kind: .requirement, label: "Permits", byHand: false)])
        m.record((0..<4).map { .noteMoved(note: "r\($0)", theme: $0 < 2 ? "a1" : "a2", byHand: false) })
        m.phase(.commitments)
        return ("a1", "a2")
    }

    private func signups() -> Set<String> { Set(m.state.champions.map { "\($0.participant)@\($0.theme)" }) }

    func testSomeoneWhoWithdrewSinceTheMergeIsNotSignedUpAgain() throws {
        let (a1, a2) = try areasWithChampions()
        let bob = m.join("Bob")
        try m.run(.champion(theme: a1), as: .participant(karen))
        try m.run(.champion(theme: a1), as: .participant(bob))
        try m.run(.mergeThemes(from: a1, into: a2), as: .facilitator)
        try m.run(.unchampion(theme: a2), as: .participant(karen))   // Karen no longer wants it
        try m.run(.undoMerge(kind: .requirement), as: .facilitator)
        XCTAssertEqual(signups(), ["\(bob)@\(a1)"], "Bob back on Broadband; Karen, who withdrew, on nothing")
        XCTAssertEqual(MeetingState.replay(m.log)?.snapshot(for: .console), m.state.snapshot(for: .console))
    }

    func testAChampionWhoseRecordWasMergedSinceComesBackAsTheRecordTheyAreNow() throws {
        let (a1, a2) = try areasWithChampions()
        let phone2 = m.join("Karen")   // Karen's second device
        try m.run(.champion(theme: a1), as: .participant(phone2))
        try m.run(.mergeThemes(from: a1, into: a2), as: .facilitator)
        try m.run(.mergeParticipants(from: phone2, into: karen), as: .facilitator)
        XCTAssertEqual(signups(), ["\(karen)@\(a2)"])
        try m.run(.undoMerge(kind: .requirement), as: .facilitator)
        XCTAssertEqual(signups(), ["\(karen)@\(a1)"], "Karen (her one record) back on Broadband only")
    }

    func testAThemeWithOnlyHiddenNotesLeftDoesNotComeBackAsAnEmptyColumn() throws {
        try m.run(.mergeThemes(from: "t2", into: "t3"), as: .facilitator)
        try m.run(.moveNote(note: "n3", theme: "t1"), as: .facilitator)
        try m.run(.moveNote(note: "n4", theme: "t1"), as: .facilitator)
        try m.run(.hideNote(note: "n5", hidden: true), as: .facilitator)
        XCTAssertFalse(m.state.canUndoMerge(.opportunity))
        XCTAssertRefused(.notFound, saying: "nothing to put back") { try m.run(.undoMerge(kind: .opportunity), as: .facilitator) }
        try m.run(.hideNote(note: "n5", hidden: false), as: .facilitator)
        XCTAssertTrue(m.state.canUndoMerge(.opportunity))
    }

    func testAtTheLimitOfThemesTheUndoWaitsForRoom() throws {
        try m.run(.mergeThemes(from: "t2", into: "t3"), as: .facilitator)
        var made: [String] = []
        while m.state.orderedThemes(kind: .opportunity).count < Limits.themesPerKind { made.append(m.theme(.opportunity, "Theme \(made.count)")) }
        XCTAssertRefused(.limitReached, saying: "delete an empty one") { try m.run(.undoMerge(kind: .opportunity), as: .facilitator) }
        try m.run(.deleteTheme(theme: made[0]), as: .facilitator)
        try m.run(.undoMerge(kind: .opportunity), as: .facilitator)
        XCTAssertEqual(m.state.orderedThemes(kind: .opportunity).count, Limits.themesPerKind)
    }

    func testTheEventsReadBackFromStorage() throws {
        try m.run(.mergeThemes(from: "t2", into: "t3"), as: .facilitator)
        let d = try m.run(.undoMerge(kind: .opportunity), as: .facilitator)
        for event in d.events {
            let stored = StoredEvent(meeting: "m1", seq: 1, at: 1, event: event)
            XCTAssertEqual(try StoredEvent(meeting: "m1", seq: 1, storage: stored.storageJSON()), stored)
        }
        XCTAssertTrue(d.events.contains(.mergeUndone(kind: .opportunity, theme: "t2", released: ["n3", "n4", "n5", "n6", "n7", "n8"])), "\(d.events)")
    }
}
