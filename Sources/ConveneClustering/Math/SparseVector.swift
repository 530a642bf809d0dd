/// A sparse vector with its indices in ascending order: dot products walk both lists
/// once, in the same order every run (summing a dictionary's entries follows its hash
/// order, which changes per process and made grouping differ between runs).
struct SparseVector: Sendable {
    var indices: [Int] = []
    var values: [Float] = []

    /// From index/value pairs in any order; repeated indices add up; zeros are dropped.
    init(_ pairs: [(Int, Float)]) {
        for (index, value) in pairs.sorted(by: { $0.0 < $1.0 }) {
            if indices.last == index { values[values.count - 1] += value } else { indices.append(index); values.append(value) }
        }
        let kept = zip(indices, values).filter { $0.1 != 0 }
        indices = kept.map(\.0); values = kept.map(\.1)
    }

    /// The non-zero entries of a dense vector.
    init(dense: [Float]) {
        for (i, v) in dense.enumerated() where v != 0 { indices.append(i); values.append(v) }
    }

    var norm: Float { values.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    func normalized() -> SparseVector {
        let n = norm
        guard n > 1e-12 else { return self }
        var out = self
        out.values = values.map { $0 / n }
        return out
    }

    func dot(_ other: SparseVector) -> Float {
        var i = 0, j = 0, sum: Float = 0
        while i < indices.count && j < other.indices.count {
            let a = indices[i], b = other.indices[j]
            if a == b { sum += values[i] * other.values[j]; i += 1; j += 1 } else if a < b { i += 1 } else { j += 1 }
        }
        return sum
    }

    /// The dot product with a dense vector over the same indices.
    func dot(dense: [Float]) -> Float {
        var sum: Float = 0
        for (i, v) in zip(indices, values) { sum += v * dense[i] }
        return sum
    }

    /// `dense[index] += weight × value` for every entry.
    func add(into dense: inout [Float], weight: Float) {
        for (i, v) in zip(indices, values) { dense[i] += weight * v }
    }
}
