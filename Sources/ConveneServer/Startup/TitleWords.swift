import ConveneClustering
import ConveneLexicon

/// What the titler knows of English beyond the wall's own notes, loaded once per process
/// (`serve` touches it at start, so no placement pass pays for reading the files).
enum TitleWords {
    /// Words only ever adjectives and names only ever capitalised (WordNet's files; nil when
    /// `wordnet-base` is missing).
    static let lexicon: TitleLexicon? = WordNetFiles.lexicon()
}
