import ArgumentParser
import ConveneClustering
import ConveneGrouping
import ConveneCore
import ConveneEmbedding
import ConveneJSON
import ConveneStemmer
import Foundation

struct ClusterBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Clustering quality (ARI, NMI, accuracy), churn and speed on the shared episodes.")

    @Option(help: "Shared data folder.") var data = "../shared/data"
    @Option(help: "dev (tuning) or test (reporting).") var split = "test"
    @Option(help: "Model folder.") var modelDir = SentenceEmbedder.defaultModelDirectory
    @Option(help: "Optional cache of embeddings: JSON lines from `convene embed` for these texts.") var embeddings: String?
    @Flag(help: "Lexical similarity instead of embeddings.") var lexical = false
    @Option(help: "Also time one full regrouping of this many notes (0: skip; `convene-bench regroup` times several and reports a median).") var regroupNotes = 0

    struct Row { var ari = 0.0, nmi = 0.0, acc = 0.0, churn = 0.0, silentChurn = 0.0, maxChurn = 0.0, ms = 0.0, placeMs = 0.0, themes = 0.0, unsorted = 0.0 }

    func run() throws {
        let dir = data + "/clustering/" + split
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".jsonl") }.sorted()
        var cache: [String: [Float]] = [:]
        if let embeddings, let content = try? String(contentsOfFile: embeddings, encoding: .utf8) {
            for line in content.split(separator: "\n") {
                guard let j = try? JSONCodec.parse(String(line)), let t = j["text"]?.stringValue, let e = j["embedding"]?.arrayValue else { continue }
                cache[t] = e.map { v -> Float in if case .double(let d) = v { return Float(d) }; return Float(v.intValue ?? 0) }
            }
        }
        let model = lexical ? nil : try SentenceEmbedder(modelDirectory: modelDir)
        let stemmer = SnowballStemmer()
        // As the server does: a Spanish text is embedded from its English.
        let translator = lexical ? nil : SpanishTranslator()
        func vector(_ text: String) -> [Float] {
            if lexical { return LexicalVectors.vector(text, stem: stemmer.stem) }
            // Keyed by what the model reads: a reference vector (`--embeddings`) of a Spanish
            // text as typed must not stand in for its translation's.
            let read = ModelReading.texts([text], translate: translator?.english)[0]
            if let v = cache[read] { return v }
            let v = model!.embed(read)
            cache[read] = v
            return v
        }
        print("split \(split), \(lexical ? "lexical features" : "all-MiniLM-L6-v2"), live (one note at a time) vs batch (all at once)")
        print("data set         | live ARI  NMI   ACC  | churn  max   | ms/note | themes unsorted | batch ARI  NMI   ACC")
        var live: [Row] = [], batch: [Row] = []
        var allVectors: [[Float]] = [], allTexts: [String] = []
        for file in files {
            let content = try String(contentsOfFile: dir + "/" + file, encoding: .utf8)
            var episodes: [Int64: [(text: String, label: String)]] = [:]
            for line in content.split(separator: "\n") {
                let j = try JSONCodec.parse(String(line))
                episodes[j["episode"]?.intValue ?? 0, default: []].append((j["text"]?.stringValue ?? "", j["label"]?.stringValue ?? ""))
            }
            var l = Row(), b = Row()
            for (_, notes) in episodes.sorted(by: { $0.key < $1.key }) {
                let vectors = notes.map { vector($0.text) }
                allVectors += vectors
                allTexts += notes.map(\.text)
                let truth = notes.map(\.label)
                // Live.
                var sim = EpisodeSimulation()
                let cpu0 = Measure.cpuSeconds()
                for (i, n) in notes.enumerated() { sim.add(id: "\(i)", text: n.text, vector: vectors[i]) }
                l.ms += (Measure.cpuSeconds() - cpu0) * 1000 / Double(notes.count)
                let predicted = sim.wall.notes.map { $0.theme ?? "unsorted" }
                l.ari += Metrics.adjustedRandIndex(truth, predicted)
                l.nmi += Metrics.normalizedMutualInformation(truth, predicted)
                l.acc += Metrics.accuracy(truth, predicted)
                l.churn += sim.churn.reduce(0, +) / Double(max(sim.churn.count, 1))
                l.silentChurn += sim.silentChurn.reduce(0, +) / Double(max(sim.silentChurn.count, 1))
                l.maxChurn = max(l.maxChurn, sim.churn.max() ?? 0)
                l.themes += Double(Set(predicted.filter { $0 != "unsorted" }).count)
                l.unsorted += Double(predicted.filter { $0 == "unsorted" }.count) / Double(notes.count)
                // Batch.
                var whole = EpisodeSimulation()
                for (i, n) in notes.enumerated() { whole.place(WallNote(id: "\(i)", vector: vectors[i], text: n.text)) }
                whole.regroupAll()
                let batchPredicted = whole.wall.notes.map { $0.theme ?? "unsorted" }
                b.ari += Metrics.adjustedRandIndex(truth, batchPredicted)
                b.nmi += Metrics.normalizedMutualInformation(truth, batchPredicted)
                b.acc += Metrics.accuracy(truth, batchPredicted)
            }
            let k = Double(episodes.count)
            for keyPath in [\Row.ari, \.nmi, \.acc, \.churn, \.silentChurn, \.ms, \.themes, \.unsorted] { l[keyPath: keyPath] /= k; b[keyPath: keyPath] /= k }
            live.append(l); batch.append(b)
            print(String(format: "%-16@ | %.3f %.3f %.3f | %.2f%% %4.1f%% | %7.3f | %5.1f %6.1f%% | %.3f %.3f %.3f",
                         file.replacingOccurrences(of: ".jsonl", with: "") as NSString, l.ari, l.nmi, l.acc, l.churn * 100, l.maxChurn * 100,
                         l.ms, l.themes, l.unsorted * 100, b.ari, b.nmi, b.acc))
        }
        func mean(_ rows: [Row], _ kp: KeyPath<Row, Double>) -> Double { rows.map { $0[keyPath: kp] }.reduce(0, +) / Double(rows.count) }
        print(String(format: "%-16@ | %.3f %.3f %.3f | %.2f%%       | %7.3f | %5.1f %6.1f%% | %.3f %.3f %.3f", "MEAN" as NSString,
                     mean(live, \.ari), mean(live, \.nmi), mean(live, \.acc), mean(live, \.churn) * 100, mean(live, \.ms),
                     mean(live, \.themes), mean(live, \.unsorted) * 100, mean(batch, \.ari), mean(batch, \.nmi), mean(batch, \.acc)))
        // The churn above counts the moves of every proposal applied (a facilitator who trusts
        // the grouping); without the facilitator only unsorted and unseen notes move.
        print(String(format: "churn without the facilitator (what moves on its own): %.2f%% a note; by data set: %@", mean(live, \.silentChurn) * 100,
                     zip(files, live).map { String(format: "%@ %.2f%%", $0.0.replacingOccurrences(of: ".jsonl", with: ""), $0.1.silentChurn * 100) }
                        .joined(separator: ", ") as NSString))

        // Speed of placing one note on a wall of 300, and of regrouping `regroupNotes` notes.
        if allVectors.count >= 301 {
            let engine = MeetingGrouping()
            var sim = EpisodeSimulation(engine: engine)
            for i in 0..<300 { sim.add(id: "w\(i)", text: "note \(i)", vector: allVectors[i]) }
            var times: [Double] = []
            for i in 0..<200 {
                var wall = sim.wall
                wall.notes.append(WallNote(id: "new\(i)", vector: allVectors[300 + i % (allVectors.count - 300)], text: "new note"))
                let t0 = Measure.seconds()
                _ = engine.noteArrived("new\(i)", on: wall) { "X" }   // 300 + 1 is not a checkpoint
                times.append((Measure.seconds() - t0) * 1000)
            }
            times.sort()
            print(String(format: "placing one note on a wall of 300 (not a checkpoint): median %.3f ms, p99 %.3f ms",
                         Measure.percentile(times, 0.5), Measure.percentile(times, 0.99)))
            // The console's advice on a board (merge suggestions and the notes to check first)
            // is answered on the service loop each time the board changes.
            var advice: [Double] = []
            for _ in 0..<20 {
                let t0 = Measure.seconds()
                _ = engine.mergeSuggestions(sim.wall)
                _ = engine.doubts(sim.wall)
                advice.append((Measure.seconds() - t0) * 1000)
            }
            advice.sort()
            print(String(format: "the console's advice on a board of 300 (merge suggestions and the notes to check first): median %.1f ms",
                         Measure.percentile(advice, 0.5)))
            // A move by hand: the server runs the grouping's pass after a correction (unsorted
            // notes follow, a proposal of what else now belongs elsewhere) on the service loop,
            // once per note moved — a multi-select move of 20 notes runs it 20 times.
            let themes = sim.wall.themes.map(\.id)
            var corrections: [Double] = []
            if themes.count >= 2 {
                for i in 0..<20 {
                    var wall = sim.wall
                    let k = (i * 15) % wall.notes.count
                    let from = wall.notes[k].theme
                    wall.notes[k].theme = themes.first { $0 != from }
                    wall.notes[k].pinned = true
                    if let from { wall.notes[k].rejectedThemes.append(from) }
                    let t0 = Measure.seconds()
                    _ = WallPlacement.afterCorrection(wall: wall, engine: engine)
                    corrections.append((Measure.seconds() - t0) * 1000)
                }
                corrections.sort()
                print(String(format: "a note moved by hand on a wall of 300 (the pass after a correction, titles from words): median %.1f ms, p99 %.1f ms",
                             Measure.percentile(corrections, 0.5), Measure.percentile(corrections, 0.99)))
            }
        }
        if regroupNotes > 0 && allVectors.count >= regroupNotes {
            var wall = Wall()
            for i in 0..<regroupNotes { wall.notes.append(WallNote(id: "r\(i)", vector: allVectors[i], text: "note")) }
            let t0 = Measure.seconds()
            _ = MeetingGrouping().regroup(wall) { "X" }
            print(String(format: "full regrouping of %d notes: %.0f ms", regroupNotes, (Measure.seconds() - t0) * 1000))
        }
        // The facilitator's "Split" runs on the service loop: one theme of 50 (a launch meeting's
        // largest) and of 300 notes (the most the server splits). The new theme is titled from
        // the notes' words here; the server, with the model, titles it by meaning (tens of ms more).
        for size in [50, Limits.notesToSplitByMeaningAtMost] where allVectors.count >= size {
            var wall = Wall(themes: [WallTheme(id: "A", label: "Everything")])
            for i in 0..<size { wall.notes.append(WallNote(id: "s\(i)", vector: allVectors[i], text: allTexts[i], theme: "A")) }
            let t0 = Measure.seconds()
            let proposal = MeetingGrouping().splitProposal("A", on: wall) { "N" }
            print(String(format: "splitting one theme of %d notes by meaning: %.0f ms (%d notes offered to a new theme)",
                         size, (Measure.seconds() - t0) * 1000, proposal?.moves.count ?? 0))
        }
    }
}
