import ConveneCore
import Foundation

/// The summary e-mail for one recipient, as the server and `convene send-summary` send it.
public enum SummaryMessages {
    /// RFC 5322 date, e.g. "Sun, 22 Nov 2026 10:13:25 +0000".
    public static func rfc5322Date(_ date: Date = Date()) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return f.string(from: date)
    }

    /// The message for one recipient of a sending, built from the meeting as it is now.
    public static func message(for email: String, send: String, state: MeetingState, settings: SMTPSettings, index: Int) -> String {
        let recipient = state.summaryRecipients().first { $0.email.lowercased() == email.lowercased() }
            ?? MailRecipient(email: email, name: email, organization: "", kind: "participant")
        // Never anyone's contact in a mailed summary: each message goes to one recipient, and
        // the others' addresses are theirs.
        let summary = MeetingSummary(state, includeContacts: false)
        let appendix = state.mailings.first { $0.id == send }?.appendix ?? true
        let domain = settings.from.split(separator: "@").last.map(String.init) ?? "convene.local"
        return SummaryMail.message(
            to: recipient, state: state,
            settings: MailSettings(from: settings.from, fromName: settings.fromName, replyTo: settings.replyTo),
            text: SummaryRenderer.render(summary, as: .text, appendix: appendix, jsonSerializer: { _ in "" }),
            html: SummaryRenderer.render(summary, as: .html, appendix: appendix, jsonSerializer: { _ in "" }),
            date: rfc5322Date(), messageId: "\(state.info.id).\(send).\(index)@\(domain)")
    }
}
