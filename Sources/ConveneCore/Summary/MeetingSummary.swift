/// The meeting summary the workbook asks for ("Sample meeting summary"): priority
/// opportunities, priority areas for action with their initial champions, people to invite,
/// next steps and attendees. Built from the meeting's state; hidden and withdrawn notes
/// never appear. Rendered by `SummaryRenderer` as Markdown, HTML, text, JSON and CSV.
public struct MeetingSummary: Sendable {
    public struct NoteLine: Sendable {
        public var text: String
        public var organization: String
        public var role: ParticipantRole
    }

    public struct Group: Sendable {
        public var label: String
        public var notes: [NoteLine]
        /// Distinct employers and organizations whose notes are in the group.
        public var employers: Int
        public var organizations: Int
        /// Strategy areas only: the employers who signed up to drive the area (the workbook's
        /// champions), and the community partners who signed up to support it. An area is a
        /// priority only with an employer champion: the partnership is employer-led.
        public var champions: [(name: String, organization: String, role: ParticipantRole)]
        public var supporters: [(name: String, organization: String, role: ParticipantRole)]
        public var invite: [(name: String, organization: String, contact: String?)]
    }

    public var title: String
    public var industry: String
    public var region: String
    public var date: String?
    public var place: String?
    public var chairs: [String]
    public var opportunities: [Group]
    public var areas: [Group]
    /// Notes not (yet) in any theme.
    public var unsortedOpportunities: [NoteLine]
    public var unsortedRequirements: [NoteLine]
    /// Nominations for the partnership as a whole (no strategy area).
    public var inviteGenerally: [(name: String, organization: String, contact: String?)]
    public var nextSteps: NextSteps
    public var attendees: [(name: String, organization: String, role: ParticipantRole)]

    public init(_ state: MeetingState) {
        title = state.info.title
        industry = state.info.industry
        region = state.info.region
        date = state.info.date
        place = state.info.place
        chairs = state.info.chairs
        nextSteps = state.nextSteps

        func line(_ n: Note) -> NoteLine {
            if let a = n.author, let p = state.participants[a] { return NoteLine(text: n.text, organization: p.organization, role: p.role) }
            return NoteLine(text: n.text, organization: n.scribed?.organization ?? "", role: n.scribed?.role ?? .employer)
        }
        let shown = state.visibleNotes().filter { !$0.hidden }
        func nominationLine(_ n: Nomination) -> (String, String, String?) { (n.name, n.organization, n.contact) }
        func group(_ theme: Theme) -> Group? {
            let notes = shown.filter { $0.theme == theme.id }
            let signed = state.champions(of: theme.id).map { ($0.name, $0.organization, $0.role) }
            let champs = signed.filter { $0.2 == .employer }
            let supporters = signed.filter { $0.2 == .partner }
            let invite = state.nominationOrder.compactMap { state.nominations[$0] }.filter { $0.theme == theme.id }.map(nominationLine)
            guard !notes.isEmpty || !signed.isEmpty else { return nil }
            let lines = notes.map(line)
            return Group(label: theme.label, notes: lines,
                         employers: Set(lines.filter { $0.role == .employer }.map(\.organization)).count,
                         organizations: Set(lines.map(\.organization)).count, champions: champs, supporters: supporters,
                         invite: invite)
        }
        // Most-backed first: the room's priorities lead.
        func byBacking(_ a: Group, _ b: Group) -> Bool { (a.employers, a.notes.count) > (b.employers, b.notes.count) }
        opportunities = state.orderedThemes(kind: .opportunity).compactMap(group).sorted(by: byBacking)
        areas = state.orderedThemes(kind: .requirement).compactMap(group).sorted {
            ($0.champions.isEmpty ? 0 : 1, $0.employers, $0.notes.count) > ($1.champions.isEmpty ? 0 : 1, $1.employers, $1.notes.count)
        }
        unsortedOpportunities = shown.filter { $0.kind == .opportunity && $0.theme == nil }.map(line)
        unsortedRequirements = shown.filter { $0.kind == .requirement && $0.theme == nil }.map(line)
        inviteGenerally = state.nominationOrder.compactMap { state.nominations[$0] }.filter { $0.theme == nil }.map(nominationLine)
        attendees = state.participantOrder.compactMap { state.participants[$0] }.map { ($0.name, $0.organization, $0.role) }
    }

    public var partnership: String { "\(industry) sector partnership, \(region)" }
}
