/// A simulated facilitator correcting a live wall until it matches their grouping: the
/// engine places the notes one by one as the server would (every proposal applied), then
/// the facilitator repeatedly takes the single action — move a note to the theme holding
/// most of its group, or merge two themes — that most reduces the remaining work
/// (`FacilitatorActions`). After each action the engine learns and re-places what it may:
/// unsorted notes silently; a proposal for seen notes, which the facilitator applies (one
/// more action) only when it reduces the remaining work.
/// The facilitator may also split a column by meaning when asked (`splits`).
public struct FacilitatorSimulation {
    public struct Outcome: Sendable {
        public var notes: Int
        /// Actions the facilitator took with the engine's help (applied proposals included).
        public var actions: Int
        /// The minimum with no help from the engine, on the wall as the engine left it.
        public var staticActions: Int
        public var proposalsApplied: Int
        /// Work left when the facilitator stopped: 0 when the wall matches their grouping.
        public var left: Int
        /// The wall as the facilitator left it.
        public var wall: Wall
    }

    /// `splits`: the facilitator may also ask the engine to split a column by meaning (the
    /// console's "Split by meaning", `MeetingGrouping.splitProposal`) and apply it, one action.
    /// The simulation has moves and merges only: the default.
    public static func run(texts: [String], vectors: [[Float]], truth: [String], engine: MeetingGrouping,
                           splits: Bool = false) -> Outcome {
        var sim = EpisodeSimulation(engine: engine)
        for i in texts.indices { sim.add(id: "\(i)", text: texts[i], vector: vectors[i]) }
        sim.settle()   // the facilitator corrects once the room has paused
        return correct(sim.wall, truthOf: Dictionary(uniqueKeysWithValues: texts.indices.map { ("\($0)", truth[$0]) }), engine: engine,
                       splits: splits)
    }

    /// The facilitator corrects `wall` until it matches `truthOf` (each note's group by id;
    /// `"unsorted"`: parked), the engine learning after every action.
    public static func correct(_ wall: Wall, truthOf: [String: String], engine: MeetingGrouping, splits: Bool = false) -> Outcome {
        var wall = wall
        func remaining(_ w: Wall) -> Int { FacilitatorActions.minimum(truth: w.notes.map { truthOf[$0.id]! }, wall: w.notes.map(\.theme)) }
        let staticActions = remaining(wall)
        var cost = staticActions, actions = 0, applied = 0, handThemes = 0
        let limit = wall.notes.count * 3
        while cost > 0 && actions < limit {
            var best: (cost: Int, wall: Wall)?
            for candidate in candidates(wall, truthOf: truthOf, nextHandTheme: "F\(handThemes + 1)", splitting: splits ? engine : nil,
                                         splitPrefix: "S\(actions)") {
                let c = remaining(candidate)
                if c < (best?.cost ?? cost) { best = (c, candidate) }
            }
            guard let chosen = best else { break }
            wall = chosen.wall
            if wall.themes.contains(where: { $0.id == "F\(handThemes + 1)" }) { handThemes += 1 }
            actions += 1
            cost = chosen.cost
            // The engine learns from the correction.
            let step = engine.afterCorrection(wall)
            wall.apply(step.changes)
            if let proposal = step.proposal {
                var after = wall
                after.apply(proposal.changes)
                if remaining(after) < remaining(wall) { wall = after; actions += 1; applied += 1 }
            }
            wall.apply(engine.removingEmptyThemes(wall))
            cost = remaining(wall)
        }
        return Outcome(notes: wall.notes.filter { truthOf[$0.id] != "unsorted" }.count, actions: actions, staticActions: staticActions,
                       proposalsApplied: applied, left: cost, wall: wall)
    }

    /// Every single action the facilitator could take next, each as the wall after it: move a
    /// note to the theme holding most of its group, or to the theme its group is given in the
    /// cheapest matching of the wall to the facilitator's grouping (`FacilitatorActions`), or
    /// start a theme for a group no theme is given to; or merge two themes.
    ///
    /// The last two matter when a group's notes are spread over themes that belong to other
    /// groups: moving a note to the theme holding most of its group then leaves the work as it
    /// was, and a facilitator who only had that move stopped with notes still misplaced (on
    /// the 14 meeting walls, 29 of the 130 actions the walls needed were never taken).
    /// `splitPrefix`: new to each action, so that a split's theme id is one no theme has had.
    static func candidates(_ wall: Wall, truthOf: [String: String], nextHandTheme: String, splitting: MeetingGrouping? = nil,
                           splitPrefix: String = "S") -> [Wall] {
        var out: [Wall] = []
        var counts: [String: [String: Int]] = [:]
        for n in wall.notes { if let t = n.theme { counts[truthOf[n.id]!, default: [:]][t, default: 0] += 1 } }
        let home = counts.mapValues { row in row.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key }
        // The theme each group is given in the cheapest matching (the one holding most of the
        // group when the matching gives it several).
        let (_, groupOf) = FacilitatorActions.assignment(truth: wall.notes.map { truthOf[$0.id]! }, wall: wall.notes.map(\.theme))
        var given: [String: String] = [:]
        for (theme, group) in groupOf.sorted(by: { $0.key < $1.key }) {
            let held = counts[group]?[theme] ?? 0
            if let current = given[group], (counts[group]?[current] ?? 0) >= held { continue }
            given[group] = theme
        }
        for n in wall.notes {
            let group = truthOf[n.id]!
            guard group != "unsorted" else { continue }
            var targets: [String] = []
            if let h = home[group] { targets.append(h) }
            if let g = given[group], !targets.contains(g) { targets.append(g) }
            for target in targets where target != n.theme {
                var w = wall
                w.moveByHand(n.id, to: target)
                out.append(w)
            }
            if given[group] == nil {
                // No theme is given to its group: the facilitator starts one.
                var w = wall
                w.themes.append(WallTheme(id: nextHandTheme, label: "New theme", labelByHand: true))
                w.moveByHand(n.id, to: nextHandTheme)
                out.append(w)
            }
        }
        let ids = wall.themes.map(\.id)
        if let engine = splitting {
            // Ask the engine to split a column, and apply what it offers: as on the server, the
            // applied split is the facilitator's own, its notes pinned where it put them.
            for id in ids {
                guard let proposal = engine.splitProposal(id, on: wall, newThemeId: { "\(splitPrefix)-\(id)" }) else { continue }
                var w = wall
                w.apply(proposal.newThemes.map { .createTheme(id: $0.id, label: $0.label) })
                for m in proposal.moves { w.moveByHand(m.note, to: m.to) }
                out.append(w)
            }
        }
        for i in ids.indices { for j in ids.indices where i != j && i < j {
            var w = wall
            w.mergeByHand(ids[j], into: ids[i])
            out.append(w)
        } }
        return out
    }
}
