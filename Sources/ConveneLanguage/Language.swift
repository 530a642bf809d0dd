/// The language a note is typed in, as far as Convene needs to know: all-MiniLM-L6-v2 is an
/// English model, so Spanish notes sit close to each other whatever they say (the grouping
/// reads them in English), and the summary, written in English, quotes English notes first.
public enum Language: Hashable, Sendable {
    case english, spanish

    public static let spanishFunctionWords: Set<String> = [
        "de", "la", "el", "los", "las", "para", "que", "en", "con", "por", "una", "un", "del", "se", "nos", "es",
        "más", "mas", "muy", "hay", "y", "no", "al", "lo", "le", "les", "pero", "sin", "sus", "su", "como", "nuestros",
        "nuestra", "nuestro", "nuestras", "tenemos", "necesitamos", "están", "esta", "este", "estos", "porque", "cuando", "donde",
        "también", "todos", "todas", "mucho", "muchos", "muchas", "sobre", "hasta", "desde", "entre", "ya", "está",
        "estamos", "tiene", "tienen", "necesita", "necesitan", "falta", "faltan",
    ]

    /// Words both languages use ("a" is also the Spanish "to"): they count for neither.
    public static let sharedWords: Set<String> = ["a", "no"]

    /// Letters English words do not carry (names aside: "México" alone does not make a note Spanish).
    public static let spanishLetters: Set<Character> = ["á", "é", "í", "ó", "ú", "ñ", "ü"]

    /// Spanish when its Spanish function words outnumber its English ones and the note shows
    /// two signs of Spanish: two function words, or one and a word with a Spanish letter
    /// ("orgánicos") or ending (-ción). A short note has few function words: "Demanda creciente
    /// de productos orgánicos" has one, and read as English it put "Productos orgánicos" in an
    /// English title. (Words both languages use, "a" and "no", count for neither.)
    ///
    /// `writer`: the language of the phone the note was typed on, when known. A phone set to
    /// Spanish makes a note with no English function word and words shaped as Spanish ones
    /// (most of them ending as Spanish words do) Spanish: typed without accents and with
    /// few function words, "Flotas municipales pasando a vehiculos electricos" showed no sign
    /// of Spanish and was read as English (a walk-through's EV charging notes in Spanish were
    /// grouped under solar, and quoted first in the English summary).
    public static func guess(_ text: String, writer: Language? = nil) -> Language {
        // Its own reading of the words, one-letter ones included ("y", "a"), which the
        // titles' reading drops.
        var words: [String] = [], current = ""
        for ch in text.lowercased() {
            if ch.isLetter || ch == "'" || ch == "’" {
                current.append(ch == "’" ? "'" : ch)
            } else if !current.isEmpty {
                words.append(current); current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        if writer == .spanish, words.count >= 2,
           !words.contains(where: { EnglishWords.stopWords.contains($0) && !spanishFunctionWords.contains($0) && !sharedWords.contains($0) }) {
            // No English function word, and words shaped as Spanish ones ("flotas", "pasando",
            // "vehiculos"): a short English note from the same phone ("Red tape permitting
            // delays") has none, and Apertium would misread it ("Net cover…").
            let content = words.filter { $0.count >= 3 }
            let shaped = content.filter { word in spanishEndings.contains { word.hasSuffix($0) } }.count
            if shaped >= 2 && shaped * 2 >= content.count { return .spanish }
        }
        return guess(words: words)
    }

    /// Endings of Spanish words that English words seldom have: plurals in -os and -as, the
    /// gerund, nouns in -ción and -dad, adverbs in -mente, adjectives in -ales.
    static let spanishEndings = ["os", "as", "ando", "iendo", "ción", "cion", "ciones", "dad", "dades", "mente", "ales", "ados", "adas"]

    static func guess(words: [String]) -> Language {
        let spanish = words.filter { spanishFunctionWords.contains($0) && !sharedWords.contains($0) }.count
        let english = words.filter { EnglishWords.stopWords.contains($0) && !spanishFunctionWords.contains($0) && !sharedWords.contains($0) }.count
        // (Letters and endings of other words than the function words: "Más workers needed"
        // has one Spanish word, not two signs.)
        let others = words.filter { !spanishFunctionWords.contains($0) }
        var signs = spanish
        if others.contains(where: { $0.contains(where: spanishLetters.contains) }) { signs += 1 }
        if others.contains(where: { $0.hasSuffix("ción") || $0.hasSuffix("ciones") }) { signs += 1 }
        return signs >= 2 && spanish >= 1 && spanish > english ? .spanish : .english
    }
}
