extension MeetingGrouping {
    /// New titles for automatic themes whose notes changed (`only`), or for all.
    /// An automatic theme whose title another theme already has is always retitled (two
    /// passes can give the same title: a proposal's new theme is titled when proposed, the
    /// theme it duplicates later).
    public func retitle(_ wall: Wall, themes requested: Set<String>? = nil) -> [WallChange] {
        var only = requested
        if only != nil {
            var seen = Set<String>()
            for theme in wall.themes {
                let key = ThemeTitler.normalizedKey(theme.label)
                if !seen.insert(key).inserted && !theme.labelByHand { only!.insert(theme.id) }
            }
        }
        let space = WallSpace(wall.notes)
        var taken = wall.themes.filter { $0.labelByHand || !(only?.contains($0.id) ?? true) }.map(\.label)
        var changes: [WallChange] = []
        let vocabulary = WallVocabulary(wall, lexicon: lexicon)
        for theme in wall.themes where !theme.labelByHand && (only?.contains(theme.id) ?? true) {
            let members = wall.notes.indices.filter { wall.notes[$0].theme == theme.id }
            guard !members.isEmpty else { continue }
            let title = ThemeTitler.title(for: members, on: wall, space: space, avoiding: taken, phrases: phrases, vocabulary: vocabulary,
                                          lexicon: lexicon)
            taken.append(title)
            if title != theme.label { changes.append(.relabel(theme: theme.id, label: title)) }
        }
        return changes
    }
}
