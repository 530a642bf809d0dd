import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Spanish → English with Apertium (the Debian package `apertium-eng-spa`, installed by
/// scripts/setup.sh), so that the embedder can read a Spanish note.
///
/// Why: all-MiniLM-L6-v2 is an English model. A Spanish note lands near the other Spanish
/// notes, whatever it says, and far from the English notes of its theme: "vivienda para los
/// trabajadores de temporada" is nowhere near "housing for seasonal workers". Read through
/// Apertium's translation, it is. On the two meeting walls that are a fifth in Spanish, live
/// ARI rose from 0.255 to 0.490 and from 0.242 to 0.375 (docs/BENCHMARKS.md).
///
/// Apertium is a rule-based translator (dictionaries and rules, no network, no model to
/// fetch); it runs as a child process, one to three runs per batch of notes (about 0.1 s
/// each), on the embedding thread, never the service loop's; only the model reads its
/// output: the wall, the titles and the summary keep the words people typed. When it is
/// missing, fails or is slow, notes are embedded as typed (`english` returns nil).
public final class SpanishTranslator: Sendable {
    let executable: String
    /// Longest wait for one batch, all its runs together (and a second more to stop an
    /// Apertium that overran).
    let timeout: Double

    /// nil when Apertium or its Spanish → English data is not installed.
    public init?(executable: String = "/usr/bin/apertium",
                 mode: String = "/usr/share/apertium/modes/spa-eng.mode", timeout: Double = 5) {
        guard FileManager.default.isExecutableFile(atPath: executable), FileManager.default.fileExists(atPath: mode),
              FileManager.default.isExecutableFile(atPath: "/usr/bin/timeout") else { return nil }
        self.executable = executable
        self.timeout = timeout
        // Apertium may stop reading before the end of a batch (it does at U+FFFF): the write
        // to its pipe must then fail, not raise SIGPIPE and end the whole server. (The
        // server ignores SIGPIPE too, but only once the web server starts, after the log's
        // notes have been queued for embedding.)
        signal(SIGPIPE, SIG_IGN)
    }

    /// The English of each text, in order; nil when the translator failed.
    ///
    /// Phones type Spanish without its accents ("guarderia", "despues del huracan"), and
    /// Apertium knows words only with them: a word it does not know is tried again with one
    /// accent or "ñ" restored, and the first spelling it knows is kept ("guardería" reads
    /// "nursery", "después del huracán" "after the hurricane"). Up to three runs a batch.
    public func english(_ texts: [String]) -> [String]? {
        guard !texts.isEmpty else { return [] }
        // One line per text: Apertium keeps line breaks, so the lines come back in order.
        // Control characters (line breaks, NUL: Apertium's own separators) and
        // noncharacters (at U+FFFF Apertium stops reading) become spaces.
        var lines = texts.map { text in
            String(String.UnicodeScalarView(text.unicodeScalars.map {
                $0.properties.generalCategory == .control || $0.properties.isNoncharacterCodePoint ? " " : $0
            }))
        }
        let deadline = Date().addingTimeInterval(timeout)
        guard var english = run(lines, until: deadline) else { return nil }
        let unknown = Array(Set(english.flatMap(Self.unknownWords))).sorted()
        if !unknown.isEmpty {
            let spellings = unknown.map(Self.accentedSpellings)
            if spellings.contains(where: { !$0.isEmpty }), let known = run(spellings.flatMap { $0 }, until: deadline) {
                var next = 0, restored: [String: String] = [:]
                for (word, candidates) in zip(unknown, spellings) {
                    let answers = known[next..<(next + candidates.count)]
                    next += candidates.count
                    if let hit = zip(candidates, answers).first(where: { Self.unknownWords(in: $0.1).isEmpty }) { restored[word] = hit.0 }
                }
                if !restored.isEmpty {
                    lines = lines.map { Self.respelled($0, restored) }
                    if let again = run(lines, until: deadline) { english = again }
                }
            }
        }
        return english.map { ApertiumWorkplaceEnglish.corrected(Self.withoutMarks($0)) }
    }

    /// Apertium's English of each line, its marks kept ("*word": a word it does not know);
    /// nil when it failed or did not finish by `deadline`.
    private func run(_ lines: [String], until deadline: Date) -> [String]? {
        let seconds = deadline.timeIntervalSinceNow
        guard seconds >= 0.2 else { return nil }
        // A blank line between texts: Apertium's rules reorder words across a single line
        // break as inside a sentence ("falta mano de obra" then "seguro médico…" came back as
        // "Lacking hand of sure" and "work doctor…"): a paragraph break is a boundary they keep.
        let input = Array((lines.joined(separator: "\n\n") + "\n").utf8)
        // Through coreutils' timeout: Apertium is a pipeline of several programs, and
        // timeout stops all of them (its process group), not just the shell that runs them.
        let tenths = Int((seconds * 10).rounded(.down))
        guard let output = ChildProcess.run("/usr/bin/timeout", ["-k", "1", "\(tenths / 10).\(tenths % 10)", executable, "spa-eng"],
                                            input: input),
              let text = String(validating: output, as: UTF8.self) else { return nil }
        var answer = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if answer.last == "" { answer.removeLast() }
        // Each text's line, then the blank line after it (none after the last).
        guard answer.count == 2 * lines.count - 1,
              stride(from: 1, to: answer.count, by: 2).allSatisfy({ answer[$0].allSatisfy(\.isWhitespace) }) else { return nil }
        return stride(from: 0, to: answer.count, by: 2).map { answer[$0] }
    }

    /// The words Apertium marked as unknown in its output ("*mecanicos"), lower-cased.
    static func unknownWords(in line: String) -> [String] {
        var words: [String] = [], current: String?
        for c in line {
            if c == "*" { if let w = current, !w.isEmpty { words.append(w) }; current = ""; continue }
            if current != nil {
                if c.isLetter { current!.append(contentsOf: c.lowercased()) } else {
                    if !current!.isEmpty { words.append(current!) }
                    current = nil
                }
            }
        }
        if let w = current, !w.isEmpty { words.append(w) }
        return words
    }

    /// The spellings of `word` with one accent or "ñ" restored: "despues" → "despúes",
    /// "después", …; a long word (past 16 letters) or one already accented has none.
    static func accentedSpellings(_ word: String) -> [String] {
        let letters = Array(word)
        // Letters counted as bytes too: combining marks make a "letter" of any length.
        guard letters.count <= 16, word.utf8.count <= 48, !letters.contains(where: { "áéíóúñü".contains($0) }) else { return [] }
        let marked: [Character: Character] = ["a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú", "n": "ñ"]
        return letters.indices.compactMap { i in
            marked[letters[i]].map { accent in var copy = letters; copy[i] = accent; return String(copy) }
        }
    }

    /// `line` with each word in `spellings` (lower-cased keys) written the way Apertium knows it.
    static func respelled(_ line: String, _ spellings: [String: String]) -> String {
        var out = "", word = ""
        func flush() {
            if let fixed = spellings[word.lowercased()] {
                out += word.first?.isUppercase == true ? fixed.prefix(1).uppercased() + fixed.dropFirst() : fixed
            } else { out += word }
            word = ""
        }
        for c in line {
            if c.isLetter { word.append(c) } else { flush(); out.append(c) }
        }
        flush()
        return out
    }

    /// Apertium's marks taken out: "*" (unknown word), "#" and "@" (a word it could not
    /// inflect or translate) in front of a word.
    static func withoutMarks(_ line: String) -> String {
        let c = Array(line)
        return String(c.indices.filter { i in
            let isMark = "*#@".contains(c[i]) && i + 1 < c.count && c[i + 1].isLetter
                && (i == 0 || !(c[i - 1].isLetter || c[i - 1].isNumber))
            return !isMark
        }.map { c[$0] })
    }
}
