/// Feeds notes to a wall one at a time exactly as the live server does (place, regroup at
/// checkpoints, relabel the touched themes) and records how much of the wall moved after
/// each note. Used by `convene cluster` and the benchmark.
public struct EpisodeSimulation {
    public private(set) var wall = Wall()
    public private(set) var churn: [Double] = []
    let engine: LiveClustering
    private var nextTheme = 1

    public init(engine: LiveClustering = LiveClustering()) { self.engine = engine }

    public mutating func add(id: String, text: String, vector: [Float]) {
        let before = wall.notes.map(\.theme)
        wall.notes.append(WallNote(id: id, vector: vector, text: text))
        var counter = nextTheme
        let changes = engine.noteArrived(id, on: wall) { defer { counter += 1 }; return "T\(counter)" }
        nextTheme = counter
        wall.apply(changes)
        var touched = Set<String>()
        var regrouped = false
        for c in changes {
            switch c {
            case .move(_, let t?): touched.insert(t)
            case .createTheme(let t, _): touched.insert(t)
            default: break
            }
            if case .move(let n, _) = c, n != id { regrouped = true }
        }
        wall.apply(engine.relabel(wall, themes: regrouped ? nil : touched))
        if !before.isEmpty {
            churn.append(Self.moved(before, Array(wall.notes.prefix(before.count).map(\.theme))))
        }
    }

    /// Puts a note on the wall unsorted, without placing it (for batch runs).
    public mutating func place(_ note: WallNote) { wall.notes.append(note) }

    /// Regroups everything at once (the facilitator's "re-cluster" button).
    public mutating func regroupAll() {
        var counter = nextTheme
        let changes = engine.regroup(wall) { defer { counter += 1 }; return "T\(counter)" }
        nextTheme = counter
        wall.apply(changes)
        wall.apply(engine.relabel(wall))
    }

    /// Fraction of notes whose theme changed, with themes of the two states matched one to
    /// one by largest overlap (the data README's churn).
    public static func moved(_ before: [String?], _ after: [String?]) -> Double {
        guard !before.isEmpty else { return 0 }
        var overlap: [String: [String: Int]] = [:]
        for (a, b) in zip(before, after) { overlap[a ?? "∅", default: [:]][b ?? "∅", default: 0] += 1 }
        var cells = overlap.flatMap { a, row in row.map { (a, $0.key, $0.value) } }
        cells.sort { ($0.2, $1.0, $1.1) > ($1.2, $0.0, $0.1) }
        var usedA = Set<String>(), usedB = Set<String>()
        var kept = 0
        for (a, b, n) in cells where !usedA.contains(a) && !usedB.contains(b) {
            usedA.insert(a); usedB.insert(b); kept += n
        }
        return 1 - Double(kept) / Double(before.count)
    }
}
