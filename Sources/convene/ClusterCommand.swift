import ArgumentParser
import ConveneClustering
import ConveneCore
import ConveneEmbedding
import ConveneLexicon
import ConveneJSON
import ConveneServer
import ConveneStemmer
import FoundationEssentials
import ConveneStore
import Glibc

struct Cluster: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Group notes into themes as the live wall does.",
        discussion: """
            Reads JSON lines {"episode": …, "id": …, "text": …} (other fields ignored) on standard input. Each \
            episode is clustered on its own, its notes fed one at a time in file order as the live server \
            would (or all at once with --batch). Prints one line per note: \
            {"episode": …, "id": …, "theme": …, "label": …} with its final theme ("unsorted" if none) and its \
            title, as the wall stands after the last note when every proposal the engine made was applied \
            (including the one it makes once the room pauses after the last note).

            --simulate-facilitator reads labelled notes {"episode", "id", "text", "label"} (label "unsorted": \
            the facilitator parks it), runs the live engine note by note, then a simulated facilitator takes the \
            single action (move a note, merge two themes) that most reduces the remaining work until the wall \
            matches the labels, the engine learning after each. Prints {"episode", "notes", "actions", \
            "staticActions"} per episode and a last line with the means.
            """)

    @Flag(help: "Cluster each episode all at once instead of note by note.") var batch = false
    @Flag(help: "Print churn, proposals and milliseconds per note to standard error.") var stats = false
    @Flag(help: "Simulate a facilitator correcting the wall to the notes' labels; print actions per episode.") var simulateFacilitator = false
    @Option(help: "The meeting's target number of themes.") var targetThemes = 5
    @Flag(help: "Use lexical similarity even if the embedding model is present.") var lexical = false
    @Option(help: "Folder holding model.safetensors and vocab.txt.") var modelDir = SentenceEmbedder.defaultModelDirectory

    func run() throws {
        var episodes: [(key: JSONValue, notes: [(id: JSONValue, text: String, label: String?)])] = []
        var index: [String: Int] = [:]
        var lineNumber = 0
        while let line = readLine() {
            lineNumber += 1
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            guard let json = try? JSONCodec.parse(line), let text = json["text"]?.stringValue else {
                try fail("line \(lineNumber): expected a JSON object with a \"text\" string")
            }
            let episode = json["episode"] ?? .null, id = json["id"] ?? .int(Int64(lineNumber))
            let key = JSONCodec.serializeString(episode)
            if index[key] == nil { index[key] = episodes.count; episodes.append((episode, [])) }
            let label = json["label"]?.stringValue
            if simulateFacilitator && label == nil { try fail("line \(lineNumber): --simulate-facilitator needs a \"label\" string") }
            episodes[index[key]!].notes.append((id, text, label))
        }
        let embedder: SentenceEmbedder?
        if lexical {
            embedder = nil
        } else {
            do { embedder = try SentenceEmbedder(modelDirectory: modelDir) } catch {
                writeWhole("convene: \(error)\nconvene: grouping by shared words instead (weaker).\n", to: STDERR_FILENO)
                embedder = nil
            }
        }
        let stemmer = SnowballStemmer()
        // As the server does: Spanish notes are embedded from their English.
        let translator = embedder == nil ? nil : SpanishTranslator()
        var engine = MeetingGrouping(targetThemes: targetThemes)
        if let embedder { engine.phrases = CachedPhraseEmbedding(PhraseEmbedder { embedder.embed($0) }) }
        engine.lexicon = WordNetFiles.lexicon()   // as the server titles themes
        var totalMs = 0.0, totalNotes = 0, churns: [Double] = [], proposals = 0
        var simulated: [(notes: Int, actions: Int, staticActions: Int)] = []
        for episode in episodes {
            let texts = episode.notes.map(\.text)
            let vectors = embedder.map { e in stride(from: 0, to: texts.count, by: 32).flatMap { e.embed(ModelReading.texts(Array(texts[$0..<min($0 + 32, texts.count)]), translate: translator?.english)) } }
                ?? texts.map { LexicalVectors.vector($0, stem: stemmer.stem) }
            if simulateFacilitator {
                let outcome = FacilitatorSimulation.run(texts: texts, vectors: vectors, truth: episode.notes.map { $0.label ?? "unsorted" },
                                                        engine: engine)
                simulated.append((outcome.notes, outcome.actions, outcome.staticActions))
                if outcome.left > 0 {
                    // The facilitator gave up (the action limit): their count would read as the engine's help.
                    writeWhole("convene: episode \(JSONCodec.serializeString(episode.key)): the simulated facilitator stopped with \(outcome.left) actions of work left\n", to: STDERR_FILENO)
                }
                say(JSONCodec.serializeString(.object([("episode", episode.key), ("notes", .int(Int64(outcome.notes))),
                                                       ("actions", .int(Int64(outcome.actions))),
                                                       ("staticActions", .int(Int64(outcome.staticActions)))])))
                continue
            }
            let start = Date()
            var sim = EpisodeSimulation(engine: engine)
            if batch {
                for (i, note) in episode.notes.enumerated() {
                    sim.place(WallNote(id: "\(i)", vector: vectors[i], text: note.text))
                }
                sim.regroupAll()
            } else {
                for (i, note) in episode.notes.enumerated() { sim.add(id: "\(i)", text: note.text, vector: vectors[i]) }
                sim.settle()   // as the server does when the room pauses after the last note
            }
            totalMs += Date().timeIntervalSince(start) * 1000
            totalNotes += texts.count
            churns += sim.churn
            proposals += sim.proposals
            let labels = Dictionary(uniqueKeysWithValues: sim.wall.themes.map { ($0.id, $0.label) })
            for (i, note) in episode.notes.enumerated() {
                let theme = sim.wall.notes[i].theme
                let line = JSONValue.object([("episode", episode.key), ("id", note.id), ("theme", .string(theme ?? "unsorted")),
                                             ("label", .string(theme.flatMap { labels[$0] } ?? "Unsorted"))])
                say(JSONCodec.serializeString(line))
            }
        }
        if simulateFacilitator {
            let k = Double(max(1, simulated.count))
            let notes = simulated.reduce(0) { $0 + $1.notes }, actions = simulated.reduce(0) { $0 + $1.actions }
            let fixed = simulated.reduce(0) { $0 + $1.staticActions }
            say(JSONCodec.serializeString(.object([
                ("episodes", .int(Int64(simulated.count))),
                ("notes", .double(Double(notes) / k)), ("actions", .double(Double(actions) / k)),
                ("staticActions", .double(Double(fixed) / k)),
                ("actionsPerNote", .double(Double(actions) / Double(max(1, notes)))),
                ("staticActionsPerNote", .double(Double(fixed) / Double(max(1, notes)))),
            ])))
            return
        }
        if stats {
            let churn = churns.isEmpty ? 0 : churns.reduce(0, +) / Double(churns.count)
            writeWhole("notes \(totalNotes), churn \(fixed(churn * 100, 2))% per note (max \(fixed((churns.max() ?? 0) * 100, 1))%), "
                       + "\(proposals) proposals (all applied), \(fixed(totalMs / Double(max(totalNotes, 1)), 3)) ms per note (embedding excluded), "
                       + "\(embedder == nil ? "lexical" : "all-MiniLM-L6-v2") similarity\n", to: STDERR_FILENO)
        }
    }
}

/// `value` with `digits` digits after the point ("5.01"), rounded half away from zero.
func fixed(_ value: Double, _ digits: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : value < 0 ? "-inf" : "inf" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    let whole = Int(scaled / scale), part = Int(scaled) - whole * Int(scale)
    var decimals = String(part)
    while decimals.count < digits { decimals = "0" + decimals }
    return (value < 0 && scaled > 0 ? "-" : "") + (digits > 0 ? "\(whole).\(decimals)" : "\(whole)")
}
