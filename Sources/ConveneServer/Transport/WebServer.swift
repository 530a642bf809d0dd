import CWebSockets
import ConveneCore
import FoundationEssentials
import Glibc

/// libwebsockets at the edge: one port serves the pages over HTTP and the meeting over
/// WebSocket (path `/ws`, subprotocol `convene.v1`). The service loop runs on the thread
/// that calls `run()`, and is the only thread that touches sockets or meeting state.
@MainActor
public final class WebServer {
    public static let subprotocol = "convene.v1"

    let config: ServerConfig
    let files: StaticFiles
    let hub: MeetingHub
    let inbox: Inbox
    private var context: OpaquePointer?
    private var protocols: UnsafeMutablePointer<lws_protocols>?
    private var cStrings: [UnsafeMutablePointer<CChar>] = []
    var connections: [UInt64: Connection] = [:]
    var responses: [UInt64: HTTPResponse] = [:]
    /// One send buffer for every HTTP response and WebSocket connection of the loop.
    let writer = ChunkedWriter()
    /// Connections to write before control goes back to lws.
    let pendingWrites = PendingWrites()
    /// Client address and TLS of WebSocket upgrades between the filter callback (headers
    /// readable) and ESTABLISHED, by connection pointer.
    var upgrading: [UInt: (address: String, secure: Bool)] = [:]
    /// Open WebSockets per client address.
    var connectionsByAddress: [String: Int] = [:]
    nonisolated static let connectionsPerAddress = 400
    /// Open sockets of each client address, capped from the moment they are accepted.
    var sockets = SocketsPerAddress()
    /// Connections turned away, for the operator's log.
    var refused: RefusedConnections
    static let helloTimeoutSeconds: Int32 = 10

    var nextId: UInt64 = 1
    /// Set once a stop was asked for; the loop ends as soon as lws lets it.
    private(set) var stopping = false
    /// The loop is libuv's (epoll), not lws's poll(): it stops through `stopTimer`.
    private(set) var usesLibuv = false
    private var stopTimer: UnsafeMutablePointer<convene_stop_timer>?

    init(config: ServerConfig, files: StaticFiles, hub: MeetingHub, inbox: Inbox) {
        self.config = config
        refused = RefusedConnections(maxConnections: config.maxConnections)
        self.files = files
        self.hub = hub
        self.inbox = inbox
    }

    private func cString(_ s: String) -> UnsafeMutablePointer<CChar> {
        let p = strdup(s)!
        cStrings.append(p)
        return p
    }

    /// True for a dotted IPv4 address ("127.0.0.1"), not a host or interface name.
    nonisolated static func isIPv4Address(_ text: String) -> Bool {
        var address = in_addr()
        return inet_pton(AF_INET, text, &address) == 1
    }

    /// Creates the lws context and starts listening.
    func start() throws {
        raiseFileLimit()
        LibraryLog.install()
        let protos = UnsafeMutablePointer<lws_protocols>.allocate(capacity: 3)
        protos.initialize(repeating: lws_protocols(), count: 3)
        // protocols[0] gets plain HTTP and any upgrade naming no (or an unknown) subprotocol.
        protos[0].name = UnsafePointer(cString("http"))
        protos[0].callback = conveneHTTPCallback
        protos[0].per_session_data_size = MemoryLayout<UInt64>.size
        protos[1].name = UnsafePointer(cString(Self.subprotocol))
        protos[1].callback = conveneWebSocketCallback
        protos[1].per_session_data_size = MemoryLayout<UInt64>.size
        protos[1].rx_buffer_size = 1024
        // Events are well under this and go out in one send; a large snapshot is sent in pieces.
        protos[1].tx_packet_size = 65536
        protocols = protos

        var info = lws_context_creation_info()
        info.port = config.port
        info.iface = config.bind.map { UnsafePointer(cString($0)) }
        info.protocols = UnsafePointer(protos)
        info.gid = -1
        info.uid = -1
        info.options = convene_lws_option_validate_utf8 | convene_lws_option_fail_unable_to_bind
        // An IPv4 address to listen on is only honoured on an IPv4 socket: with IPv6 on, lws
        // 4.1 listened on every interface of both families ("--bind 127.0.0.1" behind a
        // reverse proxy left plain HTTP open to the venue's network; a walk-through found it).
        if let bind = config.bind, Self.isIPv4Address(bind) { info.options |= convene_lws_option_disable_ipv6 }
        info.pt_serv_buf_size = 65536
        info.fd_limit_per_thread = UInt32(max(1024, min(Int(currentFileLimit()) - 32, 1 << 20)))
        info.timeout_secs = 20
        info.keepalive_timeout = 30
        info.user = Unmanaged.passUnretained(self).toOpaque()
        if let cert = config.tlsCertificate, let key = config.tlsKey {
            info.options |= convene_lws_option_ssl_global_init
            // HTTP/1.1 only. Offered HTTP/2, Chromium carries the WebSocket inside it
            // (RFC 8441): such a stream has no `GET` URI (the path check refused it, and the
            // pages never connected over HTTPS) and no socket of its own (Connection writes
            // straight to the socket). One socket per screen is what a meeting needs anyway.
            info.alpn = UnsafePointer(cString("http/1.1"))
            info.ssl_cert_filepath = UnsafePointer(cString(cert))
            info.ssl_private_key_filepath = UnsafePointer(cString(key))
        }
        // libuv first (lws loads it as a plugin); without the plugin, lws's poll() loop.
        var created: OpaquePointer?
        if config.eventLoop == .libuv {
            var uv = info
            uv.options |= convene_lws_option_libuv | convene_lws_option_uv_signals_only
            // lws's libuv loop installs handlers for SIGINT and SIGTERM; `Signals.install`
            // replaces them right after start. Should one arrive in between, it means stop.
            uv.signal_cb = conveneEventLibrarySignal
            created = lws_create_context(&uv)
            usesLibuv = created != nil
        }
        if created == nil {
            created = lws_create_context(&info)
            // Only when poll() could listen was the libuv loop what failed (a port in use
            // fails both, and the plugin is not what to tell the operator about then).
            if created != nil && config.eventLoop == .libuv {
                Log.warning("libwebsockets' libuv plugin is missing (Debian package libwebsockets-evlib-uv): serving with poll(), which costs about twice the CPU per message when hundreds of phones are connected.")
            }
        }
        guard let ctx = created else {
            throw ServerError("Could not start listening on port \(config.port)\(config.bind.map { " at \($0)" } ?? ""). Is another server using it, or are the TLS files unreadable?")
        }
        context = ctx
        inbox.attach(ctx)
    }

    /// Serves until `stop` arrives in the inbox.
    func run() {
        guard let ctx = context else { return }
        // With poll() lws_service returns after each wait; with libuv only once `requestStop`
        // has destroyed the context from inside the loop (the second lws_context_destroy
        // below then frees it).
        repeat {
            if lws_service(ctx, 0) < 0 { break }
        } while !stopping
        inbox.attach(nil)
        context = nil
        lws_context_destroy(ctx)
        stopTimer?.deallocate()
        stopTimer = nil
        protocols?.deallocate()
        for p in cStrings { free(p) }
        cStrings.removeAll()
    }

    /// Ends the loop: at once with poll() (lws_service returns after each wait), through a
    /// timer on the loop with libuv (see `convene_schedule_stop`).
    func requestStop() {
        guard !stopping else { return }
        stopping = true
        // No thread may wake the loop any more: with libuv, lws closes its wake-up pipe
        // inside the loop, before `run` gets control back.
        inbox.attach(nil)
        if usesLibuv, let ctx = context {
            let timer = UnsafeMutablePointer<convene_stop_timer>.allocate(capacity: 1)
            convene_schedule_stop(timer, ctx)
            stopTimer = timer
        }
    }

    private func raiseFileLimit() {
        var limit = rlimit()
        if getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max
            _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
    }

    private func currentFileLimit() -> rlim_t {
        var limit = rlimit()
        return getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 ? limit.rlim_cur : 1024
    }

    /// A fresh id for a new HTTP request or WebSocket, kept in lws's per-session memory.
    func assignId(_ user: UnsafeMutableRawPointer) -> UInt64 {
        let id = nextId
        nextId += 1
        user.storeBytes(of: id, as: UInt64.self)
        return id
    }

    var connectionCount: Int { connections.count }
}


private func server(of wsi: OpaquePointer?) -> WebServer? {
    guard let wsi, let ctx = lws_get_context(wsi), let raw = lws_context_user(ctx) else { return nil }
    return Unmanaged<WebServer>.fromOpaque(raw).takeUnretainedValue()
}

/// lws calls these C callbacks on the service loop thread, which is the main thread.
private func conveneHTTPCallback(_ wsi: OpaquePointer?, _ reason: lws_callback_reasons, _ user: UnsafeMutableRawPointer?,
                                  _ input: UnsafeMutableRawPointer?, _ len: Int) -> Int32 {
    guard let s = server(of: wsi) else { return 0 }
    // These pointers are only ever used on this (the service loop) thread.
    nonisolated(unsafe) let (w, u, i) = (wsi!, user, input)
    return MainActor.assumeIsolated {
        let result = s.handleHTTP(w, reason, u, i, len)
        s.pendingWrites.flush()
        return result
    }
}

private func conveneWebSocketCallback(_ wsi: OpaquePointer?, _ reason: lws_callback_reasons, _ user: UnsafeMutableRawPointer?,
                                       _ input: UnsafeMutableRawPointer?, _ len: Int) -> Int32 {
    guard let s = server(of: wsi) else { return 0 }
    // These pointers are only ever used on this (the service loop) thread.
    nonisolated(unsafe) let (w, u, i) = (wsi!, user, input)
    return MainActor.assumeIsolated {
        let result = s.handleWebSocket(w, reason, u, i, len)
        s.pendingWrites.flush()
        return result
    }
}

/// SIGINT or SIGTERM seen by libuv (which installs its own handlers for them): the same
/// stop as `Signals` asks for. Runs on the service loop thread.
private func conveneEventLibrarySignal(_ handle: UnsafeMutableRawPointer?, _ signal: Int32) {
    guard let ctx = convene_context_of_uv_handle(handle), let raw = lws_context_user(ctx) else { return }
    let s = Unmanaged<WebServer>.fromOpaque(raw).takeUnretainedValue()
    s.inbox.post(.stop)
}

/// An HTTP response on its way out, a piece per writeable callback.
struct HTTPResponse {
    let body: [UInt8]
    var offset = 0
    init(body: [UInt8]) { self.body = body }
}
