extension SummaryMail {
    /// The message for one recipient of a sending, built from the meeting as it is now: the
    /// recipient's own name, the summary without anyone's contact (each message goes to one
    /// recipient, and the others' addresses are theirs), the appendix as the sending chose.
    /// `date` is the RFC 5322 date line (the caller's clock: the core reads none).
    public static func message(forSending send: String, to email: String, state: MeetingState, settings: MailSettings,
                               date: String, index: Int) -> String {
        let recipient = state.summaryRecipients().first { $0.email.lowercased() == email.lowercased() }
            ?? MailRecipient(email: email, name: email, organization: "", kind: "participant")
        let summary = MeetingSummary(state, includeContacts: false)
        let appendix = state.mailings.first { $0.id == send }?.appendix ?? true
        let domain = settings.from.split(separator: "@").last.map(String.init) ?? "convene.local"
        return message(
            to: recipient, state: state, settings: settings,
            text: SummaryRenderer.render(summary, as: .text, appendix: appendix, closing: signature(state, language: recipient.language) ?? [], jsonSerializer: { _ in "" }),
            html: SummaryRenderer.render(summary, as: .html, appendix: appendix, closing: signature(state, language: recipient.language) ?? [], jsonSerializer: { _ in "" }),
            date: date, messageId: "\(state.info.id).\(send).\(index)@\(domain)")
    }
}
