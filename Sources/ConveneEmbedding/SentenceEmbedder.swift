import COpenBLAS
import FoundationEssentials

/// all-MiniLM-L6-v2 sentence embeddings (384 floats, L2-normalised) on the CPU.
///
/// Thread-safety: an embedder is immutable after loading (packed weights, and a read-only
/// memory mapping of the file for the rest); each call allocates its own working buffers. Any number of threads may call
/// `embed` at once. The server embeds notes on one worker thread and title phrases on the
/// clustering thread; the service loop embeds only the title of a split the facilitator asked
/// for (one theme's phrases, through the shared phrase cache).
public final class SentenceEmbedder: Sendable {
    public static let dimensions = 384
    public static let defaultModelDirectory = "models/all-MiniLM-L6-v2"
    /// Most tokens the encoder runs through its layers at once; a bigger batch takes several passes.
    public static var tokensPerPass: Int { MiniLMEncoder.tokensPerPass }

    public let tokenizer: WordPieceTokenizer
    private let encoder: MiniLMEncoder

    /// Loads `model.safetensors` and `vocab.txt` from `directory`; throws a clear error if
    /// either is missing or corrupt.
    /// Which matrix product the encoder's linear layers use.
    public enum Kernel: String, Sendable, CaseIterable {
        /// The packed kernel for short inputs, OpenBLAS for batches (both weight layouts in memory).
        case packedThenBLAS = "packed+blas"
        /// OpenBLAS only (the benchmark's baseline).
        case blasOnly = "blas"
        /// The packed kernel for everything (as shipped): only the packed weights stay in
        /// memory, and batches are as fast as with OpenBLAS (see BENCHMARKS.md).
        case packedOnly = "packed"
    }

    public init(modelDirectory directory: String, kernel: Kernel = .packedOnly) throws {
        let weights = directory + "/model.safetensors", vocab = directory + "/vocab.txt"
        for path in [weights, vocab] where !FileManager.default.fileExists(atPath: path) {
            throw ModelError("The embedding model is missing: \(path) does not exist. Run scripts/fetch-model.sh (make run and make test do it) or pass --model-dir.")
        }
        // Notes are short: one core per product beats threads that spin up for microseconds.
        openblas_set_num_threads(1)
        tokenizer = try WordPieceTokenizer(vocabularyFile: vocab, maxTokens: 256)
        encoder = try MiniLMEncoder(file: try SafeTensorsFile(path: weights),
                                    smallProductRows: kernel == .blasOnly ? 0 : kernel == .packedOnly ? .max
                                        : MiniLMEncoder.defaultSmallProductRows)
        guard tokenizer.vocabulary.count == encoder.vocabularySize else {
            throw ModelError("The vocabulary (\(tokenizer.vocabulary.count) words) does not match the model (\(encoder.vocabularySize)).")
        }
    }

    public func embed(_ text: String) -> [Float] {
        encoder.embed([tokenizer.tokenize(text)])[0]
    }

    /// Embeds several texts in one pass (faster per text than one at a time).
    public func embed(_ texts: [String]) -> [[Float]] {
        encoder.embed(texts.map(tokenizer.tokenize))
    }
}

/// Cosine similarity of two vectors.
public func cosine(_ a: [Float], _ b: [Float]) -> Float {
    var dot: Float = 0, na: Float = 0, nb: Float = 0
    for i in 0..<min(a.count, b.count) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i] }
    return dot / max((na * nb).squareRoot(), 1e-12)
}
