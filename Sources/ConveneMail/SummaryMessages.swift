import ConveneCore
import FoundationEssentials
import Glibc

/// The summary e-mail for one recipient, as the server and `convene send-summary` send it:
/// the core's message (`SummaryMail.message(forSending:…)`) with this machine's clock.
public enum SummaryMessages {
    /// RFC 5322 date, e.g. "Sun, 22 Nov 2026 10:13:25 +0000".
    /// Written by hand, in UTC: the format is fixed (English day and month names whatever the
    /// machine's language), and a date formatter would pull in Foundation's ICU data.
    public static func rfc5322Date(_ date: Date = Date()) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var utc = tm()
        gmtime_r(&seconds, &utc)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(days[Int(utc.tm_wday)]), \(two(utc.tm_mday)) \(months[Int(utc.tm_mon)]) \(utc.tm_year + 1900) "
            + "\(two(utc.tm_hour)):\(two(utc.tm_min)):\(two(utc.tm_sec)) +0000"
    }

    /// The message for one recipient of a sending, built from the meeting as it is now.
    public static func message(for email: String, send: String, state: MeetingState, settings: SMTPSettings, index: Int) -> String {
        SummaryMail.message(forSending: send, to: email, state: state,
                            settings: MailSettings(from: settings.from, fromName: settings.fromName, replyTo: settings.replyTo),
                            date: rfc5322Date(), index: index)
    }
}
