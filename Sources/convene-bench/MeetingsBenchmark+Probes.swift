import ConveneClustering
import ConveneEmbedding
import Foundation

/// What `convene-bench meetings` prints with its options: the notes to check first
/// (`--doubts`), a correction halfway through a phase (`--midway`), and the best title the
/// titler had on offer (`--titles-only`, `--walls`).
extension MeetingsBenchmark {
    /// How well the grouping's least sure notes point at the misplaced ones: the area under the
    /// ROC curve of the margin, and what the console would show if it marked the least sure
    /// notes (how many of them are misplaced, how many misplaced notes they catch, and how
    /// often the closest other theme is the right one).
    func printDoubts(_ rows: [(margin: Float, wrong: Bool, runnerUpRight: Bool, marked: Bool)]) {
        let wrong = rows.filter(\.wrong), right = rows.filter { !$0.wrong }
        var above = 0.0
        for w in wrong { for r in right { above += w.margin < r.margin ? 1 : (w.margin == r.margin ? 0.5 : 0) } }
        let auc = above / Double(max(1, wrong.count * right.count))
        print(String(format: "doubts: %d notes the grouping placed, %d misplaced; margin AUC (pooled over the walls) %.3f", rows.count, wrong.count, auc))
        let marked = rows.filter(\.marked), hits = marked.filter(\.wrong).count
        print(String(format: "  marked as the console marks them (each wall's least sure fifth): %d notes, %.0f%% of them misplaced, %.0f%% of the misplaced caught, the closest other theme right for %d of %d",
                     marked.count, Double(hits) / Double(max(1, marked.count)) * 100, Double(hits) / Double(max(1, wrong.count)) * 100,
                     marked.filter(\.runnerUpRight).count, hits))
        let negative = rows.filter { $0.margin < 0 }
        print(String(format: "  margin below zero: %d notes, %d misplaced, the closest other theme right for %d",
                     negative.count, negative.filter(\.wrong).count, negative.filter(\.runnerUpRight).count))
    }

    /// A facilitator who corrects the wall fully once half the notes are in (the room pauses,
    /// the facilitator fixes it), then the rest of the notes arrive. Of the later notes (those
    /// the facilitator sorts), the share not in the theme matched to their group at the end,
    /// and the facilitator's work left then: with no correction, after the correction with
    /// what the engine learns from it (pins as examples, counter-examples), and after the
    /// same correction with its pins and counter-examples forgotten (the groups alone).
    func midwayCorrection(_ e: Episode, vectors: [[Float]], engine: MeetingGrouping)
        -> (none: Double, learning: Double, forgetting: Double, workNone: Double, workLearning: Double, workForgetting: Double, late: Double,
            midwayActions: Double) {
        let half = e.texts.count / 2
        let late = (half..<e.texts.count).filter { e.truth[$0] != "unsorted" }
        let truthOfAll = Dictionary(uniqueKeysWithValues: e.texts.indices.map { ("\($0)", e.truth[$0]) })
        // The work left is what the simulated facilitator then takes, as at half-time.
        func misplaced(_ wall: Wall) -> (share: Double, work: Double) {
            let themes = wall.notes.map(\.theme)
            let (_, themeFor) = FacilitatorActions.assignment(truth: e.truth, wall: themes)
            let wrong = late.filter { i in themes[i].flatMap { themeFor[$0] } != e.truth[i] }.count
            return (Double(wrong) / Double(max(1, late.count)), Double(FacilitatorSimulation.correct(wall, truthOf: truthOfAll, engine: engine).actions))
        }
        var plain = EpisodeSimulation(engine: engine)
        for i in e.texts.indices { plain.add(id: "\(i)", text: e.texts[i], vector: vectors[i]) }
        plain.settle()
        let none = misplaced(plain.wall)
        var corrected: [(share: Double, work: Double)] = []
        var midwayActions = 0.0
        for learning in [true, false] {
            var sim = EpisodeSimulation(engine: engine)
            for i in 0..<half { sim.add(id: "\(i)", text: e.texts[i], vector: vectors[i]) }
            sim.settle()
            let truthOf = Dictionary(uniqueKeysWithValues: (0..<half).map { ("\($0)", e.truth[$0]) })
            let correction = FacilitatorSimulation.correct(sim.wall, truthOf: truthOf, engine: engine)
            sim.wall = correction.wall
            if learning { midwayActions = Double(correction.actions) }
            if !learning {
                for j in sim.wall.notes.indices { sim.wall.notes[j].pinned = false; sim.wall.notes[j].rejectedThemes = [] }
                for j in sim.wall.themes.indices { sim.wall.themes[j].labelByHand = false }   // the themes it started are automatic ones
            }
            for i in half..<e.texts.count { sim.add(id: "\(i)", text: e.texts[i], vector: vectors[i]) }
            sim.settle()
            corrected.append(misplaced(sim.wall))
        }
        return (none.share, corrected[0].share, corrected[1].share, none.work, corrected[0].work, corrected[1].work, Double(late.count),
                midwayActions)
    }
    /// The titler alone: titles for the facilitator's own groups, against their titles.
    func oracleTitles(_ e: Episode, vectors: [[Float]], engine: MeetingGrouping, model: SentenceEmbedder, lines: inout [String]) -> (chosen: Double, ceiling: Double) {
        let goldIds = Array(Set(e.truth.filter { $0 != "unsorted" })).sorted()
        var goldWall = Wall(themes: goldIds.map { WallTheme(id: $0, label: "") })
        for i in e.texts.indices {
            goldWall.notes.append(WallNote(id: "\(i)", vector: vectors[i], text: e.texts[i], theme: e.truth[i] == "unsorted" ? nil : e.truth[i]))
        }
        var cosines: [Double] = [], ceiling: [Double] = []
        for change in engine.retitle(goldWall) {
            guard case .relabel(let gold, let label) = change, let title = e.titles[gold] else { continue }
            let v = model.embed([label, title])
            cosines.append(Double(zip(v[0], v[1]).map { $0 * $1 }.reduce(0, +)))
            lines.append("      titler on the facilitator's group: \(label)  ← \"\(title)\"")
            if let phrases = engine.phrases {
                // What the titler could have chosen: its candidates' best cosine to the facilitator's title.
                let members = goldWall.notes.indices.filter { goldWall.notes[$0].theme == gold }
                let ranked = ThemeTitler.rankedTitles(for: members, on: goldWall, phrases: phrases, lexicon: engine.lexicon)
                let target = model.embed([title])[0]
                let scored = zip(ranked, phrases.embed(ranked.map(\.title))).enumerated().map { rank, pair in
                    (rank: rank, title: pair.0.title, cos: Double(zip(pair.1, target).map { $0 * $1 }.reduce(0, +)))
                }
                if let top = scored.max(by: { $0.cos < $1.cos }) {
                    ceiling.append(top.cos)
                    lines.append(String(format: "        best of %d candidates: %@ (%.3f, rank %d)", scored.count, top.title, top.cos, top.rank + 1))
                }
            }
        }
        func mean(_ xs: [Double]) -> Double { xs.isEmpty ? 0 : xs.reduce(0, +) / Double(xs.count) }
        return (mean(cosines), mean(ceiling))
    }
}
