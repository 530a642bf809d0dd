import ConveneLanguage

/// Typos on a wall and the words they misspell ("busines" → "business", "recuiting" →
/// "recruiting"): a title is projected in front of the room, and a facilitator writes the
/// word spelt right. Only the wall's own words are offered as corrections — a word WordNet
/// does not know (`TitleLexicon.isKnownWord`) is read as the known word one letter away
/// (a letter missing, extra, wrong, or two swapped) that the wall uses at least as often.
/// A word nobody on the wall spells right stays as typed: "upfit" is jargon, not "unfit".
struct WallSpellings {
    /// Misspelt key → the key of the word it misspells.
    private(set) var corrections: [String: String] = [:]

    /// A typo this short is too often a word WordNet lacks ("fabs", "subs", "mros").
    static let shortestTypo = 5

    init() {}

    init(_ wall: Wall, lexicon: TitleLexicon?) {
        // English only: WordNet knows no Spanish, and every Spanish word would look misspelt.
        guard let lexicon, wall.mainLanguage == .english else { return }
        var uses: [String: Int] = [:]
        var name = Set<String>()   // a capital mid-sentence: a name ("Brownsvile" is someone's to spell)
        for note in wall.notes where note.words.language == .english {
            let words = note.words.words, breaks = note.words.breakBefore
            // Small words are no title's ("could" is not a typo of "cold", nor "where" of "were").
            for (j, word) in words.enumerated() where word.key.allSatisfy({ $0.isASCII && $0.isLetter })
                && !EnglishWords.stopWords.contains(word.key) && !ThemeTitler.weakEdgeWords.contains(word.key) {
                uses[word.key, default: 0] += 1
                let capitals = word.surface.filter(\.isUppercase).count
                if capitals > 1 || (capitals == 1 && j > 0 && !breaks[j]) { name.insert(word.key) }
            }
        }
        var known: [String: Bool] = [:]
        func isKnown(_ key: String) -> Bool {
            if let answer = known[key] { return answer }
            let answer = lexicon.isKnownWord(key)
            known[key] = answer
            return answer
        }
        let typos = uses.keys.filter { $0.count >= Self.shortestTypo && !name.contains($0) && !isKnown($0) }
        guard !typos.isEmpty else { return }
        let words = uses.keys.filter { $0.count >= Self.shortestTypo - 1 }
        for typo in typos.sorted() {
            let spelt = Array(typo.utf8)
            let matches = words.filter { word in
                word.first == typo.first && abs(word.count - typo.count) <= 1 && uses[word]! >= uses[typo]!
                    && Self.oneEditApart(spelt, Array(word.utf8)) && isKnown(word)
            }
            // The one most used; two as used ("hiking", "hiring" for "hiting") leave it as typed.
            let best = matches.max { (uses[$0]!, $1) < (uses[$1]!, $0) }
            guard let best, matches.filter({ uses[$0] == uses[best] }).count == 1 else { continue }
            corrections[typo] = best
        }
    }

    /// `word` as the wall means it: a typo replaced by the word spelt right, with the typed
    /// word's capital first letter if it had one (sentence case decides on it later).
    func spelt(_ word: (key: String, surface: String)) -> (key: String, surface: String) {
        guard let right = corrections[word.key] else { return word }
        let capital = word.surface.first?.isUppercase == true
        return (right, capital ? right.prefix(1).uppercased() + right.dropFirst() : right)
    }

    /// One letter apart: one missing, one extra, one different, or two neighbours swapped.
    static func oneEditApart(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a != b else { return false }
        var i = 0
        while i < min(a.count, b.count) && a[i] == b[i] { i += 1 }
        if a.count == b.count {
            if a[(i + 1)...] == b[(i + 1)...] { return true }   // one different
            return i + 1 < a.count && a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)...] == b[(i + 2)...]   // swapped
        }
        let (long, short) = a.count > b.count ? (a, b) : (b, a)
        return long.count == short.count + 1 && long[(i + 1)...] == short[i...]
    }
}
