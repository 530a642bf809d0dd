/// Renders a `MeetingSummary` in each export format. Every piece of user text is escaped
/// for its format: HTML entities, Markdown punctuation, CSV quoting (and a leading quote
/// for cells a spreadsheet would run as a formula).
public enum SummaryFormat: String, CaseIterable, Sendable {
    case markdown, html, text, json, csv

    public var fileExtension: String {
        switch self {
        case .markdown: return "md"
        case .html: return "html"
        case .text: return "txt"
        case .json: return "json"
        case .csv: return "csv"
        }
    }

    public var mediaType: String {
        switch self {
        case .markdown: return "text/markdown; charset=utf-8"
        case .html: return "text/html; charset=utf-8"
        case .text: return "text/plain; charset=utf-8"
        case .json: return "application/json"
        case .csv: return "text/csv; charset=utf-8"
        }
    }
}

public enum SummaryRenderer {
    public static let jsonSchema = "convene.summary/1"
    static let notAPriority = "Not a priority right now — no champion yet."

    public static func render(_ s: MeetingSummary, as format: SummaryFormat, jsonSerializer: (JSONValue) -> String) -> String {
        switch format {
        case .markdown: return markdown(s)
        case .html: return html(s)
        case .text: return text(s)
        case .json: return jsonSerializer(json(s))
        case .csv: return csv(s)
        }
    }

    // MARK: Shared wording

    static func dateLine(_ s: MeetingSummary) -> String {
        [s.date.map(humanDate), s.place].compactMap { $0 }.joined(separator: " · ")
    }

    static func backing(_ g: MeetingSummary.Group) -> String {
        let notes = g.notes.count == 1 ? "1 note" : "\(g.notes.count) notes"
        let employers = g.employers == 1 ? "1 employer" : "\(g.employers) employers"
        let orgs = g.organizations == 1 ? "1 organization" : "\(g.organizations) organizations"
        return "\(notes) · \(employers) · \(orgs)"
    }

    static func championsLine(_ g: MeetingSummary.Group) -> String {
        let supporters = g.supporters.map { "\($0.name) (\($0.organization))" }.joined(separator: ", ")
        if g.champions.isEmpty {
            return notAPriority + (supporters.isEmpty ? "" : " Community partners ready to support: \(supporters).")
        }
        return "Initial champions: " + g.champions.map { "\($0.name) (\($0.organization))" }.joined(separator: ", ")
            + (supporters.isEmpty ? "" : "; supported by community partners \(supporters)")
    }

    static func person(_ p: (name: String, organization: String, contact: String?)) -> String {
        "\(p.name), \(p.organization)" + (p.contact.map { " — \($0)" } ?? "")
    }

    static func roleWord(_ r: ParticipantRole) -> String { r == .employer ? "employer" : "community partner" }

    static func nextStepLines(_ n: NextSteps) -> [String] {
        var lines: [String] = []
        if n.championsCallDate != nil || n.championsCallHost != nil {
            var l = "Champions' call"
            if let d = n.championsCallDate { l += " on \(humanDate(d))" }
            if let h = n.championsCallHost { l += ", hosted by \(h)" }
            lines.append(l)
        }
        if let d = n.nextMeetingDate { lines.append("Next sector partnership meeting on \(humanDate(d))") }
        if let o = n.other { lines.append(o) }
        return lines
    }

    /// "2027-01-21T15:00" → "21 January 2027, 15:00".
    static func humanDate(_ iso: String) -> String {
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        let parts = iso.split(separator: "T")
        let d = parts[0].split(separator: "-")
        guard d.count == 3, let m = Int(d[1]), (1...12).contains(m), let day = Int(d[2]) else { return iso }
        return "\(day) \(months[m - 1]) \(d[0])" + (parts.count > 1 ? ", \(parts[1])" : "")
    }
}
