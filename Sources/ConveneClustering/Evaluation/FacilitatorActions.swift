/// The fewest facilitator actions that turn a wall into a facilitator's grouping (the
/// meetings README): moving a note costs 1, merging two themes costs 1, renaming is free.
/// Each wall theme is given one facilitator theme; its cost is its notes that belong
/// elsewhere, plus 1 for every wall theme after the first given the same facilitator theme
/// (a merge). Notes the facilitator parks (label `unsorted`) are left out; a note the wall
/// left unsorted costs one move.
public enum FacilitatorActions {
    /// `truth[i]`: the facilitator's theme of note i (`"unsorted"`: parked); `wall[i]`:
    /// the wall's theme (nil: unsorted).
    public static func minimum(truth: [String], wall: [String?]) -> Int {
        assignment(truth: truth, wall: wall).cost
    }

    /// The minimum cost, and the facilitator theme given to each wall theme.
    public static func assignment(truth: [String], wall: [String?]) -> (cost: Int, themeFor: [String: String]) {
        let kept = truth.indices.filter { truth[$0] != "unsorted" }
        let unsortedMoves = kept.filter { wall[$0] == nil }.count
        let wallThemes = Array(Set(kept.compactMap { wall[$0] })).sorted()
        let goldThemes = Array(Set(kept.map { truth[$0] })).sorted()
        guard !wallThemes.isEmpty else { return (kept.count, [:]) }
        let k = wallThemes.count
        var size: [String: Int] = [:], overlap: [String: [String: Int]] = [:]
        for i in kept { if let t = wall[i] { size[t, default: 0] += 1; overlap[t, default: [:]][truth[i], default: 0] += 1 } }
        var cost = [[Double]](repeating: [Double](repeating: 0, count: goldThemes.count * k), count: k)
        for (r, t) in wallThemes.enumerated() {
            for (g, gold) in goldThemes.enumerated() {
                let base = Double(size[t]! - (overlap[t]?[gold] ?? 0))
                for repeatIndex in 0..<k { cost[r][g * k + repeatIndex] = base + (repeatIndex > 0 ? 1 : 0) }
            }
        }
        let columns = Assignment.minimumCost(cost)
        var total = unsortedMoves
        var themeFor: [String: String] = [:]
        for (r, c) in columns.enumerated() {
            total += Int(cost[r][c])
            themeFor[wallThemes[r]] = goldThemes[c / k]
        }
        return (total, themeFor)
    }
}
