import ConveneClustering
import ConveneCore
import ConveneGrouping
import Dispatch
import FoundationEssentials
import Synchronization

/// Places notes on the wall on a thread of its own. Placing a note costs time that grows
/// with the wall (milliseconds at a few hundred notes, more when the engine regroups), and
/// the service loop must never spend that while phones wait for their notes to fan out.
///
/// The loop sends one job per meeting and kind at a time: a copy of the wall (cheap: the
/// vectors are shared, not copied) and the notes to place. The answer is the pass's
/// decisions, which the loop commits whole only if nothing on that wall changed meanwhile
/// (`LiveMeeting`'s wall version); otherwise it places the notes again on the wall as it
/// now is, and after repeated changes keeps what still holds (see `WallPlacement.salvage`).
final class ClusteringWorker: Sendable {
    struct Job: Sendable {
        let meeting: String
        let kind: NoteKind
        /// The wall version the job was made from.
        let version: Int
        let base: Wall
        let arriving: [WallNote]
        let nextNumber: Int
        /// The meeting's target number of themes.
        let targetThemes: Int
        /// Themes to title again besides those the pass touches.
        var retitle: Set<String> = []
        /// The moves the wall's last regrouping wanted, for this one to confirm.
        var confirming = WantedMoves()
        /// No note: the room paused; regroup the wall and offer everything (`MeetingGrouping.settle`).
        var settling = false
        /// A settling pass at the room's pause, not only the facilitator's after a correction:
        /// every automatic title is looked at again (`WallPlacement.place`).
        var titlesAtPause = true
        /// Themes whose titles the facilitator accepted by applying the proposal that opened
        /// them: the room's pause leaves them be (`LiveMeeting.acceptedTitles`).
        var acceptedTitles: Set<String> = []
    }

    struct Result: Sendable {
        let meeting: String
        let kind: NoteKind
        let version: Int
        /// The notes the job placed, in order.
        let notes: [String]
        /// The pass's decisions and perhaps a proposal, with provisional ids for new themes.
        let pass: WallPlacement.Pass
        /// The themes the job was asked to title again (asked again if the pass is dropped).
        let retitle: Set<String>
        /// A settling pass (`Job.settling`).
        var settled = false
    }

    private let thread: WorkerThread<Job>

    /// `phrases`: the notes' model, to title themes by meaning (it is immutable, so this
    /// thread may use it beside the embedding thread).
    init(inbox: Inbox, phrases: PhraseEmbedding?) {
        // Below the service loop: placing can wait a little, fan-out cannot.
        thread = WorkerThread(name: "clustering", niceness: 10) { job in
            let engine = WallPlacement.engine(targetThemes: job.targetThemes, phrases: phrases, lexicon: TitleWords.lexicon)
            let pass = WallPlacement.place(arriving: job.arriving, onto: job.base, nextNumber: job.nextNumber, engine: engine,
                                           retitling: job.retitle, confirming: job.confirming, settling: job.settling,
                                           titlesAtPause: job.titlesAtPause, acceptedTitles: job.acceptedTitles)
            inbox.post(.placed(Result(meeting: job.meeting, kind: job.kind, version: job.version,
                                      notes: job.arriving.map(\.id), pass: pass, retitle: job.retitle, settled: job.settling)))
        }
    }

    func start() { thread.start() }
    func submit(_ job: Job) { thread.submit(job) }
}
