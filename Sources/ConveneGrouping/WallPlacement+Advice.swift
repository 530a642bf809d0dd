import ConveneClustering
import ConveneCore

/// The board's advice as the console receives it: merge suggestions and the notes to check first.
extension WallPlacement {
    /// Themes alike enough to merge, most alike first, as the console receives them.
    /// `closest`: not alike enough, only the closest pair of a wall with more themes than the
    /// target (the console must not say they "look alike": a walk-through was told so of
    /// "Mobile canning & bottles" and "Orchard fruit contracts").
    public static func mergeSuggestions(_ wall: Wall, engine: MeetingGrouping) -> JSONValue {
        .array(engine.mergeSuggestions(wall).prefix(5).map { s in
            jsonObject([("from", .string(s.from)), ("into", .string(s.into)), ("similarity", .double(Double((s.similarity * 100).rounded() / 100))),
                        ("closest", s.similarity < engine.mergeThreshold ? .bool(true) : nil)])
        })
    }

    /// The notes the console marks to check first (`MeetingGrouping.marked`), as it receives
    /// them: `{note, alsoClose}` (the closest other theme), least sure first.
    public static func doubts(_ wall: Wall, engine: MeetingGrouping) -> JSONValue {
        .array(MeetingGrouping.marked(engine.doubts(wall)).map { .object([("note", .string($0.note)), ("alsoClose", .string($0.runnerUp))]) })
    }
}
