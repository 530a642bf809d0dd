import Dispatch
import Foundation
import Synchronization

/// A thread of its own that handles jobs one at a time, in the order they were submitted
/// (embedding notes, sending e-mail). Results go back to the service loop through the inbox.
final class WorkerThread<Job: Sendable>: Sendable {
    private let jobs = Mutex<[Job]>([])
    private let wake = DispatchSemaphore(value: 0)
    private let name: String
    private let handle: @Sendable (Job) -> Void

    init(name: String, handle: @escaping @Sendable (Job) -> Void) {
        self.name = name
        self.handle = handle
    }

    func start() {
        let thread = Thread { [self] in
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
