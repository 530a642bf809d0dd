import ConveneClustering
import Foundation

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
    /// out the names.
    public static func lexicon(directory: String = defaultDirectory) -> TitleLexicon? {
        func read(_ file: String) -> String? { try? String(contentsOfFile: directory + "/" + file, encoding: .utf8) }
        guard let adjectives = read("index.adj"), let nouns = read("index.noun"), let verbs = read("index.verb"),
              let adverbs = read("index.adv") else { return nil }
        let lexicon = TitleLexicon(adjectiveIndex: adjectives, otherIndexes: [nouns, verbs, adverbs],
                                   dataFiles: parts.compactMap { read("data." + $0) })
        return lexicon.adjectiveCount > 0 ? lexicon : nil
    }
}
