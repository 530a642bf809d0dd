/// Feeds notes to a wall one at a time exactly as the live server does (place, regroup at
/// checkpoints, retitle the touched themes, drop emptied automatic themes) and records how
/// much of the wall moved after each note. A simulated facilitator who trusts the engine
/// applies every proposal it makes (`acceptProposals`). Used by `convene cluster`, the
/// facilitator simulation and the benchmark.
public struct EpisodeSimulation {
    public var wall = Wall()
    /// Fraction of the notes already on the wall that changed theme with each new note,
    /// proposals applied included.
    public private(set) var churn: [Double] = []
    /// The same without the applied proposals: what moved with nobody's say-so.
    public private(set) var silentChurn: [Double] = []
    /// Notes the engine moved out of a theme with nobody's say-so (the issue allows only
    /// unsorted and unseen notes to move silently: this stays 0).
    public private(set) var silentMovesOutOfThemes = 0
    public private(set) var proposals = 0
    /// Titles of themes already on the wall that changed, over all steps (a new theme's
    /// first title is not counted).
    public private(set) var titleChanges = 0
    public var acceptProposals = true
    public let engine: MeetingGrouping
    private var nextTheme = 1
    /// The last automatic regrouping's wanted moves, for the next to confirm (as the server keeps them).
    private var wanted = WantedMoves()

    public init(engine: MeetingGrouping = MeetingGrouping()) { self.engine = engine }

    public mutating func add(id: String, text: String, vector: [Float]) {
        let before = wall.notes.map(\.theme)
        wall.notes.append(WallNote(id: id, vector: vector, text: text))
        var counter = nextTheme
        let step = engine.noteArrived(id, on: wall, confirming: wanted) { defer { counter += 1 }; return "T\(counter)" }
        nextTheme = counter
        carryOut(step, before: before, arriving: id)
    }

    /// The room pauses after its last note: the server regroups the unchanged wall once more
    /// and proposes all it would change (`MeetingGrouping.settle`). What moves is recorded as
    /// one more step of churn: people see it as they would a note's.
    public mutating func settle() {
        var counter = nextTheme
        let step = engine.settle(wall) { defer { counter += 1 }; return "T\(counter)" }
        nextTheme = counter
        carryOut(step, before: wall.notes.map(\.theme), arriving: nil)
    }

    /// A step as the server carries it out: its changes, its proposal if the facilitator
    /// trusts the engine, emptied themes removed, touched themes (every theme after a
    /// regrouping) titled again; then the churn of the notes that were on the wall `before`.
    /// `arriving`: the note the step placed (nil: the room's pause, recorded only if it moved
    /// something).
    private mutating func carryOut(_ step: MeetingGrouping.Step, before: [String?], arriving: String?) {
        if let next = step.wanted { wanted = next }
        let found = wall
        wall.apply(step.changes)
        let silent = wall.notes.prefix(before.count).map(\.theme)
        // As the server titles them (`WallPlacement.place`): the themes notes moved into; those
        // whose title an applied proposal made wrong (its notes left or joined them, or an
        // opened theme's title no longer fits) afresh, the themes it opened otherwise keep the
        // title it showed, and at the room's pause every theme is looked at again.
        var touched = Set<String>(), changed = Set<String>(), opened = Set<String>()
        for case .move(_, let t?) in step.changes { touched.insert(t) }
        for case .createTheme(let t, _) in step.changes { touched.insert(t) }
        if let proposal = step.proposal {
            proposals += 1
            if acceptProposals {
                let from = Dictionary(wall.notes.map { ($0.id, $0.theme) }, uniquingKeysWith: { a, _ in a })
                for change in proposal.changes {
                    switch change {
                    case let .move(n, t):
                        if let f = from[n] ?? nil { changed.insert(f) }
                        if let t { changed.insert(t) }
                    case let .createTheme(t, _): opened.insert(t)
                    default: break
                    }
                }
                wall.apply(proposal.changes)
            }
        }
        wall.apply(engine.removingEmptyThemes(wall))
        let present = Set(wall.themes.map(\.id))
        let wrong = MeetingGrouping.titlesNoLongerFitting(changed.union(opened), on: wall)
        let titled = engine.retitleAsNotesArrive(wall, before: found, touched: touched.intersection(present), afresh: wrong,
                                                 atPause: arriving == nil ? present : [])
        // Titles the room saw that changed (a new theme's first title is not a change).
        titleChanges += titled.filter { if case let .relabel(t, _) = $0 { return found.themes.contains { $0.id == t } }; return false }.count
        wall.apply(titled)
        let after = Array(wall.notes.prefix(before.count).map(\.theme))
        guard !before.isEmpty, arriving != nil || after != before else { return }
        churn.append(Self.moved(before, after))
        silentChurn.append(Self.moved(before, Array(silent)))
        silentMovesOutOfThemes += zip(before, silent).filter { $0.0 != nil && $0.0 != $0.1 }.count
    }

    /// Puts a note on the wall unsorted, without placing it (for batch runs).
    public mutating func place(_ note: WallNote) { wall.notes.append(note) }

    /// Regroups everything at once and applies the outcome (the facilitator's "regroup").
    public mutating func regroupAll() {
        var counter = nextTheme
        let step = engine.regroup(wall) { defer { counter += 1 }; return "T\(counter)" }
        nextTheme = counter
        wall.apply(step.changes)
        if let proposal = step.proposal { wall.apply(proposal.changes) }
        wall.apply(engine.removingEmptyThemes(wall))
        wall.apply(engine.retitle(wall))
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
