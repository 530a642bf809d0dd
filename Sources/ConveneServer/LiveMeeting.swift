import ConveneCore

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

    static let replayWindow = 5000

    init(state: MeetingState) {
        speculative = state
        committed = state
    }

    var id: String { committed.info.id }
}
