extension MeetingState {
    /// Answers the facilitator's questions that need only the meeting (the summary, the
    /// mail recipients); the server answers the others (merge suggestions need vectors).
    /// `serialize` renders JSON for the JSON summary (json-c lives outside the core).
    public func answer(_ query: Query, by actor: Actor, serialize: (JSONValue) -> String) throws(CommandError) -> [(String, JSONValue)] {
        guard actor == .facilitator else { throw CommandError(.forbidden, "Only the facilitator can do that.") }
        switch query {
        case let .summary(format, includeContacts, appendix):
            // Contacts only when the facilitator asks for their own copy (the console's download).
            let text = SummaryRenderer.render(MeetingSummary(self, includeContacts: includeContacts), as: format, appendix: appendix,
                                              jsonSerializer: serialize)
            return [("format", .string(format.rawValue)), ("mediaType", .string(format.mediaType)),
                    ("filename", .string("meeting-summary.\(format.fileExtension)")), ("content", .string(text))]
        case .mailRecipients:
            return [("recipients", .array(summaryRecipients().map { r in
                .object([("email", .string(r.email)), ("name", .string(r.name)), ("organization", .string(r.organization)),
                         ("kind", .string(r.kind)), ("delivered", .bool(deliveredEmails.contains(r.email.lowercased())))])
            }))]
        case .mergeSuggestions:
            throw CommandError(.notReady, "Merge suggestions are answered by the server.")
        }
    }
}
