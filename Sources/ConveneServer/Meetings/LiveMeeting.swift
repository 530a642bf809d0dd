import ConveneCore
import ConveneClustering
import ConveneJSON

/// A meeting being served: its state, its connections and what is on its way to disk.
@MainActor
final class LiveMeeting {
    /// Includes events accepted but not yet durable; commands are validated against it so
    /// that a burst of commands sees its own effects.
    var speculative: MeetingState
    /// Only durable events: what snapshots and broadcasts show.
    var committed: MeetingState
    var connections: [UInt64: any MeetingClient] = [:]
    /// Accepted, handed to the writer, not yet durable — in sequence order.
    var pending: [StoredEvent] = []
    /// The latest durable events as sent to each audience, for clients that reconnect.
    var replay = ReplayWindow()
    /// Acknowledgements to send once the meeting's durable sequence reaches `seq`.
    var waitingAcks: [(seq: Int64, connection: UInt64, message: [UInt8])] = []
    /// A write failed: refuse commands until the writer confirms the queue is flushed.
    var recovering = false
    /// Failed saves in a row (reset by the next successful one): automatic work backs off.
    var storageFailures = 0
    /// Sentence vectors of the notes (embeddings, or lexical features without the model).
    var vectors: [String: [Float]] = [:]
    /// The English the model read for notes typed in Spanish (Apertium's), by note: the
    /// console's advice shows it to the facilitator. Never stored: a restart embeds again.
    var readings: [String: NoteReading] = [:]
    /// Each note's words as the grouping reads them, computed once per text.
    var words: [String: (text: String, words: NoteWords)] = [:]
    /// Vectors of the labels the facilitator gave themes (seeds of empty themes), with the
    /// label they were computed from.
    var labelVectors: [String: (label: String, vector: [Float])] = [:]
    /// Notes with a vector that wait to be placed, per kind, in arrival order.
    var awaitingPlacement: [NoteKind: [String]] = [:]
    /// Themes to title again by meaning on the clustering thread (those an applied proposal
    /// changed), per kind: sent with the next placement job, or alone.
    var retitleWanted: [NoteKind: Set<String>] = [:]
    /// Kinds whose wanted titles come only from corrections by hand (`retitle(quiet:)`), and
    /// kinds whose job on the clustering thread is such a pass alone: its answer owes no
    /// settling pass (that would be the room's, 15 s, and rewrite titles nobody touched).
    var quietRetitle: Set<NoteKind> = []
    var quietJob: Set<NoteKind> = []
    /// Kinds with a placement job on the clustering thread (at most one each).
    var placing: Set<NoteKind> = []
    /// Kinds whose waiting notes will be sent for placing when a short wait is over.
    var placementTimers: Set<NoteKind> = []
    /// Placement passes of a kind thrown away in a row because the wall changed meanwhile.
    var placementRejections: [NoteKind: Int] = [:]
    /// Per kind, the moves of seen notes the last automatic regrouping wanted: the next one
    /// proposes only those it wants too (a steady proposal, `WantedMoves`).
    var wantedMoves: [NoteKind: WantedMoves] = [:]
    /// Kinds whose wall the room has paused on: the next pass regroups it with nothing held back.
    var settling: Set<NoteKind> = []
    /// Of those, the walls the room itself has paused on (not only the facilitator after a
    /// correction): their settling pass also looks at every automatic title again.
    var roomPaused: Set<NoteKind> = []
    /// The titles of the themes an applied proposal opened, as it showed them: the facilitator
    /// accepted them with Apply, so the room's pause does not look at them again (a
    /// walk-through's "Storm drills & procurement" became "Joint procurement & storm crew"
    /// 15 s after Apply, and the facilitator's rename of it missed). They are still written
    /// again when they no longer fit their notes or the theme outgrows them. Kept while the
    /// server runs: after a restart the pause may look at them once more.
    var acceptedTitles: [NoteKind: [String: String]] = [:]
    /// Walls that owe a settling pass once they have been left alone this many seconds (the
    /// room's pause, or the facilitator's after a correction): every change re-arms the wait,
    /// and only a settling pass on the wall as it then is pays the debt.
    var settleOwed: [NoteKind: Double] = [:]
    /// Bumped by every event that changes a wall of that kind (a theme, a note's theme,
    /// a note hidden, edited or withdrawn): a placement computed on an older wall is redone.
    var wallVersion: [NoteKind: Int] = [:]

    /// The snapshot of `committed` per audience, serialized once per sequence number: a
    /// room of phones reconnecting together after a Wi-Fi drop shares one copy.
    private var snapshots: [Bool: (seq: Int64, bytes: [UInt8])] = [:]

    /// Rebuilds a meeting from its log, with the replay window filled as if the server had
    /// never stopped: phones reconnecting after a restart get what they missed, not a
    /// whole snapshot each.
    init?(events: [StoredEvent]) {
        guard let first = events.first, var state = MeetingState.replay([first]) else { return nil }
        let windowStart = events.count - ReplayWindow.capacity
        for (i, event) in events.enumerated() {
            if i > 0 { state.apply(event) }
            if i >= windowStart {
                let (everyone, console) = Self.eventMessages(event, in: state)
                replay.append(ReplayEntry(seq: event.seq, everyone: everyone, console: console,
                                          reveals: ReplayWindow.revealedText(event, in: state)))
            }
        }
        speculative = state
        committed = state
    }

    /// An event as sent to phones and the wall, and to consoles: one shared buffer when the
    /// two views are the same (most events), so the replay window holds one copy.
    static func eventMessages(_ event: StoredEvent, in state: MeetingState) -> (everyone: [UInt8], console: [UInt8]) {
        let everyoneView = state.eventView(event, for: .everyone)
        let consoleView = state.eventView(event, for: .console)
        let everyone = ServerMessages.event(seq: event.seq, view: everyoneView)
        return (everyone, consoleView == everyoneView ? everyone : ServerMessages.event(seq: event.seq, view: consoleView))
    }

    func snapshot(for audience: Audience) -> [UInt8] {
        let key = audience == .console
        if let cached = snapshots[key], cached.seq == committed.seq { return cached.bytes }
        let bytes = JSONCodec.serialize(committed.snapshot(for: audience))
        snapshots[key] = (committed.seq, bytes)
        return bytes
    }

    var id: String { committed.info.id }
}

/// What the model read for a note typed in Spanish: its English (Apertium's), with the text
/// it was read from, so an edited note never shows the English of its old words.
struct NoteReading: Sendable, Equatable {
    var typed: String
    var english: String
}
