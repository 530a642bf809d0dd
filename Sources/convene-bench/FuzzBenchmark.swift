import ArgumentParser
import ConveneFuzzing

struct FuzzBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fuzz", abstract: "Seeded mutation fuzzing of the wire decoder and command validation.")

    @Option(help: "Inputs to try.") var inputs = 1_000_000
    @Option(help: "Seed.") var seed: UInt64 = 1

    func run() {
        var fuzzer = WireFuzzer(seed: seed)
        let t0 = Measure.seconds()
        let r = fuzzer.run(inputs)
        let s = Measure.seconds() - t0
        print("inputs \(r.inputs), valid JSON \(r.parsed), decoded commands \(r.decoded), accepted \(r.accepted), events applied \(r.events); no crash, replay identical")
        print(String(format: "%.1f s, %.0f inputs/s", s, Double(r.inputs) / s))
    }
}
