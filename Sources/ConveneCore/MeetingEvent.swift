/// Everything that ever happens to a meeting, as stored in the event log. The state is
/// the fold of these events; the log is the truth.
public enum MeetingEvent: Equatable, Sendable {
    case meetingCreated(MeetingInfo, MeetingSettings)
    case meetingUpdated(MeetingInfo, MeetingSettings)
    case participantJoined(Participant)
    case phaseChanged(Phase)
    case notePosted(id: String, kind: NoteKind, text: String, author: String?, scribed: Scribed?)
    case noteEdited(note: String, text: String)
    case noteWithdrawn(note: String)
    case noteHidden(note: String, hidden: Bool)
    case themeCreated(id: String, kind: NoteKind, label: String, byHand: Bool)
    case themeRenamed(theme: String, label: String, byHand: Bool)
    /// `theme` nil puts the note back in the unsorted bucket.
    case noteMoved(note: String, theme: String?, byHand: Bool)
    case themesMerged(from: String, into: String)
    case themeSplit(theme: String, newTheme: String, label: String, notes: [String])
    case themeLocked(theme: String, locked: Bool)
    case championSigned(participant: String, theme: String)
    case championWithdrawn(participant: String, theme: String)
    case nominated(Nomination)
    case nominationWithdrawn(id: String)
    case nextStepsSet(NextSteps)
    /// A regrouping the facilitator asked for: the note moves that follow it, kept so the
    /// regrouping can be undone in one step.
    case regroupRecorded(kind: NoteKind, moves: [RegroupMove])
    case regroupUndone(kind: NoteKind)
    /// The facilitator sent the summary to these addresses (one message each).
    case summarySendStarted(send: String, recipients: [String])
    case summaryDelivered(send: String, email: String)
    case summaryFailed(send: String, email: String, reason: String)

    public var type: String {
        switch self {
        case .meetingCreated: return "meetingCreated"
        case .meetingUpdated: return "meetingUpdated"
        case .participantJoined: return "participantJoined"
        case .phaseChanged: return "phaseChanged"
        case .notePosted: return "notePosted"
        case .noteEdited: return "noteEdited"
        case .noteWithdrawn: return "noteWithdrawn"
        case .noteHidden: return "noteHidden"
        case .themeCreated: return "themeCreated"
        case .themeRenamed: return "themeRenamed"
        case .noteMoved: return "noteMoved"
        case .themesMerged: return "themesMerged"
        case .themeSplit: return "themeSplit"
        case .themeLocked: return "themeLocked"
        case .championSigned: return "championSigned"
        case .championWithdrawn: return "championWithdrawn"
        case .nominated: return "nominated"
        case .nominationWithdrawn: return "nominationWithdrawn"
        case .nextStepsSet: return "nextStepsSet"
        case .regroupRecorded: return "regroupRecorded"
        case .regroupUndone: return "regroupUndone"
        case .summarySendStarted: return "summarySendStarted"
        case .summaryDelivered: return "summaryDelivered"
        case .summaryFailed: return "summaryFailed"
        }
    }
}

public struct RegroupMove: Equatable, Sendable {
    public var note: String
    public var from: String?
    public var to: String?
    public init(note: String, from: String?, to: String?) { self.note = note; self.from = from; self.to = to }
}

/// An event with its place in the meeting's log and the server time it was accepted.
public struct StoredEvent: Equatable, Sendable {
    public var meeting: String
    public var seq: Int64
    public var at: Int64
    public var event: MeetingEvent
    public init(meeting: String, seq: Int64, at: Int64, event: MeetingEvent) {
        self.meeting = meeting; self.seq = seq; self.at = at; self.event = event
    }
}
