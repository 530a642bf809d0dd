/// Average-linkage (UPGMA) agglomerative clustering by the nearest-neighbour-chain
/// algorithm: O(n²) time on an n × n distance matrix. Average linkage is reducible, so the
/// merges, sorted by height, form the same dendrogram as the textbook algorithm.
struct Dendrogram {
    /// Merges in increasing height: the clusters are the leaves' representatives.
    let merges: [(a: Int, b: Int, height: Float)]
    let count: Int

    init(distances: [Float], count n: Int) {
        self.count = n
        guard n > 1 else { merges = []; return }
        var d = distances
        var size = [Int](repeating: 1, count: n)
        var active = [Bool](repeating: true, count: n)
        var chain: [Int] = []
        var result: [(Int, Int, Float)] = []
        result.reserveCapacity(n - 1)
        var remaining = n
        while remaining > 1 {
            if chain.isEmpty { chain.append(active.firstIndex(of: true)!) }
            while true {
                let a = chain[chain.count - 1]
                let previous = chain.count >= 2 ? chain[chain.count - 2] : -1
                // Nearest active neighbour of a; prefer the previous chain element on ties.
                var best = -1
                var bestD = Float.infinity
                for j in 0..<n where active[j] && j != a {
                    let v = d[a * n + j]
                    if v < bestD || (v == bestD && j == previous) { bestD = v; best = j }
                }
                if best == previous {
                    // a and previous are reciprocal nearest neighbours: merge them into the lower index.
                    chain.removeLast(2)
                    let (keep, drop) = (min(a, previous), max(a, previous))
                    result.append((keep, drop, bestD))
                    let sk = Float(size[keep]), sd = Float(size[drop])
                    for j in 0..<n where active[j] && j != keep && j != drop {
                        let v = (sk * d[keep * n + j] + sd * d[drop * n + j]) / (sk + sd)
                        d[keep * n + j] = v
                        d[j * n + keep] = v
                    }
                    size[keep] += size[drop]
                    active[drop] = false
                    remaining -= 1
                    break
                }
                chain.append(best)
            }
        }
        // Stable sort by height keeps the result deterministic for equal heights.
        merges = result.enumerated().sorted { ($0.element.2, $0.offset) < ($1.element.2, $1.offset) }.map { $0.element }
    }

    /// Cluster labels 0..<k when the dendrogram is cut into `k` clusters.
    func cut(into k: Int) -> [Int] {
        var parent = Array(0..<count)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        for m in merges.prefix(max(0, count - k)) {
            let ra = find(m.a), rb = find(m.b)
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        var labelOf: [Int: Int] = [:]
        return (0..<count).map { i in
            let r = find(i)
            if let l = labelOf[r] { return l }
            let l = labelOf.count
            labelOf[r] = l
            return l
        }
    }
}

/// Mean silhouette of a labelling under a distance matrix (singletons count 0).
func silhouette(distances d: [Float], count n: Int, labels: [Int]) -> Float {
    let k = (labels.max() ?? 0) + 1
    guard k > 1, n > 2 else { return -1 }
    var size = [Int](repeating: 0, count: k)
    for l in labels { size[l] += 1 }
    var total: Float = 0
    var sums = [Float](repeating: 0, count: k)
    for i in 0..<n {
        for c in 0..<k { sums[c] = 0 }
        for j in 0..<n where j != i { sums[labels[j]] += d[i * n + j] }
        let own = labels[i]
        guard size[own] > 1 else { continue }
        let a = sums[own] / Float(size[own] - 1)
        var b = Float.infinity
        for c in 0..<k where c != own && size[c] > 0 { b = min(b, sums[c] / Float(size[c])) }
        total += (b - a) / max(a, b, 1e-12)
    }
    return total / Float(n)
}
