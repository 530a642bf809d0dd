import ArgumentParser
import Foundation

/// Prints "convene: <reason>" on standard error and exits with status 1.
func fail(_ reason: Any) throws -> Never {
    FileHandle.standardError.write(Data("convene: \(reason)\n".utf8))
    throw ExitCode.failure
}

struct Convene: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convene",
        abstract: "Runs the launch meeting of a sector partnership: phones, wall and console.",
        subcommands: [Serve.self, MeetingCommand.self, Export.self, SendSummary.self, Embed.self, Cluster.self])
}

struct MeetingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meeting", abstract: "Create and list meetings.",
        subcommands: [CreateMeeting.self, ListMeetings.self])
}
