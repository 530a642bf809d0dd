import COpenBLAS
import Glibc

/// The 6-layer BERT encoder of all-MiniLM-L6-v2 (hidden 384, 12 heads of 32, FFN 1536,
/// exact erf GELU, LayerNorm eps 1e-12), over several sequences at once: the tokens of all
/// sequences are stacked so every linear layer is one matrix product; attention runs per
/// sequence (no padding, hence no mask). Q, K and V are stacked so each layer does one
/// product. After loading, only the packed weights and copies of the small tensors stay in
/// memory; word-embedding rows are read from the file as tokens need them.
final class MiniLMEncoder: @unchecked Sendable {
    static let hidden = 384, heads = 12, headSize = 32, ffn = 1536, layers = 6, maxPositions = 512
    static let layerNormEpsilon: Float = 1e-12
    /// Up to this many tokens at once, `smallMatrixProduct` on packed panels is faster than
    /// OpenBLAS, which repacks the whole weight matrix on every call (see BENCHMARKS.md).
    static let defaultSmallProductRows = 64
    let smallProductRows: Int

    /// A weight matrix in both layouts: as stored ([outputs × inputs], mapped from the file,
    /// for OpenBLAS on large batches) and packed in panels for `smallMatrixProduct`.
    /// With `packedOnly` the stored layout is never read after packing.
    struct Weight {
        let rows: UnsafePointer<Float>?
        let panels: PackedPanels
    }

    struct Layer {
        let qkv: Weight              // Q, K and V stacked: [1152 × 384]
        let qkvBias: [Float]         // [1152]
        let qkvRows: [Float]         // owns the stacked rows `qkv.rows` points into
        let out, up, down: Weight
        let outBias, norm1Gain, norm1Bias, upBias, downBias, norm2Gain, norm2Bias: UnsafePointer<Float>
    }

    private let file: SafeTensorsFile
    /// Read a row at a time from the file (`SafeTensorsFile.copyRow`), never through the mapping.
    private let wordEmbeddings: SafeTensorsFile.Tensor
    private let positionEmbeddings, tokenTypeEmbeddings, embedNormGain, embedNormBias: UnsafePointer<Float>
    private let layers: [Layer]
    let vocabularySize: Int

    init(file: SafeTensorsFile, smallProductRows: Int = MiniLMEncoder.defaultSmallProductRows) throws {
        self.file = file
        self.smallProductRows = smallProductRows
        let packedOnly = smallProductRows == .max
        let h = Self.hidden
        let words = try file.tensor("embeddings.word_embeddings.weight", shape: [30522, h])
        vocabularySize = words.shape[0]
        wordEmbeddings = words
        positionEmbeddings = try file.copied("embeddings.position_embeddings.weight", shape: [Self.maxPositions, h])
        tokenTypeEmbeddings = try file.copied("embeddings.token_type_embeddings.weight", shape: [2, h])
        embedNormGain = try file.copied("embeddings.LayerNorm.weight", shape: [h])
        embedNormBias = try file.copied("embeddings.LayerNorm.bias", shape: [h])
        layers = try (0..<Self.layers).map { i in
            let p = "encoder.layer.\(i)."
            func t(_ name: String, _ shape: [Int]) throws -> UnsafePointer<Float> { try file.tensor(p + name, shape: shape).data }
            func small(_ name: String, _ shape: [Int]) throws -> UnsafePointer<Float> { try file.copied(p + name, shape: shape) }
            var qkvW: [Float] = [], qkvB: [Float] = []
            for part in ["query", "key", "value"] {
                let w = try t("attention.self.\(part).weight", [h, h]), b = try t("attention.self.\(part).bias", [h])
                qkvW.append(contentsOf: UnsafeBufferPointer(start: w, count: h * h))
                qkvB.append(contentsOf: UnsafeBufferPointer(start: b, count: h))
                if packedOnly { file.releaseResidentPages(of: w, count: h * h) }
            }
            // The stacked QKV rows live in an array the layer keeps (unless only the packed
            // copy is used); its storage does not move.
            let qkvPointer = qkvW.withUnsafeBufferPointer { $0.baseAddress! }
            func weight(_ p: UnsafePointer<Float>, _ outputs: Int, _ inputs: Int) -> Weight {
                let w = Weight(rows: packedOnly ? nil : p, panels: PackedPanels(p, outputs: outputs, inputs: inputs))
                if packedOnly && p != qkvPointer { file.releaseResidentPages(of: p, count: outputs * inputs) }
                return w
            }
            let qkv = weight(qkvPointer, 3 * h, h)
            return Layer(
                qkv: qkv, qkvBias: qkvB, qkvRows: packedOnly ? [] : qkvW,
                out: weight(try t("attention.output.dense.weight", [h, h]), h, h),
                up: weight(try t("intermediate.dense.weight", [Self.ffn, h]), Self.ffn, h),
                down: weight(try t("output.dense.weight", [h, Self.ffn]), h, Self.ffn),
                outBias: try small("attention.output.dense.bias", [h]),
                norm1Gain: try small("attention.output.LayerNorm.weight", [h]), norm1Bias: try small("attention.output.LayerNorm.bias", [h]),
                upBias: try small("intermediate.dense.bias", [Self.ffn]), downBias: try small("output.dense.bias", [h]),
                norm2Gain: try small("output.LayerNorm.weight", [h]), norm2Bias: try small("output.LayerNorm.bias", [h]))
        }
        // Each matrix left memory once packed; what copying the small tensors and reading the
        // header touched leaves now. Nothing is read through the mapping after this (word rows
        // come by `pread`), except if `pread` fails.
        if packedOnly { file.releaseResidentPages() }
    }

    /// Most tokens in one pass through the layers. A pass's working buffers grow with its
    /// tokens (about 15 KB each): 32 notes of 120 characters in one pass took 18 MB that
    /// came and went with every batch under load (issue 15). Passes of at most 128 tokens
    /// (four such notes) need about 2 MB; under load the peak RSS was 109 MB with 512-token
    /// passes and 103 MB with 128, for about 5 % more CPU per note in batches of 32 (3.88 vs
    /// 3.69 ms; a single note is one pass either way). docs/BENCHMARKS.md has the runs.
    static let tokensPerPass = 128

    /// Mean-pooled, L2-normalised sentence embeddings, one per token sequence.
    func embed(_ sequences: [[Int32]]) -> [[Float]] {
        var vectors: [[Float]] = []
        vectors.reserveCapacity(sequences.count)
        var start = 0
        while start < sequences.count {
            var end = start, tokens = 0
            // At least one sequence per pass, however long (the tokenizer caps it at 256).
            while end < sequences.count && (end == start || tokens + sequences[end].count <= Self.tokensPerPass) {
                tokens += sequences[end].count
                end += 1
            }
            vectors += embedPass(Array(sequences[start..<end]))
            start = end
        }
        return vectors
    }

    /// One pass through the layers for `sequences`, stacked.
    private func embedPass(_ sequences: [[Int32]]) -> [[Float]] {
        let h = Self.hidden
        let n = sequences.reduce(0) { $0 + $1.count }
        guard n > 0 else { return sequences.map { _ in [Float](repeating: 0, count: h) } }
        var x = [Float](repeating: 0, count: n * h)          // hidden states, one row per token
        var qkv = [Float](repeating: 0, count: n * 3 * h)
        var context = [Float](repeating: 0, count: n * h)
        var temp = [Float](repeating: 0, count: n * h)
        var up = [Float](repeating: 0, count: n * Self.ffn)
        let longest = sequences.map(\.count).max() ?? 0
        var scores = [Float](repeating: 0, count: longest * longest)

        // Embeddings: word + position + token type 0, then LayerNorm.
        var row = 0
        for seq in sequences {
            for (position, id) in seq.enumerated() {
                let pos = positionEmbeddings + position * h
                x.withUnsafeMutableBufferPointer { file.copyRow(wordEmbeddings, row: Int(id), to: $0.baseAddress! + row * h) }
                for j in 0..<h { x[row * h + j] = x[row * h + j] + pos[j] + tokenTypeEmbeddings[j] }
                row += 1
            }
        }
        x.withUnsafeMutableBufferPointer { layerNorm($0.baseAddress!, rows: n, gain: embedNormGain, bias: embedNormBias) }

        let scale = 1 / Float(Self.headSize).squareRoot()
        for layer in layers {
            // Q, K, V for every token in one product.
            layer.qkvBias.withUnsafeBufferPointer { b in
                linear(x, rows: n, inputs: h, weight: layer.qkv, bias: b.baseAddress!, outputs: 3 * h, into: &qkv)
            }
            // Attention, per sequence and head.
            var offset = 0
            for seq in sequences {
                let len = seq.count
                qkv.withUnsafeBufferPointer { qkvp in
                    context.withUnsafeMutableBufferPointer { ctx in
                        scores.withUnsafeMutableBufferPointer { s in
                            for head in 0..<Self.heads {
                                let q = qkvp.baseAddress! + offset * 3 * h + head * Self.headSize
                                let k = q + h, v = q + 2 * h
                                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(len), Int32(len), Int32(Self.headSize),
                                            scale, q, Int32(3 * h), k, Int32(3 * h), 0, s.baseAddress!, Int32(len))
                                for i in 0..<len { softmax(s.baseAddress! + i * len, count: len) }
                                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(len), Int32(Self.headSize), Int32(len),
                                            1, s.baseAddress!, Int32(len), v, Int32(3 * h), 0,
                                            ctx.baseAddress! + offset * h + head * Self.headSize, Int32(h))
                            }
                        }
                    }
                }
                offset += len
            }
            // Attention output, residual, LayerNorm.
            linear(context, rows: n, inputs: h, weight: layer.out, bias: layer.outBias, outputs: h, into: &temp)
            addAndNormalize(&x, temp, rows: n, gain: layer.norm1Gain, bias: layer.norm1Bias)
            // Feed-forward with exact GELU, residual, LayerNorm.
            linear(x, rows: n, inputs: h, weight: layer.up, bias: layer.upBias, outputs: Self.ffn, into: &up)
            up.withUnsafeMutableBufferPointer { geluInPlace($0.baseAddress!, count: $0.count) }
            linear(up, rows: n, inputs: Self.ffn, weight: layer.down, bias: layer.downBias, outputs: h, into: &temp)
            addAndNormalize(&x, temp, rows: n, gain: layer.norm2Gain, bias: layer.norm2Bias)
        }

        // Mean pooling over each sequence's tokens, then L2 normalisation.
        var result: [[Float]] = []
        var start = 0
        for seq in sequences {
            var pooled = [Double](repeating: 0, count: h)
            for r in start..<(start + seq.count) { for j in 0..<h { pooled[j] += Double(x[r * h + j]) } }
            start += seq.count
            let count = Double(max(seq.count, 1))
            let norm = max((pooled.reduce(0) { $0 + ($1 / count) * ($1 / count) }).squareRoot(), 1e-12)
            result.append(pooled.map { Float($0 / count / norm) })
        }
        return result
    }

    /// out = input · weightᵀ + bias (weight as stored: [outputs × inputs]).
    private func linear(_ input: [Float], rows: Int, inputs: Int, weight: Weight, bias: UnsafePointer<Float>,
                        outputs: Int, into out: inout [Float]) {
        if rows <= smallProductRows {
            input.withUnsafeBufferPointer { i in
                out.withUnsafeMutableBufferPointer { o in
                    smallMatrixProduct(i.baseAddress!, rows: rows, weight.panels, bias: bias, into: o.baseAddress!)
                }
            }
            return
        }
        guard let weight = weight.rows else { preconditionFailure("packed-only encoder asked for the stored layout") }
        out.withUnsafeMutableBufferPointer { o in
            for r in 0..<rows { (o.baseAddress! + r * outputs).update(from: bias, count: outputs) }
            input.withUnsafeBufferPointer { i in
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(outputs), Int32(inputs),
                            1, i.baseAddress!, Int32(inputs), weight, Int32(inputs), 1, o.baseAddress!, Int32(outputs))
            }
        }
    }

    private func addAndNormalize(_ x: inout [Float], _ delta: [Float], rows: Int, gain: UnsafePointer<Float>, bias: UnsafePointer<Float>) {
        for i in 0..<x.count { x[i] += delta[i] }
        x.withUnsafeMutableBufferPointer { layerNorm($0.baseAddress!, rows: rows, gain: gain, bias: bias) }
    }

    private func layerNorm(_ x: UnsafeMutablePointer<Float>, rows: Int, gain: UnsafePointer<Float>, bias: UnsafePointer<Float>) {
        let h = Self.hidden
        for r in 0..<rows {
            let v = x + r * h
            var mean: Double = 0
            for j in 0..<h { mean += Double(v[j]) }
            mean /= Double(h)
            var variance: Double = 0
            for j in 0..<h { let d = Double(v[j]) - mean; variance += d * d }
            variance /= Double(h)
            let inv = 1 / (variance + Double(Self.layerNormEpsilon)).squareRoot()
            for j in 0..<h { v[j] = Float((Double(v[j]) - mean) * inv) * gain[j] + bias[j] }
        }
    }

    private func softmax(_ v: UnsafeMutablePointer<Float>, count: Int) {
        var m = -Float.infinity
        for i in 0..<count { m = max(m, v[i]) }
        var sum: Float = 0
        for i in 0..<count { v[i] = expf(v[i] - m); sum += v[i] }
        for i in 0..<count { v[i] /= sum }
    }
}
