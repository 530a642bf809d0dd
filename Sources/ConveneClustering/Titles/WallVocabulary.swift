/// Which notes of a wall use which words, computed once per wall so that scoring a title
/// candidate is a lookup, not a pass over every note's text (titling a theme on a wall of
/// 250 notes re-read the whole wall once per candidate phrase).
struct WallVocabulary {
    /// For each word stem, the notes (indices into `wall.notes`) that use it.
    private let postings: [String: Set<Int>]

    init(_ wall: Wall) {
        var postings: [String: Set<Int>] = [:]
        for (i, note) in wall.notes.enumerated() {
            for word in note.words.words { postings[ThemeTitler.stem(word.key), default: []].insert(i) }
        }
        self.postings = postings
    }

    /// The notes that use every content word of a candidate phrase (its connectors, such
    /// as "of" in "cost of living", need not appear).
    func notes(covering key: String) -> Set<Int> {
        let stems = key.split(separator: " ").map(String.init).filter(ThemeTitler.isEdge).map(ThemeTitler.stem)
        guard let first = stems.first else { return [] }
        var covered = postings[first] ?? []
        for stem in stems.dropFirst() where !covered.isEmpty { covered.formIntersection(postings[stem] ?? []) }
        return covered
    }
}
