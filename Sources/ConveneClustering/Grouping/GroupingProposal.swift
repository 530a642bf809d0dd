/// A regrouping the engine would make, for the facilitator to preview, apply or dismiss.
public struct GroupingProposal: Sendable, Equatable {
    public struct NewTheme: Sendable, Equatable {
        public var id: String
        public var label: String
        public init(id: String, label: String) { self.id = id; self.label = label }
    }
    public struct Move: Sendable, Equatable {
        public var note: String
        public var from: String?
        public var to: String?
        public init(note: String, from: String?, to: String?) { self.note = note; self.from = from; self.to = to }
    }
    public var newThemes: [NewTheme] = []
    public var moves: [Move] = []
    /// Automatic themes the moves leave empty (they leave the wall when it is applied).
    public var removedThemes: [String] = []
    public init(newThemes: [NewTheme] = [], moves: [Move] = [], removedThemes: [String] = []) {
        self.newThemes = newThemes; self.moves = moves; self.removedThemes = removedThemes
    }

    /// The changes that carry it out on a wall.
    public var changes: [WallChange] {
        newThemes.map { .createTheme(id: $0.id, label: $0.label) } + moves.map { .move(note: $0.note, theme: $0.to) }
            + removedThemes.map { .removeTheme(id: $0) }
    }
}
