import ConveneCore

/// The latest durable events of a meeting as each audience was sent them, for clients that
/// reconnect: a phone back from a Wi-Fi drop gets what it missed instead of a whole snapshot,
/// when the window still holds all of it, it is short, and replaying it shows nothing the
/// phone may no longer see.
struct ReplayWindow {
    /// Most events replayed to one reconnecting client; further behind, a snapshot is
    /// smaller (and shared). Well under `Connection.maxQueuedMessages`.
    static let limit: Int64 = 1000
    /// Events kept (a little more between trims: the window is trimmed in steps).
    static let capacity = 1000

    private(set) var entries: [ReplayEntry] = []

    /// Keeps one more durable event (sequence numbers follow each other).
    mutating func append(_ entry: ReplayEntry) {
        entries.append(entry)
        if entries.count > Self.capacity + 500 { entries.removeFirst(entries.count - Self.capacity) }
    }

    /// The entries after `since` for a client that knows the meeting up to there, when the
    /// window holds all of them and there are at most `limit`; nil: send a snapshot.
    func missed(since: Int64, upTo seq: Int64) -> ArraySlice<ReplayEntry>? {
        guard since > 0, since <= seq else { return nil }
        if since == seq { return entries[entries.endIndex...] }
        guard let first = entries.first?.seq, since + 1 >= first, seq - since <= Self.limit else { return nil }
        return entries[(entries.startIndex + Int(since + 1 - first))...]
    }

    /// Whether replaying these entries to an audience shows only what it may see now: no
    /// text of a note since withdrawn, hidden (from phones and the wall), or edited (the
    /// superseded text). Otherwise the client gets a snapshot, built from the state as it is.
    static func isCurrent(_ entries: ArraySlice<ReplayEntry>, for audience: Audience, in state: MeetingState) -> Bool {
        entries.allSatisfy { entry in
            guard let (id, text) = entry.reveals else { return true }
            guard let note = state.notes[id] else { return false }
            return !note.withdrawn && note.text == text && (audience == .console || !note.hidden)
        }
    }

    /// The note text an event showed when it was sent, if any: replaying it later is only
    /// safe while the note still reads so and may still be seen (see `isCurrent`).
    static func revealedText(_ event: StoredEvent, in state: MeetingState) -> (note: String, text: String)? {
        switch event.event {
        case let .notePosted(id, _, text, _, _), let .noteEdited(id, text): return (id, text)
        case let .noteHidden(id, false): return state.notes[id].map { (id, $0.text) }
        default: return nil
        }
    }
}

/// One durable event as each audience was sent it, kept for replays.
struct ReplayEntry {
    var seq: Int64
    var everyone: [UInt8]
    var console: [UInt8]
    /// The note text the event carried, checked against the state before it is replayed.
    var reveals: (note: String, text: String)?

    /// The event as this audience is sent it (consoles see more than phones and the wall).
    func message(for audience: Audience) -> [UInt8] { audience == .console ? console : everyone }
}
