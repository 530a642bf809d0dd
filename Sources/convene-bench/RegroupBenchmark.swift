import ArgumentParser
import ConveneClustering
import ConveneEmbedding
import ConveneJSON
import Foundation

/// The facilitator's "regroup" on a large phase: a full regrouping of the wall from scratch
/// (the clustering-engine issue's goal: 1,000 notes in at most 200 ms). The notes are the
/// first ones of the public test split, in the same order as `convene-bench cluster`, so that
/// both report the same wall; here the regrouping runs several times and on its own, so the
/// figure is a median, not one sample taken after minutes of other work.
struct RegroupBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regroup",
        abstract: "Time a full regrouping of a large wall (median of several runs).")

    @Option(help: "Shared data folder.") var data = "../shared/data"
    @Option(help: "Model folder.") var modelDir = SentenceEmbedder.defaultModelDirectory
    @Option(help: "Notes on the wall.") var notes = 1000
    @Option(help: "Regroupings timed.") var runs = 7

    func run() throws {
        let dir = data + "/clustering/test"
        var texts: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: dir).filter({ $0.hasSuffix(".jsonl") }).sorted() {
            // Episodes in order, as the cluster benchmark reads them.
            var episodes: [Int64: [String]] = [:]
            for line in try String(contentsOfFile: dir + "/" + file, encoding: .utf8).split(separator: "\n") {
                let j = try JSONCodec.parse(String(line))
                episodes[j["episode"]?.intValue ?? 0, default: []].append(j["text"]?.stringValue ?? "")
            }
            for (_, t) in episodes.sorted(by: { $0.key < $1.key }) { texts += t }
            if texts.count >= notes { break }
        }
        guard texts.count >= notes else { throw ValidationError("only \(texts.count) notes in \(dir)") }
        let model = try SentenceEmbedder(modelDirectory: modelDir)
        var wall = Wall()
        for (i, text) in texts.prefix(notes).enumerated() {
            wall.notes.append(WallNote(id: "r\(i)", vector: model.embed(text), text: text))
        }
        var times: [Double] = []
        var themes = 0
        for _ in 0..<runs {
            let t0 = Measure.seconds()
            let step = MeetingGrouping().regroup(wall) { "X\(UUID().uuidString.prefix(4))" }
            times.append((Measure.seconds() - t0) * 1000)
            themes = step.changes.filter { if case .createTheme = $0 { return true }; return false }.count
        }
        times.sort()
        print(String(format: "full regrouping of %d notes (%d themes, titles from the notes' words): median %.0f ms, fastest %.0f ms, slowest %.0f ms over %d runs",
                     notes, themes, Measure.percentile(times, 0.5), times.first ?? 0, times.last ?? 0, runs))
    }
}
