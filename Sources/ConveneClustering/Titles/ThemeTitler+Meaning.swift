/// Titles ranked by meaning: the model embeds the best-covering phrases, pairs and lists of
/// three, and the one closest to the theme's notes (with some of the wall's own direction) wins.
extension ThemeTitler {
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

    /// How close `title`'s meaning is to the theme of the notes at `members`, measured as
    /// `rankedByMeaning` ranks its candidates (nil: nothing to measure with).
    static func closeness(of title: String, members: [Int], wall: Wall, phrases: PhraseEmbedding) -> Float? {
        guard let dims = wall.notes.first?.vector.count, dims > 0, !members.isEmpty,
              let vector = phrases.embed([title]).first, vector.count == dims else { return nil }
        let mean = Vectors.normalized(WallSpace.mean(wall.notes.map(\.vector), dims))
        let own = Vectors.normalized(WallSpace.mean(members.map { wall.notes[$0].vector }, dims))
        return Vectors.dot(vector, Vectors.normalized(zip(own, mean).map { $0 + wallMeanWeight * $1 }))
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
}
