import ArgumentParser
import ConveneClustering
import ConveneCore
import ConveneEmbedding
import ConveneJSON
import ConveneServer
import ConveneStemmer
import Foundation

struct Cluster: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Group notes into themes as the live wall does.",
        discussion: """
            Reads JSON lines {"episode": …, "id": …, "text": …} (other fields ignored) on standard input. Each
            episode is clustered on its own, its notes fed one at a time in file order as the live server
            would (or all at once with --batch). Prints one line per note:
            {"episode": …, "id": …, "theme": …, "label": …} with its final theme ("unsorted" if none).
            """)

    @Flag(help: "Cluster each episode all at once instead of note by note.") var batch = false
    @Flag(help: "Print churn and milliseconds per note to standard error.") var stats = false
    @Flag(help: "Use lexical similarity even if the embedding model is present.") var lexical = false
    @Option(help: "Folder holding model.safetensors and vocab.txt.") var modelDir = SentenceEmbedder.defaultModelDirectory

    func run() throws {
        var episodes: [(key: JSONValue, notes: [(id: JSONValue, text: String)])] = []
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
            episodes[index[key]!].notes.append((id, text))
        }
        let embedder: SentenceEmbedder?
        if lexical {
            embedder = nil
        } else {
            do { embedder = try SentenceEmbedder(modelDirectory: modelDir) } catch {
                FileHandle.standardError.write(Data("convene: \(error)\nconvene: grouping by shared words instead (weaker).\n".utf8))
                embedder = nil
            }
        }
        let stemmer = SnowballStemmer()
        var totalMs = 0.0, totalNotes = 0, churns: [Double] = []
        for episode in episodes {
            let texts = episode.notes.map(\.text)
            let vectors = embedder.map { e in stride(from: 0, to: texts.count, by: 32).flatMap { e.embed(Array(texts[$0..<min($0 + 32, texts.count)])) } }
                ?? texts.map { LexicalVectors.vector($0, stem: stemmer.stem) }
            let start = Date()
            var sim = EpisodeSimulation()
            if batch {
                for (i, note) in episode.notes.enumerated() {
                    sim.place(WallNote(id: "\(i)", vector: vectors[i], text: note.text))
                }
                sim.regroupAll()
            } else {
                for (i, note) in episode.notes.enumerated() { sim.add(id: "\(i)", text: note.text, vector: vectors[i]) }
            }
            totalMs += Date().timeIntervalSince(start) * 1000
            totalNotes += texts.count
            churns += sim.churn
            let labels = Dictionary(uniqueKeysWithValues: sim.wall.themes.map { ($0.id, $0.label) })
            for (i, note) in episode.notes.enumerated() {
                let theme = sim.wall.notes[i].theme
                let line = JSONValue.object([("episode", episode.key), ("id", note.id), ("theme", .string(theme ?? "unsorted")),
                                             ("label", .string(theme.flatMap { labels[$0] } ?? "Unsorted"))])
                say(JSONCodec.serializeString(line))
            }
        }
        if stats {
            let churn = churns.isEmpty ? 0 : churns.reduce(0, +) / Double(churns.count)
            FileHandle.standardError.write(Data(String(format: "notes %d, churn %.2f%% per note (max %.1f%%), %.3f ms per note (embedding excluded), %@ similarity\n",
                                                       totalNotes, churn * 100, (churns.max() ?? 0) * 100, totalMs / Double(max(totalNotes, 1)),
                                                       embedder == nil ? "lexical" : "all-MiniLM-L6-v2").utf8))
        }
    }
}
