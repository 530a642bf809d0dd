import ConveneLanguage

/// The meeting summary the workbook asks for ("Sample meeting summary"): an opening
/// paragraph, the priority opportunities and the priority areas for action — each a title
/// and one sentence, the areas with their initial champions —, the areas nobody took on in
/// one line, people to invite, numbered next steps, attendees, and the notes themselves in
/// an appendix. Built from the meeting's state; hidden and withdrawn notes never appear, and
/// a note the facilitator corrected reads as corrected. Private contacts (nominees'
/// contacts, attendees' e-mails) are only in the facilitator's own export
/// (`includeContacts`), never in a mailed summary.
public struct MeetingSummary: Sendable {
    public struct NoteLine: Sendable {
        public var text: String
        public var organization: String
        public var role: ParticipantRole
        /// The language of the phone it was typed on, when known and not corrected since
        /// (`Language.guess`'s hint).
        public var writer: Language? = nil
    }

    public struct Person: Sendable {
        public var name: String
        public var organization: String
        public var role: ParticipantRole
        /// Only with `includeContacts`.
        public var email: String?
    }

    public struct Invitee: Sendable {
        public var name: String
        public var organization: String
        /// Only with `includeContacts`.
        public var contact: String?
    }

    public struct Group: Sendable {
        public var themeId: String
        public var label: String
        /// The sentence printed under the title: the facilitator's, else the suggestion.
        public var synthesis: String?
        /// What the console offers when the facilitator has not written one.
        public var suggestion: String?
        public var notes: [NoteLine]
        /// Distinct employers and community partners whose notes are in the group.
        public var employers: Int
        public var partners: Int
        /// Strategy areas: the employers who signed up to drive it (the workbook's champions)
        /// and the community partners who signed up to support it. An area is a priority
        /// only with an employer champion: the partnership is employer-led.
        public var champions: [Person]
        public var supporters: [Person]
        public var invite: [Invitee]
    }

    public var title: String
    public var industry: String
    public var region: String
    public var date: String?
    public var place: String?
    public var chairs: [String]
    public var opening: String
    public var opportunities: [Group]
    /// Strategy areas with an employer champion, most-backed first.
    public var areas: [Group]
    /// Strategy areas nobody drives: "Not a priority right now".
    public var notPriority: [Group]
    /// Notes not (yet) in any theme.
    public var unsortedOpportunities: [NoteLine]
    public var unsortedRequirements: [NoteLine]
    /// Nominations for the partnership as a whole (no strategy area).
    public var inviteGenerally: [Invitee]
    public var nextSteps: NextSteps
    public var attendees: [Person]
    public var includesContacts: Bool

    public init(_ state: MeetingState, includeContacts: Bool = false) {
        title = state.info.title
        industry = state.info.industry
        region = state.info.region
        date = state.info.date
        place = state.info.place
        chairs = state.info.chairs
        nextSteps = state.nextSteps
        includesContacts = includeContacts

        func line(_ n: Note) -> NoteLine {
            let text = n.correctedText ?? n.text
            if let a = n.author, let p = state.participants[a] {
                return NoteLine(text: text, organization: p.organization, role: p.role,
                                writer: n.correctedText == nil ? state.writerLanguage(of: n) : nil)
            }
            return NoteLine(text: text, organization: n.scribed?.organization ?? "", role: n.scribed?.role ?? .employer)
        }
        let shown = state.visibleNotes().filter { !$0.hidden }
        func invitee(_ n: Nomination) -> Invitee {
            Invitee(name: n.name, organization: n.organization, contact: includeContacts ? n.contact : nil)
        }
        func person(_ p: Participant) -> Person {
            Person(name: p.name, organization: p.organization, role: p.role, email: includeContacts ? p.email : nil)
        }
        func group(_ theme: Theme) -> Group? {
            let lines = shown.filter { $0.theme == theme.id }.map(line)
            let signed = Self.onePerPerson(state.champions(of: theme.id))
            let invite = state.nominationOrder.compactMap { state.nominations[$0] }.filter { $0.theme == theme.id }.map(invitee)
            // A theme with nothing in it is left out; one with people to invite is not (an
            // area whose notes all moved elsewhere stays for them: `keepsWhenEmpty`).
            guard !lines.isEmpty || !signed.isEmpty || !invite.isEmpty else { return nil }
            let suggestion = SummaryWording.suggestedSynthesis(lines.map(\.text), byEmployer: lines.map { $0.role == .employer },
                                                               writers: lines.map(\.writer))
            // Not written yet: the suggestion. Written empty: no sentence, by choice.
            let synthesis: String?
            switch theme.synthesis {
            case nil: synthesis = suggestion
            case let written?: synthesis = written.allSatisfy(\.isWhitespace) ? nil : written
            }
            return Group(themeId: theme.id, label: theme.label, synthesis: synthesis, suggestion: suggestion, notes: lines,
                         employers: Set(lines.filter { $0.role == .employer }.map { $0.organization.lowercased() }).count,
                         partners: Set(lines.filter { $0.role == .partner }.map { $0.organization.lowercased() }).count,
                         champions: signed.filter { $0.role == .employer }.map(person),
                         supporters: signed.filter { $0.role == .partner }.map(person),
                         invite: invite)
        }
        // Most-backed first: the room's priorities lead.
        func byBacking(_ a: Group, _ b: Group) -> Bool { (a.employers, a.notes.count) > (b.employers, b.notes.count) }
        opportunities = state.orderedThemes(kind: .opportunity).compactMap(group).sorted(by: byBacking)
        let allAreas = state.orderedThemes(kind: .requirement).compactMap(group)
        areas = allAreas.filter { !$0.champions.isEmpty }.sorted { ($0.champions.count, $0.employers) > ($1.champions.count, $1.employers) }
        notPriority = allAreas.filter { $0.champions.isEmpty }
        unsortedOpportunities = shown.filter { $0.kind == .opportunity && $0.theme == nil }.map(line)
        unsortedRequirements = shown.filter { $0.kind == .requirement && $0.theme == nil }.map(line)
        inviteGenerally = state.nominationOrder.compactMap { state.nominations[$0] }.filter { $0.theme == nil }.map(invitee)
        attendees = Self.onePerPerson(state.participantOrder.compactMap { state.participants[$0] }).map(person)
        opening = ""
        opening = state.summaryOpening ?? SummaryWording.defaultOpening(self)
    }

    /// The summary's line under its title: "Light manufacturing sector partnership, Region X"
    /// (begun with a capital however the industry was typed).
    public var partnership: String {
        let line = "\(industry) sector partnership, \(region)"
        return line.prefix(1).uppercased() + line.dropFirst()
    }

    /// Records of one person who joined from two devices — the same name, organization and
    /// role (case and spacing aside) and no two different e-mail addresses — as one, with the
    /// e-mail address either gave: one attendee, one champion. (The console offers to merge
    /// such records; until then the summary does not count the person twice.)
    static func onePerPerson(_ records: [Participant]) -> [Participant] {
        func words(_ s: String) -> String { s.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        var kept: [Participant] = []
        var byKey: [String: [Int]] = [:]
        for p in records {
            let key = words(p.name) + "\n" + words(p.organization) + "\n" + p.role.rawValue
            let twin = byKey[key]?.first { i in
                guard let a = kept[i].email, let b = p.email else { return true }
                return a.lowercased() == b.lowercased()
            }
            if let i = twin {
                if kept[i].email == nil { kept[i].email = p.email; kept[i].consent = p.consent }
            } else {
                byKey[key, default: []].append(kept.count)
                kept.append(p)
            }
        }
        return kept
    }
}
