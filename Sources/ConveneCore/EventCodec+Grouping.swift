/// The stored and sent form of the grouping's changes and proposals.

extension GroupingChange {
    /// As stored and as sent: `{"op": "createTheme" | "move" | "relabel", …}`.
    public var json: JSONValue {
        switch self {
        case let .createTheme(id, label): return .object([("op", "createTheme"), ("theme", .string(id)), ("label", .string(label))])
        case let .move(note, theme): return .object([("op", "move"), ("note", .string(note)), ("theme", theme.json)])
        case let .relabel(theme, label): return .object([("op", "relabel"), ("theme", .string(theme)), ("label", .string(label))])
        case let .removeTheme(id): return .object([("op", "removeTheme"), ("theme", .string(id))])
        }
    }

    init(storage j: JSONValue) throws {
        let r = FieldReader(j)
        switch try r.string("op") {
        case "createTheme": self = .createTheme(id: try r.string("theme"), label: try r.string("label"))
        case "move": self = .move(note: try r.string("note"), theme: try r.optionalString("theme"))
        case "relabel": self = .relabel(theme: try r.string("theme"), label: try r.string("label"))
        case "removeTheme": self = .removeTheme(id: try r.string("theme"))
        default: throw EventDecodingError(description: "unknown grouping change")
        }
    }
}

extension ThemeProposal {
    /// As stored and as the console receives it:
    /// `{"newThemes": [{"id","label"}], "moves": [{"note","from","to"}], "removedThemes": [id]}`,
    /// and for one the facilitator asked for `"requested": "regroup"`, or `"requested": "split"`
    /// with `"theme"` (the theme split); as the console receives it, `"offered"` too (the
    /// sequence number of the event that offered it; never stored: it is that event's own).
    public var json: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("newThemes", .array(newThemes.map { .object([("id", .string($0.id)), ("label", .string($0.label))]) })),
            ("moves", .array(moves.map { .object([("note", .string($0.note)), ("from", $0.from.json), ("to", $0.to.json)]) })),
            ("removedThemes", .array(removedThemes.map { .string($0) })),
        ]
        switch requested {
        case nil: break
        case .regroup: pairs.append(("requested", "regroup"))
        case let .split(theme): pairs += [("requested", "split"), ("theme", .string(theme))]
        }
        if offered != 0 { pairs.append(("offered", .int(offered))) }
        return .object(pairs)
    }

    init(storage j: JSONValue) throws {
        let themes = try (j["newThemes"]?.arrayValue ?? []).map { t -> NewTheme in
            let r = FieldReader(t)
            return NewTheme(id: try r.string("id"), label: try r.string("label"))
        }
        let moves = try (j["moves"]?.arrayValue ?? []).map { m -> RegroupMove in
            let r = FieldReader(m)
            return RegroupMove(note: try r.string("note"), from: try r.optionalString("from"), to: try r.optionalString("to"))
        }
        let r = FieldReader(j)
        // Absent in logs written before requests were recorded: an automatic proposal.
        let requested: ProposalRequest?
        switch try r.optionalString("requested") {
        case nil: requested = nil
        case "regroup": requested = .regroup
        case "split": requested = .split(theme: try r.string("theme"))
        default: throw EventDecodingError(description: "unknown proposal request")
        }
        self.init(newThemes: themes, moves: moves, removedThemes: try r.stringList("removedThemes"), requested: requested)
    }
}

extension RemovedTheme {
    /// As stored: `{"id", "label", "position", "after"}` (`after` absent when it was first,
    /// and in logs written before it was kept).
    var storageJSON: JSONValue {
        var pairs: [(String, JSONValue)] = [("id", .string(id)), ("label", .string(label)), ("position", .int(Int64(position)))]
        if let after { pairs.append(("after", .string(after))) }
        return .object(pairs)
    }

    init(storage j: JSONValue) throws {
        let r = FieldReader(j)
        self.init(id: try r.string("id"), label: try r.string("label"), position: Int(try r.int("position")), after: try r.optionalString("after"))
    }
}

extension ThemeTitle {
    /// As stored: `{"theme", "label"}`.
    var storageJSON: JSONValue { .object([("theme", .string(theme)), ("label", .string(label))]) }

    init(storage j: JSONValue) throws {
        let r = FieldReader(j)
        self.init(theme: try r.string("theme"), label: try r.string("label"))
    }
}
