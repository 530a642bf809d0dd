/// The moves of seen notes an automatic regrouping wanted, for the next one to confirm
/// (`MeetingGrouping.regroup(confirming:)`): each note with where it would go, a theme on the
/// wall by its id, or "a new theme" (a theme a regrouping opens gets a fresh id each time).
///
/// Regroupings of a growing wall disagree at the margin: a note near two themes is wanted in
/// one, then back in the other with the next note. Offering only the moves two regroupings in
/// a row agree on keeps the console's proposal steady and the trusting wall calm.
public struct WantedMoves: Sendable, Equatable {
    /// Note id → the id of the theme it would join, or `newTheme`.
    public private(set) var targets: [String: String] = [:]
    static let newTheme = "\u{0}new"

    public init() {}

    public init(_ moves: [GroupingProposal.Move], on wall: Wall) {
        for move in moves { targets[move.note] = Self.target(move, on: wall) }
    }

    /// True when `move` was wanted too: the same note, to the same theme (or to a new one).
    public func contains(_ move: GroupingProposal.Move, on wall: Wall) -> Bool {
        targets[move.note] == Self.target(move, on: wall)
    }

    static func target(_ move: GroupingProposal.Move, on wall: Wall) -> String {
        guard let to = move.to else { return "" }
        return wall.themes.contains { $0.id == to } ? to : newTheme
    }
}
