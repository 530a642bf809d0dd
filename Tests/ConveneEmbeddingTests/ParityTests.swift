import ConveneCore
import ConveneEmbedding
import ConveneJSON
import Foundation
import XCTest

/// Parity with sentence-transformers on the shared reference texts: identical token ids and
/// cosine ≥ 0.99999 for every embedding.
final class ParityTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let referencePath = root.appendingPathComponent("../shared/data/minilm-reference.jsonl").standardized.path
    static let modelDirectory = ProcessInfo.processInfo.environment["CONVENE_MODEL_DIR"]
        ?? root.appendingPathComponent("models/all-MiniLM-L6-v2").path

    struct Reference { let text: String; let ids: [Int32]; let embedding: [Float] }

    static let references: [Reference] = {
        guard let text = try? String(contentsOfFile: referencePath, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let j = try? JSONCodec.parse(String(line)), let t = j["text"]?.stringValue,
                  let ids = j["token_ids"]?.arrayValue, let e = j["embedding"]?.arrayValue else { return nil }
            return Reference(text: t, ids: ids.compactMap { $0.intValue.map { Int32($0) } },
                             embedding: e.compactMap { v -> Float? in
                                 if case .double(let d) = v { return Float(d) }
                                 return v.intValue.map { Float($0) }
                             })
        }
    }()

    private func embedder(_ kernel: SentenceEmbedder.Kernel = .packedOnly) throws -> SentenceEmbedder {
        guard FileManager.default.fileExists(atPath: Self.modelDirectory + "/model.safetensors") else {
            if ProcessInfo.processInfo.environment["CONVENE_REQUIRE_MODEL"] == "1" {
                XCTFail("model missing in \(Self.modelDirectory); scripts/fetch-model.sh fetches it")
            }
            throw XCTSkip("model not fetched (scripts/fetch-model.sh)")
        }
        return try SentenceEmbedder(modelDirectory: Self.modelDirectory, kernel: kernel)
    }

    func testReferenceFileIsThere() {
        XCTAssertEqual(Self.references.count, 31, "reads \(Self.referencePath)")
    }

    func testTokenIdsMatchForEveryReferenceText() throws {
        let model = try embedder()
        for r in Self.references {
            XCTAssertEqual(model.tokenizer.tokenize(r.text), r.ids, r.text)
        }
    }

    func testEmbeddingsMatchForEveryReferenceText() throws {
        for kernel in SentenceEmbedder.Kernel.allCases { try checkReferences(kernel) }
    }

    private func checkReferences(_ kernel: SentenceEmbedder.Kernel) throws {
        let model = try embedder(kernel)
        var worst: Float = 1
        for r in Self.references {
            XCTAssertEqual(r.embedding.count, 384)
            let e = model.embed(r.text)
            let c = cosine(e, r.embedding)
            worst = min(worst, c)
            XCTAssertGreaterThanOrEqual(c, 0.99999, "cosine for \(r.text.prefix(40)) (\(kernel.rawValue))")
            let maxDiff = zip(e, r.embedding).map { abs($0 - $1) }.max()!
            XCTAssertLessThan(maxDiff, 1e-4, r.text.prefix(40).description)
        }
        print("worst cosine with the reference (\(kernel.rawValue)): \(worst)")
    }

    func testBatchEqualsOneAtATime() throws {
        // All 31 texts at once: hundreds of token rows, past the packed kernel's short-input
        // range, so every kernel's batch path is compared with its one-note path.
        for kernel in SentenceEmbedder.Kernel.allCases {
            let model = try embedder(kernel)
            // Twice over: more tokens than one pass takes, so the batch is split into passes.
            let texts = Self.references.map(\.text) + Self.references.map(\.text)
            XCTAssertGreaterThan(texts.map { model.tokenizer.tokenize($0).count }.reduce(0, +), SentenceEmbedder.tokensPerPass)
            let batch = model.embed(texts)
            XCTAssertEqual(batch.count, texts.count)
            for (r, b) in zip(Self.references + Self.references, batch) {
                XCTAssertGreaterThan(cosine(model.embed(r.text), b), 0.999999, kernel.rawValue)
                XCTAssertGreaterThan(cosine(r.embedding, b), 0.99999, kernel.rawValue)
            }
        }
    }

    func testParaphrasesAreCloserThanUnrelatedNotes() throws {
        let model = try embedder()
        let welders = model.embed("Welders!! can't find any"), cnc = model.embed("need more qualified CNC operators")
        let broadband = model.embed("better broadband downtown")
        XCTAssertGreaterThan(cosine(welders, cnc), cosine(welders, broadband))
    }

    func testMissingOrCorruptModelFailsClearly() throws {
        XCTAssertThrowsError(try SentenceEmbedder(modelDirectory: "/nonexistent")) { error in
            XCTAssertTrue("\(error)".contains("missing"), "\(error)")
        }
        let dir = NSTemporaryDirectory() + "corrupt-model-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data(repeating: 0xAB, count: 4096).write(to: URL(fileURLWithPath: dir + "/model.safetensors"))
        if FileManager.default.fileExists(atPath: Self.modelDirectory + "/vocab.txt") {
            try FileManager.default.copyItem(atPath: Self.modelDirectory + "/vocab.txt", toPath: dir + "/vocab.txt")
        } else {
            try "[PAD]\n[UNK]\n[CLS]\n[SEP]\n".write(toFile: dir + "/vocab.txt", atomically: true, encoding: .utf8)
        }
        XCTAssertThrowsError(try SentenceEmbedder(modelDirectory: dir)) { error in
            XCTAssertTrue("\(error)".contains("corrupt") || "\(error)".contains("not a BERT vocabulary"), "\(error)")
        }
    }
}
