import ConveneClustering
import Foundation

/// Agreement between a clustering and people's labels (see ../shared/data/README.md).
enum Metrics {
    static func contingency(_ truth: [String], _ predicted: [String]) -> [[Double]] {
        let t = Array(Set(truth)).sorted(), p = Array(Set(predicted)).sorted()
        let ti = Dictionary(uniqueKeysWithValues: t.enumerated().map { ($1, $0) })
        let pi = Dictionary(uniqueKeysWithValues: p.enumerated().map { ($1, $0) })
        var m = [[Double]](repeating: [Double](repeating: 0, count: t.count), count: p.count)
        for (a, b) in zip(truth, predicted) { m[pi[b]!][ti[a]!] += 1 }
        return m
    }

    static func adjustedRandIndex(_ truth: [String], _ predicted: [String]) -> Double {
        let m = contingency(truth, predicted)
        func c2(_ x: Double) -> Double { x * (x - 1) / 2 }
        let n = Double(truth.count)
        let index = m.flatMap { $0 }.reduce(0) { $0 + c2($1) }
        let rows = m.map { $0.reduce(0, +) }.reduce(0) { $0 + c2($1) }
        let cols = (0..<(m.first?.count ?? 0)).map { j in m.reduce(0) { $0 + $1[j] } }.reduce(0) { $0 + c2($1) }
        let expected = rows * cols / c2(n)
        let maxIndex = (rows + cols) / 2
        return maxIndex == expected ? 1 : (index - expected) / (maxIndex - expected)
    }

    /// NMI with arithmetic-mean normalisation (scikit-learn's default).
    static func normalizedMutualInformation(_ truth: [String], _ predicted: [String]) -> Double {
        let m = contingency(truth, predicted)
        let n = Double(truth.count)
        let rows = m.map { $0.reduce(0, +) }
        let cols = (0..<(m.first?.count ?? 0)).map { j in m.reduce(0) { $0 + $1[j] } }
        func entropy(_ xs: [Double]) -> Double { -xs.filter { $0 > 0 }.reduce(0) { $0 + $1 / n * log($1 / n) } }
        var mi = 0.0
        for (i, row) in m.enumerated() { for (j, v) in row.enumerated() where v > 0 { mi += v / n * log(v * n / (rows[i] * cols[j])) } }
        let hp = entropy(rows), ht = entropy(cols)
        if hp == 0 && ht == 0 { return 1 }
        return mi / max((hp + ht) / 2, 1e-12)
    }

    /// Accuracy after the best one-to-one matching of clusters to labels (Hungarian method).
    static func accuracy(_ truth: [String], _ predicted: [String]) -> Double {
        let m = contingency(truth, predicted)
        let size = max(m.count, m.first?.count ?? 0)
        var cost = [[Double]](repeating: [Double](repeating: 0, count: size), count: size)
        let big = m.flatMap { $0 }.max() ?? 0
        for i in 0..<size { for j in 0..<size { cost[i][j] = big - (i < m.count && j < m[i].count ? m[i][j] : 0) } }
        let assignment = Assignment.minimumCost(cost)
        var matched = 0.0
        for (i, j) in assignment.enumerated() where i < m.count && j < m[i].count { matched += m[i][j] }
        return matched / Double(truth.count)
    }
}
