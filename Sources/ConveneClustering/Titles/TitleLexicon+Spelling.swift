extension TitleLexicon {
    /// True when WordNet knows `key` (a lower-cased word) or the word it is a regular form
    /// of ("hiring" → "hire", "stopped" → "stop", "cities" → "city", "cheaper" → "cheap"):
    /// a word the lexicon does not know may be a typo ("busines"). Jargon it does not know
    /// ("upfit", "drayage") is left alone unless the wall spells a word one letter away
    /// (`WallSpellings`).
    public func isKnownWord(_ key: String) -> Bool {
        if knows(key) || properNames[key] != nil || adjectives.contains(key) || adverbsNeverNouns.contains(key) { return true }
        return Self.regularBases(of: key).contains { knows($0) || adjectives.contains($0) }
    }

    private func knows(_ key: String) -> Bool {
        let hash = Self.wordHash(key)
        return commonWordHashes.contains(hash) || otherKnownWordHashes.contains(hash)
    }

    /// True when `key` is one typing slip (`WallSpellings.slipApart`: a letter missing or
    /// extra, two neighbours swapped, a vowel for another) from a word WordNet knows:
    /// "operaters" (operators), "retireing" (retiring). Jargon it lacks ("drayage",
    /// "bioprocess") is not, mostly.
    public func isOneSlipFromKnownWord(_ key: String) -> Bool {
        let letters = Array(key.utf8)
        guard letters.count >= 3, letters.allSatisfy({ $0 >= Self.lowerA && $0 <= Self.lowerZ }) else { return false }
        func known(_ bytes: [UInt8]) -> Bool { isKnownWord(String(decoding: bytes, as: UTF8.self)) }
        let alphabet = Array(Self.lowerA...Self.lowerZ)
        for i in letters.indices {
            var missing = letters; missing.remove(at: i)                                   // a letter extra
            if known(missing) { return true }
            if i + 1 < letters.count {
                var swapped = letters; swapped.swapAt(i, i + 1)                            // two swapped
                if swapped != letters && known(swapped) { return true }
            }
            if WallSpellings.vowels.contains(letters[i]) {
                for vowel in WallSpellings.vowels where vowel != letters[i] {              // a vowel for another
                    var other = letters; other[i] = vowel
                    if known(other) { return true }
                }
            }
        }
        for i in 0...letters.count {                                                        // a letter missing
            for letter in alphabet {
                var longer = letters; longer.insert(letter, at: i)
                if known(longer) { return true }
            }
        }
        return false
    }

    /// The lemmas `key` may be a regular form of: plurals and third persons, "-ing", "-ed",
    /// "-er", "-est", "-ly" (the forms that are not words are simply not found).
    static func regularBases(of key: String) -> [String] {
        var bases = singulars(of: key)
        for suffix in ["ing", "ed", "er", "ers", "est", "ly", "ings"] where key.hasSuffix(suffix) && key.count >= suffix.count + 2 {
            let stem = String(key.dropLast(suffix.count))
            // A silent "e" goes before "-ing": "retireing" is no form of "retire" ("seeing",
            // "agreeing", "canoeing", "queueing" keep theirs).
            if suffix.hasPrefix("ing"), stem.hasSuffix("e"), !["ee", "oe", "ye", "ue"].contains(where: stem.hasSuffix) { continue }
            bases.append(stem)
            bases.append(stem + "e")                                  // hiring → hire, safer → safe
            if stem.hasSuffix("i") { bases.append(stem.dropLast() + "y") }   // applied → apply, easily → easy
            if let last = stem.last, stem.dropLast().last == last { bases.append(String(stem.dropLast())) }   // stopped → stop
        }
        return bases
    }
}
