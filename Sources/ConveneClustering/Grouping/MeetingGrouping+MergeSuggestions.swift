extension MeetingGrouping {
    /// Pairs of themes so alike the facilitator may want to merge them, most alike first;
    /// with more themes than the target, the closest pair is always offered.
    public func mergeSuggestions(_ wall: Wall) -> [(from: String, into: String, similarity: Float)] {
        guard wall.notes.count >= 2 else { return [] }
        let space = WallSpace(wall.notes)
        // What the themes hold, not where the engine should stop placing: a note moved from one
        // theme to its near twin says little about whether the two are one strategy area.
        let centres = centroids(of: wall, space: space, labels: false, counterExamples: false)
        let ids = wall.themes.map(\.id).filter { centres[$0] != nil }
        var pairs: [(from: String, into: String, similarity: Float)] = []
        // A theme the facilitator split off another (most of its notes moved out of that one by
        // hand) is not offered for merging back into it: a walk-through's console suggested
        // merging "Nearshoring & Mexico trade" into the column it had just been split from.
        // (One note moved between twins is no split: they are still offered.)
        var movedOut: [String: [String: Int]] = [:], held: [String: Int] = [:]
        for note in wall.notes {
            guard let t = note.theme else { continue }
            held[t, default: 0] += 1
            if note.pinned { for r in note.rejectedThemes where r != t { movedOut[t, default: [:]][r, default: 0] += 1 } }
        }
        // Into the theme the facilitator named, else the one with more notes, else the one
        // further left: a walk-through was offered to merge its named four-note area into a
        // one-note column the grouping had titled "Jobs exist".
        let byHand = Set(wall.themes.filter(\.labelByHand).map(\.id))
        func keeps(_ a: String, over b: String) -> Bool {
            if byHand.contains(a) != byHand.contains(b) { return byHand.contains(a) }
            return (held[a] ?? 0) >= (held[b] ?? 0)
        }
        for i in ids.indices { for j in ids.indices where j > i {
            let (a, b) = (ids[i], ids[j])
            let (into, from) = keeps(a, over: b) ? (a, b) : (b, a)
            pairs.append((from, into, space.similarity(centres[a]!, centres[b]!)))
        } }
        func splitOff(_ a: String, from b: String) -> Bool { (movedOut[a]?[b] ?? 0) * 2 > (held[a] ?? 0) }
        pairs.removeAll { splitOff($0.from, from: $0.into) || splitOff($0.into, from: $0.from) }
        pairs.sort { $0.similarity > $1.similarity }
        // The earlier engine's bar, cosine 0.3 between the themes' embeddings, on the
        // embedding's share of the blend (unrelated themes measure about 0.1 and less).
        var result = pairs.filter { $0.similarity >= mergeThreshold }
        // With more themes than the target, the closest pair is offered even below that bar —
        // but not two themes the facilitator named: they made that structure on purpose (a
        // walk-through was told its two new columns "look alike" just after building them).
        if result.isEmpty, ids.count > targetThemes,
           let closest = pairs.first(where: { !(byHand.contains($0.from) && byHand.contains($0.into)) }) {
            result = [closest]
        }
        return result
    }
}
