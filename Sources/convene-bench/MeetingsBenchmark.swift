import ArgumentParser
import ConveneClustering
import ConveneEmbedding
import ConveneLexicon
import ConveneJSON
import Foundation
import ConveneLanguage

/// The grouping engine on launch-meeting walls (../shared/data/meetings): what a
/// facilitator would see and have to fix.
struct MeetingsBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meetings",
        abstract: "Grouping on the meeting walls: ARI live and batch, facilitator actions, title quality, churn, speed.")

    @Option(help: "Shared data folder.") var data = "../shared/data"
    @Option(help: "Model folder.") var modelDir = SentenceEmbedder.defaultModelDirectory
    @Option(help: "The meeting's target number of themes.") var targetThemes = 5
    @Flag(help: "Print each wall's themes and titles.") var walls = false
    @Flag(help: "Rank title candidates by coverage only, without the model.") var lexicalTitles = false
    @Flag(help: "Only title the facilitator's own groups (the titler alone, quick).") var titlesOnly = false
    @Flag(help: "The simulated facilitator may also split a column by meaning (the console's \"Split by meaning\"), one action.")
    var facilitatorSplits = false
    @Flag(help: "Also measure a facilitator who corrects the wall when half the notes are in: how the later notes land, with and without what the engine learns from the correction.")
    var midway = false
    @Flag(help: "Also measure how well the grouping's doubts (MeetingGrouping.doubts) point at the notes the facilitator must move.")
    var doubts = false
    @Flag(help: "Embed Spanish notes as typed, not from Apertium's English (the baseline).") var noTranslation = false
    @Flag(help: "Title without WordNet's words (adjectives, capitalised names, common words): the baseline.") var noWordnet = false
    @Option(help: "Wall growth between automatic regroupings (the engine's default when not given).") var checkpointGrowth: Double?
    @Option(help: "Regroup at every note up to this many notes (the engine's default when not given; 0: growth only).") var everyNoteUpTo: Int?
    @Option(help: "Fewest moves for a proposal (the engine's default when not given).") var minimumProposalMoves: Int?
    @Option(help: "Notes on the wall before the first themes appear (the engine's default when not given).") var firstGrouping: Int?
    @Option(help: "Least similarity for a note to join a theme on arrival (the engine's default when not given).") var placeThreshold: Float?
    @Option(help: "Silhouette given up per theme away from the target (the engine's default when not given).") var priorPenalty: Float?
    @Option(help: "How much closer a new title must be to replace, at a pause, one that still fits (the engine's default when not given).") var pauseMargin: Float?

    struct Episode { var name: String; var texts: [String]; var truth: [String]; var titles: [String: String] }

    func run() throws {
        var episodes: [Episode] = []
        for line in try String(contentsOfFile: data + "/meetings/walls.jsonl", encoding: .utf8).split(separator: "\n") {
            let j = try JSONCodec.parse(String(line))
            let name = j["episode"]?.stringValue ?? ""
            if episodes.last?.name != name { episodes.append(Episode(name: name, texts: [], truth: [], titles: [:])) }
            episodes[episodes.count - 1].texts.append(j["text"]?.stringValue ?? "")
            episodes[episodes.count - 1].truth.append(j["label"]?.stringValue ?? "")
        }
        for line in try String(contentsOfFile: data + "/meetings/themes.jsonl", encoding: .utf8).split(separator: "\n") {
            let j = try JSONCodec.parse(String(line))
            if let i = episodes.firstIndex(where: { $0.name == j["episode"]?.stringValue }) {
                episodes[i].titles[j["label"]?.stringValue ?? ""] = j["title"]?.stringValue ?? ""
            }
        }
        let model = try SentenceEmbedder(modelDirectory: modelDir)
        let translator = noTranslation ? nil : SpanishTranslator()
        print(translator == nil ? "Spanish notes embedded as typed" : "Spanish notes embedded from Apertium's English translation")
        var engine = MeetingGrouping(targetThemes: targetThemes)
        // For comparison: every touched theme titled afresh at each note (before steady titles).
        if ProcessInfo.processInfo.environment["CONVENE_BENCH_EVERY_TITLE"] == "1" { engine.steadyTitles = false }
        if let checkpointGrowth { engine.checkpointGrowth = checkpointGrowth }
        if let everyNoteUpTo { engine.checkpointEveryNoteUpTo = everyNoteUpTo }
        if let minimumProposalMoves { engine.minimumProposalMoves = minimumProposalMoves }
        if let firstGrouping { engine.firstGrouping = firstGrouping }
        if let placeThreshold { engine.placeThreshold = placeThreshold }
        if let priorPenalty { engine.grouping.priorPenalty = priorPenalty }
        if let pauseMargin { engine.pauseMargin = pauseMargin }
        // For comparison: a theme that reaches its next size is titled afresh (before the margin applied there).
        if ProcessInfo.processInfo.environment["CONVENE_BENCH_STEP_AFRESH"] == "1" { engine.marginAtSteps = false }
        if !lexicalTitles { engine.phrases = CachedPhraseEmbedding(PhraseEmbedder { model.embed($0) }) }
        if !noWordnet { engine.lexicon = WordNetFiles.lexicon() }
        print(engine.lexicon.map { "titles know \($0.adjectiveCount) words only ever adjectives, \($0.mostlyAdjectiveCount) nouns read mostly as adjectives, \($0.properNameCount) capitalised names and \($0.commonWordCount) words only ever in lower case (WordNet)" } ?? "titles without WordNet")
        print("meeting walls: \(episodes.count), target \(targetThemes) themes, all-MiniLM-L6-v2; ARI excludes notes the facilitator parks")
        print("episode                          notes | live ARI batch ARI | static/note sim/note sim÷static | title cos | churn silent max | themes largest | ms/note")
        var sums = [String: Double]()
        var spanishLines: [String] = []
        var totalNotes = 0, totalStatic = 0, totalSim = 0
        var unattendedLargest = 0.0
        var doubtRows: [(margin: Float, wrong: Bool, runnerUpRight: Bool, marked: Bool)] = []
        for e in episodes {
            var oracleLines: [String] = []
            let vectors = model.embed(ModelReading.texts(e.texts, translate: translator?.english))
            if titlesOnly {
                let (cos, ceiling) = oracleTitles(e, vectors: vectors, engine: engine, model: model, lines: &oracleLines)
                print(String(format: "%-32@ %.3f (the best candidate each time: %.3f)", e.name as NSString, cos, ceiling))
                oracleLines.forEach { print($0) }
                sums["oracleTitle", default: 0] += cos
                sums["ceiling", default: 0] += ceiling
                continue
            }
            let kept = e.truth.indices.filter { e.truth[$0] != "unsorted" }
            // Live, every proposal applied.
            var sim = EpisodeSimulation(engine: engine)
            let cpu0 = Measure.cpuSeconds()
            // The note at which the room first sees a theme (the notes before it wait in Unsorted).
            var firstTheme = e.texts.count + 1
            for i in e.texts.indices {
                sim.add(id: "\(i)", text: e.texts[i], vector: vectors[i])
                if firstTheme > e.texts.count, !sim.wall.themes.isEmpty { firstTheme = i + 1 }
            }
            let ms = (Measure.cpuSeconds() - cpu0) * 1000 / Double(e.texts.count)
            sim.settle()   // the room pauses after its last note (not counted in ms/note)
            let live = sim.wall.notes.map(\.theme)
            let liveARI = Metrics.adjustedRandIndex(kept.map { e.truth[$0] }, kept.map { live[$0] ?? "unsorted" })
            // The README's second figure: every note, Unsorted one more group on both sides.
            let allARI = Metrics.adjustedRandIndex(e.truth, live.map { $0 ?? "unsorted" })
            // Unattended: no proposal applied, the wall the room sees while the facilitator is busy.
            var unattended = EpisodeSimulation(engine: engine)
            unattended.acceptProposals = false
            for i in e.texts.indices { unattended.add(id: "\(i)", text: e.texts[i], vector: vectors[i]) }
            unattended.settle()
            let alone = unattended.wall.notes.map(\.theme)
            let unattendedARI = Metrics.adjustedRandIndex(kept.map { e.truth[$0] }, kept.map { alone[$0] ?? "unsorted" })
            let unattendedUnsorted = Double(alone.filter { $0 == nil }.count) / Double(alone.count)
            let aloneSizes = Dictionary(grouping: alone.compactMap { $0 }, by: { $0 }).mapValues(\.count)
            let aloneLargest = Double(aloneSizes.values.max() ?? 0) / Double(max(1, alone.compactMap { $0 }.count))
            unattendedLargest = max(unattendedLargest, aloneLargest)
            // Batch.
            var whole = EpisodeSimulation(engine: engine)
            for i in e.texts.indices { whole.place(WallNote(id: "\(i)", vector: vectors[i], text: e.texts[i])) }
            whole.regroupAll()
            let batch = whole.wall.notes.map(\.theme)
            let batchARI = Metrics.adjustedRandIndex(kept.map { e.truth[$0] }, kept.map { batch[$0] ?? "unsorted" })
            // Facilitator.
            let outcome = FacilitatorSimulation.run(texts: e.texts, vectors: vectors, truth: e.truth, engine: engine, splits: facilitatorSplits)
            // Titles: each wall theme's title against the facilitator's title of the theme it is given.
            let (_, themeFor) = FacilitatorActions.assignment(truth: e.truth, wall: live)
            var cosines: [Double] = []
            var matchedGold = Set<String>()
            for theme in sim.wall.themes {
                guard let gold = themeFor[theme.id], !matchedGold.contains(gold), let title = e.titles[gold] else { continue }
                matchedGold.insert(gold)
                let v = model.embed([theme.label, title])
                cosines.append(Double(zip(v[0], v[1]).map { $0 * $1 }.reduce(0, +)))
            }
            let titleCos = cosines.isEmpty ? 0 : cosines.reduce(0, +) / Double(cosines.count)
            let oracleCos = oracleTitles(e, vectors: vectors, engine: engine, model: model, lines: &oracleLines).chosen
            let sizes = Dictionary(grouping: live.compactMap { $0 }, by: { $0 }).mapValues(\.count)
            let largest = Double(sizes.values.max() ?? 0) / Double(max(1, live.compactMap { $0 }.count))
            let churn = sim.churn.reduce(0, +) / Double(max(1, sim.churn.count))
            let silent = sim.silentChurn.reduce(0, +) / Double(max(1, sim.silentChurn.count))
            // The share of the mean made while the wall had 2–9, 10–19 and 20 or more notes
            // (step k has k notes on the wall before the new one): the first themes gather
            // notes that waited in Unsorted.
            func silentShare(_ walls: Range<Int>) -> Double {
                sim.silentChurn.enumerated().filter { walls.contains($0.offset + 1) }.map(\.element).reduce(0, +)
                    / Double(max(1, sim.silentChurn.count))
            }
            let n = Double(kept.count)
            print(String(format: "%-32@ %5d | %8.3f %9.3f | %11.3f %8.3f %11.2f | %9.3f | %5.2f%% %5.2f%% %4.0f%% | %6d %6.0f%% | %7.3f",
                         e.name as NSString, e.texts.count, liveARI, batchARI, Double(outcome.staticActions) / n,
                         Double(outcome.actions) / n, outcome.staticActions > 0 ? Double(outcome.actions) / Double(outcome.staticActions) : 0,
                         titleCos, churn * 100, silent * 100, (sim.churn.max() ?? 0) * 100, sizes.count, largest * 100, ms))
            for (k, v) in ["live": liveARI, "batch": batchARI, "static": Double(outcome.staticActions) / n, "sim": Double(outcome.actions) / n,
                           "title": titleCos, "churn": churn, "silent": silent, "ms": ms, "largest": largest, "themes": Double(sizes.count),
                           "proposals": Double(sim.proposals), "oracleTitle": oracleCos, "silentSmall": silentShare(1..<9),
                           "silentYoung": silentShare(9..<19), "silentGrown": silentShare(19..<Int.max),
                           "silentOutOfThemes": Double(sim.silentMovesOutOfThemes),
                           "unattended": unattendedARI, "unattendedUnsorted": unattendedUnsorted, "allARI": allARI,
                           "unattendedThemes": Double(aloneSizes.count), "left": Double(outcome.left),
                           "applied": Double(outcome.proposalsApplied),
                           "titleChanges": Double(sim.titleChanges) / Double(e.texts.count),
                           "titleChangesAlone": Double(unattended.titleChanges) / Double(e.texts.count),
                           "firstTheme": Double(firstTheme)] {
                sums[k, default: 0] += v
            }
            totalNotes += kept.count; totalStatic += outcome.staticActions; totalSim += outcome.actions
            if doubts {
                let (_, themeFor) = FacilitatorActions.assignment(truth: e.truth, wall: live)
                let all = engine.doubts(sim.wall)
                let marked = Set(MeetingGrouping.marked(all).map(\.note))   // per wall, as the console marks them
                for d in all {
                    guard let i = Int(d.note), e.truth[i] != "unsorted", let own = live[i] else { continue }
                    let wrong = themeFor[own] != e.truth[i]
                    doubtRows.append((d.margin, wrong, wrong && themeFor[d.runnerUp] == e.truth[i], marked.contains(d.note)))
                }
            }
            if midway {
                let m = midwayCorrection(e, vectors: vectors, engine: engine)
                for (key, value) in ["lateNone": m.none, "lateLearning": m.learning, "lateForgetting": m.forgetting,
                                     "workNone": m.workNone, "workLearning": m.workLearning, "workForgetting": m.workForgetting,
                                     "late": m.late, "midwayActions": m.midwayActions] {
                    sums[key, default: 0] += value
                }
                print(String(format: "    midway correction (%.0f actions): later notes misplaced %.0f%% with no correction, %.0f%% after it with learning, %.0f%% after it without; work left at the end %.0f / %.0f / %.0f actions",
                             m.midwayActions, m.none * 100, m.learning * 100, m.forgetting * 100, m.workNone, m.workLearning, m.workForgetting))
            }
            // Spanish notes (issue 11, item 5): they must not make a theme of their own.
            let spanish = Set(e.texts.indices.filter { Language.guess(e.texts[$0]) == .spanish })
            if !spanish.isEmpty {
                func majoritySpanish(_ groups: [[Int]]) -> Int {
                    groups.filter { $0.count >= 2 && $0.filter(spanish.contains).count * 2 > $0.count }.count
                }
                let liveGroups = Dictionary(grouping: e.texts.indices.filter { live[$0] != nil }, by: { live[$0]! }).values.map { $0 }
                let goldGroups = Dictionary(grouping: kept, by: { e.truth[$0] }).values.map { $0 }
                let es = kept.filter(spanish.contains), en = kept.filter { !spanish.contains($0) }
                // Same theme as the facilitator's majority for its group, per language.
                let (_, themeFor) = FacilitatorActions.assignment(truth: e.truth, wall: live)
                func agreeing(_ notes: [Int]) -> Double {
                    Double(notes.filter { i in live[i].flatMap { themeFor[$0] } == e.truth[i] }.count) / Double(max(1, notes.count))
                }
                spanishLines.append(String(format: "  Spanish: %@ — %d of %d notes; themes with a Spanish majority: %d live, %d in the facilitator's grouping; notes in the theme matched to their facilitator's group: Spanish %.0f%%, English %.0f%%",
                                           e.name as NSString, spanish.count, e.texts.count, majoritySpanish(liveGroups), majoritySpanish(goldGroups),
                                           agreeing(es) * 100, agreeing(en) * 100))
            }
            if walls {
                for theme in sim.wall.themes {
                    let members = sim.wall.notes.indices.filter { live[$0] == theme.id }
                    let golds = Dictionary(grouping: members.map { e.truth[$0] }, by: { $0 }).mapValues(\.count)
                    print("    \(theme.label)  [\(members.count) notes; facilitator: \(golds.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))]"
                          + (themeFor[theme.id].flatMap { e.titles[$0] }.map { "  ← \"\($0)\"" } ?? ""))
                }
                let unsorted = live.filter { $0 == nil }.count
                if unsorted > 0 { print("    Unsorted  [\(unsorted) notes]") }
                // The wall the room sees while the facilitator is busy: what a wrong early theme costs.
                print(String(format: "  with no proposal applied: live ARI %.3f", unattendedARI))
                for theme in unattended.wall.themes {
                    let members = unattended.wall.notes.indices.filter { alone[$0] == theme.id }
                    let golds = Dictionary(grouping: members.map { e.truth[$0] }, by: { $0 }).mapValues(\.count)
                    print("    \(theme.label)  [\(members.count) notes; facilitator: \(golds.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))]")
                }
                let aloneUnsorted = alone.filter { $0 == nil }.count
                if aloneUnsorted > 0 { print("    Unsorted  [\(aloneUnsorted) notes]") }
                oracleLines.forEach { print($0) }
            }
        }
        let k = Double(episodes.count)
        if titlesOnly {
            print(String(format: "titles the titler gives the facilitator's own groups: cosine %.3f to the facilitator's titles", sums["oracleTitle"]! / k))
            if let ceiling = sums["ceiling"] {
                print(String(format: "the best of the titler's own candidates each time (an upper bound no titler reaches): %.3f", ceiling / k))
            }
            return
        }
        print(String(format: "%-32@ %5d | %8.3f %9.3f | %11.3f %8.3f %11.2f | %9.3f | %5.2f%% %5.2f%%      | %6.1f %6.0f%% | %7.3f",
                     "MEAN" as NSString, totalNotes, sums["live"]! / k, sums["batch"]! / k, sums["static"]! / k, sums["sim"]! / k,
                     Double(totalSim) / Double(max(1, totalStatic)), sums["title"]! / k, sums["churn"]! / k * 100, sums["silent"]! / k * 100,
                     sums["themes"]! / k, sums["largest"]! / k * 100, sums["ms"]! / k))
        print(String(format: "titles the titler gives the facilitator's own groups: cosine %.3f to the facilitator's titles", sums["oracleTitle"]! / k))
        print(String(format: "live ARI with the parked notes kept (Unsorted one more group on both sides): %.3f", sums["allARI"]! / k))
        print(String(format: "titles the room saw change (themes already on the wall), per arriving note: %.3f with every proposal applied, %.3f with none",
                     sums["titleChanges"]! / k, sums["titleChangesAlone"]! / k))
        print(String(format: "with no proposal applied (the wall while the facilitator is busy): live ARI %.3f, %.0f%% of notes unsorted, %.1f themes, the largest at most %.0f%% of a wall's sorted notes",
                     sums["unattended"]! / k, sums["unattendedUnsorted"]! / k * 100, sums["unattendedThemes"]! / k, unattendedLargest * 100))
        print(String(format: "proposals per wall: %.1f; sim÷static pooled over all walls: %.2f", sums["proposals"]! / k,
                     Double(totalSim) / Double(max(1, totalStatic))))
        // The simulated facilitator's corrections: how often what the engine learnt from one
        // saved them work (a proposal applied), and whether they finished every wall.
        print(String(format: "simulated facilitator: %.0f proposals after a correction applied in all, %.0f actions of work left unfinished",
                     sums["applied"]!, sums["left"]!))
        let outOfThemes = Int(sums["silentOutOfThemes"]!)
        print(String(format: "churn without the facilitator (%.2f%%): %@; %.2f / %.2f / %.2f points of it as the wall grew to 2–9 / 10–19 / 20+ notes",
                     sums["silent"]! / k * 100,
                     (outOfThemes == 0 ? "all of it notes leaving Unsorted (no note moved out of a theme on its own)"
                        : "\(outOfThemes) notes moved out of a theme on their own") as NSString,
                     sums["silentSmall"]! / k * 100, sums["silentYoung"]! / k * 100, sums["silentGrown"]! / k * 100))
        print(String(format: "the first theme the room sees appears with note %.1f on average (the notes before it wait in Unsorted)",
                     sums["firstTheme"]! / k))
        spanishLines.forEach { print($0) }
        if doubts { printDoubts(doubtRows) }
        if midway {
            print(String(format: "midway correction (%.0f later notes a wall): later notes misplaced %.1f%% with no correction, %.1f%% after a full correction at half-time with what the engine learns, %.1f%% with the correction but its pins and counter-examples forgotten; facilitator's work left at the end %.2f / %.2f / %.2f actions a wall, after %.2f actions at half-time",
                         sums["late"]! / k, sums["lateNone"]! / k * 100, sums["lateLearning"]! / k * 100, sums["lateForgetting"]! / k * 100,
                         sums["workNone"]! / k, sums["workLearning"]! / k, sums["workForgetting"]! / k, sums["midwayActions"]! / k))
        }
    }
}
