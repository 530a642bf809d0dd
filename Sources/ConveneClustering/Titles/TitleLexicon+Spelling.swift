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

    /// The lemmas `key` may be a regular form of: plurals and third persons, "-ing", "-ed",
    /// "-er", "-est", "-ly" (the forms that are not words are simply not found).
    static func regularBases(of key: String) -> [String] {
        var bases = singulars(of: key)
        for suffix in ["ing", "ed", "er", "ers", "est", "ly", "ings"] where key.hasSuffix(suffix) && key.count >= suffix.count + 2 {
            let stem = String(key.dropLast(suffix.count))
            bases.append(stem)
            bases.append(stem + "e")                                  // hiring → hire, safer → safe
            if stem.hasSuffix("i") { bases.append(stem.dropLast() + "y") }   // applied → apply, easily → easy
            if let last = stem.last, stem.dropLast().last == last { bases.append(String(stem.dropLast())) }   // stopped → stop
        }
        return bases
    }
}
