import ArgumentParser
import ConveneEmbedding
import ConveneFuzzing
import Foundation

struct EmbedBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "all-MiniLM-L6-v2: load time, single-note latency, batch throughput, memory. Run under `taskset -c 0` for one core.")

    @Option(help: "Model folder.") var modelDir = SentenceEmbedder.defaultModelDirectory
    @Option(help: "Shared data folder (notes are drawn from its clustering/dev texts).") var data = "../shared/data"
    @Option(help: "Notes to time one at a time.") var notes = 600
    @Option(help: "Batch size for the throughput figure.") var batch = 32
    @Option(help: "Linear layers: packed+blas (packed kernel for short inputs, OpenBLAS for batches), packed, or blas.")
    var kernel: SentenceEmbedder.Kernel = .packedOnly
    @Flag(help: "Also time OpenBLAS alone for single notes, side by side (baseline).") var compareBLAS = false

    func run() throws {
        let rssBefore = Measure.memoryMiB("VmRSS")
        let t0 = Measure.seconds()
        let model = try SentenceEmbedder(modelDirectory: modelDir, kernel: kernel)
        let loadSeconds = Measure.seconds() - t0
        let rssLoaded = Measure.memoryMiB("VmRSS")

        let all = Measure.sharedNotes(data).filter { (5...15).contains($0.split(separator: " ").count) }
        guard all.count >= notes else { throw ValidationError("not enough notes of 5–15 words in \(data)") }
        var rng = SplitMix(42)
        let sample = (0..<notes).map { _ in all[Int(rng.next() % UInt64(all.count))] }
        for text in sample.prefix(20) { _ = model.embed(text) }   // warm caches

        var latencies: [Double] = [], twelve: [Double] = [], tokenCounts: [Int] = []
        for text in sample {
            let tokens = model.tokenizer.tokenize(text).count
            let start = Measure.seconds()
            _ = model.embed(text)
            let ms = (Measure.seconds() - start) * 1000
            latencies.append(ms)
            tokenCounts.append(tokens)
            if tokens == 12 { twelve.append(ms) }
        }
        latencies.sort(); twelve.sort()
        // Tokens are what the model costs: also time one fixed 12-token note many times.
        let fixed = "Welders!! can't find any qualified people around here"
        var fixedTimes: [Double] = []
        for _ in 0..<300 {
            let s = Measure.seconds()
            _ = model.embed(fixed)
            fixedTimes.append((Measure.seconds() - s) * 1000)
        }
        fixedTimes.sort()

        let cpu0 = Measure.cpuSeconds(), wall0 = Measure.seconds()
        var done = 0
        for chunk in stride(from: 0, to: sample.count, by: batch) {
            done += model.embed(Array(sample[chunk..<min(chunk + batch, sample.count)])).count
        }
        let batchWall = Measure.seconds() - wall0, batchCPU = Measure.cpuSeconds() - cpu0

        if compareBLAS {
            let blas = try SentenceEmbedder(modelDirectory: modelDir, kernel: .blasOnly)
            var packed: [Double] = [], plain: [Double] = []
            for _ in 0..<3 {   // interleaved, so both see the same machine
                for text in sample.prefix(200) {
                    var s = Measure.seconds(); _ = model.embed(text); packed.append((Measure.seconds() - s) * 1000)
                    s = Measure.seconds(); _ = blas.embed(text); plain.append((Measure.seconds() - s) * 1000)
                }
            }
            packed.sort(); plain.sort()
            print(String(format: "side by side, same notes interleaved: packed kernel median %.2f ms / p99 %.2f ms; OpenBLAS sgemm median %.2f ms / p99 %.2f ms",
                         Measure.percentile(packed, 0.5), Measure.percentile(packed, 0.99), Measure.percentile(plain, 0.5), Measure.percentile(plain, 0.99)))
        }

        let meanTokens = Double(tokenCounts.reduce(0, +)) / Double(tokenCounts.count)
        print("all-MiniLM-L6-v2 in Swift + OpenBLAS (1 thread), kernel \(kernel.rawValue)")
        print(String(format: "model load: %.0f ms; RSS %.1f MiB before, %.1f MiB after load (+%.1f MiB)",
                     loadSeconds * 1000, rssBefore, rssLoaded, rssLoaded - rssBefore))
        print(String(format: "single note, %d notes of 5–15 words (%.1f tokens on average): median %.2f ms, p99 %.2f ms",
                     notes, meanTokens, Measure.percentile(latencies, 0.5), Measure.percentile(latencies, 0.99)))
        print(String(format: "12-token notes among them (%d): median %.2f ms; one fixed 12-token note ×300: median %.2f ms, p99 %.2f ms",
                     twelve.count, Measure.percentile(twelve, 0.5), Measure.percentile(fixedTimes, 0.5), Measure.percentile(fixedTimes, 0.99)))
        print(String(format: "batches of %d: %.0f notes/s wall, %.2f ms CPU per note", batch, Double(done) / batchWall, batchCPU * 1000 / Double(done)))
        print(String(format: "peak RSS %.1f MiB (growth over the process start %.1f MiB)",
                     Measure.memoryMiB("VmHWM"), Measure.memoryMiB("VmHWM") - rssBefore))
    }
}


extension SentenceEmbedder.Kernel: ExpressibleByArgument {}
