import ArgumentParser
import FoundationEssentials
import ConveneStore
import Glibc

/// Prints "convene: <reason>" on standard error and exits with status 1.
func fail(_ reason: Any) throws -> Never {
    writeWhole("convene: \(reason)\n", to: STDERR_FILENO)
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
