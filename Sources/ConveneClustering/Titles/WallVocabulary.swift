/// Which notes of a wall use which words, computed once per wall so that scoring a title
/// candidate is a lookup, not a pass over every note's text (titling a theme on a wall of
/// 250 notes re-read the whole wall once per candidate phrase).
struct WallVocabulary {
    /// For each word stem, the notes (indices into `wall.notes`) that use it.
    private let postings: [String: Set<Int>]
    /// Words the wall's notes use as verbs ("hard to **hire**", "we **recruit**", "can't
    /// **rent**"): a title does not end on one ("Welders train") nor consist of one ("Hire").
    let verbs: Set<String>

    /// Words the wall's notes use in front of another word, hardly ever last ("**regulatory**
    /// affairs", "**container** terminal", "**marine** repair"): a title ending on one is
    /// cut short ("Recruit VP of regulatory", "Dredging, trucks & container").
    let modifiers: Set<String>

    /// Words someone on the wall typed in lower case: the capital of such a word at the start
    /// of a sentence is the sentence's ("Pay for trainees"), not the word's.
    let typedInLowerCase: Set<String>
    let lexicon: TitleLexicon?
    /// The wall's typos and the words they misspell: every count here is of the word spelt right.
    let spellings: WallSpellings
    /// Acronyms as someone typed them in capitals ("cna" → "CNA"): others type them in lower
    /// case on a phone, and a title must not say "Cna, nurses & tfcc" (a walk-through's wall).
    let acronyms: [String: String]
    /// Words WordNet does not know, one typing slip from a word it knows, that one note alone
    /// types in small letters or shouted ("operaters", "retireing" from "OPERATERS RETIREING
    /// AND NO ONE TO REPLACE THEM"): typos no other note spells right (`WallSpellings` corrects
    /// those). A title is projected in front of the room: it leaves them out ("Small utilities
    /// & operaters retireing" was). Jargon ("drayage"), a word two notes use, names and
    /// acronyms stay possible.
    let loneUnknownWords: Set<String>

    /// True when a capital on `key` at the start of a sentence is the sentence's, not the
    /// word's: someone typed it in lower case, or it is a common word (WordNet) — "Truck
    /// drivers with a CDL are scarce" gives "truck drivers" inside a title. A word neither
    /// typed in lower case nor known keeps its capital: a place ("Brownsville").
    func capitalMarksOnlyTheSentence(_ key: String) -> Bool {
        typedInLowerCase.contains(key) || lexicon?.isCommonWord(key) == true
    }

    /// `lexicon`: a word only ever an adjective (WordNet) that the notes use in front of
    /// another word and never last is a modifier from its first use.
    init(_ wall: Wall, lexicon: TitleLexicon? = nil) {
        var postings: [String: Set<Int>] = [:]
        var asVerb: [String: Int] = [:], asNoun: [String: Int] = [:]
        var before: [String: Int] = [:], last: [String: Int] = [:]
        var lower = Set<String>()
        let spellings = WallSpellings(wall, lexicon: lexicon)
        var capitals: [String: (form: String, notes: Int)] = [:]   // acronym-shaped forms, by the notes that typed them so
        var typedLower: [String: Int] = [:]
        // Notes typing each word as spelt (its stem would join "operaters" to "operators"), and
        // the words that may be typos: typed in small letters or shouted, in an English note.
        var notesTyping: [String: Int] = [:]
        var typoShaped = Set<String>()
        for (i, note) in wall.notes.enumerated() {
            let words = note.words.words.map(spellings.spelt), breaks = note.words.breakBefore
            let shouted = Self.mostlyCapitals(note.text)
            for key in Set(words.map(\.key)) { notesTyping[key, default: 0] += 1 }
            if note.words.language == .english {
                for word in words where (shouted || word.surface == word.key) && word.key.count >= WallSpellings.shortestTypo
                    && word.key.allSatisfy({ $0.isASCII && $0.isLetter }) {
                    typoShaped.insert(word.key)
                }
            }
            // Evidence only from a note not typed mostly in capitals ("WE NEED NIGHT SHIFT HANDS NOW").
            if !shouted {
                for word in Set(words.filter { Self.looksLikeAnAcronym($0.surface) }.map(\.surface)) {
                    capitals[word.lowercased(), default: (word, 0)].notes += 1
                }
            }
            for word in words where word.surface == word.key { typedLower[word.key, default: 0] += 1 }
            for (j, word) in words.enumerated() {
                postings[ThemeTitler.stem(word.key), default: []].insert(i)
                if word.surface == word.key { lower.insert(word.key) }
                // In front of a content word, or last: before punctuation, at the note's end,
                // or before a small word that is not part of a name ("housing is", not "cost of").
                if j + 1 < words.count && !breaks[j + 1] && ThemeTitler.isEdge(words[j + 1].key) {
                    before[word.key, default: 0] += 1
                } else if j + 1 == words.count || breaks[j + 1] || !ThemeTitler.connectors.contains(words[j + 1].key) {
                    last[word.key, default: 0] += 1
                }
                guard j > 0, !breaks[j] else { continue }
                let before = words[j - 1].key
                if Self.subjectsAndModals.contains(before)
                    || (before == "to" && j > 1 && Self.takesAnInfinitive.contains(words[j - 2].key)) {
                    asVerb[word.key, default: 0] += 1
                } else if Self.determiners.contains(before) {
                    asNoun[word.key, default: 0] += 1
                }
            }
        }
        self.postings = postings
        self.spellings = spellings
        // An acronym WordNet does not know ("CNA", "TFCC") from one note typed so; a word it
        // knows, or any word without it, only when two notes or more type it in capitals and
        // as often as in lower case ("EV"; not one note's "need a JOB that pays").
        acronyms = capitals.compactMapValues { typed in
            let key = typed.form.lowercased()
            // (A plural's "s" typed in lower case is not part of the acronym: "CNAs" is "cna"'s; "CDL" is not "cd"'s.)
            let singular = typed.form.last == "s" ? String(key.dropLast()) : key
            if let lexicon, lexicon.commonWordCount > 0, !lexicon.isKnownWord(key), !lexicon.isKnownWord(singular) {
                return typed.form
            }
            return typed.notes >= 2 && typed.notes >= typedLower[key, default: 0] ? typed.form : nil
        }
        typedInLowerCase = lower
        self.lexicon = lexicon
        // As `WallSpellings`: a wall of thousands of made-up words (anyone holding the join code
        // can post them) is not looked at, each costing a few hundred look-ups.
        if let lexicon, lexicon.commonWordCount > 0, wall.mainLanguage == .english, notesTyping.count <= WallSpellings.mostWords {
            let acronymsTyped = acronyms
            loneUnknownWords = typoShaped.filter { key in
                notesTyping[key] == 1 && acronymsTyped[key] == nil && !lexicon.isKnownWord(key) && lexicon.isOneSlipFromKnownWord(key)
            }
        } else {
            loneUnknownWords = []
        }
        verbs = Set(asVerb.filter { $0.value > asNoun[$0.key, default: 0] }.keys)
        // A word seen in front of another twice, and hardly ever last, is a modifier. An
        // adjective the notes never use last needs less evidence: "indoor venue" once is
        // enough ("Venues, weddings & indoor"), while "community solar" or "plumbing and
        // electrical" keep "solar" and "electrical" names (WordNet lists some sectors' names,
        // "solar", "broadband", "maritime", as adjectives only).
        modifiers = Set(before.filter { word, uses in
            (uses >= Self.modifierUses && uses >= Self.modifierRatio * last[word, default: 0])
                || (lexicon?.isOnlyAdjective(word) == true && last[word, default: 0] == 0)
                // A noun too but read mostly as an adjective, and used so here more often than
                // last: "local suppliers", "local shops" make "Equipment & local" a fragment.
                || (lexicon?.isMostlyAdjective(word) == true && uses > last[word, default: 0])
        }.keys)
    }

    /// Two to five letters, all capitals but for a plural's "s", and two capitals at least
    /// ("CNA", "CNAs", "EV"; not "Is" or "As" starting a sentence).
    static func looksLikeAnAcronym(_ surface: String) -> Bool {
        let plural = surface.count >= 3 && surface.last == "s"
        let stem = plural ? surface.dropLast() : Substring(surface)
        return (2...5).contains(surface.count) && stem.count >= 2 && stem.allSatisfy { $0.isLetter && $0.isUppercase && $0.isASCII }
    }

    /// The acronym `key` is, also in the plural ("cnas" → "CNAs") or the singular.
    func acronym(_ key: String) -> String? {
        if let form = acronyms[key] { return form }
        if key.hasSuffix("s"), let form = acronyms[String(key.dropLast())] { return form + "s" }
        if let form = acronyms[key + "s"], form.hasSuffix("s") { return String(form.dropLast()) }
        return nil
    }

    static func mostlyCapitals(_ text: String) -> Bool {
        var upper = 0, letters = 0
        for c in text where c.isLetter { letters += 1; if c.isUppercase { upper += 1 } }
        return letters >= 8 && upper * 10 >= letters * 7
    }

    /// A word is a modifier when used in front of another word at least this often, and at
    /// least this many times as often as last.
    static let modifierUses = 2
    static let modifierRatio = 3

    /// What comes before a verb, never before a noun: "we hire", "can't find", "must train".
    static let subjectsAndModals: Set<String> = [
        "we", "they", "i", "you", "can", "cant", "can't", "cannot", "must", "will", "should", "could", "would",
        "dont", "don't", "didnt", "didn't", "wont", "won't", "lets", "let's", "couldnt", "couldn't", "shouldnt",
    ]
    /// Words after which "to" starts a verb ("hard to hire", "need to recruit"); "access to
    /// capital" is not one of them.
    static let takesAnInfinitive: Set<String> = [
        "need", "needs", "want", "wants", "hard", "harder", "easier", "easy", "able", "how", "have", "has", "had",
        "trying", "try", "going", "impossible", "tough", "struggle", "struggling", "afford", "ways", "way", "time",
    ]
    /// What comes before a noun: "the bus", "our rent", "more training".
    static let determiners: Set<String> = [
        "the", "a", "an", "our", "their", "my", "your", "its", "this", "that", "these", "those", "of", "more",
        "less", "no", "any", "some", "every", "each", "his", "her", "for", "on", "in", "with", "new", "local",
    ]

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
