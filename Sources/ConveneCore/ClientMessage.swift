/// Protocol v1: what a client may send, decoded from JSON with a clear error for anything
/// else. Decoding checks shapes and types; whether a command is allowed *now* is decided
/// against the meeting's state in `MeetingState.decide`.

public enum ClientKind: String, Sendable {
    case participant
    case wall
    case console
}

public struct Hello: Equatable, Sendable {
    public var code: String
    public var client: ClientKind
    public var key: String?
    public var token: String?
    /// Last sequence number the client saw; it receives only what came after.
    public var since: Int64?
}

public enum Command: Equatable, Sendable {
    // Participants
    case join(name: String, organization: String, role: ParticipantRole, email: String?, consent: Bool, language: String? = nil)
    case post(id: String, kind: NoteKind?, text: String, scribed: Scribed?)
    case edit(note: String, text: String)
    case withdraw(note: String)
    case champion(theme: String)
    case unchampion(theme: String)
    case nominate(id: String, name: String, organization: String, contact: String?, theme: String?)
    case withdrawNomination(id: String)
    /// The facilitator corrects someone named to invite (a mistyped e-mail would never reach
    /// them); who named them stays as it was.
    case editNomination(id: String, name: String, organization: String, contact: String?, theme: String?)
    // Facilitator
    case setPhase(Phase)
    case hideNote(note: String, hidden: Bool)
    case createTheme(kind: NoteKind, label: String)
    case renameTheme(theme: String, label: String)
    case moveNote(note: String, theme: String?)
    case mergeThemes(from: String, into: String)
    case splitTheme(theme: String, notes: [String], label: String)
    case lockTheme(theme: String, locked: Bool)
    /// Someone in the room without a phone, added by the facilitator (they can then champion
    /// areas, be merged with a phone's record later, or receive the summary).
    case addAttendee(name: String, organization: String, role: ParticipantRole, email: String?, consent: Bool)
    /// The facilitator signs an attendee up for (or off) a strategy area on their behalf.
    case signUp(participant: String, theme: String, signed: Bool)
    /// Two records of one person (a second device): `from`'s notes, sign-ups and nominations
    /// become `into`'s, and `from`'s phone goes on as `into`.
    case mergeParticipants(from: String, into: String)
    /// Someone who joined by mistake: their record goes; their notes stay (attributed by
    /// name, as if typed by the facilitator) or are withdrawn; their sign-ups go.
    case removeParticipant(participant: String, keepNotes: Bool)
    /// A name or organization typed wrong or in lower case on a phone ("tom becker"): the
    /// facilitator writes it as it should read on the wall, in the summary and in the letters.
    case renameParticipant(participant: String, name: String, organization: String)
    /// Removes a theme that holds no note (an automatic one goes by itself when emptied).
    case deleteTheme(theme: String)
    /// Shows one theme alone on the wall, all its notes large (nil: back to the board).
    case spotlight(theme: String?)
    /// Puts how to join (the code, the address, the QR code) on the wall in large, over
    /// whatever it shows, for people arriving late (false: back to what it showed).
    case showJoin(shown: Bool)
    case setNextSteps(NextSteps)
    case updateMeeting(MeetingUpdate)
    /// Ask the clustering to regroup all notes of a kind (carried out by the server, which
    /// holds the notes' vectors). `preview`: offer it as a proposal to apply or dismiss
    /// (the console's way) instead of carrying it out at once.
    case regroup(kind: NoteKind, preview: Bool)
    /// Ask the clustering to split one theme in two by meaning: offered as a proposal to
    /// preview, apply or dismiss (the console's "Split by meaning").
    case splitByMeaning(theme: String)
    /// Put back every note the last regrouping of a kind moved (if still where it went).
    /// `preview`: change nothing, only say where the notes would go (the console asks the
    /// facilitator before undoing: the wall may have changed since).
    case undoRegroup(kind: NoteKind, preview: Bool = false)
    /// Put the theme of the last merge of a kind back, with its notes still in the theme it joined.
    case undoMerge(kind: NoteKind)
    /// Carry out the clustering's pending proposal of a kind (one undoable step), or drop it.
    /// `offered`: the proposal the console shows (`ThemeProposal.offered`); nil: whichever stands.
    case applyProposal(kind: NoteKind, offered: Int64? = nil)
    /// `notes`: only these notes' moves are dismissed ("Leave out"); the rest of it stands.
    case dismissProposal(kind: NoteKind, offered: Int64? = nil, notes: [String]? = nil)
    /// The summary's opening paragraph (nil or empty: back to the default one).
    case setOpening(text: String?)
    /// One sentence for a theme or strategy area in the summary ("": none; nil: the suggestion).
    case setSynthesis(theme: String, text: String?)
    /// The note's text as the summary should read it (nil: the author's text again).
    case correctNote(note: String, text: String?)
    /// E-mail the summary to these addresses (each must be a possible recipient).
    case sendSummary(recipients: [String], appendix: Bool)

    /// Commands only the console (holding the facilitator key) may perform.
    public var isFacilitatorCommand: Bool {
        switch self {
        case .join, .edit, .withdraw, .champion, .unchampion, .nominate, .withdrawNomination: return false
        case .post(_, _, _, let scribed): return scribed != nil
        default: return true
        }
    }
}

/// Fields of the meeting the facilitator may change; nil leaves a field as it is.
public struct MeetingUpdate: Equatable, Sendable {
    public var title: String?
    public var industry: String?
    public var region: String?
    public var date: String??
    public var place: String??
    public var chairs: [String]?
    public var everyoneMayPost: Bool?
    public var targetThemes: Int?
    public var joiningOpen: Bool?
    public var participantLimit: Int?
    public var timeboxes: [Phase: Int]?
    public init() {}
}

/// What the organizer (holding the server's organizer key, not any one meeting's key)
/// may ask before saying hello to a meeting.
public enum OrganizerRequest: Equatable, Sendable {
    /// Every meeting on this server with its codes and console links.
    case listMeetings
    /// A new meeting: title, industry and region are required, the rest is optional.
    case createMeeting(MeetingUpdate)
}

/// A question about a meeting (the facilitator's): answered in the ack, never stored, so it
/// has no place in `decide`.
public enum Query: Equatable, Sendable {
    /// The meeting summary in a format.
    case summary(format: SummaryFormat, includeContacts: Bool, appendix: Bool)
    /// Pairs of themes so alike the facilitator may want to merge them (answered by the
    /// server, which holds the notes' vectors).
    case mergeSuggestions(kind: NoteKind)
    /// Who may receive the summary by e-mail, and who already has.
    case mailRecipients
}

public enum ClientMessage: Equatable, Sendable {
    case hello(Hello)
    case command(req: JSONValue?, Command)
    case query(req: JSONValue?, Query)
    case organizer(req: JSONValue?, key: String, OrganizerRequest)
}
