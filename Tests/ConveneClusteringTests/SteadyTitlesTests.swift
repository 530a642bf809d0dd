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

    func testTheStepsGrowByHalfAgain() {
        XCTAssertEqual(MeetingGrouping.titleSteps.prefix(6), [3, 5, 8, 12, 18, 27])
        for (a, b) in zip(MeetingGrouping.titleSteps, MeetingGrouping.titleSteps.dropFirst()) {
            XCTAssertEqual(Double(b) / Double(a), 1.5, accuracy: 0.2)
        }
    }
}
