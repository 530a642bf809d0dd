/// How `convene serve` was asked to run.
public struct ServerConfig: Sendable {
    public var port: Int32 = 8080
    /// Address to listen on; nil listens on every interface.
    public var bind: String?
    public var dataDirectory = "data"
    public var staticDirectory = "web-static"
    public var tlsCertificate: String?
    public var tlsKey: String?
    /// Most WebSocket connections served at once; more are refused at the handshake.
    public var maxConnections = 20_000
    /// Most events per transaction; 1 turns group commit off (benchmark baseline only).
    public var commitBatchLimit = Int.max
    /// What waits for the sockets. libuv (epoll) wakes up for the sockets that are ready;
    /// lws's own poll() loop walks all of them at every wake-up, which at 1,000 phones was
    /// half of the service loop's CPU (issue 15). poll remains for benchmarks, and is used
    /// when lws's libuv plugin is not installed.
    public enum EventLoop: String, Sendable { case libuv, poll }
    public var eventLoop = EventLoop.libuv
    /// Base URL phones use to reach the server (for the QR code on the wall).
    public var publicURL = "http://localhost:8080"
    /// Accept facilitator and organizer keys over plain HTTP from other computers.
    public var allowInsecureKeys = false
    /// Print the organizer and facilitator keys (in their links) at start: true when
    /// standard output is a terminal, or with `--print-keys`; otherwise the output may be a
    /// log, and the links are printed without their keys.
    public var printKeys = true
    /// The address of a reverse proxy in front of this server: only its X-Forwarded-For
    /// (the client's address) and X-Forwarded-Proto (https) are believed.
    public var trustedProxy: String?
    /// Origins (besides this server's own) whose pages may open its WebSocket.
    public var allowedOrigins: [String] = []

    public init() {}
}
