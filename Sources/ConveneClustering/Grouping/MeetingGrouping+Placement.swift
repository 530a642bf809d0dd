/// Where a note belongs among the wall's themes: each theme's centre (with what the
/// facilitator taught it), and the examples placed by hand.
extension MeetingGrouping {
    /// The theme a note should join now, if one is clearly right for it.
    /// `centres`: the wall's theme centres when the caller already has them (placing many
    /// notes on one wall).
    func bestTheme(for index: Int, on wall: Wall, space: WallSpace, centres known: [String: WallSpace.Centroid]? = nil,
                   counterExamples knownCounter: [String: [Int]]? = nil) -> String? {
        let centres = known ?? centroids(of: wall, space: space)
        let counter = knownCounter ?? counterExamples(on: wall)
        let sorted = wall.notes.filter { $0.theme != nil }.count
        var best: (theme: String, similarity: Float)?
        for theme in wall.themes {
            guard let c = centres[theme.id] else { continue }
            let s = max(space.similarity(index, to: c), exemplarSimilarity(index, theme.id, on: wall, space: space))
            guard !resemblesWhatWasTakenOut(index, of: theme.id, more: s, counterExamples: counter, space: space) else { continue }
            if s > (best?.similarity ?? -.infinity) { best = (theme.id, s) }
        }
        guard let best, best.similarity >= placeThreshold else { return nil }
        // A large theme must not swallow what merely resembles the whole wall.
        let members = wall.notes.indices.filter { wall.notes[$0].theme == best.theme }
        if sorted >= 10, Double(members.count) / Double(sorted) > catchAllShare, let c = centres[best.theme] {
            let cohesion = members.map { space.similarity($0, to: c) }.reduce(0, +) / Float(members.count)
            guard best.similarity >= cohesion else { return nil }
        }
        return best.theme
    }

    /// A note placed by hand is an example of its theme: a close paraphrase of it belongs
    /// there even when the theme's centre is elsewhere (less a margin, so the centre rules
    /// unless the resemblance is strong).
    func exemplarSimilarity(_ index: Int, _ theme: String, on wall: Wall, space: WallSpace) -> Float {
        var best: Float = -1
        for (j, n) in wall.notes.enumerated() where j != index && n.pinned && n.theme == theme {
            best = max(best, space.similarity(index, j) - exemplarMargin)
        }
        return best
    }

    /// A note the facilitator moved out of a theme is a counter-example of it: a note more like
    /// that one (less the same margin as an example) than like the theme does not go there.
    /// (Its pull on the theme's centre alone is too weak to keep a paraphrase out: one note
    /// against the theme's many.)
    /// `counterExamples`: `counterExamples(on:)` of the same wall.
    func resemblesWhatWasTakenOut(_ index: Int, of theme: String, more similarity: Float, counterExamples: [String: [Int]],
                                  space: WallSpace) -> Bool {
        (counterExamples[theme] ?? []).contains { $0 != index && space.similarity(index, $0) - exemplarMargin > similarity }
    }

    /// Per theme, the notes the facilitator moved out of it and placed elsewhere (or in Unsorted).
    func counterExamples(on wall: Wall) -> [String: [Int]] {
        var counter: [String: [Int]] = [:]
        for (j, n) in wall.notes.enumerated() { for t in n.rejectedThemes where t != n.theme { counter[t, default: []].append(j) } }
        return counter
    }

    /// Each theme's centre: its notes (placed by hand weigh more), minus the notes moved out
    /// of it by hand, plus the facilitator's label.
    /// `labels: false` leaves the facilitator's labels out of themes that have notes: what
    /// the notes say, to compare themes with each other. (A label's vector arrives from the
    /// embedder a moment after the rename; merge suggestions must not depend on that race.)
    func centroids(of wall: Wall, space: WallSpace, labels: Bool = true, counterExamples: Bool = true) -> [String: WallSpace.Centroid] {
        var members: [String: [(index: Int, weight: Float)]] = [:]
        var counter: [String: [Int]] = [:]
        for (i, n) in wall.notes.enumerated() {
            if let t = n.theme { members[t, default: []].append((i, n.pinned ? handWeight : 1)) }
            if counterExamples { for t in n.rejectedThemes where t != n.theme { counter[t, default: []].append(i) } }
        }
        var result: [String: WallSpace.Centroid] = [:]
        for theme in wall.themes {
            let useLabel = theme.labelByHand && (labels || members[theme.id] == nil)
            let label = useLabel ? theme.seed.map { (theme.label, $0, handWeight) } : nil
            if let c = space.centroid(members: members[theme.id] ?? [], counterExamples: counter[theme.id] ?? [], label: label) {
                result[theme.id] = c
            }
        }
        return result
    }
}
