import ArgumentParser
import ConveneCore
import ConveneEmbedding
import ConveneServer
import FoundationEssentials
import Glibc

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve every meeting in the data directory.")

    @Option(help: "TCP port for HTTP and WebSocket.") var port: Int32 = 8080
    @Option(help: "Address to listen on (default: every interface, so phones in the room can reach it).") var bind: String?
    @Option(help: "Directory holding the SQLite event log.") var data = "data"
    @Option(help: "Directory of the pages to serve (default: found beside the installed program, in the checkout it was built in, or ./web-static).") var staticDir: String?
    @Option(help: "TLS certificate (PEM); with --tls-key, serves HTTPS and WSS.") var tlsCert: String?
    @Option(help: "TLS private key (PEM).") var tlsKey: String?
    @Option(help: "debug, info, notice, warning or error.") var logLevel = "notice"
    @Option(help: ArgumentHelp("Most events per SQLite transaction (1 disables group commit; for benchmarks).", visibility: .hidden))
    var commitBatchLimit = Int.max
    @Option(help: "Folder holding the all-MiniLM-L6-v2 model (model.safetensors, vocab.txt); found like the pages when not given.")
    var modelDir: String?
    @Option(help: ArgumentHelp("libuv (epoll, as shipped; falls back to poll when lws's libuv plugin is missing) or poll (for benchmarks).", visibility: .hidden))
    var eventLoop = "libuv"
    @OptionGroup var mail: MailOptions
    @Option(help: "Base URL people use to reach this server, if not http(s)://<this machine's address>:<port>.") var publicUrl: String?
    @Flag(help: "Print the organizer and facilitator keys at start even when standard output is not a terminal (it may be a log).") var printKeys = false
    @Flag(help: "Accept the facilitator and organizer keys over plain HTTP from other computers (they cross the network in clear).") var allowInsecureKeys = false
    @Option(name: .customLong("allowed-origin"), help: "Another origin (scheme://host:port) whose pages may open this server's WebSocket; repeat for several.") var allowedOrigins: [String] = []
    @Option(help: "Address of a reverse proxy in front of this server; its X-Forwarded-For and X-Forwarded-Proto are trusted, nobody else's.") var trustedProxy: String?

    /// The model if it loads; otherwise says plainly that grouping falls back to words.
    func loadEmbedder() -> SentenceEmbedder? {
        let flags = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        #if arch(x86_64)
        // The embedding kernel is compiled for AVX2 and FMA (every x86-64 CPU since 2013–2015).
        guard flags.contains(" avx2") && flags.contains(" fma") else {
            say("Semantic grouping is off: this processor lacks AVX2/FMA. Notes are grouped by the words they share.")
            return nil
        }
        #endif
        let lookup = modelDir.map { InstalledResources.Lookup(found: $0, looked: [$0]) } ?? InstalledResources.find(InstalledResources.model)
        guard let modelDir = lookup.found else {
            say("Semantic grouping is off: no model found (looked in \(lookup.looked.joined(separator: ", "))). Notes are grouped by the words they share, which is weaker. Run `make install` or scripts/fetch-model.sh, or give --model-dir.")
            return nil
        }
        do {
            let model = try SentenceEmbedder(modelDirectory: modelDir)
            say("Semantic grouping is on (all-MiniLM-L6-v2 from \(modelDir)).")
            return model
        } catch {
            say("Semantic grouping is off: \(error) Notes are grouped by the words they share, which is weaker.")
            return nil
        }
    }

    /// The pages: the flag's folder, or the first place they are found. Without them every
    /// screen would be a 404, so the server refuses to start and says where it looked.
    func pagesDirectory() throws -> String {
        if let staticDir {
            guard InstalledResources.holds(staticDir, InstalledResources.pages) else {
                throw CommandFailure("--static-dir \(staticDir) holds no Convene pages (no \(InstalledResources.pages.marker)).")
            }
            return staticDir
        }
        let lookup = InstalledResources.find(InstalledResources.pages)
        guard let found = lookup.found else {
            throw CommandFailure("Cannot find Convene's pages (web-static); looked in \(lookup.looked.joined(separator: ", ")). Run `make install`, start Convene from its checkout, or give --static-dir.")
        }
        return found
    }

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
        config.staticDirectory = try pagesDirectory()
        config.tlsCertificate = tlsCert
        config.tlsKey = tlsKey
        config.commitBatchLimit = commitBatchLimit
        guard let loop = ServerConfig.EventLoop(rawValue: eventLoop) else {
            throw ValidationError("--event-loop must be libuv or poll.")
        }
        config.eventLoop = loop
        config.allowInsecureKeys = allowInsecureKeys
        config.printKeys = printKeys || isatty(STDOUT_FILENO) != 0
        config.trustedProxy = trustedProxy
        config.allowedOrigins = allowedOrigins
        let base = publicUrl ?? PublicURL.guess(port: port, bind: bind, tls: tlsCert != nil)
        config.publicURL = base
        let smtp = try mail.settings()
        say(smtp.map { "E-mail is set up: \($0.url), from \($0.from)." } ?? "E-mail is not set up (--smtp-url, --mail-from): the summary can be exported but not sent.")
        let embedder = loadEmbedder()
        do {
            try MainActor.assumeIsolated {
                try Server.serve(config: config, embedder: embedder, smtp: smtp) { meeting in
                    say(MeetingLinks(base: base, meeting: meeting, showKey: config.printKeys).description)
                }
            }
        } catch {
            try fail(error)
        }
    }
}
