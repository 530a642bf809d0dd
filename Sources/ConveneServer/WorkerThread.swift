import Dispatch
import Foundation
import Glibc
import Synchronization

/// A thread of its own that handles jobs one at a time, in the order they were submitted
/// (embedding notes, sending e-mail). Results go back to the service loop through the inbox.
final class WorkerThread<Job: Sendable>: Sendable {
    private let jobs = Mutex<[Job]>([])
    private let wake = DispatchSemaphore(value: 0)
    private let name: String
    private let niceness: Int32
    private let handle: @Sendable (Job) -> Void

    /// `niceness` > 0 lowers this thread's CPU priority below the service loop's.
    init(name: String, niceness: Int32 = 0, handle: @escaping @Sendable (Job) -> Void) {
        self.name = name
        self.niceness = niceness
        self.handle = handle
    }

    func start() {
        let thread = Thread { [self] in
            // On Linux, PRIO_PROCESS with who 0 sets the nice value of the calling thread only.
            if niceness > 0 { setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness) }
            while true {
                wake.wait()
                guard let job = jobs.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { continue }
                handle(job)
            }
        }
        thread.name = name
        thread.start()
    }

    func submit(_ job: Job) {
        jobs.withLock { $0.append(job) }
        wake.signal()
    }
}
