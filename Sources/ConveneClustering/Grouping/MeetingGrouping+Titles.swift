import ConveneLanguage

extension MeetingGrouping {
    /// New titles for automatic themes whose notes changed (`only`), or for all.
    /// An automatic theme whose title another theme already has is always retitled (two
    /// passes can give the same title: a proposal's new theme is titled when proposed, the
    /// theme it duplicates later).
    /// `keepingFitting`: a title every word of which its notes still use stays (after a
    /// correction by hand: the facilitator's columns keep their names while they work, and
    /// change only when the title has become wrong — "CNC programmers & welders" once the
    /// welders' note has left).
    public func retitle(_ wall: Wall, themes requested: Set<String>? = nil, keepingFitting: Bool = false) -> [WallChange] {
        var only = requested
        if only != nil {
            var seen = Set<String>()
            for theme in wall.themes {
                let key = ThemeTitler.normalizedKey(theme.label)
                if !seen.insert(key).inserted && !theme.labelByHand { only!.insert(theme.id) }
            }
        }
        var taken = wall.themes.filter { $0.labelByHand || !(only?.contains($0.id) ?? true) }.map(\.label)
        func members(_ theme: WallTheme) -> [Int] { wall.notes.indices.filter { wall.notes[$0].theme == theme.id } }
        // The titles that stay are decided first, so that a title written again avoids them
        // all (else it could come out close to a later theme's, and rename that one too).
        var kept = Set<String>()
        if keepingFitting {
            for theme in wall.themes where !theme.labelByHand && (only?.contains(theme.id) ?? true) {
                let held = members(theme)
                guard !held.isEmpty, Self.titleStillFits(theme.label, members: held, on: wall),
                      !ThemeTitler.tooClose(theme.label, to: Set(taken.map(ThemeTitler.normalizedKey))) else { continue }
                kept.insert(theme.id)
                taken.append(theme.label)
            }
        }
        let toTitle = wall.themes.filter { !$0.labelByHand && !kept.contains($0.id) && (only?.contains($0.id) ?? true) }
            .map { ($0, members($0)) }.filter { !$0.1.isEmpty }
        // Nothing to write (a correction that left every title right): the wall's space and
        // word index are not built (a millisecond on 300 notes, on the service loop).
        guard !toTitle.isEmpty else { return [] }
        let space = WallSpace(wall.notes)
        var changes: [WallChange] = []
        let vocabulary = WallVocabulary(wall, lexicon: lexicon)
        for (theme, members) in toTitle {
            let title = ThemeTitler.title(for: members, on: wall, space: space, avoiding: taken, phrases: phrases, vocabulary: vocabulary,
                                          lexicon: lexicon)
            taken.append(title)
            if title != theme.label { changes.append(.relabel(theme: theme.id, label: title)) }
        }
        return changes
    }

    /// Titles while notes arrive: of the themes the arrivals touched, one whose title still
    /// fits (every word used by a note of it) keeps it until the theme reaches the next size of
    /// `titleSteps` (half as many notes again); the others are titled again, and so are the
    /// themes of `afresh` (those an applied proposal changed; those a regrouping moved notes
    /// into once the room has paused). The room reads a column's title as its name: rewritten
    /// at every note ("Apartments & solar farms", "Apartments & homes", "Residential,
    /// apartments & homes"…) it names nothing. A theme new to the wall is titled as before.
    /// `before`: the wall as the pass found it.
    ///
    /// `atPause`: themes titled again at the room's pause (every automatic one), where a
    /// title that still fits gives way only to one clearly closer to its notes
    /// (`pauseMargin`): written afresh at every pause, the same column was renamed three times
    /// in a minute of a walk-through ("Hire machinists & product line", "… & reshoring",
    /// "Machining & alone"), and the room reads a title as the column's name.
    public func retitleAsNotesArrive(_ wall: Wall, before: Wall, touched: Set<String>, afresh: Set<String> = [],
                                     atPause: Set<String> = []) -> [WallChange] {
        guard steadyTitles else { return retitle(wall, themes: touched.union(afresh).union(atPause)) }
        func sizes(_ w: Wall) -> [String: Int] {
            var n: [String: Int] = [:]
            for note in w.notes { if let t = note.theme { n[t, default: 0] += 1 } }
            return n
        }
        let (was, now) = (sizes(before), sizes(wall))
        let existed = Set(before.themes.map(\.id))
        var steady = Set<String>()
        for theme in wall.themes where touched.contains(theme.id) && !afresh.contains(theme.id) && existed.contains(theme.id) && !theme.labelByHand {
            let n = now[theme.id] ?? 0
            guard Self.titleStep(n) == Self.titleStep(was[theme.id] ?? 0) else { continue }
            let members = wall.notes.indices.filter { wall.notes[$0].theme == theme.id }
            if !members.isEmpty, Self.titleStillFits(theme.label, members: members, on: wall) { steady.insert(theme.id) }
        }
        let changes = retitle(wall, themes: touched.union(afresh).union(atPause).subtracting(steady))
        guard let phrases else { return changes }
        // At the pause, and when a theme reaches its next size: a new title for a theme whose
        // title still fits must be clearly better.
        let newTitle = Dictionary(changes.compactMap { c -> (String, String)? in
            if case let .relabel(t, label) = c { return (t, label) }; return nil }, uniquingKeysWith: { a, _ in a })
        var titled = newTitle   // what each column will read
        var kept = Set<String>()
        for change in changes {
            guard case let .relabel(t, label) = change, !afresh.contains(t) else { continue }
            let outgrown = touched.contains(t) && Self.titleStep(now[t] ?? 0) != Self.titleStep(was[t] ?? 0)
            guard marginAtSteps ? (atPause.contains(t) || outgrown) : (atPause.contains(t) && !outgrown),
                  let theme = wall.themes.first(where: { $0.id == t }) else { continue }
            let members = wall.notes.indices.filter { wall.notes[$0].theme == t }
            guard !members.isEmpty, Self.titleStillFits(theme.label, members: members, on: wall),
                  let old = ThemeTitler.closeness(of: theme.label, members: members, wall: wall, phrases: phrases),
                  let new = ThemeTitler.closeness(of: label, members: members, wall: wall, phrases: phrases),
                  new < old + pauseMargin else { continue }
            kept.insert(t)
            titled[t] = theme.label
        }
        // A kept title was not among those the others' new titles avoided: one that now says
        // what another column says ("Welding apprenticeships & pay" beside "Welding
        // apprenticeships & schools") takes its new title after all.
        var settled = true
        repeat {
            settled = true
            for t in kept {
                let others = Set(wall.themes.filter { $0.id != t }.map { ThemeTitler.normalizedKey(titled[$0.id] ?? $0.label) })
                if ThemeTitler.tooClose(titled[t]!, to: others) {
                    kept.remove(t)
                    titled[t] = newTitle[t]
                    settled = false
                    break
                }
            }
        } while !settled
        return changes.filter { change in
            if case let .relabel(t, _) = change { return !kept.contains(t) }
            return true
        }
    }

    /// Of the automatic themes `ids` on the wall, those whose title no longer fits what they
    /// hold (`titleStillFits`): after an applied proposal or an undo, only these are titled again.
    public static func titlesNoLongerFitting(_ ids: Set<String>, on wall: Wall) -> Set<String> {
        Set(wall.themes.filter { ids.contains($0.id) && !$0.labelByHand }.compactMap { theme in
            let members = wall.notes.indices.filter { wall.notes[$0].theme == theme.id }
            return !members.isEmpty && !titleStillFits(theme.label, members: members, on: wall) ? theme.id : nil
        })
    }

    /// Sizes at which a theme's title is written again as it grows.
    static let titleSteps = [3, 5, 8, 12, 18, 27, 40, 60, 90, 135, 200, 300, 450]
    static func titleStep(_ notes: Int) -> Int { titleSteps.filter { $0 <= notes }.count }

    /// True when every content word of `label` is a word of one of the notes at `members` —
    /// or that word spelt right: a title writes "business" for a note's "buisness"
    /// (`WallSpellings`), and still fits it.
    public static func titleStillFits(_ label: String, members: [Int], on wall: Wall) -> Bool {
        let keys = ThemeLabeler.words(label).map(\.key).filter { !EnglishWords.stopWords.contains($0) }
        guard !keys.isEmpty else { return false }
        let typed = Set(members.flatMap { wall.notes[$0].words.words.map(\.key) })
        let used = Set(typed.map(ThemeTitler.stem))
        return keys.allSatisfy { key in
            used.contains(ThemeTitler.stem(key)) || (key.count >= WallSpellings.shortestTypo && typed.contains { note in
                note.first == key.first && abs(note.count - key.count) <= 1 && WallSpellings.slipApart(Array(note.utf8), Array(key.utf8))
            })
        }
    }
}
