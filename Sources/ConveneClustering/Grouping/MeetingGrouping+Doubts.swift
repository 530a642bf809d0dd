/// Notes the grouping is least sure of: the console can ask the facilitator to check them
/// first. A wall the engine leaves needs mostly single notes moved (docs/BENCHMARKS.md), and
/// finding them is most of a facilitator's time.
extension MeetingGrouping {
    public struct Doubt: Sendable, Equatable {
        public var note: String
        /// How much closer the note is to its own theme (without itself) than to the closest
        /// other theme: below zero, another theme fits it better.
        public var margin: Float
        /// The closest other theme.
        public var runnerUp: String
    }

    /// Every note the grouping placed in a theme of two notes or more (not the facilitator's
    /// placements or the notes they kept by dismissing a proposal, not locked themes), least
    /// sure first.
    public func doubts(_ wall: Wall) -> [Doubt] {
        let space = WallSpace(wall.notes)
        let locked = Set(wall.themes.filter(\.locked).map(\.id))
        var members: [String: [Int]] = [:]
        for (i, n) in wall.notes.enumerated() { if let t = n.theme { members[t, default: []].append(i) } }
        let themeIds = wall.themes.map(\.id).filter { members[$0] != nil }
        func centre(_ theme: String, without: Int?) -> WallSpace.Centroid? {
            let m = members[theme]!.filter { $0 != without }.map { (index: $0, weight: wall.notes[$0].pinned ? handWeight : 1) }
            return space.centroid(members: m)
        }
        let centres = Dictionary(uniqueKeysWithValues: themeIds.compactMap { t in centre(t, without: nil).map { (t, $0) } })
        var result: [Doubt] = []
        for (i, n) in wall.notes.enumerated() {
            guard let own = n.theme, !n.pinned, !n.keptByFacilitator, !locked.contains(own), members[own]!.count >= 2,
                  let mine = centre(own, without: i) else { continue }
            let others = themeIds.filter { $0 != own && !locked.contains($0) }.compactMap { t in centres[t].map { (t, space.similarity(i, to: $0)) } }
            guard let best = others.max(by: { ($0.1, $1.0) < ($1.1, $0.0) }) else { continue }
            result.append(Doubt(note: n.id, margin: space.similarity(i, to: mine) - best.1, runnerUp: best.0))
        }
        return result.sorted { ($0.margin, $0.note) < ($1.margin, $1.note) }
    }
}
