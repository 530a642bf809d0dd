import ArgumentParser
import ConveneCore
import ConveneJSON
import ConveneStore
import FoundationEssentials
import Glibc

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export a meeting's summary (any time, also while the server runs).")

    @Argument(help: "The meeting's join code or id.") var meeting: String
    @Option(help: "markdown, html, text, json or csv.") var format = "markdown"
    @Option(help: "Write to this file instead of standard output.") var output: String?
    @Option(help: "Directory holding the SQLite event log.") var data = "data"
    @Flag(help: "Include nominees' contacts and attendees' e-mails (your own copy only: never send it on).") var includeContacts = false
    @Flag(help: "Leave out the appendix of notes (Markdown, HTML and text).") var noAppendix = false

    func run() throws {
        guard let format = SummaryFormat(rawValue: format) else {
            throw ValidationError("--format must be one of \(SummaryFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        do {
            let state = try MeetingLookup.find(meeting, data: data)
            let text = SummaryRenderer.render(MeetingSummary(state, includeContacts: includeContacts), as: format,
                                              appendix: !noAppendix, jsonSerializer: JSONCodec.serializeString)
            if let output {
                try text.write(toFile: output, atomically: true, encoding: .utf8)
            } else {
                writeWhole(text, to: STDOUT_FILENO)
            }
        } catch {
            try fail(error)
        }
    }
}

/// Finds a meeting in the log by join code (any case) or id.
enum MeetingLookup {
    static func find(_ key: String, data: String) throws -> MeetingState {
        let path = DataDirectory.databasePath(data)
        guard FileManager.default.fileExists(atPath: path) else { throw CommandFailure("No meetings in \(data) (no \(path)).") }
        let log = try EventLog(path: path)
        let code = Identifiers.normalizeJoinCode(key)
        for (_, id) in try log.meetings(after: 0) {
            guard let state = MeetingState.replay(try log.events(of: id)) else { continue }
            if state.info.id == key || state.info.joinCode == code { return state }
        }
        throw CommandFailure("No meeting with the code or id \(key) in \(data).")
    }
}
