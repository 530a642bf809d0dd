import ConveneLanguage

/// Typos on a wall and the words they misspell ("busines" → "business", "recuiting" →
/// "recruiting"): a title is projected in front of the room, and a facilitator writes the
/// word spelt right. Only the wall's own words are offered as corrections — a word WordNet
/// does not know (`TitleLexicon.isKnownWord`) is read as the known word one slip away that
/// the wall uses more often. A slip is a letter missing or extra, two letters swapped, or
/// one vowel for another ("seperate"): a consonant for another makes other words ("esports",
/// "exports"; "upfit", "unfit"; "reshoring", "restoring"), so it is never taken for a typo.
/// A word nobody on the wall spells right stays as typed, and a word someone typed with a
/// capital is corrected only to a common word (a name: "Tejas Steel" is no "Texas").
struct WallSpellings {
    /// Misspelt key → the key of the word it misspells.
    private(set) var corrections: [String: String] = [:]

    /// A typo this short is too often a word WordNet lacks ("fabs", "subs", "mros").
    static let shortestTypo = 5
    /// A wall with more distinct words than this is not looked at (the comparison grows with
    /// the square of them; anyone holding the join code could post thousands of made-up words).
    static let mostWords = 4_000
    /// And no more comparisons than this in all (a few thousand on a real wall).
    static let mostComparisons = 200_000

    init() {}

    init(_ wall: Wall, lexicon: TitleLexicon?) {
        // English only: WordNet knows no Spanish, and every Spanish word would look misspelt.
        // Without WordNet's data files nearly every word is unknown: no correction either.
        guard let lexicon, lexicon.commonWordCount > 0, wall.mainLanguage == .english else { return }
        var uses: [String: Int] = [:]
        var capitalised = Set<String>()
        for note in wall.notes where note.words.language == .english {
            // Small words are no title's ("could" is not a typo of "cold", nor "where" of "were").
            for word in note.words.words where word.key.allSatisfy({ $0.isASCII && $0.isLetter })
                && !EnglishWords.stopWords.contains(word.key) && !ThemeTitler.weakEdgeWords.contains(word.key) {
                uses[word.key, default: 0] += 1
                if word.surface.first?.isUppercase == true { capitalised.insert(word.key) }
            }
        }
        guard uses.count <= Self.mostWords else { return }
        // Words by first letter and length: a word is compared only with those one letter
        // longer, shorter or as long, that start as it does.
        var buckets: [String: [(word: String, bytes: [UInt8], uses: Int)]] = [:]
        for (word, n) in uses where word.count >= Self.shortestTypo - 1 {
            buckets[Self.bucket(word.first!, word.count), default: []].append((word, Array(word.utf8), n))
        }
        var comparisons = 0
        var known: [String: Bool] = [:]
        func isKnown(_ key: String) -> Bool {
            if let answer = known[key] { return answer }
            let answer = lexicon.isKnownWord(key)
            known[key] = answer
            return answer
        }
        for typo in uses.keys.sorted() where typo.count >= Self.shortestTypo {
            let spelt = Array(typo.utf8), typed = uses[typo]!
            var matches: [String] = []
            for length in typo.count - 1...typo.count + 1 {
                for other in buckets[Self.bucket(typo.first!, length)] ?? [] where other.uses > typed {
                    comparisons += 1
                    if Self.slipApart(spelt, other.bytes) { matches.append(other.word) }
                }
            }
            // A wall built to be compared at length (thousands of look-alike words) gets no more.
            guard comparisons <= Self.mostComparisons else { return }
            guard !matches.isEmpty, !isKnown(typo) else { continue }
            let right = matches.filter { isKnown($0) && (!capitalised.contains(typo) || lexicon.isCommonWord($0)) }
            // The one most used; two as used ("hiking", "hiring" for "hiting") leave it as typed.
            guard let best = right.max(by: { (uses[$0]!, $1) < (uses[$1]!, $0) }),
                  right.filter({ uses[$0] == uses[best] }).count == 1 else { continue }
            corrections[typo] = best
        }
    }

    private static func bucket(_ first: Character, _ length: Int) -> String { "\(first)\(length)" }

    /// `word` as the wall means it: a typo replaced by the word spelt right, with the typed
    /// word's capital first letter if it had one (sentence case decides on it later).
    func spelt(_ word: (key: String, surface: String)) -> (key: String, surface: String) {
        guard let right = corrections[word.key] else { return word }
        let capital = word.surface.first?.isUppercase == true
        return (right, capital ? right.prefix(1).uppercased() + right.dropFirst() : right)
    }

    /// One letter apart: one missing, one extra, one different, or two neighbours swapped.
    static func oneEditApart(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        edit(a, b) != nil
    }

    /// A typing slip: one letter missing or extra, two neighbours swapped, or one vowel for
    /// another — not one consonant for another (that makes a different word more often than
    /// a typo).
    static func slipApart(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard let kind = edit(a, b) else { return false }
        if case let .substitution(x, y) = kind { return vowels.contains(x) && vowels.contains(y) }
        return true
    }

    enum Edit { case insertionOrDeletion, transposition, substitution(UInt8, UInt8) }
    static let vowels = Set("aeiouy".utf8)

    /// The one edit between `a` and `b`, if they are one edit apart.
    static func edit(_ a: [UInt8], _ b: [UInt8]) -> Edit? {
        guard a != b else { return nil }
        var i = 0
        while i < min(a.count, b.count) && a[i] == b[i] { i += 1 }
        if a.count == b.count {
            if a[(i + 1)...] == b[(i + 1)...] { return .substitution(a[i], b[i]) }
            let swapped = i + 1 < a.count && a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)...] == b[(i + 2)...]
            return swapped ? .transposition : nil
        }
        let (long, short) = a.count > b.count ? (a, b) : (b, a)
        return long.count == short.count + 1 && long[(i + 1)...] == short[i...] ? .insertionOrDeletion : nil
    }
}
