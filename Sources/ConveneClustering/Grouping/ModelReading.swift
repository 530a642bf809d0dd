import ConveneLanguage

/// What the embedder reads for each note: the note as typed or, for a note in Spanish, its
/// English translation when a translator is at hand (`SpanishTranslator` in ConveneEmbedding).
///
/// all-MiniLM-L6-v2 is an English model: a Spanish note read as typed sits near the other
/// Spanish notes whatever it says, and its theme's English notes are far. Only the vector
/// changes: the note keeps its words on the wall and in titles, and `WallSpace` still
/// centres it with the wall's Spanish notes (a translation still reads like one).
public enum ModelReading {
    /// `texts` with each Spanish one replaced by its translation. `translate` gets the
    /// Spanish texts in one call and returns their English in order, or nil when it failed.
    /// A failed batch is tried again in halves, down to single notes: a note the
    /// translator cannot take is read as typed, and the notes that shared its batch are
    /// still translated (so a note's vector does not depend on its neighbours in a batch).
    /// `writers`: per text, the language of the phone it was typed on, when known (empty: none).
    public static func texts(_ texts: [String], writers: [Language?] = [], translate: (([String]) -> [String]?)?) -> [String] {
        guard let translate else { return texts }
        let spanish = texts.indices.filter { Language.guess(texts[$0], writer: writers.count == texts.count ? writers[$0] : nil) == .spanish }
        var read = texts
        func translated(_ part: ArraySlice<Int>) {
            guard !part.isEmpty else { return }
            if let english = translate(part.map { texts[$0] }), english.count == part.count {
                for (i, translation) in zip(part, english) where translation.contains(where: { !$0.isWhitespace }) {
                    read[i] = translation
                }
            } else if part.count > 1 {
                let middle = part.startIndex + part.count / 2
                translated(part[..<middle])
                translated(part[middle...])
            }
        }
        translated(spanish[...])
        return read
    }
}
