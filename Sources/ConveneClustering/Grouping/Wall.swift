import ConveneLanguage

/// The clustering engine's view of one wall (one kind of note in one meeting): notes in
/// posting order with their vectors and current theme, and the themes. The engine never
/// changes a wall itself; it proposes `WallChange`s, which the caller records (the server
/// as events) and applies.
public struct WallNote: Sendable {
    public var id: String
    /// Unit-length vector (a sentence embedding, or lexical features).
    public var vector: [Float]
    public var text: String
    /// nil: unsorted.
    public var theme: String?
    /// Placed by the facilitator's hand (or inside a merge/split): the engine never moves it.
    public var pinned: Bool
    /// Themes the facilitator moved this note out of: it is a counter-example of each.
    public var rejectedThemes: [String]
    /// The facilitator dismissed a proposal to move this note from where it is: the engine
    /// does not propose that again (it still counts in its theme, unlike a pinned note it
    /// weighs as any other).
    public var keptByFacilitator: Bool
    /// The text's words, read once.
    public let words: NoteWords

    /// `words` may be given when the caller has them from before (they cost a pass over the text).
    public init(id: String, vector: [Float], text: String, theme: String? = nil, pinned: Bool = false,
                rejectedThemes: [String] = [], keptByFacilitator: Bool = false, words: NoteWords? = nil) {
        self.id = id; self.vector = vector; self.text = text; self.theme = theme; self.pinned = pinned
        self.rejectedThemes = rejectedThemes
        self.keptByFacilitator = keptByFacilitator
        self.words = words ?? NoteWords(text)
    }
}

public struct WallTheme: Sendable {
    public var id: String
    public var label: String
    /// Locked by the facilitator: the engine moves no note out of it, nor into it when
    /// regrouping (new notes may still join it).
    public var locked: Bool
    /// The facilitator named it: automatic labels never replace the name.
    public var labelByHand: Bool
    /// The vector of the label the facilitator gave: part of the theme's centre, so a theme
    /// made or renamed by hand attracts the notes its title names (alone while it is empty).
    public var seed: [Float]?
    /// The room has made it its own (champions or peers to invite on it, its sentence for the
    /// summary): it stays on the wall when its last note goes, like a named theme.
    public var keptWhenEmpty: Bool

    public init(id: String, label: String, locked: Bool = false, labelByHand: Bool = false, seed: [Float]? = nil,
                keptWhenEmpty: Bool = false) {
        self.id = id; self.label = label; self.locked = locked; self.labelByHand = labelByHand; self.seed = seed
        self.keptWhenEmpty = keptWhenEmpty
    }
}

public enum WallChange: Equatable, Sendable {
    case createTheme(id: String, label: String)
    case move(note: String, theme: String?)
    case relabel(theme: String, label: String)
    /// An automatic theme that lost its last note leaves the wall (not one the room has made
    /// its own: `WallTheme.keptWhenEmpty`).
    case removeTheme(id: String)
}

public struct Wall: Sendable {
    public var notes: [WallNote]
    public var themes: [WallTheme]

    public init(notes: [WallNote] = [], themes: [WallTheme] = []) {
        self.notes = notes; self.themes = themes
    }

    /// The language most of the wall's notes are in (titles are written in it).
    var mainLanguage: Language {
        let english = notes.filter { $0.words.language == .english }.count
        return english * 2 >= notes.count ? .english : .spanish
    }

    public mutating func apply(_ change: WallChange) {
        switch change {
        case let .createTheme(id, label):
            themes.append(WallTheme(id: id, label: label))
        case let .move(note, theme):
            // A note kept in place by a dismissal is free again once it is somewhere else.
            if let i = notes.firstIndex(where: { $0.id == note }), notes[i].theme != theme {
                notes[i].theme = theme
                notes[i].keptByFacilitator = false
            }
        case let .relabel(theme, label):
            if let i = themes.firstIndex(where: { $0.id == theme }) { themes[i].label = label }
        case let .removeTheme(id):
            themes.removeAll { $0.id == id }
            for i in notes.indices where notes[i].theme == id { notes[i].theme = nil }
        }
    }

    public mutating func apply(_ changes: [WallChange]) { for c in changes { apply(c) } }

    /// The wall with every note free of earlier dismissals: when the facilitator asks for a
    /// regrouping, it covers everything not pinned.
    public func forgettingDismissals() -> Wall {
        var wall = self
        for i in wall.notes.indices { wall.notes[i].keptByFacilitator = false }
        return wall
    }

    /// The wall as the grouping's own passes see it (not the facilitator's "regroup"): a note
    /// the engine placed in a theme the facilitator has named is held there, as after a
    /// dismissed proposal — naming a column and leaving its notes in it is the facilitator's
    /// say-so. A walk-through's facilitator renamed every column and moved the notes they
    /// disagreed with; once the room was quiet, a proposal offered to move six of the rest,
    /// all wrongly (the engine's moves after a correction are mostly wrong: BENCHMARKS.md,
    /// "A corrected note teaches its look-alikes"). (Notes arriving in a pass are not on the
    /// wall given here yet: the pass may still place them anywhere.)
    public func holdingNamedThemes() -> Wall {
        let named = Set(themes.filter(\.labelByHand).map(\.id))
        guard !named.isEmpty else { return self }
        var wall = self
        for i in wall.notes.indices {
            if let t = wall.notes[i].theme, named.contains(t) { wall.notes[i].keptByFacilitator = true }
        }
        return wall
    }

    /// Facilitator moves: the note leaves its theme by hand and stays where it is put.
    public mutating func moveByHand(_ note: String, to theme: String?) {
        guard let i = notes.firstIndex(where: { $0.id == note }) else { return }
        if let old = notes[i].theme, old != theme, !notes[i].rejectedThemes.contains(old) { notes[i].rejectedThemes.append(old) }
        notes[i].theme = theme
        notes[i].pinned = true
        notes[i].keptByFacilitator = false
    }

    /// The facilitator merges `from` into `into`: every note of both is pinned there.
    public mutating func mergeByHand(_ from: String, into: String) {
        for i in notes.indices where notes[i].theme == from || notes[i].theme == into {
            notes[i].theme = into
            notes[i].pinned = true
        }
        themes.removeAll { $0.id == from }
    }

    func theme(_ id: String?) -> WallTheme? { id.flatMap { id in themes.first { $0.id == id } } }

    /// Unit centroid of each theme that has notes; an empty theme's seed, if it has one.
    func centroids() -> [String: [Float]] {
        var groups: [String: [[Float]]] = [:]
        for n in notes { if let t = n.theme { groups[t, default: []].append(n.vector) } }
        var result = groups.compactMapValues { Vectors.centroid($0) }
        for t in themes where result[t.id] == nil {
            if let seed = t.seed, let unit = Vectors.centroid([seed]) { result[t.id] = unit }
        }
        return result
    }
}
