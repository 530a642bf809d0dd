import CWebSockets
import ConveneCore
import ConveneStore
import Synchronization

/// Where other threads leave work for the service loop. `post` may be called from any
/// thread; it wakes the loop with `lws_cancel_service`, and the loop drains the inbox on
/// `LWS_CALLBACK_EVENT_WAIT_CANCELLED`.
final class Inbox: Sendable {
    enum Item: Sendable {
        case storage(GroupCommitWriter.Report)
        /// `reading`: the English the model read for a note typed in Spanish (nil: read as typed).
        case embedded(meeting: String, note: String, vector: [Float], reading: NoteReading?)
        case labelEmbedded(meeting: String, theme: String, label: String, vector: [Float])
        case placed(ClusteringWorker.Result)
        /// The short wait before placing a meeting's waiting notes is over.
        case placementDue(meeting: String, kind: NoteKind)
        /// The room may have paused: settle the wall of that kind if it is still `version`.
        case settleDue(meeting: String, kind: NoteKind, version: Int)
        case mailed(meeting: String, send: String, email: String, failure: String?)
        case stop
    }

    /// The lws context, boxed because `Mutex<OpaquePointer?>` is not accepted.
    private struct ContextBox: @unchecked Sendable { var context: OpaquePointer? }

    private let items = Mutex<[Item]>([])
    private let context = Mutex(ContextBox(context: nil))

    func attach(_ ctx: OpaquePointer?) { context.withLock { $0.context = ctx } }

    func post(_ item: Item) {
        items.withLock { $0.append(item) }
        context.withLock { box in
            if let ctx = box.context { lws_cancel_service(ctx) }
        }
    }

    func drain() -> [Item] {
        items.withLock { q in defer { q.removeAll() }; return q }
    }

    /// Puts items back at the front (in order) and wakes the loop again for them.
    func putBack(_ rest: [Item]) {
        guard !rest.isEmpty else { return }
        items.withLock { $0.insert(contentsOf: rest, at: 0) }
        context.withLock { box in
            if let ctx = box.context { lws_cancel_service(ctx) }
        }
    }
}
