/// English words that are only ever adjectives ("residential", "indoor", "maritime",
/// "industrial"), from WordNet. A title must not end on one that the wall's notes use in
/// front of a noun: "Power plant & residential", "Venues, weddings & indoor" are cut short
/// (`WallVocabulary.modifiers`). A hand-written list of such words only covers the walls it
/// was written for; WordNet covers the language.
///
/// Pure: the index files' text is read at the edge (`WordNetFiles` in ConveneEmbedding) and
/// parsed here.
public struct AdjectiveLexicon: Sendable {
    let words: Set<String>

    public init(_ words: Set<String>) { self.words = words }

    /// From the text of WordNet's `index.adj` and of the other parts of speech's index files
    /// (`index.noun`, `index.verb`, `index.adv`): the one-word lemmas of the first that none
    /// of the others has. "electric" is also a noun, "clean" also a verb: neither is kept.
    public init(adjectiveIndex: String, otherIndexes: [String]) {
        var others = Set<Substring>()
        for text in otherIndexes { for lemma in Self.lemmas(text) { others.insert(lemma) } }
        words = Set(Self.lemmas(adjectiveIndex).filter { !others.contains($0) }.map(String.init))
    }

    public var count: Int { words.count }

    /// True when `key` (a lower-cased word) is only ever an adjective.
    public func contains(_ key: String) -> Bool { words.contains(key) }

    /// An index file's lemmas: the first field of each line; the licence header's lines
    /// start with a space, and lemmas of several words (joined by "_") are skipped.
    static func lemmas(_ text: String) -> [Substring] {
        text.split(separator: "\n").compactMap { line in
            guard let first = line.first, first != " " else { return nil }
            let lemma = line.prefix { $0 != " " }
            return lemma.contains("_") ? nil : lemma
        }
    }
}
