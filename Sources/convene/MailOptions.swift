import ArgumentParser
import ConveneMail
import FoundationEssentials
import ConveneStore

/// SMTP settings, from flags or the environment (flags win). The password comes only from
/// the environment or a file, never from the command line (it would show in `ps`).
struct MailOptions: ParsableArguments {
    @Option(help: "smtp://host:port or smtps://host:port (env CONVENE_SMTP_URL).") var smtpUrl: String?
    @Option(help: "SMTP user name (env CONVENE_SMTP_USER).") var smtpUser: String?
    @Option(help: "File holding the SMTP password (or env CONVENE_SMTP_PASSWORD).") var smtpPasswordFile: String?
    @Flag(help: "Require STARTTLS on smtp:// connections (always on when a user name is given).") var smtpStarttls = false
    @Flag(help: "Allow a user name and password over smtp:// without STARTTLS (they would cross the network in clear).") var smtpInsecure = false
    @Option(help: "Seconds before giving up on the mail server.") var smtpTimeout = 30
    @Option(help: "Sender address (env CONVENE_MAIL_FROM).") var mailFrom: String?
    @Option(help: "Sender name shown to recipients (default: the partnership, from the meeting's title).") var mailFromName: String?
    @Option(help: "Reply-To address, e.g. a chair's (env CONVENE_REPLY_TO; default: the sender).") var replyTo: String?

    /// nil when no mail server is configured.
    func settings() throws -> SMTPSettings? {
        let env = ProcessInfo.processInfo.environment
        guard let url = smtpUrl ?? env["CONVENE_SMTP_URL"] else { return nil }
        guard url.hasPrefix("smtp://") || url.hasPrefix("smtps://") else {
            throw ValidationError("--smtp-url must start with smtp:// or smtps://")
        }
        guard let from = mailFrom ?? env["CONVENE_MAIL_FROM"], from.contains("@") else {
            throw ValidationError("Give the sender address with --mail-from (or CONVENE_MAIL_FROM).")
        }
        var s = SMTPSettings(url: url, from: from)
        s.username = smtpUser ?? env["CONVENE_SMTP_USER"]
        if let file = smtpPasswordFile {
            guard let p = try? String(contentsOfFile: file, encoding: .utf8) else { throw ValidationError("Cannot read \(file).") }
            s.password = p.trimmedOfLineBreaks
        } else {
            s.password = env["CONVENE_SMTP_PASSWORD"]
        }
        // A password must not cross the network in clear: with a user name, smtp:// must
        // switch to TLS (STARTTLS) unless the operator says otherwise.
        s.requireStartTLS = smtpStarttls || (s.username != nil && url.hasPrefix("smtp://") && !smtpInsecure)
        s.timeoutSeconds = max(1, smtpTimeout)
        s.fromName = mailFromName
        s.replyTo = replyTo ?? env["CONVENE_REPLY_TO"]
        return s
    }
}
