import ConveneCore
import Foundation

/// The summary e-mail for one recipient, as the server and `convene send-summary` send it:
/// the core's message (`SummaryMail.message(forSending:…)`) with this machine's clock.
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
        SummaryMail.message(forSending: send, to: email, state: state,
                            settings: MailSettings(from: settings.from, fromName: settings.fromName, replyTo: settings.replyTo),
                            date: rfc5322Date(), index: index)
    }
}
