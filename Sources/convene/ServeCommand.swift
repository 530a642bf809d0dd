import ArgumentParser
import ConveneCore
import ConveneServer
import Foundation

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve every meeting in the data directory.")

    @Option(help: "TCP port for HTTP and WebSocket.") var port: Int32 = 8080
    @Option(help: "Address to listen on (default: every interface, so phones in the room can reach it).") var bind: String?
    @Option(help: "Directory holding the SQLite event log.") var data = "data"
    @Option(help: "Directory of the pages to serve.") var staticDir = "web-static"
    @Option(help: "TLS certificate (PEM); with --tls-key, serves HTTPS and WSS.") var tlsCert: String?
    @Option(help: "TLS private key (PEM).") var tlsKey: String?
    @Option(help: "debug, info, notice, warning or error.") var logLevel = "notice"
    @Option(help: ArgumentHelp("Most events per SQLite transaction (1 disables group commit; for benchmarks).", visibility: .hidden))
    var commitBatchLimit = Int.max
    @Option(help: "Base URL people use to reach this server, if not http(s)://<this machine's address>:<port>.") var publicUrl: String?

    func validate() throws {
        guard LogLevel(name: logLevel) != nil else { throw ValidationError("--log-level must be debug, info, notice, warning or error.") }
        guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError("Give both --tls-cert and --tls-key, or neither.") }
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535.") }
    }

    func run() throws {
        Log.level = LogLevel(name: logLevel)!
        var config = ServerConfig()
        config.port = port
        config.bind = bind
        config.dataDirectory = data
        config.staticDirectory = staticDir
        config.tlsCertificate = tlsCert
        config.tlsKey = tlsKey
        config.commitBatchLimit = commitBatchLimit
        let base = publicUrl ?? PublicURL.guess(port: port, bind: bind, tls: tlsCert != nil)
        do {
            try MainActor.assumeIsolated {
                try Server.serve(config: config) { meeting in
                    say(MeetingLinks(base: base, meeting: meeting).description)
                }
            }
        } catch {
            try fail(error)
        }
    }
}
