import ConveneCore
import Dispatch
import FoundationEssentials
import Synchronization

/// The one thread that writes the event log. The service loop submits rows and goes on
/// serving; the writer commits everything that queued up while the previous commit ran in
/// a single transaction (group commit), then reports back. Rows are committed in the order
/// they were submitted, and a meeting's log never gets a gap: after a failed write, later
/// rows of that meeting are refused until the service loop has caught up (see `barrier`).
public final class GroupCommitWriter: Sendable {
    public enum Report: Sendable {
        /// These rows are durable.
        case committed([EventRow])
        /// These rows were not stored; `reason` says why.
        case failed([EventRow], error: StorageError)
        /// Every row submitted for this meeting before the barrier has been dealt with.
        case barrier(meeting: String)
        /// Meetings created by another process (`convene meeting create`) found in the log.
        case discovered([[StoredEvent]])
    }

    private enum Entry: Sendable {
        case row(EventRow)
        case barrier(String)
    }

    private struct Queue {
        var entries: [Entry] = []
        var stopping = false
    }

    private struct WriterOnly: @unchecked Sendable {
        /// Last durable sequence number per meeting, as far as this writer knows.
        var lastSeq: [String: Int64] = [:]
        var knownMeetingIndex: Int64
    }

    private let queue = Mutex(Queue())
    private let writerOnly: Mutex<WriterOnly>
    private let wake = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    private let log: EventLog
    private let report: @Sendable (Report) -> Void
    /// Most rows in one transaction; 1 turns group commit off (only for the benchmark baseline).
    private let maxBatch: Int

    /// `report` is called on the writer thread; it must only hand the report over.
    public init(log: EventLog, knownMeetingIndex: Int64, maxBatch: Int = .max, report: @escaping @Sendable (Report) -> Void) {
        self.log = log
        self.maxBatch = max(1, maxBatch)
        self.report = report
        self.writerOnly = Mutex(WriterOnly(knownMeetingIndex: knownMeetingIndex))
    }

    public func start() {
        startDetachedThread(name: "sqlite-writer") { [self] in self.run() }
    }

    public func submit(_ rows: [EventRow]) {
        guard !rows.isEmpty else { return }
        queue.withLock { $0.entries.append(contentsOf: rows.map { .row($0) }) }
        wake.signal()
    }

    /// Asks for a `.barrier` report once everything submitted before it is dealt with.
    public func barrier(meeting: String) {
        queue.withLock { $0.entries.append(.barrier(meeting)) }
        wake.signal()
    }

    /// Commits what is queued, then stops the thread.
    public func stop() {
        queue.withLock { $0.stopping = true }
        wake.signal()
        done.wait()
    }

    private func run() {
        while true {
            let signalled = wake.wait(timeout: .now() + .seconds(1)) == .success
            let (entries, stopping) = queue.withLock { q -> ([Entry], Bool) in
                defer { q.entries.removeAll(keepingCapacity: true) }
                return (q.entries, q.stopping)
            }
            var batch: [EventRow] = []
            for entry in entries {
                switch entry {
                case .row(let row): batch.append(row)
                case .barrier(let meeting):
                    write(batch)
                    batch = []
                    report(.barrier(meeting: meeting))
                }
            }
            write(batch)
            if stopping { done.signal(); return }
            if !signalled { discoverMeetings() }
        }
    }

    private func write(_ rows: [EventRow]) {
        guard !rows.isEmpty else { return }
        if rows.count > maxBatch {
            var start = 0
            while start < rows.count {
                write(Array(rows[start..<min(start + maxBatch, rows.count)]))
                start += maxBatch
            }
            return
        }
        writerOnly.withLock { w in
            var expected = w.lastSeq
            var accepted: [EventRow] = []
            var refused: [EventRow] = []
            for row in rows {
                if expected[row.meeting] == nil {
                    expected[row.meeting] = (try? log.lastSeq(of: row.meeting)) ?? 0
                }
                if row.seq == expected[row.meeting]! + 1 {
                    accepted.append(row)
                    expected[row.meeting] = row.seq
                } else {
                    refused.append(row)
                }
            }
            do {
                try log.append(accepted)
                w.lastSeq = expected
                if !accepted.isEmpty { report(.committed(accepted)) }
            } catch {
                w.lastSeq = [:]   // re-read from the log next time
                report(.failed(accepted + refused, error: error as? StorageError ?? StorageError("\(error)")))
                return
            }
            if !refused.isEmpty {
                report(.failed(refused, error: StorageError("an earlier event of this meeting could not be saved")))
            }
        }
    }

    private func discoverMeetings() {
        writerOnly.withLock { w in
            guard let found = try? log.meetings(after: w.knownMeetingIndex), !found.isEmpty else { return }
            var logs: [[StoredEvent]] = []
            for (n, id) in found {
                if let events = try? log.events(of: id), !events.isEmpty { logs.append(events) }
                w.knownMeetingIndex = max(w.knownMeetingIndex, n)
            }
            if !logs.isEmpty { report(.discovered(logs)) }
        }
    }
}
