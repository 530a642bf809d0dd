import ConveneClustering
import ConveneEmbedding
import ConveneLanguage
import FoundationEssentials
import Glibc

/// Embeds note texts on a thread of its own, so the service loop never waits for the model
/// (about 9 ms a note alone, 5.5 ms a note in batches). The embedder is immutable and
/// thread-safe; this worker is its only caller while serving.
///
/// Under a burst the worker falls behind (notes wait in "unsorted" a little longer), but it
/// must never slow the room down: it runs at the lowest CPU priority, so the service loop
/// and the log writer always get the processor first; it takes what queued up as one batch
/// (faster per note); and a note edited while it waited is embedded once, with its last text.
final class EmbeddingWorker: Sendable {
    struct Job: Sendable {
        /// A note's text, or the label the facilitator gave a theme.
        enum Target: Hashable, Sendable {
            case note(String)
            case themeLabel(String)
        }
        let meeting: String
        let target: Target
        let text: String
        /// The language of the phone a note was typed on, when known (`ModelReading`).
        var writer: Language? = nil
    }

    static let batchLimit = 32
    /// Seconds of rest per second of embedding while there is a backlog.
    static let restPerWork = 1.0

    private let thread: WorkerThread<Job>

    /// `translator`: Spanish notes are embedded from their English (`ModelReading`).
    init(embedder: SentenceEmbedder, translator: SpanishTranslator?, inbox: Inbox) {
        // Nice 19: the lowest priority, for this thread alone.
        thread = WorkerThread(name: "embedder", niceness: 19, take: Self.takeBatch) { batch in
            let started = monotonicSeconds()
            let readings = ModelReading.texts(batch.map(\.text), writers: batch.map(\.writer), translate: translator?.english)
            let vectors = embedder.embed(readings)
            for ((job, vector), reading) in zip(zip(batch, vectors), readings) {
                switch job.target {
                case .note(let note):
                    // What the model read, when it is not what was typed: the console shows it
                    // under a Spanish note for a facilitator who reads no Spanish.
                    inbox.post(.embedded(meeting: job.meeting, note: note, vector: vector, reading: reading == job.text ? nil : NoteReading(typed: job.text, english: reading)))
                case .themeLabel(let theme):
                    inbox.post(.labelEmbedded(meeting: job.meeting, theme: theme, label: job.text, vector: vector))
                }
            }
            // At most half a core, even with a backlog: on a small machine the model's
            // matrix products would otherwise take the other core (and its share of the
            // cache) from the threads that deliver notes to phones.
            let busy = monotonicSeconds() - started
            if busy > 0.001 { usleep(useconds_t(min(busy, 1.0) * 1_000_000 * Self.restPerWork)) }
        }
    }

    func start() { thread.start() }
    func submit(_ job: Job) { thread.submit(job) }

    private struct Key: Hashable {
        let meeting: String
        let target: Job.Target
    }

    /// Up to `batchLimit` notes from the front of the queue; a note queued again later (it
    /// was edited) is left for its newer text.
    private static func takeBatch(_ queue: inout [Job]) -> [Job] {
        var latest: [Key: Int] = [:]
        for (i, job) in queue.enumerated() { latest[Key(meeting: job.meeting, target: job.target)] = i }
        var batch: [Job] = []
        var taken = 0
        for (i, job) in queue.enumerated() {
            if batch.count == batchLimit { break }
            taken = i + 1
            if latest[Key(meeting: job.meeting, target: job.target)] == i { batch.append(job) }
        }
        queue.removeFirst(taken)
        return batch
    }
}
