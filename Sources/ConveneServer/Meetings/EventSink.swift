import ConveneStore

/// Where the hub hands accepted events to be made durable, and asks for a barrier after a
/// failure; the answers come back later as `GroupCommitWriter.Report`s through the inbox.
/// The group-commit writer implements it; tests use a recorder and answer by hand, so
/// "acknowledged only after commit" is checked without a disk.
protocol EventSink: Sendable {
    func submit(_ rows: [EventRow])
    func barrier(meeting: String)
}

extension GroupCommitWriter: EventSink {}
