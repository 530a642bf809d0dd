@testable import ConveneClustering

/// A synthetic wall whose themes are directions in a small space: a shared "industry"
/// direction every note carries (as on a real meeting wall), plus its theme's direction and
/// deterministic noise. Notes come theme after theme in turn (note i is of theme i % themes).
func syntheticWall(themes: Int, perTheme: Int, dims: Int = 32, noise: Float = 0.5, shared: Float = 2,
                   seed: UInt64 = 7) -> [(theme: Int, vector: [Float])] {
    var state = seed
    func rnd() -> Float { state = state &* 6364136223846793005 &+ 1442695040888963407; return Float(state >> 40) / Float(1 << 24) - 0.5 }
    return (0..<(themes * perTheme)).map { i in
        let t = i % themes
        var v = [Float](repeating: 0, count: dims)
        v[dims - 1] = shared
        v[t] += 1
        for d in 0..<dims { v[d] += noise * rnd() }
        return (t, Vectors.normalized(v))
    }
}
