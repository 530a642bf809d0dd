/// The spectral embedding of a similarity matrix: a sparse k-nearest-neighbour graph,
/// symmetric normalisation D^-½ A D^-½, and its leading eigenvectors found by subspace
/// iteration. Rows of the embedding of notes on one theme point the same way even when
/// the theme is a chain of paraphrases that share no words: it is what lets a meeting wall,
/// where every note is about one industry, separate by meaning (docs/BENCHMARKS.md).
enum SpectralEmbedding {
    /// `similarity`: n × n, row-major. Returns `dimensions` eigenvectors as n rows.
    static func rows(similarity s: [Float], count n: Int, neighbours: Int, dimensions: Int) -> [[Float]] {
        let k = min(neighbours, n - 1)
        // Each note's k most similar notes, the graph made symmetric.
        var adjacency = [[Int: Float]](repeating: [:], count: n)
        for i in 0..<n {
            for j in nearest(k, of: i, similarity: s, count: n) {
                let w = max(s[i * n + j], 0) + 1e-3
                adjacency[i][j] = max(adjacency[i][j] ?? 0, w)
                adjacency[j][i] = max(adjacency[j][i] ?? 0, w)
            }
        }
        // Rows in index order, so that every sum below runs in the same order every run.
        let rows: [[(Int, Float)]] = adjacency.map { row in row.map { ($0.key, $0.value) }.sorted { $0.0 < $1.0 } }
        let degree = rows.map { $0.reduce(0) { $0 + $1.1 } }
        let scale = degree.map { $0 > 0 ? 1 / $0.squareRoot() : 0 }
        let edges: [[(Int, Float)]] = rows.enumerated().map { i, row in row.map { ($0.0, $0.1 * scale[i] * scale[$0.0]) } }
        // Subspace iteration on (N + I) / 2, whose eigenvalues lie in [0, 1]: the leading
        // ones are the clusters'. A few extra vectors speed up convergence.
        let m = min(n, dimensions + 3)
        var random = SeededRandom(seed: 0xC0FFEE)
        var q = (0..<m).map { _ in (0..<n).map { _ in Float(random.unit() - 0.5) } }
        orthonormalize(&q)
        for iteration in 0..<400 {
            var next = q.map { col -> [Float] in
                var out = [Float](repeating: 0, count: n)
                for i in 0..<n {
                    var acc = col[i]
                    for (j, w) in edges[i] { acc += w * col[j] }
                    out[i] = acc * 0.5
                }
                return out
            }
            orthonormalize(&next)
            // Converged when the subspace no longer turns (every new vector lies in the old span).
            if iteration % 10 == 9 {
                var drift: Float = 0
                for col in next.prefix(dimensions) {
                    var inSpan: Float = 0
                    for old in q { let d = Vectors.dot(col, old); inSpan += d * d }
                    drift = max(drift, 1 - inSpan)
                }
                q = next
                if drift < 1e-7 { break }
            } else {
                q = next
            }
        }
        return (0..<n).map { i in (0..<dimensions).map { q[$0][i] } }
    }

    /// The `k` notes most similar to note `i`, most similar first (ties: lower index first).
    /// A running list of the best `k` rather than a sort of the whole row: on 1,000 notes the
    /// sorts were a quarter of the spectral step.
    static func nearest(_ k: Int, of i: Int, similarity s: [Float], count n: Int) -> [Int] {
        guard k > 0 else { return [] }
        var best: [(similarity: Float, index: Int)] = []
        best.reserveCapacity(k + 1)
        for j in 0..<n where j != i {
            let candidate = (similarity: s[i * n + j], index: j)
            if best.count == k, let last = best.last, !(candidate.similarity > last.similarity) { continue }
            // Later indices lose ties, so a candidate equal to the last one never gets in, and
            // one goes after every entry at least as similar.
            var at = best.count
            while at > 0 && candidate.similarity > best[at - 1].similarity { at -= 1 }
            best.insert(candidate, at: at)
            if best.count > k { best.removeLast() }
        }
        return best.map(\.index)
    }

    /// Modified Gram-Schmidt over the columns, in one flat buffer (element by element on
    /// nested arrays it was a fifth of the spectral step on 1,000 notes; same arithmetic).
    static func orthonormalize(_ columns: inout [[Float]]) {
        let m = columns.count
        guard m > 0 else { return }
        let n = columns[0].count
        precondition(columns.allSatisfy { $0.count == n }, "columns of one length")
        var flat = columns.flatMap { $0 }
        flat.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for a in 0..<m {
                let column = base + a * n
                for b in 0..<a {
                    let other = base + b * n
                    let d = Vectors.dot(column, other, n)
                    for i in 0..<n { column[i] -= d * other[i] }
                }
                let norm = Vectors.dot(column, column, n).squareRoot()
                if norm > 1e-20 { for i in 0..<n { column[i] /= norm } }
            }
        }
        columns = (0..<m).map { Array(flat[($0 * n)..<(($0 + 1) * n)]) }
    }
}
