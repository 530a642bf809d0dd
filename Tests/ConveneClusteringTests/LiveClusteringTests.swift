@testable import ConveneClustering
import XCTest

final class LiveClusteringTests: XCTestCase {
    /// Unit vectors around a few directions, with deterministic noise.
    func vectors(themes: Int, perTheme: Int, dims: Int = 32, noise: Float = 0.35) -> [(theme: Int, vector: [Float])] {
        var seed: UInt64 = 7
        func rnd() -> Float { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Float(seed >> 40) / Float(1 << 24) - 0.5 }
        var out: [(Int, [Float])] = []
        for i in 0..<(themes * perTheme) {
            let t = i % themes
            var v = [Float](repeating: 0, count: dims)
            v[t] = 1
            for d in 0..<dims { v[d] += noise * rnd() }
            out.append((t, Vectors.normalized(v)))
        }
        return out
    }

    func testSeparatedThemesAreFoundLiveWithLittleChurn() {
        var sim = EpisodeSimulation()
        let data = vectors(themes: 5, perTheme: 20)
        for (i, d) in data.enumerated() { sim.add(id: "n\(i)", text: "note \(i)", vector: d.vector) }
        // Every true theme ends up in one wall theme, and wall themes do not mix true themes.
        var byTruth: [Int: Set<String>] = [:]
        for (n, d) in zip(sim.wall.notes, data) { byTruth[d.theme, default: []].insert(n.theme ?? "unsorted") }
        for (_, themes) in byTruth { XCTAssertEqual(themes.count, 1) }
        XCTAssertEqual(Set(byTruth.values.map { $0.first! }).count, 5)
        XCTAssertLessThan(sim.churn.reduce(0, +) / Double(sim.churn.count), 0.02)
    }

    func testDeterministic() {
        let data = vectors(themes: 4, perTheme: 15)
        func run() -> [String?] {
            var sim = EpisodeSimulation()
            for (i, d) in data.enumerated() { sim.add(id: "n\(i)", text: "x", vector: d.vector) }
            return sim.wall.notes.map(\.theme)
        }
        XCTAssertEqual(run(), run())
    }

    func testPinnedNotesAndLockedThemesNeverMove() {
        let data = vectors(themes: 3, perTheme: 12)
        var wall = Wall(themes: [WallTheme(id: "A", label: "A"), WallTheme(id: "L", label: "Locked", locked: true)])
        for (i, d) in data.enumerated() {
            // Put everything in the wrong place: half pinned in A, some in the locked theme.
            let theme = i % 3 == 0 ? "L" : "A"
            wall.notes.append(WallNote(id: "n\(i)", vector: d.vector, text: "x", theme: theme, pinned: i % 2 == 0))
        }
        var counter = 0
        let changes = LiveClustering().regroup(wall) { counter += 1; return "N\(counter)" }
        for change in changes {
            if case let .move(note, theme) = change {
                let n = wall.notes.first { $0.id == note }!
                XCTAssertFalse(n.pinned, "a pinned note moved")
                XCTAssertNotEqual(n.theme, "L", "a note left a locked theme")
                XCTAssertNotEqual(theme, "L", "a note was moved into a locked theme")
            }
        }
        XCTAssertFalse(changes.isEmpty, "unpinned misplaced notes do move")
    }

    func testLabelsUseTheNotesOwnWords() {
        let welders = ["Welders!! can't find any", "need more qualified welders", "CNC machinists and welders are scarce"]
        let broadband = ["better broadband downtown", "broadband for rural shops", "fiber broadband access"]
        let label = ThemeLabeler.label(for: welders, others: [broadband])
        XCTAssertTrue(label.lowercased().contains("welders"), label)
        XCTAssertTrue(ThemeLabeler.label(for: broadband, others: [welders]).lowercased().contains("broadband"))
        let words = label.split(separator: " ").count
        XCTAssertTrue((1...5).contains(words), label)
    }

    func testUnrelatedNoteWaitsUnsortedAfterTheFirstRegroup() {
        var sim = EpisodeSimulation()
        let data = vectors(themes: 3, perTheme: 12, noise: 0.2)
        for (i, d) in data.enumerated() { sim.add(id: "n\(i)", text: "x", vector: d.vector) }
        var odd = [Float](repeating: 0, count: 32)
        odd[31] = 1
        sim.add(id: "odd", text: "something else entirely", vector: odd)
        XCTAssertNil(sim.wall.notes.last!.theme)
    }

    func testMergeSuggestionsOfferNearDuplicates() {
        var wall = Wall(themes: [WallTheme(id: "A", label: "A"), WallTheme(id: "B", label: "B"), WallTheme(id: "C", label: "C")])
        let a: [Float] = Vectors.normalized([1, 0.1, 0]), b: [Float] = Vectors.normalized([1, 0.15, 0]), c: [Float] = [0, 0, 1]
        wall.notes = [WallNote(id: "1", vector: a, text: "x", theme: "A"), WallNote(id: "2", vector: b, text: "x", theme: "B"),
                      WallNote(id: "3", vector: c, text: "x", theme: "C")]
        let s = LiveClustering().mergeSuggestions(wall, target: 5)
        XCTAssertEqual(s.first.map { [$0.0, $0.1] }, ["A", "B"])
    }

    func testAverageLinkageMatchesAHandWorkedExample() {
        // Points on a line at 0, 1, 5, 6, 20 (distances |x - y|).
        let xs: [Float] = [0, 1, 5, 6, 20]
        var d = [Float](repeating: 0, count: 25)
        for i in 0..<5 { for j in 0..<5 { d[i * 5 + j] = abs(xs[i] - xs[j]) } }
        let tree = Dendrogram(distances: d, count: 5)
        XCTAssertEqual(tree.merges.map(\.height), [1, 1, 5, 17])   // (20+19+15+14)/4
        XCTAssertEqual(tree.cut(into: 3), [0, 0, 1, 1, 2])
    }
}
