import ConveneCore
import ConveneJSON

/// A meeting being served: its state, its connections and what is on its way to disk.
@MainActor
final class LiveMeeting {
    /// Includes events accepted but not yet durable; commands are validated against it so
    /// that a burst of commands sees its own effects.
    var speculative: MeetingState
    /// Only durable events: what snapshots and broadcasts show.
    var committed: MeetingState
    var connections: [UInt64: Connection] = [:]
    /// Accepted, handed to the writer, not yet durable — in sequence order.
    var pending: [StoredEvent] = []
    /// The latest durable events as sent to each audience, for clients that reconnect.
    var recent: [(seq: Int64, everyone: [UInt8], console: [UInt8])] = []
    /// Acknowledgements to send once the meeting's durable sequence reaches `seq`.
    var waitingAcks: [(seq: Int64, connection: UInt64, message: [UInt8])] = []
    /// A write failed: refuse commands until the writer confirms the queue is flushed.
    var recovering = false
    /// Sentence vectors of the notes (embeddings, or lexical features without the model).
    var vectors: [String: [Float]] = [:]
    /// Label candidates of each note's text, computed once per text.
    var terms: [String: (text: String, terms: [String: String])] = [:]
    /// Notes with a vector that wait to be placed, per kind, in arrival order.
    var awaitingPlacement: [NoteKind: [String]] = [:]
    /// Kinds with a placement job on the clustering thread (at most one each).
    var placing: Set<NoteKind> = []
    /// Kinds whose waiting notes will be sent for placing when a short wait is over.
    var placementTimers: Set<NoteKind> = []
    /// Bumped by every event that changes a wall of that kind (a theme, a note's theme,
    /// a note hidden, edited or withdrawn): a placement computed on an older wall is redone.
    var wallVersion: [NoteKind: Int] = [:]

    static let replayWindow = 5000
    /// Most events replayed to one reconnecting client; further behind, a snapshot is
    /// smaller (and shared). Well under `Connection.maxQueuedMessages`.
    static let replayLimit: Int64 = 1000

    /// The snapshot of `committed` per audience, serialized once per sequence number: a
    /// room of phones reconnecting together after a Wi-Fi drop shares one copy.
    private var snapshots: [Bool: (seq: Int64, bytes: [UInt8])] = [:]

    /// Rebuilds a meeting from its log, with the replay window filled as if the server had
    /// never stopped: phones reconnecting after a restart get what they missed, not a
    /// whole snapshot each.
    init?(events: [StoredEvent]) {
        guard let first = events.first, var state = MeetingState.replay([first]) else { return nil }
        let windowStart = events.count - Self.replayWindow
        for (i, event) in events.enumerated() {
            if i > 0 { state.apply(event) }
            if i >= windowStart {
                recent.append((event.seq, ServerMessages.event(seq: event.seq, view: state.eventView(event, for: .everyone)),
                               ServerMessages.event(seq: event.seq, view: state.eventView(event, for: .console))))
            }
        }
        speculative = state
        committed = state
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
