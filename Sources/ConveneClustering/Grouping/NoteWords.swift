import ConveneLanguage

/// A note's words as the grouping reads them, read once when the note joins the engine's
/// view (the server keeps them per note): every pass over a wall of 300 notes used to
/// re-read every note's text several times.
public struct NoteWords: Sendable {
    /// Words in order, lower-cased keys with the surface form typed.
    let words: [(key: String, surface: String)]
    /// Per word: punctuation separates it from the word before (a phrase ends there).
    let breakBefore: [Bool]
    let language: Language
    /// Content words cut to a stem, for the wall's TF-IDF (see `WallSpace`).
    let lexicalKeys: [String]
    /// Greetings, thanks, "+1": nothing to group (`RoomChatter`).
    public let isChatter: Bool

    /// `writer`: the language of the phone it was typed on, when known (`Language.guess`).
    public init(_ text: String, writer: Language? = nil) {
        let read = ThemeLabeler.wordsAndBreaks(text)
        words = read.map { ($0.key, $0.surface) }
        breakBefore = read.map(\.breakBefore)
        language = Language.guess(text, writer: writer)
        lexicalKeys = WallSpace.lexicalKeys(words: words.map(\.key))
        isChatter = RoomChatter.isChatter(keys: words.map(\.key), breakBefore: breakBefore,
                                          plusOne: Self.opensWithPlusOne(text))
    }

    /// "+1", "+1 to…", not "+10 years…".
    static func opensWithPlusOne(_ text: String) -> Bool {
        let rest = text.drop(while: { $0.isWhitespace })
        guard rest.hasPrefix("+1") else { return false }
        return rest.dropFirst(2).first.map { !$0.isNumber } ?? true
    }
}
