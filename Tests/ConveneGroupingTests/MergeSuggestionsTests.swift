import ConveneClustering
@testable import ConveneCore
@testable import ConveneGrouping
import XCTest

/// Merge suggestions as the console receives them: a pair offered only because the wall has
/// more themes than the meeting aims for is marked `closest`, so the console does not say the
/// two "look alike" (a walk-through was told so of "Mobile canning & bottles" and "Orchard fruit
/// contracts").
extension WallPlacementTests {
    func testAPairOfferedOnlyForBeingTheClosestIsMarkedSoAndTwinsAreNot() throws {
        let vs = vectors(12, themes: 3)
        var engine = MeetingGrouping()
        engine.targetThemes = 2
        // Three topics in three automatic columns: no two alike, the closest pair offered.
        var wall = Wall(themes: ["A", "B", "C"].map { WallTheme(id: $0, label: $0) })
        for i in 0..<12 { wall.notes.append(WallNote(id: "n\(i)", vector: vs["n\(i)"]!, text: "note \(i)", theme: ["A", "B", "C"][i % 3])) }
        let distinct = try XCTUnwrap(WallPlacement.mergeSuggestions(wall, engine: engine).arrayValue)
        XCTAssertEqual(distinct.count, 1, "\(distinct)")
        XCTAssertEqual(distinct.first?["closest"], .bool(true))
        // One topic split over two columns: they look alike, and are offered as such.
        var twins = Wall(themes: ["A", "A2", "B"].map { WallTheme(id: $0, label: $0) })
        for i in 0..<12 where i % 3 != 2 {
            twins.notes.append(WallNote(id: "n\(i)", vector: vs["n\(i)"]!, text: "note \(i)", theme: i % 3 == 1 ? "B" : (i % 2 == 0 ? "A" : "A2")))
        }
        let alike = try XCTUnwrap(WallPlacement.mergeSuggestions(twins, engine: engine).arrayValue)
        let pair = try XCTUnwrap(alike.first { Set([$0["from"]?.stringValue, $0["into"]?.stringValue]) == Set(["A", "A2"]) }, "\(alike)")
        XCTAssertNil(pair["closest"], "\(pair)")
    }
}
