import ConveneClustering
import Foundation

/// Reads WordNet's index files (the Debian package `wordnet-base`, installed by
/// `scripts/setup.sh`) for the titler's list of words that are only ever adjectives
/// (`AdjectiveLexicon`). Optional: without the files, titles are chosen as before, with the
/// titler's own short lists of describing words.
public enum WordNetFiles {
    public static let defaultDirectory = "/usr/share/wordnet"

    /// nil when the files are missing or unreadable.
    public static func adjectives(directory: String = defaultDirectory) -> AdjectiveLexicon? {
        func read(_ part: String) -> String? { try? String(contentsOfFile: directory + "/index." + part, encoding: .utf8) }
        guard let adjectives = read("adj"), let nouns = read("noun"), let verbs = read("verb") else { return nil }
        let lexicon = AdjectiveLexicon(adjectiveIndex: adjectives, otherIndexes: [nouns, verbs, read("adv") ?? ""])
        return lexicon.count > 0 ? lexicon : nil
    }
}
