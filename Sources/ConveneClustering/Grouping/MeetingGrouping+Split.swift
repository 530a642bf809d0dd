extension MeetingGrouping {
    /// The facilitator asks to split a theme by meaning ("this column mixes two things"):
    /// the theme's notes in two groups, as a proposal that moves the smaller group — or the
    /// one without the notes the facilitator placed there by hand — to a new theme. Only the
    /// theme's own notes are compared, in a space centred on them (their shared topic, the
    /// theme itself, says nothing about how they differ). nil: fewer than two themes' worth
    /// of notes, a locked theme, or too few notes not placed by hand to leave.
    ///
    /// On the walls the engine leaves, a facilitator who may also split a column this way needs
    /// 0.99 × the actions without it on the 14 shared walls (most columns there are one
    /// group already) and 0.90 × on held-out set 1, whose walls end on 3–5 columns
    /// (`convene-bench meetings --facilitator-splits`, docs/BENCHMARKS.md).
    public func splitProposal(_ themeId: String, on wall: Wall, newThemeId: () -> String) -> GroupingProposal? {
        guard let theme = wall.themes.first(where: { $0.id == themeId }), !theme.locked else { return nil }
        let members = wall.notes.indices.filter { wall.notes[$0].theme == themeId }
        let n = members.count
        guard n >= 2 * grouping.minThemeSize else { return nil }
        let local = WallSpace(members.map { wall.notes[$0] })
        var s = local.similarityMatrix()
        // Notes the facilitator placed here by hand stay together.
        for a in 0..<n { for b in 0..<n where a != b && wall.notes[members[a]].pinned && wall.notes[members[b]].pinned { s[a * n + b] = 1 } }
        let neighbours = max(3, min(10, Int(Double(n).squareRoot().rounded())))
        let rows = SpectralEmbedding.rows(similarity: s, count: n, neighbours: neighbours, dimensions: 2)
            .map { Vectors.normalized(Array($0.prefix(2))) }
        // Two groups by the spectral embedding; when one of them is too small to be a theme
        // (a column of three or four strands), the best cut that leaves a theme's worth on
        // each side, by silhouette.
        var labels = SphericalKMeans.cluster(rows, k: 2)
        if min(labels.filter { $0 == 0 }.count, labels.filter { $0 == 1 }.count) < grouping.minThemeSize,
           let cut = Self.bestCut(similarity: s, count: n, smallest: grouping.minThemeSize) {
            labels = cut
        }
        let sides = [0, 1].map { side in members.indices.filter { labels[$0] == side } }
        // The side holding more of the facilitator's own placements (else the larger) stays.
        func claim(_ side: [Int]) -> (Int, Int) { (side.filter { wall.notes[members[$0]].pinned }.count, side.count) }
        let (staying, leaving) = claim(sides[0]) >= claim(sides[1]) ? (sides[0], sides[1]) : (sides[1], sides[0])
        let moving = leaving.filter { !wall.notes[members[$0]].pinned }.map { members[$0] }
        guard staying.count >= grouping.minThemeSize, moving.count >= grouping.minThemeSize else { return nil }
        let id = newThemeId()
        let title = ThemeTitler.title(for: moving, on: wall, space: WallSpace(wall.notes), avoiding: wall.themes.map(\.label),
                                      phrases: phrases, lexicon: lexicon)
        return GroupingProposal(newThemes: [.init(id: id, label: title)],
                                moves: moving.map { .init(note: wall.notes[$0].id, from: themeId, to: id) })
    }

    /// Two sides of at least `smallest` notes each: the notes ordered from most like one to
    /// most like the other of the two least similar notes, cut where the silhouette is best.
    static func bestCut(similarity s: [Float], count n: Int, smallest: Int) -> [Int]? {
        guard n >= 2 * smallest else { return nil }
        var (a, b, low) = (0, 1, Float.infinity)
        for i in 0..<n { for j in (i + 1)..<n where s[i * n + j] < low { (a, b, low) = (i, j, s[i * n + j]) } }
        let order = (0..<n).sorted { (s[$0 * n + a] - s[$0 * n + b], $1) > (s[$1 * n + a] - s[$1 * n + b], $0) }
        var best: (labels: [Int], score: Float)?
        // About 50 cuts at most: each costs a silhouette over the theme (n²); a theme of 300
        // notes took 0.4 s with every cut, on the service loop.
        let step = max(1, (n - 2 * smallest) / 48)
        for size in stride(from: smallest, through: n - smallest, by: step) {
            var labels = [Int](repeating: 1, count: n)
            for i in order.prefix(size) { labels[i] = 0 }
            let score = SpectralGrouping.silhouette(labels, similarity: s, count: n)
            if score > (best?.score ?? -.infinity) { best = (labels, score) }
        }
        return best?.labels
    }
}
