import ConveneEmbedding
import Dispatch
import Foundation
import Synchronization

/// Embeds note texts on a thread of its own, so the service loop never waits for the model
/// (about 9 ms a note). Results go back through the inbox. The embedder is immutable and
/// thread-safe; this worker is its only caller while serving.
final class EmbeddingWorker: Sendable {
    struct Job: Sendable {
        let meeting: String
        let note: String
        let text: String
    }

    private let jobs = Mutex<[Job]>([])
    private let wake = DispatchSemaphore(value: 0)
    private let embedder: SentenceEmbedder
    private let inbox: Inbox

    init(embedder: SentenceEmbedder, inbox: Inbox) {
        self.embedder = embedder
        self.inbox = inbox
    }

    func start() {
        let thread = Thread { [self] in
            while true {
                wake.wait()
                let batch = jobs.withLock { q -> [Job] in
                    let take = Array(q.prefix(16))
                    q.removeFirst(take.count)
                    return take
                }
                guard !batch.isEmpty else { continue }
                // One at a time: a note on the wall should not wait for fifteen others.
                for job in batch {
                    inbox.post(.embedded(meeting: job.meeting, note: job.note, vector: embedder.embed(job.text)))
                }
                if jobs.withLock({ !$0.isEmpty }) { wake.signal() }
            }
        }
        thread.name = "convene-embedder"
        thread.start()
    }

    func submit(_ job: Job) {
        jobs.withLock { $0.append(job) }
        wake.signal()
    }
}
