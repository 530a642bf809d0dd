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
                    ("filename", .string(summaryFileName(format, withContacts: includeContacts))), ("content", .string(text))]
        case .mailRecipients:
            return [("recipients", .array(summaryRecipients().map { r in
                .object([("email", .string(r.email)), ("name", .string(r.name)), ("organization", .string(r.organization)),
                         ("kind", .string(r.kind)), ("delivered", .bool(deliveredEmails.contains(r.email.lowercased())))])
            }))]
        case .mergeSuggestions:
            throw CommandError(.notReady, "Merge suggestions are answered by the server.")
        }
    }

    /// "region-x-light-manufacturing-summary-2027-01-14.html": several meetings' summaries in
    /// one downloads folder tell themselves apart (the title's letters and digits, accents and
    /// all — browsers save such names as they are; the date when the meeting has one). The
    /// facilitator's own copy, with e-mail addresses and contacts, says so in its name: it is
    /// not the one to forward.
    func summaryFileName(_ format: SummaryFormat, withContacts: Bool = false) -> String {
        var slug = ""
        for ch in info.title.lowercased() {
            if ch.isLetter || ch.isNumber { slug.append(ch) } else if !slug.isEmpty && slug.last != "-" { slug.append("-") }
        }
        while slug.last == "-" { slug.removeLast() }
        // At most 120 bytes of title: file names are limited in bytes (255 on most disks), and
        // a title in another script takes two or three a letter.
        while slug.utf8.count > 120 { slug.removeLast() }
        while slug.last == "-" { slug.removeLast() }
        var name = (slug.isEmpty ? "meeting" : slug) + "-summary"
        if let date = info.date, CalendarDate(date) != nil { name += "-" + String(date.prefix(10)) }
        if withContacts { name += "-with-contacts" }
        return name + "." + format.fileExtension
    }
}
