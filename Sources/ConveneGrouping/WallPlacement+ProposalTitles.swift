import ConveneClustering
import ConveneCore

extension WallPlacement {
    /// Titles for a proposal's new themes `themes` after the facilitator left some of its
    /// notes out ("Leave out"): the wall is taken as the proposal would leave it, and a new
    /// theme whose title no longer fits the notes still going to it (a word only a left-out
    /// note used) is titled again. Without this, "Apply" opened the theme under the preview's
    /// title and the next pass renamed it at once (a walk-through's new theme came up under
    /// another title seconds after it was applied). A title that still fits stays.
    public static func proposalTitles(of themes: Set<String>, in proposal: ThemeProposal, wall base: Wall,
                                      engine: MeetingGrouping) -> [ThemeTitle] {
        var wall = base
        wall.apply(proposal.newThemes.map { .createTheme(id: $0.id, label: $0.label) }
                   + proposal.moves.map { .move(note: $0.note, theme: $0.to) })
        return engine.retitle(wall, themes: themes, keepingFitting: true).compactMap { change in
            guard case let .relabel(theme, label) = change, themes.contains(theme) else { return nil }
            return ThemeTitle(theme: theme, label: clipped(label))
        }
    }
}
