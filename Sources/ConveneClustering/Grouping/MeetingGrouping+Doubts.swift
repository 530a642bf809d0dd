/// Notes the grouping is least sure of: the console asks the facilitator to check them first.
/// A wall the engine leaves needs mostly single notes moved (docs/BENCHMARKS.md), and finding
/// them is most of a facilitator's time.
extension MeetingGrouping {
    public struct Doubt: Sendable, Equatable {
        public var note: String
        /// How much closer the note is to its own theme (without itself) than to the closest
        /// other theme: below zero, another theme fits it better.
        public var margin: Float
        /// The closest other theme.
        public var runnerUp: String
    }

    /// Share of the notes `doubts` covers that the console marks, least sure first. On the
    /// meeting walls about half of the marked notes are misplaced, against a third of all
    /// (docs/BENCHMARKS.md, "Notes to check first").
    public static let doubtfulShare = 0.2
    /// Fewest notes `doubts` must cover before any is marked: below it, every place is a guess.
    public static let doubtsFrom = 8

    /// Every note the grouping placed in a theme of two notes or more, when another theme is
    /// there to compare it with (not the facilitator's placements or the notes they kept by
    /// dismissing a proposal, not locked themes), least sure first.
    public func doubts(_ wall: Wall) -> [Doubt] {
        let locked = Set(wall.themes.filter(\.locked).map(\.id))
        var members: [String: [Int]] = [:]
        for (i, n) in wall.notes.enumerated() { if let t = n.theme, !locked.contains(t) { members[t, default: []].append(i) } }
        let themeIds = wall.themes.map(\.id).filter { members[$0] != nil }
        guard themeIds.count >= 2 else { return [] }
        let space = WallSpace(wall.notes)
        func weight(_ i: Int) -> Float { wall.notes[i].pinned ? handWeight : 1 }
        // Each theme's sums, so that the centre without one of its notes is a subtraction
        // (the wall's advice is answered on the service loop: no centre rebuilt per note).
        let sums = Dictionary(uniqueKeysWithValues: themeIds.map { t in (t, space.sums(members[t]!.map { ($0, weight($0)) })) })
        var result: [Doubt] = []
        for (i, n) in wall.notes.enumerated() {
            guard let own = n.theme, !n.pinned, !n.keptByFacilitator, let ownSums = sums[own], members[own]!.count >= 2 else { continue }
            var best: (theme: String, similarity: Float)?
            for t in themeIds where t != own {
                let s = space.similarity(i, toSums: sums[t]!)
                if s > (best?.similarity ?? -.infinity) { best = (t, s) }
            }
            guard let best else { continue }
            let mine = space.similarity(i, toSums: ownSums, without: weight(i))
            result.append(Doubt(note: n.id, margin: mine - best.similarity, runnerUp: best.theme))
        }
        return result.sorted { ($0.margin, $0.note) < ($1.margin, $1.note) }
    }

    /// The doubts the console marks: the least sure `doubtfulShare` (rounded up), none when
    /// fewer than `doubtsFrom` notes are covered.
    public static func marked(_ doubts: [Doubt]) -> [Doubt] {
        guard doubts.count >= doubtsFrom else { return [] }
        return Array(doubts.prefix(Int((Double(doubts.count) * doubtfulShare).rounded(.up))))
    }
}

extension WallSpace {
    /// A theme's weighted sums of its notes' embeddings and word vectors, and their squared
    /// lengths: its centre, and its centre without any one of them, in O(dimensions).
    struct ThemeSums {
        var embedding: [Float]
        var lexical: [Float]
        var embeddingNorm2: Float
        var lexicalNorm2: Float
    }

    func sums(_ members: [(index: Int, weight: Float)]) -> ThemeSums {
        let dims = embeddings.first?.count ?? 0
        var e = [Float](repeating: 0, count: dims)
        var l = [Float](repeating: 0, count: vocabulary.count)
        for (i, w) in members {
            for d in 0..<dims { e[d] += w * embeddings[i][d] }
            lexical[i].add(into: &l, weight: w)
        }
        return ThemeSums(embedding: e, lexical: l, embeddingNorm2: Vectors.dot(e, e), lexicalNorm2: Vectors.dot(l, l))
    }

    /// The note's similarity to the centre the sums make (as `similarity(_:to:)` to a
    /// centroid), with the note's own share (`without`: its weight in the sums) taken out.
    func similarity(_ i: Int, toSums s: ThemeSums, without weight: Float = 0) -> Float {
        func cosine(_ dot: Float, _ selfDot: Float, _ norm2: Float) -> Float {
            let n2 = norm2 - 2 * weight * dot + weight * weight * selfDot
            return n2 > 1e-12 ? (dot - weight * selfDot) / n2.squareRoot() : 0
        }
        let x = embeddings[i], l = lexical[i]
        let e = cosine(Vectors.dot(x, s.embedding), Vectors.dot(x, x), s.embeddingNorm2)
        let w = cosine(l.dot(dense: s.lexical), l.dot(l), s.lexicalNorm2)
        return (1 - Self.lexicalWeight) * e + Self.lexicalWeight * w
    }
}
