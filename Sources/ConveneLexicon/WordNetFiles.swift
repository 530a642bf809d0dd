import ConveneClustering
import Foundation

/// Reads WordNet's index files (the Debian package `wordnet-base`, installed by
/// `scripts/setup.sh`) for the titler's list of words that are only ever adjectives
/// (`AdjectiveLexicon`). Optional: without the files, titles are chosen as before, with the
/// titler's own short lists of describing words. (Its own module: the embedding module is
/// compiled for AVX2, and the server must start without it on older CPUs.)
public enum WordNetFiles {
    public static let defaultDirectory = "/usr/share/wordnet"

    /// nil when any of the four index files is missing or unreadable (without the adverbs,
    /// "fast" and "early" would pass for adjectives only).
    public static func adjectives(directory: String = defaultDirectory) -> AdjectiveLexicon? {
        func read(_ part: String) -> String? { try? String(contentsOfFile: directory + "/index." + part, encoding: .utf8) }
        guard let adjectives = read("adj"), let nouns = read("noun"), let verbs = read("verb"), let adverbs = read("adv") else { return nil }
        let lexicon = AdjectiveLexicon(adjectiveIndex: adjectives, otherIndexes: [nouns, verbs, adverbs])
        return lexicon.count > 0 ? lexicon : nil
    }
}
