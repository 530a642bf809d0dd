import CWebSockets
import ConveneCore
import FoundationEssentials
import ConveneStore
import Glibc

/// The HTTP side of the one port: pages, the QR code, health; who the client is.
extension WebServer {
    func handleHTTP(_ wsi: OpaquePointer, _ reason: lws_callback_reasons, _ user: UnsafeMutableRawPointer?,
                                _ input: UnsafeMutableRawPointer?, _ len: Int) -> Int32 {
        switch reason {
        case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
            // An upgrade that named no subprotocol, or one we do not speak, lands here.
            return refuse(wsi, .noSubprotocol)
        case LWS_CALLBACK_FILTER_NETWORK_CONNECTION:
            // A socket just accepted, before any request: `wsi` is the listening socket.
            guard let user else { return 0 }
            let accepted = user.assumingMemoryBound(to: lws_filter_network_conn_args.self).pointee
            let address = Self.numericAddress(accepted.cli_addr)
            if ClientSession.isLoopback(address) || address == config.trustedProxy { return 0 }
            guard sockets.admit(descriptor: accepted.accept_fd, address: address) else {
                if let line = refused.record(.addressSockets, from: address, now: monotonicSeconds()) { Log.warning(line) }
                return 1
            }
            return 0
        case LWS_CALLBACK_SERVER_NEW_CLIENT_INSTANTIATED:
            sockets.adopt(descriptor: lws_get_socket_fd(wsi), wsi: UInt(bitPattern: wsi))
            return 0
        case LWS_CALLBACK_WSI_DESTROY:
            sockets.closed(wsi: UInt(bitPattern: wsi))
            return lws_callback_http_dummy(wsi, reason, user, input, len)
        case LWS_CALLBACK_HTTP:
            guard let user else { return -1 }
            let id = assignId(user)
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
            let body = response.body
            guard let (chunk, final) = writer.writeNext(wsi, total: body.count, from: response.offset, copy: { offset, count, to in
                body.withUnsafeBufferPointer { to.update(from: $0.baseAddress! + offset, count: count) }
            }, mode: { _, last in last ? LWS_WRITE_HTTP_FINAL : LWS_WRITE_HTTP }) else {
                responses[id] = nil
                return -1
            }
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

    func respond(_ wsi: OpaquePointer, _ id: UInt64, status: UInt32, type: String, body: [UInt8]) -> Int32 {
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
            responses[id] = HTTPResponse(body: body)
            lws_callback_on_writable(wsi)
            return 0
        }
    }

    /// No Origin (not a browser), or an Origin naming the host the request was sent to, or
    /// one of `--allowed-origin`.
    func originAllowed(_ wsi: OpaquePointer) -> Bool {
        var origin = [CChar](repeating: 0, count: 256)
        guard lws_hdr_copy(wsi, &origin, Int32(origin.count), WSI_TOKEN_ORIGIN) > 0 else { return true }
        let value = string(fromCBuffer: origin).lowercased()
        if config.allowedOrigins.contains(where: { $0.lowercased() == value }) { return true }
        var host = [CChar](repeating: 0, count: 256)
        guard lws_hdr_copy(wsi, &host, Int32(host.count), WSI_TOKEN_HOST) > 0 else { return false }
        let originHost = value.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first.map(String.init) ?? ""
        return originHost == string(fromCBuffer: host).lowercased()
    }

    /// A socket address as text ("10.0.0.7", "fd00::2"), an IPv4 client of a dual-stack
    /// socket without its "::ffff:" (as `clientAddress` gives it).
    nonisolated static func numericAddress(_ storage: sockaddr_storage) -> String {
        var storage = storage
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let ok = withUnsafePointer(to: &storage) { p -> Bool in
            switch Int32(p.pointee.ss_family) {
            case AF_INET:
                return p.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { a in
                    var bytes = a.pointee.sin_addr
                    return inet_ntop(AF_INET, &bytes, &text, socklen_t(text.count)) != nil
                }
            case AF_INET6:
                return p.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { a in
                    var bytes = a.pointee.sin6_addr
                    return inet_ntop(AF_INET6, &bytes, &text, socklen_t(text.count)) != nil
                }
            default:
                return false
            }
        }
        return ok ? unmapped(string(fromCBuffer: text)) : ""
    }

    /// An IPv4 client on a dual-stack socket as its IPv4 address ("::ffff:10.0.0.7" → "10.0.0.7").
    nonisolated static func unmapped(_ address: String) -> String {
        address.hasPrefix("::ffff:") ? String(address.dropFirst(7)) : address
    }

    /// The client's address: the peer's, or — only when the peer is the configured reverse
    /// proxy — the last address of its X-Forwarded-For (the one the proxy itself added), and
    /// whether the proxy says the client used HTTPS.
    func clientAddress(_ wsi: OpaquePointer) -> (address: String, secure: Bool) {
        var peer = [CChar](repeating: 0, count: 64)
        lws_get_peer_simple(wsi, &peer, peer.count)
        let address = Self.unmapped(string(fromCBuffer: peer))
        guard let proxy = config.trustedProxy, address == proxy else { return (address, false) }
        var forwarded = [CChar](repeating: 0, count: 256)
        let n = lws_hdr_copy(wsi, &forwarded, Int32(forwarded.count), WSI_TOKEN_X_FORWARDED_FOR)
        let client = n > 0 ? string(fromCBuffer: forwarded).split(separator: ",").last.map { $0.trimmedOfWhiteSpace } : nil
        var proto = [CChar](repeating: 0, count: 16)
        let m = lws_hdr_custom_copy(wsi, &proto, Int32(proto.count), "x-forwarded-proto:", Int32("x-forwarded-proto:".utf8.count))
        let https = m > 0 && string(fromCBuffer: proto).lowercased() == "https"
        return (client.flatMap { $0.isEmpty ? nil : String($0) } ?? address, https)
    }
}
