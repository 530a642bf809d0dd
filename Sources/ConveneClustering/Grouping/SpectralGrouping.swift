/// Groups a whole wall from scratch: spectral clustering of the wall's similarity graph
/// (see `SpectralEmbedding`), the number of themes chosen by silhouette among a few around
/// the meeting's target (a prior, not a rule: a small penalty per theme away from it), groups
/// smaller than a theme dissolved into their nearest group, and notes that fit no group
/// left unsorted.
public struct SpectralGrouping: Sendable {
    public var minThemeSize = 3
    /// Silhouette given up per theme away from the target: breaks near-ties toward the
    /// workbook's "4–5 clusters" without overriding a clearly better count.
    public var priorPenalty: Float = 0.005

    public init() {}

    /// The range of theme counts considered for a wall of `n` notes.
    public func themeCounts(notes n: Int, target: Int) -> ClosedRange<Int> {
        // A theme needs a few notes to be a theme: small walls get few (8 notes: at most 2).
        let most = min(target + 1, max(1, n / (minThemeSize + 1)))
        let fewest = min(most, max(2, target - 2))
        return fewest...most
    }

    /// Group index per note (0..<groups) or -1 (fits nowhere). `similarity` is row-major
    /// n × n (the caller may have pinned pairs together or apart).
    public func group(similarity s: [Float], count n: Int, target: Int) -> [Int] {
        let counts = themeCounts(notes: n, target: target)
        // One group is no grouping: until two themes can be told apart, notes stay unsorted.
        guard counts.upperBound >= 2 else { return [Int](repeating: -1, count: n) }
        let neighbours = max(4, min(10, Int(Double(n).squareRoot().rounded())))
        let spectral = SpectralEmbedding.rows(similarity: s, count: n, neighbours: neighbours, dimensions: counts.upperBound)
        var best: [Int] = [], bestScore = -Float.infinity
        for k in counts {
            let rows = spectral.map { Vectors.normalized(Array($0.prefix(k))) }
            var labels = SphericalKMeans.cluster(rows, k: k)
            labels = dissolveSmallGroups(labels, similarity: s, count: n)
            let score = Self.silhouette(labels, similarity: s, count: n) - priorPenalty * Float(abs(k - target))
            if score > bestScore + 1e-6 { bestScore = score; best = labels }
        }
        return Self.renumbered(leaveUnfitting(best, similarity: s, count: n))
    }

    /// Members of groups below `minThemeSize` join the group they are closest to on average.
    func dissolveSmallGroups(_ labels: [Int], similarity s: [Float], count n: Int) -> [Int] {
        var sizes: [Int: Int] = [:]
        for l in labels where l >= 0 { sizes[l, default: 0] += 1 }
        let big = Set(sizes.filter { $0.value >= minThemeSize }.map(\.key))
        guard !big.isEmpty else { return labels.map { _ in -1 } }
        return labels.enumerated().map { i, l in
            if big.contains(l) { return l }
            return big.sorted().max { meanSimilarity(i, $0, labels, s, n) < meanSimilarity(i, $1, labels, s, n) } ?? -1
        }
    }

    /// A note less similar to its group than to the wall as a whole (negative mean
    /// similarity in the centred space) fits nowhere: it goes to Unsorted.
    func leaveUnfitting(_ labels: [Int], similarity s: [Float], count n: Int) -> [Int] {
        labels.enumerated().map { i, l in
            guard l >= 0 else { return -1 }
            return meanSimilarity(i, l, labels, s, n) > 0 ? l : -1
        }
    }

    func meanSimilarity(_ i: Int, _ group: Int, _ labels: [Int], _ s: [Float], _ n: Int) -> Float {
        var sum: Float = 0, count = 0
        for j in 0..<n where j != i && labels[j] == group { sum += s[i * n + j]; count += 1 }
        return count > 0 ? sum / Float(count) : -1
    }

    /// Mean silhouette with distance 1 − similarity; notes of singleton or no group count 0.
    static func silhouette(_ labels: [Int], similarity s: [Float], count n: Int) -> Float {
        let groups = Set(labels.filter { $0 >= 0 })
        guard groups.count >= 2, let top = groups.max() else { return -1 }
        // Sums per group in arrays indexed by group (a dictionary per note made this the
        // costliest step of regrouping 1,000 notes).
        var distance = [Float](repeating: 0, count: top + 1)
        var members = [Int](repeating: 0, count: top + 1)
        var total: Float = 0
        for i in 0..<n {
            guard labels[i] >= 0 else { continue }
            for g in distance.indices { distance[g] = 0; members[g] = 0 }
            for j in 0..<n where j != i && labels[j] >= 0 {
                distance[labels[j]] += 1 - s[i * n + j]
                members[labels[j]] += 1
            }
            let own = labels[i]
            guard members[own] > 0 else { continue }
            let a = distance[own] / Float(members[own])
            var b = Float.infinity
            for g in distance.indices where g != own && members[g] > 0 { b = min(b, distance[g] / Float(members[g])) }
            if b == .infinity { b = a }
            total += (b - a) / max(a, b, 1e-9)
        }
        return total / Float(n)
    }

    /// Groups numbered 0..<groups in order of first appearance.
    static func renumbered(_ labels: [Int]) -> [Int] {
        var map: [Int: Int] = [:]
        return labels.map { l in
            guard l >= 0 else { return -1 }
            if let r = map[l] { return r }
            map[l] = map.count
            return map[l]!
        }
    }
}
