/// What the embedder reads for each note: the note as typed or, for a note in Spanish, its
/// English translation when a translator is at hand (`SpanishTranslator` in ConveneEmbedding).
///
/// all-MiniLM-L6-v2 is an English model: a Spanish note read as typed sits near the other
/// Spanish notes whatever it says, and its theme's English notes are far. Only the vector
/// changes: the note keeps its words on the wall and in titles, and `WallSpace` still
/// centres it with the wall's Spanish notes (a translation still reads like one).
public enum ModelReading {
    /// `texts` with each Spanish one replaced by its translation. `translate` gets the
    /// Spanish texts in one call and returns their English in order, or nil when it failed
    /// (then every note is read as typed).
    public static func texts(_ texts: [String], translate: (([String]) -> [String]?)?) -> [String] {
        guard let translate else { return texts }
        let spanish = texts.indices.filter { Language.guess(texts[$0]) == .spanish }
        guard !spanish.isEmpty, let english = translate(spanish.map { texts[$0] }), english.count == spanish.count else {
            return texts
        }
        var read = texts
        for (i, translation) in zip(spanish, english) where translation.contains(where: { !$0.isWhitespace }) {
            read[i] = translation
        }
        return read
    }
}
