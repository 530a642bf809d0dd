import ConveneEmbedding

/// Embeds note texts on a thread of its own, so the service loop never waits for the model
/// (about 9 ms a note). The embedder is immutable and thread-safe; this worker is its only
/// caller while serving.
final class EmbeddingWorker: Sendable {
    struct Job: Sendable {
        let meeting: String
        let note: String
        let text: String
    }

    private let thread: WorkerThread<Job>

    init(embedder: SentenceEmbedder, inbox: Inbox) {
        thread = WorkerThread(name: "convene-embedder") { job in
            inbox.post(.embedded(meeting: job.meeting, note: job.note, vector: embedder.embed(job.text)))
        }
    }

    func start() { thread.start() }
    func submit(_ job: Job) { thread.submit(job) }
}
