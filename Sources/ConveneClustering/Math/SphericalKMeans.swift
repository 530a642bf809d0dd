/// k-means on unit vectors (cosine), k-means++ starts from a seeded generator, best of
/// several starts by total similarity. Deterministic.
enum SphericalKMeans {
    static func cluster(_ rows: [[Float]], k: Int, starts: Int = 10, rounds: Int = 50) -> [Int] {
        let n = rows.count
        guard n > 0, k > 1 else { return [Int](repeating: 0, count: n) }
        var random = SeededRandom(seed: 0x5EED + UInt64(k))
        var best: [Int] = [], bestFit = -Float.infinity
        for _ in 0..<starts {
            var centres = [rows[Int(random.unit() * Double(n)) % n]]
            while centres.count < k {
                let distance = rows.map { r in max(0, 1 - centres.map { Vectors.dot(r, $0) }.max()!) }
                let total = distance.reduce(0, +)
                var pick = Float(random.unit()) * total, chosen = n - 1
                for (i, d) in distance.enumerated() { pick -= d; if pick <= 0 && d > 0 { chosen = i; break } }
                centres.append(rows[chosen])
            }
            var labels = [Int](repeating: -1, count: n)
            for _ in 0..<rounds {
                var changed = false
                for i in 0..<n {
                    var bestC = 0, bestS = -Float.infinity
                    for (c, centre) in centres.enumerated() {
                        let s = Vectors.dot(rows[i], centre)
                        if s > bestS { bestS = s; bestC = c }
                    }
                    if labels[i] != bestC { labels[i] = bestC; changed = true }
                }
                if !changed { break }
                for c in 0..<k {
                    let members = rows.indices.filter { labels[$0] == c }.map { rows[$0] }
                    if let centre = Vectors.centroid(members) { centres[c] = centre }
                }
            }
            var fit: Float = 0
            for i in 0..<n { fit += Vectors.dot(rows[i], centres[labels[i]]) }
            if fit > bestFit + 1e-6 { bestFit = fit; best = labels }
        }
        return best
    }
}
