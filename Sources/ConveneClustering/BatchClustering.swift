/// Groups a set of notes from scratch: average linkage on cosine distance, the number of
/// groups chosen by silhouette, groups too small to be a theme dissolved, at most
/// `maxThemes` kept, then a few rounds of spherical k-means that also leave a note
/// unsorted (-1) when it is not close to any theme.
///
/// Tuned on ../shared/data/clustering/dev (see docs/BENCHMARKS.md): scanning up to 12
/// groups lets stray notes take their own small groups instead of forcing real themes
/// together; those small groups then dissolve, so 3–8 themes remain.
public struct BatchClustering: Sendable {
    public var minGroups = 3
    public var maxGroupsScanned = 12
    public var maxThemes = 8
    public var minThemeSize = 3
    /// A note less similar than this to every theme stays unsorted.
    public var keepThreshold: Float = 0.15
    public var refinementRounds = 10

    public init() {}

    /// Theme index per note (0..<themes), or -1 for unsorted.
    public func cluster(_ vectors: [[Float]]) -> [Int] {
        let n = vectors.count
        guard n >= 4 else { return [Int](repeating: 0, count: n) }
        let distances = Vectors.distanceMatrix(vectors)
        let tree = Dendrogram(distances: distances, count: n)
        var best: [Int] = tree.cut(into: 1)
        var bestScore = -Float.infinity
        for k in minGroups...max(minGroups, min(maxGroupsScanned, n - 1)) {
            let labels = tree.cut(into: k)
            let score = silhouette(distances: distances, count: n, labels: labels)
            if score > bestScore { bestScore = score; best = labels }
        }
        // Dissolve groups too small to be a theme, and keep the largest `maxThemes`.
        var sizes: [Int: Int] = [:]
        for l in best { sizes[l, default: 0] += 1 }
        let big = sizes.filter { $0.value >= minThemeSize }.sorted { ($0.value, -$0.key) > ($1.value, -$1.key) }.prefix(maxThemes)
        let kept = big.isEmpty ? Set(sizes.keys) : Set(big.map(\.key))
        var labels = best.map { kept.contains($0) ? $0 : -1 }
        labels = refine(vectors, labels)
        // Renumber 0..<themes in order of first appearance.
        var renumber: [Int: Int] = [:]
        return labels.map { l in
            guard l >= 0 else { return -1 }
            if let r = renumber[l] { return r }
            renumber[l] = renumber.count
            return renumber[l]!
        }
    }

    /// Spherical k-means from the given labelling; notes below `keepThreshold` go unsorted.
    func refine(_ vectors: [[Float]], _ start: [Int]) -> [Int] {
        var labels = start
        for _ in 0..<refinementRounds {
            let themes = Array(Set(labels.filter { $0 >= 0 })).sorted()
            guard !themes.isEmpty else { return labels }
            let centroids = themes.map { t in Vectors.centroid(zip(vectors, labels).filter { $0.1 == t }.map(\.0))! }
            var changed = false
            for i in vectors.indices {
                var bestTheme = -1
                var bestSim = -Float.infinity
                for (ti, c) in centroids.enumerated() {
                    let s = Vectors.dot(vectors[i], c)
                    if s > bestSim { bestSim = s; bestTheme = themes[ti] }
                }
                let next = bestSim >= keepThreshold ? bestTheme : -1
                if next != labels[i] { labels[i] = next; changed = true }
            }
            if !changed { break }
        }
        return labels
    }
}
