import ConveneStore
import Dispatch
import Glibc
import Synchronization

/// A thread of its own that handles jobs in the order they were submitted (embedding
/// notes, placing them, sending e-mail). Results go back to the service loop through the
/// inbox. One job at a time, or batches chosen by the owner (the embedder).
final class WorkerThread<Job: Sendable>: Sendable {
    private let jobs = Mutex<[Job]>([])
    private let wake = DispatchSemaphore(value: 0)
    private let name: String
    private let niceness: Int32
    /// Removes the next batch from the front of the queue (called under the queue's lock).
    private let take: @Sendable (inout [Job]) -> [Job]
    private let handle: @Sendable ([Job]) -> Void

    /// One job at a time. `niceness` > 0 lowers this thread's CPU priority below the loop's.
    convenience init(name: String, niceness: Int32 = 0, handle: @escaping @Sendable (Job) -> Void) {
        self.init(name: name, niceness: niceness, take: { [$0.removeFirst()] }, handleBatch: { handle($0[0]) })
    }

    /// Batches: `take` removes what to handle together from the queue's front (never empty
    /// when it is called); an empty batch is skipped.
    init(name: String, niceness: Int32 = 0, take: @escaping @Sendable (inout [Job]) -> [Job],
         handleBatch: @escaping @Sendable ([Job]) -> Void) {
        self.name = name
        self.niceness = niceness
        self.take = take
        self.handle = handleBatch
    }

    func start() {
        // Named for the OS, so `top -H` and the load generator's per-thread figures say which
        // worker is which.
        startDetachedThread(name: name) { [self] in
            // On Linux, PRIO_PROCESS with who 0 sets the nice value of the calling thread only.
            if niceness > 0 { setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness) }
            var lastTrim = ContinuousClock.now
            while true {
                wake.wait()
                let batch = jobs.withLock { queue -> [Job] in
                    guard !queue.isEmpty else { return [] }
                    let batch = take(&queue)
                    // Signals were one per submit: wake again if a batch left work behind.
                    if !queue.isEmpty { wake.signal() }
                    return batch
                }
                guard !batch.isEmpty else { continue }
                handle(batch)
                // Going idle after work: hand the memory it freed back to the system. glibc
                // keeps freed blocks in each thread's arena (the embedder's pass buffers, a
                // regrouping's matrices) and returns them only on a trim; without this the
                // peak RSS under load was ~5 MB higher (docs/BENCHMARKS.md, issue 15). At most
                // every 100 ms: a trim walks every arena, the service loop's included.
                let now = ContinuousClock.now
                if now - lastTrim >= .milliseconds(100), jobs.withLock({ $0.isEmpty }) {
                    lastTrim = now
                    _ = releaseFreedMemory(0)
                }
            }
        }
    }

    func submit(_ job: Job) {
        jobs.withLock { $0.append(job) }
        wake.signal()
    }
}

/// glibc's `malloc_trim` (declared in <malloc.h>, which the Glibc module does not export):
/// returns the free memory of every arena to the system, keeping `pad` bytes at the top.
/// `int malloc_trim(size_t)`: Int and Int32 are exactly size_t and int on the Linux targets
/// Convene builds for (x86-64, arm64). MT-safe.
@_silgen_name("malloc_trim") private func releaseFreedMemory(_ pad: Int) -> Int32
