import ArgumentParser
import ConveneCore
import ConveneMail
import ConveneStore
import FoundationEssentials

struct SendSummary: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send-summary",
        abstract: "E-mail the meeting summary to everyone who consented (and nominees with an e-mail).",
        discussion: "Each recipient gets one message. Nobody is sent the summary twice. Run it with the server stopped; while it runs, send from the console.")

    @Argument(help: "The meeting's join code or id.") var meeting: String
    @Flag(help: "Show who would receive it, and the first message, without sending.") var dryRun = false
    @Option(name: .customLong("exclude"), help: "Leave out this address (repeat for several).") var excluded: [String] = []
    @Option(help: "Directory holding the SQLite event log.") var data = "data"
    @Flag(help: "Send the main summary without the appendix of notes.") var noAppendix = false
    var appendix: Bool { !noAppendix }
    @OptionGroup var mail: MailOptions

    func run() throws {
        do {
            let smtp = try mail.settings()
            if !dryRun && smtp == nil { try fail("E-mail is not set up: give --smtp-url and --mail-from.") }
            if !dryRun { try DataDirectory.lock(data) }   // the running server owns the log
            var state = try MeetingLookup.find(meeting, data: data)
            let skip = Set(excluded.map { $0.lowercased() })
            let recipients = state.summaryRecipients().filter { !skip.contains($0.email.lowercased()) }
            let pendingSend = state.mailings.last { $0.outcomes.values.contains(.pending) }
            let fresh = recipients.filter { !state.deliveredEmails.contains($0.email.lowercased()) }
            if dryRun {
                tell("Would send “\(SummaryMail.subject(state))” to \(fresh.count) recipient(s):")
                for r in recipients {
                    tell("  \(r.email) — \(r.name), \(r.organization) (\(r.kind))\(state.deliveredEmails.contains(r.email.lowercased()) ? " — already received it" : "")")
                }
                if let first = fresh.first, let smtp {
                    tell("\nFirst message:\n" + SummaryMessages.message(for: first.email, send: "dry-run", state: state, settings: smtp, index: 0))
                }
                return
            }
            guard let smtp else { return }
            let log = try EventLog(path: DataDirectory.databasePath(data))
            func record(_ event: MeetingEvent) throws {
                let stored = StoredEvent(meeting: state.info.id, seq: state.seq + 1, at: Int64(Date().timeIntervalSince1970 * 1000), event: event)
                try log.append([EventRow(stored)])   // durable before we act on it
                state.apply(stored)
            }
            var mailing = pendingSend
            if mailing == nil {
                let decision = try state.decide(.sendSummary(recipients: fresh.map(\.email), appendix: appendix), by: .facilitator, newSecret: "")
                for e in decision.events { try record(e) }
                mailing = state.mailings.last
            }
            guard let mailing else { return }
            var failed = 0
            for (i, email) in mailing.recipients.enumerated() where state.mailings.first(where: { $0.id == mailing.id })?.outcomes[email] == .pending {
                do {
                    try SMTPMailer.send(SummaryMessages.message(for: email, send: mailing.id, state: state, settings: smtp, index: i), to: email, settings: smtp)
                    try record(.summaryDelivered(send: mailing.id, email: email))
                    tell("sent: \(email)")
                } catch let error as SMTPMailer.Failure {
                    try record(.summaryFailed(send: mailing.id, email: email, reason: error.description))
                    tell("failed: \(email) — \(error.description)")
                    failed += 1
                }
            }
            if failed > 0 { try fail("\(failed) message(s) failed; run the command again to retry them (nobody gets it twice).") }
        } catch let e as CommandError {
            try fail(e.message)
        }
    }
}
