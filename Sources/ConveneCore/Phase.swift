/// The launch meeting's agenda, in the workbook's order ("Sample agenda for launch meeting").
public enum Phase: String, CaseIterable, Sendable {
    case welcome
    case opportunities
    case requirements
    case commitments
    case wrapUp = "wrap-up"
    case closed

    /// Default time box in minutes, from the workbook's sample agenda: 5 minutes welcome plus
    /// 5–10 describing the partnership; 30–60 on opportunities and on requirements; 15–30 on
    /// commitments; 10 for wrap-up.
    public var defaultMinutes: Int {
        switch self {
        case .welcome: return 15
        case .opportunities: return 45
        case .requirements: return 45
        case .commitments: return 20
        case .wrapUp: return 10
        case .closed: return 0
        }
    }

    /// The question the room answers in this phase, in the workbook's words.
    public var question: String {
        switch self {
        case .welcome:
            return "Welcome! Join with your name and organization — we'll start shortly."
        case .opportunities:
            return "What are the big opportunities for our industry in our region?"
        case .requirements:
            return "What must we collectively tackle to seize these opportunities?"
        case .commitments:
            return "Which strategy areas will you champion? Who else should be involved?"
        case .wrapUp:
            return "Next steps: champions' call within 30 days, next meeting within 60 days."
        case .closed:
            return "Thank you! The meeting summary will follow."
        }
    }

    /// The kind of note the room posts in this phase, if any.
    public var noteKind: NoteKind? {
        switch self {
        case .opportunities: return .opportunity
        case .requirements: return .requirement
        default: return nil
        }
    }
}

public enum NoteKind: String, CaseIterable, Sendable {
    case opportunity
    case requirement

    /// What people call a theme of this kind: requirement themes are the strategy areas.
    public var themeWord: String { self == .opportunity ? "opportunity theme" : "strategy area" }
    /// The kind in the plural, as people say it ("opportunities").
    public var plural: String { self == .opportunity ? "opportunities" : "requirements" }
}

/// Employers own the agenda; community partners (colleges, workforce boards, economic
/// development) listen and support.
public enum ParticipantRole: String, CaseIterable, Sendable {
    case employer
    case partner
}
