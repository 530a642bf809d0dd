/// A weight matrix repacked for `smallMatrixProduct`: for each group of 16 outputs, a
/// contiguous panel of `inputs` rows of 16 floats. The product then streams through memory
/// in order instead of jumping a whole row (and often a page) per input.
struct PackedPanels: @unchecked Sendable {
    let inputs: Int
    let outputs: Int
    let storage: [Float]

    /// `weight` is [outputs × inputs] (PyTorch layout).
    init(_ weight: UnsafePointer<Float>, outputs: Int, inputs: Int) {
        precondition(outputs % 16 == 0)
        self.inputs = inputs
        self.outputs = outputs
        var packed = [Float](repeating: 0, count: outputs * inputs)
        for block in 0..<(outputs / 16) {
            for i in 0..<inputs {
                for lane in 0..<16 {
                    packed[(block * inputs + i) * 16 + lane] = weight[(block * 16 + lane) * inputs + i]
                }
            }
        }
        storage = packed
    }
}

/// out[rows × outputs] = x[rows × inputs] · Wᵀ + bias for the few rows (tokens) of a note.
/// OpenBLAS spends more time repacking the weights than multiplying when there are only
/// ~12 rows; here the weights are packed once at load. For each panel of 16 outputs, every
/// group of 4 tokens runs over the panel while it sits in cache, with the 4 × 16
/// accumulators in vector registers.
@inline(never)
func smallMatrixProduct(_ x: UnsafePointer<Float>, rows: Int, _ w: PackedPanels, bias: UnsafePointer<Float>,
                        into out: UnsafeMutablePointer<Float>) {
    let inputs = w.inputs, outputs = w.outputs
    let rawBias = UnsafeRawPointer(bias)
    w.storage.withUnsafeBufferPointer { storage in
        let base = UnsafeRawPointer(storage.baseAddress!)
        for block in 0..<(outputs / 16) {
            let column = block * 16
            let b = rawBias.loadUnaligned(fromByteOffset: column * 4, as: SIMD16<Float>.self)
            let panel = base + block * inputs * 64
            var t = 0
            while t + 4 <= rows {
                var a0 = b, a1 = b, a2 = b, a3 = b
                let x0 = x + t * inputs, x1 = x0 + inputs, x2 = x1 + inputs, x3 = x2 + inputs
                for i in 0..<inputs {
                    let wv = panel.loadUnaligned(fromByteOffset: i * 64, as: SIMD16<Float>.self)
                    a0.addProduct(SIMD16(repeating: x0[i]), wv)
                    a1.addProduct(SIMD16(repeating: x1[i]), wv)
                    a2.addProduct(SIMD16(repeating: x2[i]), wv)
                    a3.addProduct(SIMD16(repeating: x3[i]), wv)
                }
                store(a0, out + t * outputs + column); store(a1, out + (t + 1) * outputs + column)
                store(a2, out + (t + 2) * outputs + column); store(a3, out + (t + 3) * outputs + column)
                t += 4
            }
            while t < rows {
                var a0 = b
                let x0 = x + t * inputs
                for i in 0..<inputs {
                    a0.addProduct(SIMD16(repeating: x0[i]), panel.loadUnaligned(fromByteOffset: i * 64, as: SIMD16<Float>.self))
                }
                store(a0, out + t * outputs + column)
                t += 1
            }
        }
    }
}

@inline(__always)
private func store(_ v: SIMD16<Float>, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD16<Float>.self)
}
