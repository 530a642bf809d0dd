import ArgumentParser
import ConveneCore
import ConveneEmbedding
import ConveneJSON
import ConveneServer
import FoundationEssentials

struct Embed: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Embed texts with all-MiniLM-L6-v2.",
        discussion: """
            Reads lines on standard input — JSON objects {"text": …} or plain text — and prints one JSON \
            line {"text": …, "embedding": [384 floats]} per input line, in the same order.
            """)

    @Option(help: "Folder holding model.safetensors and vocab.txt.") var modelDir = SentenceEmbedder.defaultModelDirectory

    func run() throws {
        let model: SentenceEmbedder
        do { model = try SentenceEmbedder(modelDirectory: modelDir) } catch { try fail(error) }
        var batch: [String] = []
        func flush() {
            for (text, vector) in zip(batch, model.embed(batch)) {
                let textJSON = JSONCodec.serializeString(.string(text))
                let numbers = vector.map { "\($0)" }.joined(separator: ",")
                say("{\"text\":\(textJSON),\"embedding\":[\(numbers)]}")
            }
            batch.removeAll()
        }
        while let line = readLine(strippingNewline: true) {
            batch.append(Self.text(of: line))
            if batch.count == 32 { flush() }
        }
        flush()
    }

    /// A JSON object with a string "text" gives that text; any other line is the text itself.
    static func text(of line: String) -> String {
        if line.hasPrefix("{"), let json = try? JSONCodec.parse(line), let text = json["text"]?.stringValue { return text }
        return line
    }
}
