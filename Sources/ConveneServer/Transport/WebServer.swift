import CWebSockets
import ConveneCore
import Foundation
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
    private var connections: [UInt64: Connection] = [:]
    private var responses: [UInt64: (body: [UInt8], offset: Int)] = [:]
    /// Client address and TLS of WebSocket upgrades between the filter callback (headers
    /// readable) and ESTABLISHED, by connection pointer.
    private var upgrading: [UInt: (address: String, secure: Bool)] = [:]
    /// Open WebSockets per client address.
    private var connectionsByAddress: [String: Int] = [:]
    static let connectionsPerAddress = 400
    static let helloTimeoutSeconds: Int32 = 10

    private var nextId: UInt64 = 1
    private var stopping = false

    init(config: ServerConfig, files: StaticFiles, hub: MeetingHub, inbox: Inbox) {
        self.config = config
        self.files = files
        self.hub = hub
        self.inbox = inbox
    }

    private func cString(_ s: String) -> UnsafeMutablePointer<CChar> {
        let p = strdup(s)!
        cStrings.append(p)
        return p
    }

    /// Creates the lws context and starts listening.
    func start() throws {
        raiseFileLimit()
        lws_set_log_level(convene_lws_log_err | convene_lws_log_warn, nil)
        let protos = UnsafeMutablePointer<lws_protocols>.allocate(capacity: 3)
        protos.initialize(repeating: lws_protocols(), count: 3)
        // protocols[0] gets plain HTTP and any upgrade naming no (or an unknown) subprotocol.
        protos[0].name = UnsafePointer(cString("http"))
        protos[0].callback = conveneHTTPCallback
        protos[0].per_session_data_size = MemoryLayout<UInt64>.size
        protos[1].name = UnsafePointer(cString(Self.subprotocol))
        protos[1].callback = conveneWebSocketCallback
        protos[1].per_session_data_size = MemoryLayout<UInt64>.size
        protos[1].rx_buffer_size = 4096
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
        info.pt_serv_buf_size = 65536
        info.fd_limit_per_thread = UInt32(max(1024, min(Int(currentFileLimit()) - 32, 1 << 20)))
        info.timeout_secs = 20
        info.keepalive_timeout = 30
        info.user = Unmanaged.passUnretained(self).toOpaque()
        if let cert = config.tlsCertificate, let key = config.tlsKey {
            info.options |= convene_lws_option_ssl_global_init
            info.ssl_cert_filepath = UnsafePointer(cString(cert))
            info.ssl_private_key_filepath = UnsafePointer(cString(key))
        }
        guard let ctx = lws_create_context(&info) else {
            throw ServerError("Could not start listening on port \(config.port)\(config.bind.map { " at \($0)" } ?? ""). Is another server using it, or are the TLS files unreadable?")
        }
        context = ctx
        inbox.attach(ctx)
    }

    /// Serves until `stop` arrives in the inbox.
    func run() {
        guard let ctx = context else { return }
        while !stopping {
            if lws_service(ctx, 0) < 0 { break }
        }
        inbox.attach(nil)
        context = nil
        lws_context_destroy(ctx)
        protocols?.deallocate()
        for p in cStrings { free(p) }
        cStrings.removeAll()
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

    // MARK: HTTP

    fileprivate func handleHTTP(_ wsi: OpaquePointer, _ reason: lws_callback_reasons, _ user: UnsafeMutableRawPointer?,
                                _ input: UnsafeMutableRawPointer?, _ len: Int) -> Int32 {
        switch reason {
        case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
            // An upgrade that named no subprotocol, or one we do not speak, lands here.
            return 1
        case LWS_CALLBACK_HTTP:
            guard let user else { return -1 }
            let id = nextId
            nextId += 1
            user.storeBytes(of: id, as: UInt64.self)
            let path = input.map { String(cString: $0.assumingMemoryBound(to: CChar.self)) } ?? "/"
            let isGet = lws_hdr_total_length(wsi, WSI_TOKEN_GET_URI) > 0
            if !isGet {
                return respond(wsi, id, status: 405, type: "text/plain; charset=utf-8", body: Array("Only GET is supported.\n".utf8))
            }
            if path == "/healthz" {
                return respond(wsi, id, status: 200, type: "text/plain; charset=utf-8", body: Array("ok\n".utf8))
            }
            if path.hasPrefix("/qr/"), path.hasSuffix(".svg") {
                // The join link of an existing meeting only: no arbitrary text is encoded.
                let code = String(path.dropFirst(4).dropLast(4))
                if hub.hasMeeting(code: code), let svg = QRCodeSVG.svg(for: "\(config.publicURL)/phone.html?code=\(code)") {
                    return respond(wsi, id, status: 200, type: "image/svg+xml", body: svg)
                }
                // A miss is a wrong guess of a join code, counted like one (else this would
                // answer guesses thousands of times a second).
                if hub.qrMiss(address: clientAddress(wsi).address, now: monotonicSeconds()) {
                    return respond(wsi, id, status: 429, type: "text/plain; charset=utf-8",
                                   body: Array("Too many wrong codes from this network; try again later.\n".utf8))
                }
                return respond(wsi, id, status: 404, type: "text/plain; charset=utf-8", body: Array("No meeting has this code.\n".utf8))
            }
            if let file = files.lookup(path) {
                return respond(wsi, id, status: 200, type: file.contentType, body: file.body)
            }
            return respond(wsi, id, status: 404, type: "text/plain; charset=utf-8",
                           body: Array("Not found. Open the join link shown on the wall.\n".utf8))
        case LWS_CALLBACK_HTTP_WRITEABLE:
            guard let user else { return -1 }
            let id = user.load(as: UInt64.self)
            guard var response = responses[id] else { return -1 }
            let pre = Int(convene_lws_pre)
            let chunk = min(response.body.count - response.offset, 32 * 1024)
            var buffer = [UInt8](repeating: 0, count: pre + chunk)
            let final = response.offset + chunk >= response.body.count
            let written = buffer.withUnsafeMutableBufferPointer { b -> Int32 in
                for i in 0..<chunk { b[pre + i] = response.body[response.offset + i] }
                return lws_write(wsi, b.baseAddress! + pre, chunk, final ? LWS_WRITE_HTTP_FINAL : LWS_WRITE_HTTP)
            }
            if written < Int32(chunk) { responses[id] = nil; return -1 }
            response.offset += chunk
            if final {
                responses[id] = nil
                return lws_http_transaction_completed(wsi) != 0 ? -1 : 0
            }
            responses[id] = response
            lws_callback_on_writable(wsi)
            return 0
        case LWS_CALLBACK_CLOSED_HTTP:
            if let user { responses[user.load(as: UInt64.self)] = nil }
            return 0
        case LWS_CALLBACK_EVENT_WAIT_CANCELLED:
            drainInbox()
            return 0
        default:
            return lws_callback_http_dummy(wsi, reason, user, input, len)
        }
    }

    private func respond(_ wsi: OpaquePointer, _ id: UInt64, status: UInt32, type: String, body: [UInt8]) -> Int32 {
        let pre = Int(convene_lws_pre)
        var headers = [UInt8](repeating: 0, count: pre + 2048)
        return headers.withUnsafeMutableBufferPointer { buf -> Int32 in
            let start = buf.baseAddress! + pre
            var p: UnsafeMutablePointer<UInt8>? = start
            let end = buf.baseAddress! + buf.count
            if lws_add_http_common_headers(wsi, status, type, lws_filepos_t(body.count), &p, end) != 0 { return 1 }
            let extra = [
                ("content-security-policy:", "default-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'"),
                ("x-content-type-options:", "nosniff"),
                ("referrer-policy:", "no-referrer"),
                ("cache-control:", "no-cache"),
            ]
            for (name, value) in extra {
                if lws_add_http_header_by_name(wsi, name, value, Int32(value.utf8.count), &p, end) != 0 { return 1 }
            }
            if lws_finalize_write_http_header(wsi, start, &p, end) != 0 { return 1 }
            responses[id] = (body, 0)
            lws_callback_on_writable(wsi)
            return 0
        }
    }

    /// No Origin (not a browser), or an Origin naming the host the request was sent to, or
    /// one of `--allowed-origin`.
    private func originAllowed(_ wsi: OpaquePointer) -> Bool {
        var origin = [CChar](repeating: 0, count: 256)
        guard lws_hdr_copy(wsi, &origin, Int32(origin.count), WSI_TOKEN_ORIGIN) > 0 else { return true }
        let value = string(fromCBuffer: origin).lowercased()
        if config.allowedOrigins.contains(where: { $0.lowercased() == value }) { return true }
        var host = [CChar](repeating: 0, count: 256)
        guard lws_hdr_copy(wsi, &host, Int32(host.count), WSI_TOKEN_HOST) > 0 else { return false }
        let originHost = value.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first.map(String.init) ?? ""
        return originHost == string(fromCBuffer: host).lowercased()
    }

    /// The client's address: the peer's, or — only when the peer is the configured reverse
    /// proxy — the last address of its X-Forwarded-For (the one the proxy itself added), and
    /// whether the proxy says the client used HTTPS.
    private func clientAddress(_ wsi: OpaquePointer) -> (address: String, secure: Bool) {
        var peer = [CChar](repeating: 0, count: 64)
        lws_get_peer_simple(wsi, &peer, peer.count)
        var address = string(fromCBuffer: peer)
        if address.hasPrefix("::ffff:") { address = String(address.dropFirst(7)) }   // an IPv4 client on a dual-stack socket
        guard let proxy = config.trustedProxy, address == proxy else { return (address, false) }
        var forwarded = [CChar](repeating: 0, count: 256)
        let n = lws_hdr_copy(wsi, &forwarded, Int32(forwarded.count), WSI_TOKEN_X_FORWARDED_FOR)
        let client = n > 0 ? string(fromCBuffer: forwarded).split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) } : nil
        var proto = [CChar](repeating: 0, count: 16)
        let m = lws_hdr_custom_copy(wsi, &proto, Int32(proto.count), "x-forwarded-proto:", Int32("x-forwarded-proto:".utf8.count))
        let https = m > 0 && string(fromCBuffer: proto).lowercased() == "https"
        return (client.flatMap { $0.isEmpty ? nil : String($0) } ?? address, https)
    }

    // MARK: WebSocket

    fileprivate func handleWebSocket(_ wsi: OpaquePointer, _ reason: lws_callback_reasons, _ user: UnsafeMutableRawPointer?,
                                     _ input: UnsafeMutableRawPointer?, _ len: Int) -> Int32 {
        switch reason {
        case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
            // lws picks the handler by subprotocol, not by path: check the path too.
            var uri = [CChar](repeating: 0, count: 64)
            let n = lws_hdr_copy(wsi, &uri, Int32(uri.count), WSI_TOKEN_GET_URI)
            guard n > 0, string(fromCBuffer: uri) == "/ws" else { return 1 }
            if connections.count >= config.maxConnections { return 1 }
            // One address may hold at most so many sockets (a venue behind one NAT fits).
            let from = clientAddress(wsi).address
            if !ClientSession.isLoopback(from), connectionsByAddress[from, default: 0] >= Self.connectionsPerAddress { return 1 }
            // A page on another site must not open this server's WebSocket with the visitor's
            // browser: a browser's Origin must be this host (or one the operator allowed).
            if !originAllowed(wsi) { return 1 }
            // The upgrade's headers are only readable now: keep who the client is for ESTABLISHED.
            if upgrading.count > 1_000 { upgrading.removeAll() }   // handshakes that never completed
            upgrading[UInt(bitPattern: wsi)] = clientAddress(wsi)
            return 0
        case LWS_CALLBACK_ESTABLISHED:
            guard let user else { return -1 }
            let id = nextId
            nextId += 1
            user.storeBytes(of: id, as: UInt64.self)
            let (address, forwardedSecure) = upgrading.removeValue(forKey: UInt(bitPattern: wsi)) ?? clientAddress(wsi)
            connections[id] = Connection(id: id, wsi: wsi, address: address, secure: lws_is_ssl(wsi) != 0 || forwardedSecure,
                                         now: monotonicSeconds())
            connectionsByAddress[address, default: 0] += 1
            // A socket that never says hello is closed: it would only hold a descriptor.
            lws_set_timeout(wsi, PENDING_TIMEOUT_USER_OK, Self.helloTimeoutSeconds)
            return 0
        case LWS_CALLBACK_RECEIVE:
            guard let user, let conn = connections[user.load(as: UInt64.self)] else { return -1 }
            if conn.closeCode != nil { return 0 }
            // Refuse at once (close reason, then -1) rather than reading the rest of a bad message.
            if lws_frame_is_binary(wsi) != 0 {
                conn.close(LWS_CLOSE_STATUS_UNACCEPTABLE_OPCODE, "Messages must be JSON text.")
                return conn.writeQueued() ? 0 : -1
            }
            if conn.incoming.count + len > Limits.maxMessageBytes {
                conn.incoming = []
                conn.close(LWS_CLOSE_STATUS_MESSAGE_TOO_LARGE, "Message too big: at most \(Limits.maxMessageBytes) bytes.")
                return conn.writeQueued() ? 0 : -1
            }
            if let input, len > 0 {
                conn.incoming.append(contentsOf: UnsafeRawBufferPointer(start: input, count: len))
            }
            if lws_is_final_fragment(wsi) != 0 && lws_remaining_packet_payload(wsi) == 0 {
                let message = conn.incoming
                conn.incoming = []
                hub.receive(message, from: conn)
                if conn.session.greeted && !conn.timeoutCleared && conn.closeCode == nil {
                    conn.timeoutCleared = true
                    lws_set_timeout(wsi, NO_PENDING_TIMEOUT, 0)
                }
            }
            return 0
        case LWS_CALLBACK_SERVER_WRITEABLE:
            guard let user, let conn = connections[user.load(as: UInt64.self)] else { return -1 }
            return conn.writeQueued() ? 0 : -1
        case LWS_CALLBACK_CLOSED:
            guard let user, let conn = connections.removeValue(forKey: user.load(as: UInt64.self)) else { return 0 }
            let address = conn.session.address
            connectionsByAddress[address] = (connectionsByAddress[address] ?? 1) > 1 ? connectionsByAddress[address]! - 1 : nil
            hub.disconnected(conn)
            return 0
        case LWS_CALLBACK_EVENT_WAIT_CANCELLED:
            drainInbox()
            return 0
        default:
            return 0
        }
    }

    private func drainInbox() {
        for item in inbox.drain() where !hub.handle(item) { stopping = true }
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
    return MainActor.assumeIsolated { s.handleHTTP(w, reason, u, i, len) }
}

private func conveneWebSocketCallback(_ wsi: OpaquePointer?, _ reason: lws_callback_reasons, _ user: UnsafeMutableRawPointer?,
                                       _ input: UnsafeMutableRawPointer?, _ len: Int) -> Int32 {
    guard let s = server(of: wsi) else { return 0 }
    // These pointers are only ever used on this (the service loop) thread.
    nonisolated(unsafe) let (w, u, i) = (wsi!, user, input)
    return MainActor.assumeIsolated { s.handleWebSocket(w, reason, u, i, len) }
}
