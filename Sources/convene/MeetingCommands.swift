import ArgumentParser
import ConveneCore
import ConveneStore
import FoundationEssentials

struct CreateMeeting: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a launch meeting and print its join code and links. A running server picks it up within a second.")

    @Option(help: "Meeting title, e.g. \"Region X Light Manufacturing Sector Partnership launch\".") var title: String?
    @Option(help: "The industry, e.g. \"Light manufacturing\".") var industry: String?
    @Option(help: "The region as it reads after \"in\": \"Region X\", \"the I-80 Corridor\".") var region: String?
    @Option(help: "Date, YYYY-MM-DD.") var date: String?
    @Option(help: "Where the meeting is held.") var place: String?
    @Option(name: .customLong("chair"), help: "An employer chair (repeat for several).") var chairs: [String] = []
    @Option(help: "Directory holding the SQLite event log.") var data = "data"
    @Option(help: "Base URL for the printed links.") var publicUrl: String?
    @Option(help: "Port used in the printed links when --public-url is not given (default: the address the server last started with on this data directory, else 8080).") var port: Int32?
    @Flag(help: "Create a demo meeting, only if the data directory has no meeting yet.") var demo = false

    func validate() throws {
        if !demo && (title == nil || industry == nil || region == nil) {
            throw ValidationError("Give --title, --industry and --region (or --demo).")
        }
    }

    func run() throws {
        do {
            try DataDirectory.prepare(data)
            let log = try EventLog(path: DataDirectory.databasePath(data))
            if demo, try log.lastMeetingIndex() > 0 {
                for (_, id) in try log.meetings(after: 0) {
                    if let state = MeetingState.replay(try log.events(of: id)) { tell(links(state).description) }
                }
                return
            }
            var rng = SystemRandomNumberGenerator()
            var code = Identifiers.joinCode(using: &rng)
            while try log.isJoinCodeTaken(code) { code = Identifiers.joinCode(using: &rng) }
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            let event = try MeetingFactory.created(
                id: "m" + Identifiers.secret(using: &rng).prefix(12), title: title ?? "Light Manufacturing Sector Partnership — launch meeting",
                industry: industry ?? "Light manufacturing", region: region ?? "Region X", date: date, place: place,
                chairs: chairs, joinCode: code, facilitatorKey: Identifiers.secret(using: &rng), at: now)
            try log.append([EventRow(event)])
            tell(links(MeetingState.replay([event])!).description)
        } catch let e as CommandError {
            try fail(e.message)
        } catch {
            try fail(error)
        }
    }

    private func links(_ state: MeetingState) -> MeetingLinks {
        MeetingLinks(base: LinkBase.choose(publicUrl: publicUrl, port: port, data: data), meeting: state)
    }
}

struct ListMeetings: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List meetings with their codes and links.")

    @Option(help: "Directory holding the SQLite event log.") var data = "data"
    @Option(help: "Base URL for the printed links.") var publicUrl: String?
    @Option(help: "Port used in the printed links when --public-url is not given (default: the address the server last started with on this data directory, else 8080).") var port: Int32?

    func run() throws {
        let log = try EventLog(path: DataDirectory.databasePath(data))
        let base = LinkBase.choose(publicUrl: publicUrl, port: port, data: data)
        for (_, id) in try log.meetings(after: 0) {
            if let state = MeetingState.replay(try log.events(of: id)) { tell(MeetingLinks(base: base, meeting: state).description) }
        }
    }
}

/// The base of the links a command prints: --public-url, else --port on this machine's
/// address, else the address the server gave when it last started on this data directory,
/// else port 8080 — saying so, since a link with the wrong port reaches nobody.
enum LinkBase {
    static func choose(publicUrl: String?, port: Int32?, data: String) -> String {
        if let publicUrl { return publicUrl }
        if let port { return PublicURL.guess(port: port, bind: nil, tls: false) }
        if let recorded = DataDirectory.recordedPublicURL(data) {
            tell("Links use the address the server gave when it last started with \(data): \(recorded) (--port or --public-url to change).")
            return recorded
        }
        tell("Links assume the server runs on port 8080 (it has not started with \(data) yet); pass --port or --public-url if not.")
        return PublicURL.guess(port: 8080, bind: nil, tls: false)
    }
}
