import ConveneClustering
import FoundationEssentials
import Glibc

/// Reads WordNet's files (the Debian package `wordnet-base`, installed by
/// `scripts/setup.sh`) for the titler's `TitleLexicon`: words only ever adjectives, and names
/// only ever capitalised. Optional: without the files, titles are chosen as before, with the
/// titler's own short lists of describing words. (Its own module: the embedding module is
/// compiled for AVX2, and the server must start without it on older CPUs.)
public enum WordNetFiles {
    public static let defaultDirectory = "/usr/share/wordnet"
    static let parts = ["noun", "verb", "adj", "adv"]

    /// nil when any of the four index files is missing or unreadable (without the adverbs,
    /// "fast" and "early" would pass for adjectives only). Missing data files only leave
    /// out the names and the common words; missing exception files (`verb.exc`, …) the
    /// irregular forms a typo is told from.
    public static func lexicon(directory: String = defaultDirectory) -> TitleLexicon? {
        var reader = TitleLexicon.Reader()
        guard eachLine(of: directory + "/index.adj", { reader.read(line: $0, of: .adjectiveIndex) }),
              [("noun", .nounIndex), ("verb", .verbIndex), ("adv", .adverbIndex)].allSatisfy({ (part: String, file: TitleLexicon.Reader.File) in
                  eachLine(of: directory + "/index." + part) { reader.read(line: $0, of: file) } })
        else { return nil }
        for part in parts { _ = eachLine(of: directory + "/data." + part) { reader.read(line: $0, of: .data) } }
        for part in parts { _ = eachLine(of: directory + "/" + part + ".exc") { reader.read(line: $0, of: .exceptions) } }
        let lexicon = reader.lexicon()
        return lexicon.adjectiveCount > 0 ? lexicon : nil
    }

    /// Calls `body` with each line of the file (without its newline), reading 256 KiB at a
    /// time: the largest file (`data.noun`, 15 MB) is never in memory whole. False when the
    /// file cannot be opened or read.
    static func eachLine(of path: String, _ body: (ArraySlice<UInt8>) -> Void) -> Bool {
        let file = open(path, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { return false }
        defer { close(file) }
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 18)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(file, $0.baseAddress!, $0.count) }
            if count < 0 { if errno == EINTR { continue }; return false }
            guard count > 0 else { break }   // the end of the file
            pending.append(contentsOf: chunk[0..<count])
            guard let lastNewline = pending.lastIndex(of: UInt8(ascii: "\n")) else { continue }
            for line in pending[..<lastNewline].split(separator: UInt8(ascii: "\n")) { body(line) }
            pending.removeSubrange(...lastNewline)
        }
        if !pending.isEmpty { body(pending[...]) }
        return true
    }
}
