import ConveneCore
import ConveneMail
import FoundationEssentials

/// Sends summary e-mails one by one on a thread of its own (an SMTP exchange takes
/// hundreds of milliseconds) and reports each recipient's outcome through the inbox,
/// where it becomes an event.
final class MailWorker: Sendable {
    struct Job: Sendable {
        let meeting: String
        let send: String
        let email: String
        let message: String
    }

    let settings: SMTPSettings
    private let thread: WorkerThread<Job>

    init(settings: SMTPSettings, inbox: Inbox) {
        self.settings = settings
        thread = WorkerThread(name: "mail-sender") { job in
            var failure: String?
            do { try SMTPMailer.send(job.message, to: job.email, settings: settings) } catch { failure = "\(error)" }
            inbox.post(.mailed(meeting: job.meeting, send: job.send, email: job.email, failure: failure))
        }
    }

    func start() { thread.start() }
    func submit(_ job: Job) { thread.submit(job) }
}
