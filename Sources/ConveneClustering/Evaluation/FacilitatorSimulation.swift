/// A simulated facilitator correcting a live wall until it matches their grouping: the
/// engine places the notes one by one as the server would (every proposal applied), then
/// the facilitator repeatedly takes the single action — move a note to the theme holding
/// most of its group, or merge two themes — that most reduces the remaining work
/// (`FacilitatorActions`). After each action the engine learns and re-places what it may:
/// unsorted notes silently; a proposal for seen notes, which the facilitator applies (one
/// more action) only when it reduces the remaining work.
public struct FacilitatorSimulation {
    public struct Outcome: Sendable {
        public var notes: Int
        /// Actions the facilitator took with the engine's help (applied proposals included).
        public var actions: Int
        /// The minimum with no help from the engine, on the wall as the engine left it.
        public var staticActions: Int
        public var proposalsApplied: Int
    }

    public static func run(texts: [String], vectors: [[Float]], truth: [String], engine: MeetingGrouping) -> Outcome {
        var sim = EpisodeSimulation(engine: engine)
        for i in texts.indices { sim.add(id: "\(i)", text: texts[i], vector: vectors[i]) }
        var wall = sim.wall
        let truthOf = Dictionary(uniqueKeysWithValues: texts.indices.map { ("\($0)", truth[$0]) })
        func remaining(_ w: Wall) -> Int { FacilitatorActions.minimum(truth: w.notes.map { truthOf[$0.id]! }, wall: w.notes.map(\.theme)) }
        let staticActions = remaining(wall)
        var cost = staticActions, actions = 0, applied = 0, handThemes = 0
        let limit = texts.count * 3
        while cost > 0 && actions < limit {
            var best: (cost: Int, wall: Wall)?
            for candidate in candidates(wall, truthOf: truthOf, nextHandTheme: "F\(handThemes + 1)") {
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
        return Outcome(notes: truth.filter { $0 != "unsorted" }.count, actions: actions, staticActions: staticActions,
                       proposalsApplied: applied)
    }

    /// Every single action the facilitator could take next, each as the wall after it.
    static func candidates(_ wall: Wall, truthOf: [String: String], nextHandTheme: String) -> [Wall] {
        var out: [Wall] = []
        // The theme holding most of each group.
        var counts: [String: [String: Int]] = [:]
        for n in wall.notes { if let t = n.theme { counts[truthOf[n.id]!, default: [:]][t, default: 0] += 1 } }
        let home = counts.mapValues { row in row.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key }
        for n in wall.notes {
            let group = truthOf[n.id]!
            guard group != "unsorted" else { continue }
            if let target = home[group] {
                guard target != n.theme else { continue }
                var w = wall
                w.moveByHand(n.id, to: target)
                out.append(w)
            } else {
                // No theme holds any of its group yet: the facilitator starts one.
                var w = wall
                w.themes.append(WallTheme(id: nextHandTheme, label: "New theme", labelByHand: true))
                w.moveByHand(n.id, to: nextHandTheme)
                out.append(w)
            }
        }
        let ids = wall.themes.map(\.id)
        for i in ids.indices { for j in ids.indices where i != j && i < j {
            var w = wall
            w.mergeByHand(ids[j], into: ids[i])
            out.append(w)
        } }
        return out
    }
}
