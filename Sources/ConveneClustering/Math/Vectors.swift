/// Small vector helpers over unit-length embeddings (cosine similarity = dot product).
enum Vectors {
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        var acc = SIMD8<Float>()
        var i = 0
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        while i + 8 <= n {
            // Multiply then add (not addProduct): without FMA in the target, a fused
            // multiply-add becomes a library call per lane.
            acc += ra.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
                * rb.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
        var s = acc.sum()
        while i < n { s += a[i] * b[i]; i += 1 }
        return s
    }

    /// `a` with the four vectors that follow one another from `b` (each `n` long): four
    /// products, each summed lane by lane and then across lanes as `dot` sums it.
    @inline(__always)
    static func dot4(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int, into out: inout [Float]) {
        var acc0 = SIMD8<Float>(), acc1 = SIMD8<Float>(), acc2 = SIMD8<Float>(), acc3 = SIMD8<Float>()
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        let stride = n * 4
        var i = 0
        while i + 8 <= n {
            let x = ra.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            acc0 += x * rb.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            acc1 += x * rb.loadUnaligned(fromByteOffset: stride + i * 4, as: SIMD8<Float>.self)
            acc2 += x * rb.loadUnaligned(fromByteOffset: 2 * stride + i * 4, as: SIMD8<Float>.self)
            acc3 += x * rb.loadUnaligned(fromByteOffset: 3 * stride + i * 4, as: SIMD8<Float>.self)
            i += 8
        }
        var s0 = acc0.sum(), s1 = acc1.sum(), s2 = acc2.sum(), s3 = acc3.sum()
        while i < n {
            s0 += a[i] * b[i]; s1 += a[i] * b[n + i]; s2 += a[i] * b[2 * n + i]; s3 += a[i] * b[3 * n + i]
            i += 1
        }
        out[0] = s0; out[1] = s1; out[2] = s2; out[3] = s3
    }

    static func dot(_ a: [Float], _ b: [Float]) -> Float {
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in dot(pa.baseAddress!, pb.baseAddress!, min(pa.count, pb.count)) } }
    }

    static func normalized(_ v: [Float]) -> [Float] {
        let n = dot(v, v).squareRoot()
        return n > 1e-12 ? v.map { $0 / n } : v
    }

    /// Unit-length mean direction of the given rows.
    static func centroid(_ rows: [[Float]]) -> [Float]? {
        guard let first = rows.first else { return nil }
        var sum = [Float](repeating: 0, count: first.count)
        for r in rows { for i in 0..<min(sum.count, r.count) { sum[i] += r[i] } }
        return normalized(sum)
    }

    /// Cosine distances (1 − dot) between every pair, row-major n × n.
    static func distanceMatrix(_ rows: [[Float]]) -> [Float] {
        let n = rows.count
        guard n > 0 else { return [] }
        let d = rows[0].count
        var flat = [Float](repeating: 0, count: n * d)
        for (i, r) in rows.enumerated() { for j in 0..<min(d, r.count) { flat[i * d + j] = r[j] } }
        var out = [Float](repeating: 0, count: n * n)
        flat.withUnsafeBufferPointer { f in
            out.withUnsafeMutableBufferPointer { o in
                for i in 0..<n {
                    let a = f.baseAddress! + i * d
                    for j in (i + 1)..<max(i + 1, n) {
                        let v = max(0, 1 - dot(a, f.baseAddress! + j * d, d))
                        o[i * n + j] = v
                        o[j * n + i] = v
                    }
                }
            }
        }
        return out
    }
}

/// Natural logarithm without Foundation (this module imports nothing): x = m · 2^e with
/// m in [1, 2), then ln m = 2 atanh((m − 1)/(m + 1)) by its series, exact to float precision.
func naturalLog(_ x: Float) -> Float {
    guard x > 0 else { return -.infinity }
    let e = Float(x.exponent)
    let m = Double(x.significand)
    let t = (m - 1) / (m + 1), t2 = t * t
    var term = t, sum = 0.0
    for k in stride(from: 1, through: 15, by: 2) { sum += term / Double(k); term *= t2 }
    return e * 0.693_147_18 + Float(2 * sum)
}
