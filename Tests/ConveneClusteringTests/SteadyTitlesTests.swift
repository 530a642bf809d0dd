@testable import ConveneClustering
import XCTest

/// A column's title is its name for the room: while notes arrive it stays as long as it is
/// right (every word used by a note of the theme) and the theme has not grown past the next
/// size of `MeetingGrouping.titleSteps`; a wrong title is written again at once.
final class SteadyTitlesTests: XCTestCase {
    let welding = ["We cannot find certified welders", "Welders and machinists retire soon", "Machinists are hard to hire",
                   "Weld inspectors are scarce", "Pay welders while they train", "Teach machining in high school"]
    let broadband = ["Broadband at the park is too slow", "Fiber to the rural plants", "Internet outages stop machines"]

    /// The first `n` welding notes in theme "w" titled `label`, the broadband notes in "b".
    func wall(welding n: Int, label: String) -> Wall {
        var wall = Wall(themes: [WallTheme(id: "w", label: label), WallTheme(id: "b", label: "Broadband & fiber")])
        for (i, text) in welding.prefix(n).enumerated() {
            wall.notes.append(WallNote(id: "w\(i)", vector: vector(0, i), text: text, theme: "w"))
        }
        for (i, text) in broadband.enumerated() { wall.notes.append(WallNote(id: "b\(i)", vector: vector(1, i), text: text, theme: "b")) }
        return wall
    }

    func vector(_ topic: Int, _ i: Int) -> [Float] {
        var v = [Float](repeating: 0, count: 8)
        v[topic] = 1; v[2 + i % 6] = 0.3
        let norm = v.map { $0 * $0 }.reduce(0, +).squareRoot()
        return v.map { $0 / norm }
    }

    /// The direction a theme's titles are measured against (as `ThemeTitler.closeness` does),
    /// and one close to it but not as close as can be (every other phrase, in these tests).
    func directions(of theme: String, on w: Wall) -> (centre: [Float], candidate: [Float]) {
        let members = w.notes.indices.filter { w.notes[$0].theme == theme }
        let mean = Vectors.normalized(WallSpace.mean(w.notes.map(\.vector), 8))
        let own = Vectors.normalized(WallSpace.mean(members.map { w.notes[$0].vector }, 8))
        let centre = Vectors.normalized(zip(own, mean).map { $0 + ThemeTitler.wallMeanWeight * $1 })
        var aside = [Float](repeating: 0, count: 8)
        aside[0] = -1
        return (centre, Vectors.normalized(zip(centre, aside).map { 0.8 * $0 + 0.6 * $1 }))
    }

    func relabels(_ changes: [WallChange]) -> [String: String] {
        var out: [String: String] = [:]
        for case let .relabel(theme, label) in changes { out[theme] = label }
        return out
    }

    func testARightTitleStaysAsTheThemeGrowsUntilItOutgrowsIt() {
        let engine = MeetingGrouping()
        // "Welders & machinists" is not what the titler would write ("every note" gives another):
        // the plain retitle would change it, so keeping it is the steady rule's doing.
        let grown = wall(welding: 4, label: "Welders & machinists")
        XCTAssertNotNil(relabels(engine.retitle(grown, themes: ["w"]))["w"], "the titler would write another title")
        // 3 → 4 notes: the same step; every word is still used: it stays.
        XCTAssertNil(relabels(engine.retitleAsNotesArrive(grown, before: wall(welding: 3, label: "Welders & machinists"), touched: ["w"]))["w"])
        // 4 → 5 notes: it reaches the next step (5): titled again for what it holds.
        let outgrown = wall(welding: 5, label: "Welders & machinists")
        XCTAssertNotNil(relabels(engine.retitleAsNotesArrive(outgrown, before: grown, touched: ["w"]))["w"])
        XCTAssertEqual(relabels(engine.retitleAsNotesArrive(outgrown, before: grown, touched: ["w"]))["w"],
                       relabels(engine.retitle(outgrown, themes: ["w"]))["w"])
        // For comparison, without steady titles every touched theme is titled afresh.
        var every = engine
        every.steadyTitles = false
        XCTAssertNotNil(relabels(every.retitleAsNotesArrive(grown, before: wall(welding: 3, label: "Welders & machinists"), touched: ["w"]))["w"])
    }

    func testAWrongTitleIsWrittenAgainAtOnce() {
        let engine = MeetingGrouping()
        // "drones": no note of the theme says it.
        let now = wall(welding: 4, label: "Welders & drones")
        let changes = relabels(engine.retitleAsNotesArrive(now, before: wall(welding: 3, label: "Welders & drones"), touched: ["w"]))
        XCTAssertNotNil(changes["w"])
        XCTAssertFalse(changes["w"]!.lowercased().contains("drones"), changes["w"]!)
    }

    /// At the room's pause every automatic title is looked at again, but one that still fits
    /// gives way only to a title clearly closer to its notes (`pauseMargin`): written afresh at
    /// every pause, a column was renamed three times in a minute of a walk-through.
    func testAtThePauseATitleThatStillFitsGivesWayOnlyToAClearlyBetterOne() {
        let w = wall(welding: 6, label: "Welders & machinists")
        let (centre, candidate) = directions(of: "w", on: w)
        func engine(oldTitleAt vector: [Float]) -> MeetingGrouping {
            var engine = MeetingGrouping()
            engine.phrases = PhraseEmbedder { phrases in phrases.map { $0 == "Welders & machinists" ? vector : candidate } }
            return engine
        }
        // The old title is as close as a title can be: no new one is clearly better; it stays.
        let best = engine(oldTitleAt: centre)
        XCTAssertNil(relabels(best.retitleAsNotesArrive(w, before: w, touched: [], atPause: ["w", "b"]))["w"])
        // Without the margin (every title written afresh), the titler would have renamed it.
        XCTAssertNotNil(relabels(best.retitleAsNotesArrive(w, before: w, touched: [], afresh: ["w", "b"]))["w"])
        // The old title is far from its notes: a clearly closer one replaces it at the pause.
        let far = engine(oldTitleAt: Vectors.normalized(centre.map { -$0 }))
        XCTAssertNotNil(relabels(far.retitleAsNotesArrive(w, before: w, touched: [], atPause: ["w", "b"]))["w"])
        // A wrong title goes at the pause however close its words' meaning ("drones": no note says it).
        let wrong = wall(welding: 6, label: "Welders & drones")
        var engineForWrong = MeetingGrouping()
        engineForWrong.phrases = PhraseEmbedder { phrases in phrases.map { $0 == "Welders & drones" ? centre : candidate } }
        XCTAssertNotNil(relabels(engineForWrong.retitleAsNotesArrive(wrong, before: wrong, touched: [], atPause: ["w", "b"]))["w"])
    }

    /// When a theme reaches its next size the same margin applies: a title as close to its
    /// notes as can be stays (a walk-through counted 7 renames in a minute of requirements).
    func testAtItsNextSizeATitleThatStillFitsGivesWayOnlyToAClearlyBetterOne() {
        let grown = wall(welding: 5, label: "Welders & machinists"), before = wall(welding: 4, label: "Welders & machinists")
        let (centre, candidate) = directions(of: "w", on: grown)
        var engine = MeetingGrouping()
        engine.phrases = PhraseEmbedder { phrases in phrases.map { $0 == "Welders & machinists" ? centre : candidate } }
        XCTAssertNil(relabels(engine.retitleAsNotesArrive(grown, before: before, touched: ["w"]))["w"])
        engine.marginAtSteps = false   // as before: titled afresh at each step
        XCTAssertNotNil(relabels(engine.retitleAsNotesArrive(grown, before: before, touched: ["w"]))["w"])
    }

    func testTheStepsGrowByHalfAgain() {
        XCTAssertEqual(MeetingGrouping.titleSteps.prefix(6), [3, 5, 8, 12, 18, 27])
        for (a, b) in zip(MeetingGrouping.titleSteps, MeetingGrouping.titleSteps.dropFirst()) {
            XCTAssertEqual(Double(b) / Double(a), 1.5, accuracy: 0.2)
        }
    }
}
