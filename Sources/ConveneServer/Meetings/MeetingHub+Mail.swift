import ConveneClustering
import ConveneCore
import ConveneJSON
import ConveneMail
import ConveneStemmer
import ConveneStore

extension MeetingHub {
    // MARK: E-mail

    func queueMail(_ mailing: Mailing, live: LiveMeeting) {
        guard let mail else { return }
        for (i, email) in mailing.recipients.enumerated() where mailing.outcomes[email] == .pending {
            let message = SummaryMessages.message(for: email, send: mailing.id, state: live.committed, settings: mail.settings, index: i)
            mail.submit(MailWorker.Job(meeting: live.id, send: mailing.id, email: email, message: message))
        }
    }

    /// One recipient's outcome came back from the mail thread.
    func mailed(meeting: String, send: String, email: String, failure: String?) {
        guard let live = meetings[meeting], !live.recovering,
              live.speculative.mailings.first(where: { $0.id == send })?.outcomes[email] == .pending else { return }
        if let failure { Log.warning("Summary to \(email) failed: \(failure)") }
        commit([failure.map { .summaryFailed(send: send, email: email, reason: $0) } ?? .summaryDelivered(send: send, email: email)], to: live)
    }
}
