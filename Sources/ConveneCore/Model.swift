/// The state of one launch meeting: a fold of its events (see `MeetingState.apply`).

public struct MeetingInfo: Equatable, Sendable {
    public var id: String
    public var title: String
    public var industry: String
    public var region: String
    /// Meeting date as typed by the convener, ISO "YYYY-MM-DD" (validated).
    public var date: String?
    public var place: String?
    public var chairs: [String]
    /// Six characters from an unambiguous alphabet, typed by people on their phones.
    public var joinCode: String
    /// The facilitator's secret; whoever holds it runs the console.
    public var facilitatorKey: String
}

public struct MeetingSettings: Equatable, Sendable {
    /// By default only employers post notes; this lets community partners post too.
    public var everyoneMayPost = false
    /// How many themes the clustering aims for (the workbook ends with 4–5).
    public var targetThemes = 5
    /// The facilitator may close joining (everyone is in) and cap how many may join.
    public var joiningOpen = true
    public var participantLimit = Limits.participantsPerMeeting
    /// Minutes per phase.
    public var timeboxes: [Phase: Int] = Dictionary(uniqueKeysWithValues: Phase.allCases.map { ($0, $0.defaultMinutes) })
    public init() {}
}

public struct Participant: Equatable, Sendable {
    public var id: String
    public var name: String
    public var organization: String
    public var role: ParticipantRole
    public var email: String?
    /// Consent to receive the meeting summary by e-mail.
    public var consent: Bool
    /// What lets a phone that slept or reloaded come back as the same person: the digest of
    /// its resume token (`TokenDigest`), never the token itself.
    public var resumeToken: String
    public var joinedAt: Int64
    /// The language of their phone's pages when they joined ("es"; nil: English): their letter
    /// with the summary opens in it.
    public var language: String? = nil
}

/// Who wrote a note typed by the facilitator on someone's behalf (scribe mode).
public struct Scribed: Equatable, Sendable {
    public var name: String
    public var organization: String
    public var role: ParticipantRole

    public init(name: String, organization: String, role: ParticipantRole) {
        self.name = name; self.organization = organization; self.role = role
    }
}

public struct Note: Equatable, Sendable {
    public var id: String
    public var kind: NoteKind
    public var text: String
    /// The participant who posted it; nil when the facilitator typed it (see `scribed`).
    public var author: String?
    public var scribed: Scribed?
    public var theme: String?
    /// Placed by the facilitator's hand: the clustering must never move it again.
    public var placedByHand = false
    /// Themes the facilitator moved it out of: the clustering takes it as a counter-example.
    public var movedOutOf: [String] = []
    /// Someone (the clustering or the facilitator) has decided where it goes, even if that
    /// is "unsorted": a restart does not place it again.
    public var placed = false
    public var hidden = false
    public var withdrawn = false
    public var edited = false
    /// Edits so far (capped: one person could otherwise flood the log with edits).
    public var editCount = 0
    /// The facilitator's correction of the text for the summary (a typo, a translation);
    /// the author's text stays as written on phones and the wall.
    public var correctedText: String?
    public var postedAt: Int64
    /// Sequence number of the event that created it (to acknowledge retries only once durable).
    public var seq: Int64

    /// Still waiting for the clustering to give it a place (or to leave it unsorted): never
    /// placed, not moved by hand, still on the wall.
    public var awaitsPlace: Bool { !placed && theme == nil && !withdrawn && !hidden }
}

public struct Theme: Equatable, Sendable {
    public var id: String
    public var kind: NoteKind
    public var label: String
    /// A label the facilitator chose; automatic labelling never overrides it.
    public var labelByHand: Bool
    public var locked = false
    public var createdAt: Int64
    /// The facilitator's one-sentence synthesis for the summary (nil: not written yet, the
    /// summary uses a suggestion; "": no sentence).
    public var synthesis: String?
}

public struct ChampionSignup: Equatable, Hashable, Sendable {
    public var participant: String
    public var theme: String
}

public struct Nomination: Equatable, Sendable {
    public var id: String
    public var name: String
    public var organization: String
    public var contact: String?
    /// The strategy area they should join; nil for the partnership as a whole.
    public var theme: String?
    public var nominatedBy: String
    public var seq: Int64
}

public struct NextSteps: Equatable, Sendable {
    /// Champions' call, within 30 days ("YYYY-MM-DD" or "YYYY-MM-DDTHH:MM").
    public var championsCallDate: String?
    public var championsCallHost: String?
    /// Second sector partnership meeting, within 60 days.
    public var nextMeetingDate: String?
    public var other: String?
    public init() {}
}

/// One sending of the summary, and each recipient's outcome.
public struct Mailing: Equatable, Sendable {
    public enum Outcome: Equatable, Sendable {
        case pending
        case delivered
        case failed(String)
    }
    public var id: String
    public var recipients: [String]
    public var outcomes: [String: Outcome]
    public var startedAt: Int64
    /// Whether the messages carry the notes' appendix after the main summary.
    public var appendix = true
}

public struct MeetingState: Sendable {
    public var info: MeetingInfo
    public var settings = MeetingSettings()
    public var phase: Phase = .welcome
    public var phaseStartedAt: Int64
    public var participants: [String: Participant] = [:]
    public var participantOrder: [String] = []
    public var notes: [String: Note] = [:]
    public var noteOrder: [String] = []
    public var themes: [String: Theme] = [:]
    public var themeOrder: [String] = []
    public var champions: [ChampionSignup] = []
    public var nominations: [String: Nomination] = [:]
    public var nominationOrder: [String] = []
    public var nextSteps = NextSteps()
    public var mailings: [Mailing] = []
    /// The last regrouping of each kind, until it is undone.
    public var lastRegroup: [NoteKind: [RegroupMove]] = [:]
    /// Per kind, when the last regrouping was the facilitator's own split: the notes it pinned
    /// that no later hand has placed since (a move, merge or split by hand makes a note the
    /// facilitator's for good; undoing the split frees only the others).
    public var lastRegroupPinned: [NoteKind: Set<String>] = [:]
    /// Per kind, the automatic themes the last regrouping emptied, for undo to put back.
    public var lastRegroupRemoved: [NoteKind: [RemovedTheme]] = [:]
    /// Per kind, the automatic titles of the themes the last regrouping touched, as they stood
    /// before it: undo gives them back.
    public var lastRegroupTitles: [NoteKind: [ThemeTitle]] = [:]
    /// The last merge of each kind, until undone or replaced by the next one (`undoMerge`).
    public var lastMerge: [NoteKind: MergeRecord] = [:]
    /// The clustering's pending proposal of each kind, until applied or dismissed.
    public var proposals: [NoteKind: ThemeProposal] = [:]
    /// Notes the facilitator kept where they were by dismissing a proposal to move them:
    /// note id → the theme it was kept in. The engine does not propose moving such a note
    /// again while it stays there (a dismissed proposal must not come back with the next
    /// note); the entry goes when the note moves. Derived from the log, never sent.
    public var keptByDismissal: [String: String] = [:]
    /// Unsorted notes the facilitator left out of a proposal ("Leave out"): they stay in
    /// Unsorted — the grouping neither places nor proposes them — until a hand moves them (a
    /// walk-through's note left out of a move to a new theme landed there seconds after Apply).
    /// Derived from the log, never sent.
    public var heldUnsorted: Set<String> = []
    /// Resume tokens of records merged into another: the phone goes on as that participant.
    public var mergedTokens: [String: String] = [:]
    /// Records merged into another (id → the one they became), so a phone still attached
    /// as the old record acts as the new one.
    public var mergedParticipants: [String: String] = [:]
    /// The summary's opening paragraph as the facilitator wrote it (nil: the default one).
    public var summaryOpening: String?
    /// The theme the wall shows alone, if the facilitator spotlit one (cleared by a phase change).
    public var spotlight: String?
    /// How to join is on the wall in large, over what it shows (`showJoin`), until the phase changes.
    public var joinOnWall = false
    /// Lower-cased addresses that have received the summary: never sent to twice.
    public var deliveredEmails: Set<String> = []
    /// Sequence number of the last applied event.
    public var seq: Int64 = 0
    /// Counter for server-assigned ids (participants, themes).
    public var nextNumber = 1
    public var createdAt: Int64

    public init(info: MeetingInfo, createdAt: Int64) {
        self.info = info
        self.createdAt = createdAt
        self.phaseStartedAt = createdAt
    }

    public func participant(withToken token: String) -> Participant? {
        // Only a token this server issued can match: attendees added by the facilitator in
        // older logs hold the digest of the empty string.
        guard Identifiers.isSecretShaped(token) else { return nil }
        let digest = TokenDigest.of(token)
        if let p = participants.values.first(where: { constantTimeEquals($0.resumeToken, digest) }) { return p }
        return mergedTokens.first { constantTimeEquals($0.key, digest) }.flatMap { participants[$0.value] }
    }

    public func visibleNotes(kind: NoteKind? = nil) -> [Note] {
        noteOrder.compactMap { notes[$0] }.filter { !$0.withdrawn && (kind == nil || $0.kind == kind) }
    }

    public func orderedThemes(kind: NoteKind? = nil) -> [Theme] {
        themeOrder.compactMap { themes[$0] }.filter { kind == nil || $0.kind == kind }
    }

    public func champions(of theme: String) -> [Participant] {
        champions.filter { $0.theme == theme }.compactMap { participants[$0.participant] }
    }

    /// True while the room posts notes of `kind` (its phase is on): only then does the grouping
    /// offer proposals of its own for that wall — after it, nothing offers to reshape the
    /// strategy areas people are signing up for; the facilitator can still ask for one.
    public func groupingProposes(for kind: NoteKind) -> Bool { phase.noteKind == kind }

    /// True when a theme stays on the wall even with no note in it: the facilitator has made
    /// it theirs (named, locked, wrote or cleared its sentence for the summary) or people have
    /// put their names on it (champions, peers to invite). Only an automatic theme none of
    /// this holds leaves by itself when its last note goes — whether a new note's pass, the
    /// facilitator's regroup, an applied proposal or an undo empties it — so no sign-up is
    /// ever lost with a column. (The facilitator's own "delete" refuses a theme with champions.)
    /// The spotlight does not count: it lasts only until the phase changes.
    public func keepsWhenEmpty(_ theme: String) -> Bool {
        guard let t = themes[theme] else { return false }
        return t.labelByHand || t.locked || t.synthesis != nil
            || champions.contains { $0.theme == theme } || nominations.values.contains { $0.theme == theme }
    }
}

/// Compares secrets in time that depends only on their lengths, so a guesser learns nothing
/// from how long a wrong key takes to be refused.
public func constantTimeEquals(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    var diff = UInt8(x.count == y.count ? 0 : 1)
    let n = max(x.count, y.count)
    for i in 0..<n {
        let p = i < x.count ? x[i] : 0
        let q = i < y.count ? y[i] : 0
        diff |= p ^ q
    }
    return diff == 0
}
