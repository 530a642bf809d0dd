import ConveneLanguage

/// The words a title may start or end on, and how a title's words are written: the lists
/// of fragment-making words, a word's stem and its look-alikes, sentence case, shouting.
extension ThemeTitler {
    /// Words that make a fragment when a title starts or ends on them; prepositions among them
    /// ("Truck parking & along I-80" was projected in a walk-through).
    static let weakEdgeWords: Set<String> = [
        "every", "each", "actually", "really", "also", "just", "still", "even", "always", "never", "ever", "maybe",
        "already", "often", "next", "last", "first", "yr", "year", "years", "week", "weeks", "month", "months", "day",
        "days", "quarter", "hour", "hours", "ppl", "pls", "please", "thanks", "thank", "hi", "hello", "yes", "ok",
        "lol", "im", "ive", "dont", "cant", "wont", "didnt", "doesnt", "isnt", "theres", "theyre", "were", "youre",
        "talk", "say", "said", "see", "know", "think", "take", "took", "give", "go", "going", "come", "keep", "put",
        "find", "found", "lost", "losing", "hard", "easy", "able", "sure", "else", "per", "via", "vs", "etc", "e.g",
        "same", "similar", "whole", "entire", "total", "nobody", "anyone", "someone", "everyone", "everybody",
        "something", "anything", "nothing", "everything", "without", "within", "across", "around", "toward",
        "towards", "along", "alongside", "among", "amongst", "amid", "beside", "besides", "behind", "beyond", "below",
        "beneath", "underneath", "against", "inside", "outside", "onto", "upon", "despite", "unlike", "versus",
        "throughout", "whether", "though", "although", "unless", "since",
        "ago", "less", "fewer", "least", "enough", "half", "most", "top", "bottom", "real",
        "high", "low", "huge", "tiny", "bad", "worse", "worst", "best", "right", "wrong", "okay", "kind", "sort",
        "estos", "near", "far", "here", "there", "done", "lose", "great", "need", "needed", "want", "wanted", "try", "trying",
        "getting", "got", "make", "making", "made", "let", "lets", "bring", "use", "used", "using", "help", "helps",
        "somehow", "whatever", "anyway", "instead", "rather", "otherwise", "basically", "actual", "fix", "fixes", "gets", "knows", "sell", "sells",
        "supervise", "buys", "pays", "needs", "wants", "works", "runs", "goes", "comes", "takes", "makes", "keeps",
        "who've", "who's", "what's", "that's", "cannot", "gonna", "wanna", "yeah", "guys", "folks", "stuff", "lots",
        // Numbers spelt out are bare numbers too ("Bus, housing & five").
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen", "twenty",
        "thirty", "forty", "fifty", "hundred", "hundreds", "thousand", "thousands", "dozen", "dozens", "million",
    ]

    /// Describing words: a title may start on one ("Shared cold storage") but never end on one
    /// ("Selling raw", "Telehealth rooms & rural"). Past participles ("shared", "licensed")
    /// are caught by their ending (`endsWeakly`).
    static let describingWords: Set<String> = [
        "rural", "raw", "direct", "local", "regional", "small", "smaller", "new", "big", "bigger", "large", "larger",
        "more", "better", "good", "affordable", "available", "current", "existing", "national", "federal", "public",
        "private", "open", "free", "full", "part", "young", "old", "older", "early", "late", "long", "short", "fast",
        "slow", "cheap", "expensive", "own", "ourselves", "themselves", "yourself", "itself", "together", "too", "much",
        "many", "other", "others", "entry", "mid", "senior", "junior", "key", "main", "major", "minor", "extra",
        "additional", "specific", "various", "different", "important", "critical", "based",
        // What notes say things are ("welders are scarce"): "Welders & scarce" is no title.
        "scarce", "tight", "lacking", "missing", "impossible", "difficult", "tough", "busy", "empty", "unavailable",
        // When things happen: "Weekend packages" starts well, "Accessible travel & weekend" ends badly.
        "weekend", "weekends", "weekday", "weekdays", "overnight", "seasonal", "annual", "daily", "weekly", "monthly",
        "yearly", "today", "tomorrow", "tonight", "yesterday",
        // Where things are: "East district" starts well; "Delivery demand & east" (a column a
        // walk-through's split left behind, from "suburbs east of town") ends badly.
        "east", "west", "north", "south", "northeast", "northwest", "southeast", "southwest", "eastern", "western",
        "northern", "southern", "midwest", "upstate", "downstate",
    ]

    /// The meeting's setting, which every theme shares, and the room itself: never a title's
    /// item alone ("Inspections, county & renewal", "Plant upgrades & cities", "Sponsoring
    /// clearance & companies"), though a phrase may end on one ("Service area", "Public
    /// sector", "Small employers", "Inner city").
    static let settingWords: Set<String> = [
        "county", "counties", "city", "cities", "town", "towns", "area", "areas", "region", "regions", "state", "states",
        "meeting", "meetings", "partnership", "partnerships", "sector", "sectors", "industry", "industries", "company",
        "companies", "employer", "employers",
    ]

    /// Small words a title may carry inside a phrase ("cost of living", "access to capital").
    static let connectors: Set<String> = ["of", "for", "and", "in", "on", "to", "with"]

    /// A phrase ending on a describing word or a past participle is a fragment ("incubator
    /// shared", "calls answered", "billed"); "-eed" words are nouns ("speed", "seed").
    static func endsWeakly(_ key: String) -> Bool {
        describingWords.contains(key) || verbsNotNouns.contains(key) || (key.count >= 6 && key.hasSuffix("ed") && !key.hasSuffix("eed"))
    }

    /// Verbs people use after a plural subject ("trucks wait hours", "welders retire") that
    /// are hardly ever nouns: a title ending on one is a clause, not a name ("Trucks wait").
    /// (The wall's own verb contexts, `WallVocabulary.verbs`, catch the rest.)
    static let verbsNotNouns: Set<String> = ["wait", "retire", "quit", "struggle", "complain", "apply", "relocate", "train", "hire", "buy",
                                              "exist", "exists"]

    static func isEdge(_ key: String) -> Bool {
        key.count >= 2 && !EnglishWords.stopWords.contains(key) && !weakEdgeWords.contains(key) && !Language.spanishFunctionWords.contains(key)
            && !(key.hasSuffix("ly") && key.count > 4) && key.first?.isNumber != true && !key.contains("'")
    }

    static func stem(_ key: String) -> String { String(key.prefix(6)) }

    /// "drone"/"drones", "rent"/"rentar", "welders"/"welding": one word for a title
    /// ("Welders & welding" says one thing twice). Same when they share their first four
    /// letters and all but the last three of the shorter word.
    static func sameWord(_ a: String, _ b: String) -> Bool {
        let (short, long) = a.count <= b.count ? (Array(a), Array(b)) : (Array(b), Array(a))
        var common = 0
        while common < short.count && short[common] == long[common] { common += 1 }
        return common >= min(4, short.count) && common >= short.count - 3
    }

    /// A title's word stems, sorted: two titles with the same key say the same thing.
    public static func normalizedKey(_ title: String) -> String {
        ThemeLabeler.words(title).map { stem($0.key) }.sorted().joined(separator: " ")
    }

    /// The form most people typed.
    static func surface(_ forms: [String: Int]) -> String {
        forms.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key
    }

    /// "Pay", "Welders": a capital first letter and the rest in lower case (not "CNC", "McAllen",
    /// nor a name such as "Sec+").
    static func isCapitalisedWord(_ word: String) -> Bool {
        guard word.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "'" }) else { return false }
        let letters = word.filter(\.isLetter)
        guard let first = letters.first, letters.count >= 2, first.isUppercase else { return false }
        return letters.dropFirst().allSatisfy(\.isLowercase)
    }

    /// True when most of a note's letters are capitals and it has a long word in capitals:
    /// the whole note is shouted ("NIGHT SHIFT HANDS KEEP QUITTING"), not a list of
    /// acronyms ("Need CDL, OSHA, TWIC, NCCER").
    static func isShouting(_ text: String) -> Bool {
        var upper = 0, letters = 0
        for c in text where c.isLetter { letters += 1; if c.isUppercase { upper += 1 } }
        let longShouted = text.split { !$0.isLetter }.contains { $0.count > 5 && $0.allSatisfy(\.isUppercase) }
        return letters >= 8 && upper * 10 >= letters * 7 && longShouted
    }

    /// First letter upper case; shouting lowered, acronyms (CDL, TWIC, CISSP) and names kept.
    /// A word in capitals of six letters or more is taken for shouting ("FOURTEEN months"):
    /// acronyms are hardly ever that long, while five-letter ones are common ("CISSP",
    /// "SCADA", the "CHIPS Act"; they read "cissp" and "chips Act" when lowered).
    static func sentenceCase(_ title: String) -> String {
        let words = title.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let fixed = words.enumerated().map { i, w -> String in
            let letters = w.filter(\.isLetter)
            let shouted = letters.count > 5 && letters.allSatisfy(\.isUppercase)
            var word = shouted ? w.lowercased() : w
            if i == 0, let f = word.first { word = f.uppercased() + word.dropFirst() }
            return word
        }
        return fixed.joined(separator: " ")
    }

    /// A theme with nothing usable to name it by: its first content words.
    static func fallback(_ text: String) -> String {
        let content = ThemeLabeler.words(text).filter { isEdge($0.key) }.prefix(3).map(\.surface)
        return content.isEmpty ? "New theme" : sentenceCase(content.joined(separator: " "))
    }
}
