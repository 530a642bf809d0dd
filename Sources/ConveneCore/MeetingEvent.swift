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
    /// Two records of one person became one (`from` is gone; its phone goes on as `into`).
    case participantsMerged(from: String, into: String)
    /// A record removed by the facilitator; `keepNotes`: its notes stay, attributed by name.
    case participantRemoved(participant: String, keepNotes: Bool)
    /// The facilitator corrected how a record's name or organization is written.
    case participantRenamed(participant: String, name: String, organization: String)
    /// The facilitator removed a theme that held no note.
    case themeDeleted(theme: String)
    /// The wall shows this theme alone (nil: the whole board again).
    case spotlightSet(theme: String?)
    /// How to join is on the wall in large (or no longer); a phase change also ends it.
    case joinShown(shown: Bool)
    case championSigned(participant: String, theme: String)
    case championWithdrawn(participant: String, theme: String)
    case nominated(Nomination)
    case nominationWithdrawn(id: String)
    case nextStepsSet(NextSteps)
    /// A regrouping the facilitator asked for: the note moves that follow it, kept so the
    /// regrouping can be undone in one step. `byHand`: the moves are the facilitator's own
    /// placements (an applied split by meaning), so the notes are pinned where they went.
    /// `removed`: the automatic themes it emptied (they leave the wall), kept so that undo
    /// can put them back with their notes. `titles`: the automatic titles of the themes its
    /// moves left or went to, as they stood before it — the titles it made wrong are written
    /// again afterwards, and undo gives back the ones the room had seen.
    case regroupRecorded(kind: NoteKind, moves: [RegroupMove], byHand: Bool = false, removed: [RemovedTheme] = [], titles: [ThemeTitle] = [])
    /// The last merge of `kind` undone: its theme is back (`themeRestored` and the moves
    /// before this event); `released`: notes the merge had pinned that were not placed by hand
    /// before it, free again.
    case mergeUndone(kind: NoteKind, theme: String, released: [String])
    /// An automatic theme an undone regrouping had emptied, back on the wall where it stood
    /// (`position` in the order of all themes), before its notes move back into it.
    case themeRestored(RemovedTheme, kind: NoteKind)
    /// The last regrouping undone; `released`: notes it had pinned, now free again (back in
    /// the theme they came from, no longer counter-examples of it).
    case regroupUndone(kind: NoteKind, released: [String] = [])
    /// The clustering placed notes that arrived (and may have opened, regrouped or
    /// relabelled themes): one event for everything one placement pass decided, so a burst
    /// of notes costs the screens one message per pass, not one per note and label.
    case grouped(kind: NoteKind, changes: [GroupingChange])
    /// The clustering would regroup notes people have already seen: a proposal for the
    /// facilitator (console only), replacing any earlier one of that kind.
    case proposalOffered(kind: NoteKind, proposal: ThemeProposal)
    /// The facilitator applied (the moves follow as events) or dismissed the proposal.
    /// `supersededByRegroup`: the facilitator's own regroup replaced it (not a dismissal:
    /// nothing is remembered as kept in place).
    case proposalResolved(kind: NoteKind, applied: Bool, supersededByRegroup: Bool = false)
    /// "Leave out": these notes' moves leave the standing proposal of `kind` (dismissed, as
    /// by `proposalResolved` for the whole of it); the rest of it stands. `titles`: the
    /// proposal's new themes whose titles named what the notes left out said, titled again
    /// for the notes still going to them (so "Apply" opens them under the title previewed).
    /// `holding` false: the notes were hidden, not left out — nothing is held where it is
    /// (a note shown again is placed like a new one), the moves only leave the proposal.
    case proposalMovesDismissed(kind: NoteKind, notes: [String], titles: [ThemeTitle] = [], holding: Bool = true)
    /// The facilitator sent the summary to these addresses (one message each).
    case summarySendStarted(send: String, recipients: [String], appendix: Bool)
    /// The facilitator's words for the summary: its opening paragraph, a theme's sentence,
    /// a note's corrected text (nil: back to the default / the suggestion / the author's text).
    case openingSet(text: String?)
    case synthesisSet(theme: String, text: String?)
    case noteCorrected(note: String, text: String?)
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
        case .grouped: return "grouped"
        case .proposalOffered: return "proposalOffered"
        case .proposalResolved: return "proposalResolved"
        case .proposalMovesDismissed: return "proposalMovesDismissed"
        case .themesMerged: return "themesMerged"
        case .themeSplit: return "themeSplit"
        case .themeLocked: return "themeLocked"
        case .participantsMerged: return "participantsMerged"
        case .participantRemoved: return "participantRemoved"
        case .participantRenamed: return "participantRenamed"
        case .themeDeleted: return "themeDeleted"
        case .spotlightSet: return "spotlightSet"
        case .joinShown: return "joinShown"
        case .championSigned: return "championSigned"
        case .championWithdrawn: return "championWithdrawn"
        case .nominated: return "nominated"
        case .nominationWithdrawn: return "nominationWithdrawn"
        case .nextStepsSet: return "nextStepsSet"
        case .regroupRecorded: return "regroupRecorded"
        case .regroupUndone: return "regroupUndone"
        case .mergeUndone: return "mergeUndone"
        case .themeRestored: return "themeRestored"
        case .summarySendStarted: return "summarySendStarted"
        case .openingSet: return "openingSet"
        case .synthesisSet: return "synthesisSet"
        case .noteCorrected: return "noteCorrected"
        case .summaryDelivered: return "summaryDelivered"
        case .summaryFailed: return "summaryFailed"
        }
    }
}

/// One decision of the automatic clustering, in the order it was made.
public enum GroupingChange: Equatable, Sendable {
    /// A new theme (of the event's kind) with an automatic label.
    case createTheme(id: String, label: String)
    /// A note placed in a theme, or (theme nil) left unsorted — a decision too, so a restart
    /// does not place it again.
    case move(note: String, theme: String?)
    /// A theme's automatic label changed.
    case relabel(theme: String, label: String)
    /// An automatic theme that lost its last note leaves the wall.
    case removeTheme(id: String)
}

/// A regrouping the clustering proposes: new themes (ids provisional, `p1`, `p2`, … — real
/// ids are given when it is applied), note moves, and automatic themes it would leave empty.
public struct ThemeProposal: Equatable, Sendable {
    public struct NewTheme: Equatable, Sendable {
        public var id: String
        public var label: String
        public init(id: String, label: String) { self.id = id; self.label = label }
    }
    public var newThemes: [NewTheme]
    public var moves: [RegroupMove]
    public var removedThemes: [String]
    /// Nil: the clustering offered it on its own. Otherwise the facilitator asked for it, and
    /// it stands until they apply or dismiss it (`MeetingState.requestStands`).
    public var requested: ProposalRequest?
    /// The sequence number of the event that offered it (set when the event is applied; 0
    /// in the event itself): the console names the proposal it shows by it, so that "Apply"
    /// pressed on one that was replaced a moment before is refused, not carried out unseen.
    public var offered: Int64 = 0
    public init(newThemes: [NewTheme] = [], moves: [RegroupMove] = [], removedThemes: [String] = [],
                requested: ProposalRequest? = nil) {
        self.newThemes = newThemes; self.moves = moves; self.removedThemes = removedThemes; self.requested = requested
    }

    /// The proposal without the moves `dropped` picks, and without the new themes no move
    /// goes to any more (what a Leave out leaves, and what Apply would still open).
    func dropping(movesWhere dropped: (RegroupMove) -> Bool) -> ThemeProposal {
        var p = self
        p.moves.removeAll(where: dropped)
        let targets = Set(p.moves.compactMap(\.to))
        p.newThemes.removeAll { !targets.contains($0.id) }
        return p
    }

    /// True when `other` offers the same thing (whenever it was offered): the grouping does not
    /// offer again what the console already shows — a new offer would change the proposal's
    /// name under the facilitator's hand for nothing.
    public func offersTheSame(as other: ThemeProposal) -> Bool {
        offered(at: other.offered) == other
    }

    /// This proposal as offered by the event of sequence number `seq`.
    public func offered(at seq: Int64) -> ThemeProposal {
        var named = self
        named.offered = seq
        return named
    }
}

/// What the facilitator asked for when a proposal came from the console.
public enum ProposalRequest: Equatable, Sendable {
    /// "Regroup these notes": the whole wall of a kind.
    case regroup
    /// "Split" on one theme: applied, its moves are the facilitator's own split.
    case split(theme: String)
}

/// A theme's automatic title as it stood before a regrouping (`regroupRecorded`).
public struct ThemeTitle: Equatable, Sendable {
    public var theme: String
    public var label: String
    public init(theme: String, label: String) { self.theme = theme; self.label = label }
}

/// An automatic theme a regrouping emptied, as it stood: what undo needs to put it back.
public struct RemovedTheme: Equatable, Sendable {
    public var id: String
    public var label: String
    /// Its place in the order of all themes (`MeetingState.themeOrder`) when it was removed.
    public var position: Int
    /// The theme just before it then (nil: it was first): it goes back after that one, so
    /// that themes merged or deleted meanwhile do not shift it a column (logs written
    /// before this field have only the position).
    public var after: String?
    public init(id: String, label: String, position: Int, after: String? = nil) {
        self.id = id; self.label = label; self.position = position; self.after = after
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
