import ConveneLanguage

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
            let words = wall.notes[i].words.words.map(vocabulary.spellings.spelt), breaks = wall.notes[i].words.breakBefore
            // A note typed in capitals ("NEED WELDERS NOW") shouts: its words count in lower
            // case. In any other note a word in capitals is an acronym ("CISSP", "CHIPS Act").
            let shouting = isShouting(wall.notes[i].text)
            let spanish = wall.notes[i].words.language == .spanish
            for start in words.indices {
                for length in 1...4 where start + length <= words.count {
                    // A phrase never runs across punctuation.
                    if length > 1 && breaks[start + length - 1] { break }
                    let run = Array(words[start..<(start + length)])
                    guard isEdge(run.first!.key), isEdge(run.last!.key), !endsWeakly(run.last!.key),
                          length > 1 || !settingWords.contains(run.last!.key),
                          !vocabulary.verbs.contains(run.last!.key), !vocabulary.modifiers.contains(run.last!.key),
                          vocabulary.lexicon?.isAdverbNeverNoun(run.last!.key) != true,
                          vocabulary.lexicon?.isOnlyVerb(run.first!.key) != true, vocabulary.lexicon?.isOnlyVerb(run.last!.key) != true,
                          // A noun and the describing word after it ("families desperate" for
                          // help) is no name for a theme. (English: Spanish puts it there,
                          // "seguridad social".)
                          length == 1 || spanish || vocabulary.lexicon?.isMostlyAdjective(run.last!.key) != true
                    else { continue }
                    guard run.allSatisfy({ !$0.key.allSatisfy(\.isNumber) && !vocabulary.loneUnknownWords.contains($0.key) }) else { continue }
                    // Spanish puts describing words after the noun: one word right after a
                    // content word ("pueblos rurales") is no title on its own ("Rurales" was
                    // projected in a walk-through); the phrase with its noun still is.
                    if spanish, length == 1, start > 0, !breaks[start], isEdge(words[start - 1].key) { continue }
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
                    if shouting { words = words.map { $0.lowercased() } }
                    // An acronym someone typed in capitals keeps them ("cna" is "CNA"), also in a shouted note.
                    for (k, word) in run.enumerated() { if let acronym = vocabulary.acronym(word.key) { words[k] = acronym } }
                    surfaces[key, default: [:]][words.joined(separator: " "), default: 0] += sentenceStart ? 1 : 10
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
}

/// A title candidate: its lower-cased words, its score, and the notes it covers.
struct Scored {
    var key: String
    var score: Double
    var covered: Set<Int>
}
