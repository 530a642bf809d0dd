import Foundation

/// Spanish → English with Apertium (the Debian package `apertium-eng-spa`, installed by
/// scripts/setup.sh), so that the embedder can read a Spanish note.
///
/// Why: all-MiniLM-L6-v2 is an English model. A Spanish note lands near the other Spanish
/// notes, whatever it says, and far from the English notes of its theme: "vivienda para los
/// trabajadores de temporada" is nowhere near "housing for seasonal workers". Read through
/// Apertium's translation, it is. On the two meeting walls that are a fifth in Spanish, live
/// ARI rose from 0.255 to 0.361 and from 0.242 to 0.301 (docs/BENCHMARKS.md).
///
/// Apertium is a rule-based translator (dictionaries and rules, no network, no model to
/// fetch); it runs as a child process, one per batch of notes, and only the model reads its
/// output: the wall, the titles and the summary keep the words people typed. When it is
/// missing, fails or is slow, notes are embedded as typed (`english` returns nil).
public final class SpanishTranslator: Sendable {
    let executable: String
    /// Longest wait for one batch; a note is never held up longer than this.
    let timeout: Double

    /// nil when Apertium or its Spanish → English data is not installed.
    public init?(executable: String = "/usr/bin/apertium",
                 mode: String = "/usr/share/apertium/modes/spa-eng.mode", timeout: Double = 5) {
        guard FileManager.default.isExecutableFile(atPath: executable), FileManager.default.fileExists(atPath: mode),
              FileManager.default.isExecutableFile(atPath: "/usr/bin/timeout") else { return nil }
        self.executable = executable
        self.timeout = timeout
    }

    /// The English of each text, in order; nil when the translator failed.
    public func english(_ texts: [String]) -> [String]? {
        guard !texts.isEmpty else { return [] }
        // One line per text: Apertium keeps line breaks, so the lines come back in order.
        let input = texts.map { $0.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ") }
            .joined(separator: "\n") + "\n"
        let process = Process()
        // Through coreutils' timeout: Apertium is a pipeline of several programs, and
        // timeout stops all of them (its process group), not just the shell that runs them.
        // -u: unknown words as typed, without Apertium's "*" mark.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["-k", "1", String(timeout), executable, "-u", "spa-eng"]
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        // Written from another thread: a large batch must not fill the pipe while this
        // thread is not yet reading the answer.
        let writer = Thread {
            try? stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0,
              let text = String(data: output, encoding: .utf8) else { return nil }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines.count == texts.count ? lines : nil
    }
}
