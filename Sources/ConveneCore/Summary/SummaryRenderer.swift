/// Renders a `MeetingSummary` in each export format. Every piece of user text is escaped
/// for its format and no more: HTML entities; in Markdown only what Markdown would misread;
/// CSV quoting (and a leading quote for cells a spreadsheet would run as a formula).
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
    public static let jsonSchema = "convene.summary/2"

    /// `appendix`: the notes, per theme, after the main summary (JSON and CSV always hold them).
    /// `closing`: lines after the main summary and before the appendix (an e-mail's sign-off).
    public static func render(_ s: MeetingSummary, as format: SummaryFormat, appendix: Bool = true, closing: [String] = [],
                              jsonSerializer: (JSONValue) -> String) -> String {
        switch format {
        case .markdown: return markdown(SummaryDocument(s, appendix: appendix, closing: closing))
        case .html: return html(SummaryDocument(s, appendix: appendix, closing: closing), title: s.title)
        case .text: return text(SummaryDocument(s, appendix: appendix, closing: closing))
        case .json: return jsonSerializer(json(s))
        case .csv: return csv(s)
        }
    }
}
