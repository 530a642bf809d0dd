/// Titles a facilitator would write on a theme: a short noun phrase (2–6 words) in the
/// notes' own words, in sentence case, distinct from the other titles on the wall.
///
/// Candidates are runs of one to four words from the theme's notes that start and end on
/// a content word (never a number, an adverb or a verb-like filler: "Every quarter",
/// "50 ppl", "Actually talk"). Each scores by how many of the theme's notes it covers,
/// each note weighted by how central it is to the theme (its similarity to the theme's
/// centre in the wall's space), less how much the rest of the wall uses it. A single
/// word is paired with the next best word that covers other notes ("Housing & childcare").
public enum ThemeTitler {
    /// Words that make a fragment when a title starts or ends on them.
    static let weakEdgeWords: Set<String> = [
        "every", "each", "actually", "really", "also", "just", "still", "even", "always", "never", "ever", "maybe",
        "already", "often", "next", "last", "first", "yr", "year", "years", "week", "weeks", "month", "months", "day",
        "days", "quarter", "hour", "hours", "ppl", "pls", "please", "thanks", "thank", "hi", "hello", "yes", "ok",
        "lol", "im", "ive", "dont", "cant", "wont", "didnt", "doesnt", "isnt", "theres", "theyre", "were", "youre",
        "talk", "say", "said", "see", "know", "think", "take", "took", "give", "go", "going", "come", "keep", "put",
        "find", "found", "lost", "losing", "hard", "easy", "able", "sure", "else", "per", "via", "vs", "etc", "e.g",
        "same", "similar", "whole", "entire", "total", "nobody", "anyone", "someone", "everyone", "everybody",
        "something", "anything", "nothing", "everything", "without", "within", "across", "around", "toward",
        "towards", "ago", "less", "fewer", "least", "enough", "half", "most", "top", "bottom", "real",
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
    ]

    /// Small words a title may carry inside a phrase ("cost of living", "access to capital").
    static let connectors: Set<String> = ["of", "for", "and", "in", "on", "to", "with"]

    /// The title for the notes at `members` (indices into `wall.notes`).
    /// `phrases`, when given, embeds candidate phrases with the notes' model: the shortlist
    /// is then ranked by how close each phrase's meaning is to the theme's notes.
    /// `lexicon`, when given, says which words are only ever adjectives and which names are
    /// written with a capital (WordNet).
    /// `vocabulary` is the wall's word index; pass one when titling several themes of a wall.
    public static func title(for members: [Int], on wall: Wall, space: WallSpace, avoiding taken: [String],
                             phrases: PhraseEmbedding? = nil, lexicon: TitleLexicon? = nil) -> String {
        title(for: members, on: wall, space: space, avoiding: taken, phrases: phrases,
              vocabulary: WallVocabulary(wall, lexicon: lexicon), lexicon: lexicon)
    }

    static func title(for members: [Int], on wall: Wall, space: WallSpace, avoiding taken: [String],
                      phrases: PhraseEmbedding?, vocabulary: WallVocabulary, lexicon: TitleLexicon?) -> String {
        let chosen = chooseTitle(for: members, on: wall, space: space, avoiding: taken, phrases: phrases, vocabulary: vocabulary)
        // Names typed in lower case ("pulling out of asia") as a facilitator writes them
        // ("Asia"); English names only: a Spanish wall's words are not WordNet's.
        guard let lexicon, wall.mainLanguage == .english else { return chosen }
        return lexicon.properlyCased(chosen)
    }

    static func chooseTitle(for members: [Int], on wall: Wall, space: WallSpace, avoiding taken: [String],
                            phrases: PhraseEmbedding?, vocabulary: WallVocabulary) -> String {
        guard !members.isEmpty else { return "New theme" }
        guard let (scored, surfaces) = candidates(for: members, on: wall, space: space, vocabulary: vocabulary) else {
            return fallback(wall.notes[members[0]].text)
        }
        let takenKeys = Set(taken.map(normalizedKey))
        func render(_ key: String) -> String { surface(surfaces[key]!) }
        if let phrases, scored.first.map({ $0.score > 0 }) == true,
           let title = titleByMeaning(scored, render: render, members: members, wall: wall, phrases: phrases, taken: takenKeys) {
            return title
        }
        for (rank, first) in scored.enumerated() where first.score > 0 {
            var title = render(first.key)
            if !first.key.contains(" "), members.count >= 2 {
                // One word says little: add the best word of notes it does not cover.
                if let second = scored.dropFirst(rank + 1).first(where: { c in
                    !c.key.contains(" ") && !sameWord(c.key, first.key) && !c.covered.subtracting(first.covered).isEmpty && c.score > 0
                }) {
                    title += " & " + render(second.key)
                }
            }
            let candidate = sentenceCase(title)
            if !tooClose(candidate, to: takenKeys) { return candidate }
        }
        // Every candidate is too close to a title on the wall: the best one that is not the same.
        for first in scored where first.score > 0 {
            let candidate = sentenceCase(render(first.key))
            if !takenKeys.contains(normalizedKey(candidate)) { return candidate }
        }
        return sentenceCase(render(scored[0].key)) + " (\(members.count))"
    }

    /// Every title the model ranked for a theme, best first, with its closeness to the
    /// theme: the benchmark compares the chosen title with the best of what was on offer.
    public static func rankedTitles(for members: [Int], on wall: Wall, phrases: PhraseEmbedding,
                                    lexicon: TitleLexicon? = nil) -> [(title: String, score: Float)] {
        let space = WallSpace(wall.notes)
        guard let (scored, surfaces) = candidates(for: members, on: wall, space: space,
                                                  vocabulary: WallVocabulary(wall, lexicon: lexicon)) else { return [] }
        return rankedByMeaning(scored, render: { surface(surfaces[$0]!) }, members: members, wall: wall, phrases: phrases) ?? []
    }

    /// The theme's candidate phrases scored by coverage, and the forms people typed them in.
    static func candidates(for members: [Int], on wall: Wall, space: WallSpace, vocabulary: WallVocabulary)
        -> (scored: [Scored], surfaces: [String: [String: Int]])? {
        let memberSet = Set(members)
        let centre = space.centroid(members: members.map { ($0, 1) })
        let weight: [Int: Double] = Dictionary(uniqueKeysWithValues: members.map { i in
            (i, Double(max(0.05, centre.map { space.similarity(i, to: $0) } ?? 1)))
        })
        // Candidates with the surface forms people typed — in the wall's main language when
        // the theme has notes in it ("Training & supervisores" mixes two languages).
        let main = wall.mainLanguage
        let inMain = members.filter { wall.notes[$0].words.language == main }
        var surfaces: [String: [String: Int]] = [:]
        for i in inMain.isEmpty ? members : inMain {
            let words = wall.notes[i].words.words, breaks = wall.notes[i].words.breakBefore
            // A note typed in capitals ("NEED WELDERS NOW") shouts: its words count in lower
            // case. In any other note a word in capitals is an acronym ("CISSP", "CHIPS Act").
            let shouting = isShouting(wall.notes[i].text)
            for start in words.indices {
                for length in 1...4 where start + length <= words.count {
                    // A phrase never runs across punctuation.
                    if length > 1 && breaks[start + length - 1] { break }
                    let run = Array(words[start..<(start + length)])
                    guard isEdge(run.first!.key), isEdge(run.last!.key), !endsWeakly(run.last!.key),
                          !vocabulary.verbs.contains(run.last!.key), !vocabulary.modifiers.contains(run.last!.key) else { continue }
                    guard run.allSatisfy({ !$0.key.allSatisfy(\.isNumber) }) else { continue }
                    // Inside: content words or a connector; no word twice ("drones drones").
                    guard run.dropFirst().dropLast().allSatisfy({ isEdge($0.key) || connectors.contains($0.key) }),
                          Set(run.map { stem($0.key) }).count == run.count else { continue }
                    let key = run.map(\.key).joined(separator: " ")
                    // A form typed mid-sentence outweighs one capitalised only because it
                    // began the note ("Welders, apprenticeships & Inspectors").
                    let sentenceStart = start == 0 || breaks[start]
                    // The next word has a capital too: the first word of a name ("Eagle Pass
                    // bridge delays", "Workforce Solutions should fund CDL training").
                    let nameGoesOn = start + 1 < words.count && !breaks[start + 1] && isCapitalisedWord(words[start + 1].surface)
                    var words = run.map(\.surface)
                    // A capital that only marks the start of a sentence is no part of the word
                    // ("Pay welders while they train" gives "Welding & pay", not "Welding & Pay"),
                    // unless it is a name ("Brownsville": nobody typed it in lower case, and it is
                    // no common word; "Eagle Pass": a name goes on).
                    if sentenceStart, !nameGoesOn, isCapitalisedWord(words[0]), vocabulary.capitalMarksOnlyTheSentence(run[0].key) {
                        words[0] = words[0].lowercased()
                    }
                    let form = words.joined(separator: " ")
                    surfaces[key, default: [:]][shouting ? form.lowercased() : form, default: 0] += sentenceStart ? 1 : 10
                }
            }
        }
        guard !surfaces.isEmpty else { return nil }
        let others = wall.notes.count - memberSet.count
        var scored: [Scored] = surfaces.keys.map { key in
            let everywhere = vocabulary.notes(covering: key)
            let covered = everywhere.intersection(memberSet)
            let inside = members.reduce(0) { covered.contains($1) ? $0 + weight[$1]! : $0 }   // in note order: same sum every run
            let outside = others == 0 ? 0 : Double(everywhere.count - covered.count) / Double(others)
            let words = key.split(separator: " ").count
            let length = words == 1 ? 0.75 : words == 4 ? 0.85 : 1.0
            return Scored(key: key, score: inside * length * (1 - 0.7 * min(1, outside * 3)), covered: covered)
        }
        scored.sort { ($0.score, $1.key) > ($1.score, $0.key) }
        return (scored, surfaces)
    }

    /// Phrases the shortlist keeps for the model, and how many of the best are paired.
    static let meaningShortlist = 40
    static let pairedCandidates = 16
    static let embeddedPairs = 32
    /// A list of three strands needs notes behind each: below six notes, three-item lists
    /// picked one-off words ("Lending, buisnesses & immigrant" for four notes, where a pair
    /// reads "Biz lending & immigrant communities"). On the 14 meeting walls, 6 instead of 4
    /// changed 12 live titles (11 read better) with the cosine to the facilitator's titles
    /// unchanged (0.452 → 0.453; docs/BENCHMARKS.md).
    static let minimumForThree = 6
    static let tripleCandidates = 6
    static let tripleVariety: Float = 0.25
    static let embeddedTriples = 8
    /// How much of the wall's mean direction joins a theme's centre when phrases are ranked.
    static let wallMeanWeight: Float = 0.5

    /// The title whose meaning is closest to the theme's notes (their mean embedding), among
    /// the best-covering phrases of up to four words and pairs of them ("Billing & Medicaid",
    /// "EV chargers & storage inverters"): a facilitator's title names a theme's two or three
    /// strands, and the model says which pair sums the notes up best. Measured on the meeting
    /// walls' own groups, this raised the cosine to the facilitator's titles from 0.39 to 0.46
    /// (`convene-bench meetings --titles-only`). nil: no phrase to offer.
    static func titleByMeaning(_ scored: [Scored], render: (String) -> String, members: [Int], wall: Wall,
                               phrases: PhraseEmbedding, taken: Set<String>) -> String? {
        guard let ranked = rankedByMeaning(scored, render: render, members: members, wall: wall, phrases: phrases) else { return nil }
        return ranked.lazy.map(\.title).first { !tooClose($0, to: taken) }
            ?? ranked.lazy.map(\.title).first { !taken.contains(normalizedKey($0)) }   // all too close: not the same, at least
    }

    /// A title that says what another title on the wall says: the same words, or two or more
    /// of them making up half of either ("Maintenance techs & electricians" beside
    /// "Maintenance electricians & OEMs"). Columns side by side must read as different themes.
    static func tooClose(_ title: String, to taken: Set<String>) -> Bool {
        let key = normalizedKey(title)
        if taken.contains(key) { return true }
        let words = Set(key.split(separator: " "))
        return taken.contains { other in
            let theirs = Set(other.split(separator: " "))
            let shared = words.intersection(theirs).count
            return shared >= 2 && shared * 2 >= min(words.count, theirs.count)
        }
    }

    /// Every title `titleByMeaning` considered, best first, with its closeness to the theme.
    static func rankedByMeaning(_ scored: [Scored], render: (String) -> String, members: [Int], wall: Wall,
                                phrases: PhraseEmbedding) -> [(title: String, score: Float)]? {
        let shortlist = Array(scored.prefix(meaningShortlist))
        guard let dims = wall.notes.first?.vector.count, dims > 0 else { return nil }
        var centre = Vectors.normalized(WallSpace.mean(members.map { wall.notes[$0].vector }, dims))
        // Half the wall's mean direction added: a facilitator names a theme in the meeting's
        // own terms ("Grow aircraft maintenance"), not by its notes' most particular words
        // ("F-35 sustainment"). Titles of the facilitator's own groups: cosine to their titles
        // 0.462 alone, 0.474 / 0.482 / 0.470 with 0.3 / 0.5 / 0.8 of the mean; a distinctive
        // centre (the mean subtracted) did worse (0.458 with −0.3).
        let mean = Vectors.normalized(WallSpace.mean(wall.notes.map(\.vector), dims))
        centre = Vectors.normalized(zip(centre, mean).map { $0 + Self.wallMeanWeight * $1 })
        let singles = phrases.embed(shortlist.map(\.key))
        guard singles.count == shortlist.count else { return nil }
        let closeness = zip(shortlist, singles).map { ($0, Vectors.dot($1, centre)) }
            .sorted { ($0.1, $1.0.key) > ($1.1, $0.0.key) }
        // One word alone says little ("Housing"): it only comes in a pair, unless the theme has one note.
        var finals: [(title: String, score: Float)] = closeness
            .filter { $0.0.key.contains(" ") || members.count < 2 }
            .map { (render($0.0.key), $0.1) }
        let vectorOf = Dictionary(zip(shortlist.map(\.key), singles), uniquingKeysWith: { a, _ in a })
        let best = closeness.map(\.0).filter { $0.key.split(separator: " ").count <= 2 }.prefix(pairedCandidates)
        var pairs: [(title: String, estimate: Float)] = []
        if members.count >= 2 {
            for (i, a) in best.enumerated() { for b in best.dropFirst(i + 1) {
                let wa = a.key.split(separator: " ").map(String.init), wb = b.key.split(separator: " ").map(String.init)
                guard wa.count + wb.count <= 4, !wa.contains(where: { x in wb.contains { sameWord(x, $0) } }) else { continue }
                let sum = Vectors.normalized(zip(vectorOf[a.key]!, vectorOf[b.key]!).map { $0 + $1 })
                pairs.append((render(a.key) + " & " + render(b.key), Vectors.dot(sum, centre)))
            } }
            // The sum of the two phrases' vectors ranks the pairs; the best few are embedded as
            // written, which is what decides (embedding all of them cost 4x the CPU per note).
            pairs.sort { ($0.estimate, $1.title) > ($1.estimate, $0.title) }
            var shortlisted = pairs.prefix(embeddedPairs).map(\.title)
            if members.count >= minimumForThree {
                // A theme of several strands: three of them ("Housing, rides & childcare").
                // The words to combine, picked for relevance and variety (maximal marginal
                // relevance): the closest words to a theme's centre all name its largest
                // strand ("bus", "vans", "shuttle"), and a list of them says one thing three times.
                var pool = closeness.filter { !$0.0.key.contains(" ") }
                var words: [Scored] = []
                while words.count < tripleCandidates, !pool.isEmpty {
                    let pick = pool.indices.max { a, b in
                        func value(_ i: Int) -> Float {
                            pool[i].1 - tripleVariety * (words.map { Vectors.dot(vectorOf[$0.key]!, vectorOf[pool[i].0.key]!) }.max() ?? 0)
                        }
                        return (value(a), pool[b].0.key) < (value(b), pool[a].0.key)
                    }!
                    words.append(pool.remove(at: pick).0)
                }
                var triples: [(title: String, estimate: Float)] = []
                for (i, a) in words.enumerated() { for (j, b) in words.enumerated() where j > i { for c in words.dropFirst(j + 1) {
                    guard !sameWord(a.key, b.key), !sameWord(a.key, c.key), !sameWord(b.key, c.key) else { continue }
                    let sum = Vectors.normalized((0..<dims).map { vectorOf[a.key]![$0] + vectorOf[b.key]![$0] + vectorOf[c.key]![$0] })
                    triples.append((render(a.key) + ", " + render(b.key) + " & " + render(c.key), Vectors.dot(sum, centre)))
                } } }
                triples.sort { ($0.estimate, $1.title) > ($1.estimate, $0.title) }
                shortlisted += triples.prefix(embeddedTriples).map(\.title)
            }
            for (title, v) in zip(shortlisted, phrases.embed(shortlisted)) { finals.append((title, Vectors.dot(v, centre))) }
        }
        finals.sort { ($0.score, $1.title) > ($1.score, $0.title) }
        return finals.map { (sentenceCase($0.title), $0.score) }
    }

    /// A phrase ending on a describing word or a past participle is a fragment ("incubator
    /// shared", "calls answered", "billed"); "-eed" words are nouns ("speed", "seed").
    static func endsWeakly(_ key: String) -> Bool {
        describingWords.contains(key) || verbsNotNouns.contains(key) || (key.count >= 6 && key.hasSuffix("ed") && !key.hasSuffix("eed"))
    }

    /// Verbs people use after a plural subject ("trucks wait hours", "welders retire") that
    /// are hardly ever nouns: a title ending on one is a clause, not a name ("Trucks wait").
    /// (The wall's own verb contexts, `WallVocabulary.verbs`, catch the rest.)
    static let verbsNotNouns: Set<String> = ["wait", "retire", "quit", "struggle", "complain", "apply", "relocate", "train", "hire", "buy"]

    static func isEdge(_ key: String) -> Bool {
        key.count >= 2 && !ThemeLabeler.stopWords.contains(key) && !weakEdgeWords.contains(key) && !Language.spanishFunctionWords.contains(key)
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

    static func normalizedKey(_ title: String) -> String {
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

/// Embeds short phrases with the same model as the notes (the server and the command line
/// pass the sentence embedder; tests may pass nothing, and titles then rank by coverage).
public protocol PhraseEmbedding: Sendable {
    func embed(_ phrases: [String]) -> [[Float]]
}

/// A `PhraseEmbedding` from a function (e.g. `{ model.embed($0) }`).
public struct PhraseEmbedder: PhraseEmbedding {
    let function: @Sendable ([String]) -> [[Float]]
    public init(_ function: @escaping @Sendable ([String]) -> [[Float]]) { self.function = function }
    public func embed(_ phrases: [String]) -> [[Float]] { function(phrases) }
}

/// A title candidate: its lower-cased words, its score, and the notes it covers.
struct Scored {
    var key: String
    var score: Double
    var covered: Set<Int>
}

