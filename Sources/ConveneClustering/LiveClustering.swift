/// Live grouping of notes as they arrive, tuned for a wall people are looking at:
///
/// - **Placement** (every note, well under a millisecond at 300 notes): until the wall has
///   `firstRegroup` notes, a note joins the most similar theme if similar enough, or starts
///   a new one; afterwards it joins the most similar theme above `placeThreshold`, or waits
///   in the unsorted bucket.
/// - **Regrouping** at checkpoints that grow geometrically with the wall (24, 36, 54, 81, …
///   notes; also on the facilitator's request): the whole wall is clustered from scratch
///   (`BatchClustering`), the new groups are matched to the existing themes by overlap, and
///   a note moves only when its new theme is clearly closer (`moveMargin`) or it was
///   unsorted. Moves are rare and happen when the wall is large, when each costs least.
/// - **The facilitator wins**: pinned notes (placed by hand) and notes in locked themes
///   never move; no note is moved into a locked theme; hand-made labels are kept.
///
/// Deterministic: the same notes in the same order give the same wall.
public struct LiveClustering: Sendable {
    public var batch = BatchClustering()
    public var placeThreshold: Float = 0.15
    public var newThemeThreshold: Float = 0.30
    public var firstRegroup = 24
    public var growth = 1.5
    public var moveMargin: Float = 0.03
    /// Past this many notes, regrouping happens only when the facilitator asks: a regrouping
    /// costs O(n²) and a launch meeting stays well below it.
    public var maxAutomaticRegroup = 600

    public init() {}

    /// True when the wall reaching `count` notes calls for a regrouping.
    public func isCheckpoint(_ count: Int) -> Bool {
        guard count <= maxAutomaticRegroup else { return false }
        var c = firstRegroup
        while c < count { c = max(c + 1, Int(Double(c) * growth)) }
        return c == count
    }

    /// Changes for a note just added to `wall` (present in it, unsorted), including a
    /// regrouping when the wall reaches a checkpoint.
    public func noteArrived(_ noteId: String, on wall: Wall, newThemeId: () -> String) -> [WallChange] {
        guard let note = wall.notes.first(where: { $0.id == noteId }), note.theme == nil, !note.pinned else { return [] }
        var changes: [WallChange] = []
        let centroids = wall.centroids()
        var bestTheme: String?
        var bestSim = -Float.infinity
        for t in wall.themes {
            guard let c = centroids[t.id] else { continue }
            let s = Vectors.dot(note.vector, c)
            if s > bestSim { bestSim = s; bestTheme = t.id }
        }
        let count = wall.notes.count
        if count <= firstRegroup {
            if let bestTheme, bestSim >= newThemeThreshold {
                changes.append(.move(note: noteId, theme: bestTheme))
            } else {
                let id = newThemeId()
                changes.append(.createTheme(id: id, label: ThemeLabeler.fallbackLabel(note.text)))
                changes.append(.move(note: noteId, theme: id))
            }
        } else if let bestTheme, bestSim >= placeThreshold {
            changes.append(.move(note: noteId, theme: bestTheme))
        }
        if isCheckpoint(count) {
            var placed = wall
            placed.apply(changes)
            changes += regroup(placed, newThemeId: newThemeId)
        }
        return changes
    }

    /// Regroups the whole wall, moving only what clearly improves the grouping.
    public func regroup(_ wall: Wall, newThemeId: () -> String) -> [WallChange] {
        let notes = wall.notes
        guard notes.count >= 4 else { return [] }
        let groups = batch.cluster(notes.map(\.vector))
        let groupCount = (groups.max() ?? -1) + 1
        guard groupCount > 0 else { return [] }
        let locked = Set(wall.themes.filter(\.locked).map(\.id))
        func movable(_ n: WallNote) -> Bool { !n.pinned && !(n.theme.map(locked.contains) ?? false) }

        // Match groups to existing themes, largest overlap first.
        var overlap: [String: [Int: Int]] = [:]
        for (n, g) in zip(notes, groups) where g >= 0 {
            if let t = n.theme { overlap[t, default: [:]][g, default: 0] += 1 }
        }
        var cells = overlap.flatMap { t, row in row.map { (theme: t, group: $0.key, count: $0.value) } }
        cells.sort { ($0.count, $1.theme, $1.group) > ($1.count, $0.theme, $0.group) }
        var themeOfGroup: [Int: String] = [:]
        var matchedThemes = Set<String>()
        for cell in cells where themeOfGroup[cell.group] == nil && !matchedThemes.contains(cell.theme) {
            themeOfGroup[cell.group] = cell.theme
            matchedThemes.insert(cell.theme)
        }
        var changes: [WallChange] = []
        // A group with no theme becomes a new theme if enough of its notes can move.
        for g in 0..<groupCount where themeOfGroup[g] == nil {
            let members = zip(notes, groups).filter { $0.1 == g && movable($0.0) }.map(\.0)
            if members.count >= batch.minThemeSize {
                let id = newThemeId()
                changes.append(.createTheme(id: id, label: ThemeLabeler.label(forTerms: members.map(\.terms), others: [],
                                                                             fallback: members[0].text)))
                themeOfGroup[g] = id
            }
        }
        var groupCentroid: [String: [Float]] = [:]
        for g in 0..<groupCount {
            guard let t = themeOfGroup[g] else { continue }
            groupCentroid[t] = Vectors.centroid(zip(notes, groups).filter { $0.1 == g }.map(\.0.vector))
        }
        for (n, g) in zip(notes, groups) where g >= 0 && movable(n) {
            guard let target = themeOfGroup[g], target != n.theme, !locked.contains(target) else { continue }
            if let current = n.theme, let here = groupCentroid[current], let there = groupCentroid[target] {
                guard Vectors.dot(n.vector, there) - Vectors.dot(n.vector, here) > moveMargin else { continue }
            }
            changes.append(.move(note: n.id, theme: target))
        }
        return changes
    }

    /// New labels for themes whose automatic label no longer fits their notes.
    /// Only `themes` are relabelled when given (e.g. the one a note just joined).
    public func relabel(_ wall: Wall, themes only: Set<String>? = nil) -> [WallChange] {
        var termsByTheme: [String: [[String: String]]] = [:]
        var firstText: [String: String] = [:]
        for n in wall.notes {
            guard let t = n.theme else { continue }
            termsByTheme[t, default: []].append(n.terms)
            if firstText[t] == nil { firstText[t] = n.text }
        }
        // How many themes use each term, counted once for all themes.
        var themesUsing: [String: Int] = [:]
        var keysByTheme: [String: Set<String>] = [:]
        for (t, notes) in termsByTheme {
            var keys = Set<String>()
            for n in notes { keys.formUnion(n.keys) }
            keysByTheme[t] = keys
            for k in keys { themesUsing[k, default: 0] += 1 }
        }
        var changes: [WallChange] = []
        for theme in wall.themes where !theme.labelByHand && (only?.contains(theme.id) ?? true) {
            guard let mine = termsByTheme[theme.id], !mine.isEmpty else { continue }
            var others = themesUsing
            for k in keysByTheme[theme.id] ?? [] { others[k]! -= 1 }
            let label = ThemeLabeler.label(forTerms: mine, themesUsing: others, themeCount: termsByTheme.count, fallback: firstText[theme.id] ?? "")
            if label != theme.label { changes.append(.relabel(theme: theme.id, label: label)) }
        }
        return changes
    }

    /// Pairs of themes so alike that the facilitator may want to merge them, most alike
    /// first; when there are more themes than `target`, the closest pair is always offered.
    /// The threshold: on all-MiniLM-L6-v2, centroids of two themes about the same thing (short
    /// notes) measured about 0.35, of unrelated themes 0.1–0.15.
    public func mergeSuggestions(_ wall: Wall, target: Int, threshold: Float = 0.3) -> [(String, String, Float)] {
        let centroids = wall.centroids()
        let ids = wall.themes.map(\.id).filter { centroids[$0] != nil }
        var pairs: [(String, String, Float)] = []
        for i in ids.indices { for j in ids.indices where j > i {
            pairs.append((ids[i], ids[j], Vectors.dot(centroids[ids[i]]!, centroids[ids[j]]!)))
        } }
        pairs.sort { $0.2 > $1.2 }
        var result = pairs.filter { $0.2 >= threshold }
        if result.isEmpty, ids.count > target, let closest = pairs.first { result = [closest] }
        return result
    }
}
