import CWebSockets
import ConveneCore
import FoundationEssentials
import Glibc

/// The WebSocket side of the one port: upgrades, messages to and from the hub, closes.
extension WebServer {
    func handleWebSocket(_ wsi: OpaquePointer, _ reason: lws_callback_reasons, _ user: UnsafeMutableRawPointer?,
                                     _ input: UnsafeMutableRawPointer?, _ len: Int) -> Int32 {
        switch reason {
        case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
            // lws picks the handler by subprotocol, not by path: check the path too.
            var uri = [CChar](repeating: 0, count: 64)
            let n = lws_hdr_copy(wsi, &uri, Int32(uri.count), WSI_TOKEN_GET_URI)
            guard n > 0, string(fromCBuffer: uri) == "/ws" else { return refuse(wsi, .wrongPath) }
            if connections.count >= config.maxConnections { return refuse(wsi, .serverFull) }
            // One address may hold at most so many sockets (a venue behind one NAT fits).
            let from = clientAddress(wsi).address
            if !ClientSession.isLoopback(from), connectionsByAddress[from, default: 0] >= Self.connectionsPerAddress {
                return refuse(wsi, .addressFull)
            }
            // A page on another site must not open this server's WebSocket with the visitor's
            // browser: a browser's Origin must be this host (or one the operator allowed).
            if !originAllowed(wsi) { return refuse(wsi, .otherSite) }
            // The upgrade's headers are only readable now: keep who the client is for ESTABLISHED.
            if upgrading.count > 1_000 { upgrading.removeAll() }   // handshakes that never completed
            upgrading[UInt(bitPattern: wsi)] = clientAddress(wsi)
            return 0
        case LWS_CALLBACK_ESTABLISHED:
            guard let user else { return -1 }
            let id = assignId(user)
            let (address, forwardedSecure) = upgrading.removeValue(forKey: UInt(bitPattern: wsi)) ?? clientAddress(wsi)
            connections[id] = Connection(id: id, wsi: wsi, address: address, secure: lws_is_ssl(wsi) != 0 || forwardedSecure,
                                         now: monotonicSeconds(), writer: writer, pending: pendingWrites)
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
        case LWS_CALLBACK_WS_SERVER_DROP_PROTOCOL, LWS_CALLBACK_WS_PEER_INITIATED_CLOSE:
            // lws is closing it (a protocol error, or the client's close): write nothing more.
            if let user, let conn = connections[user.load(as: UInt64.self)] { conn.closingByLws = true }
            return 0
        case LWS_CALLBACK_SERVER_WRITEABLE:
            guard let user, let conn = connections[user.load(as: UInt64.self)] else { return -1 }
            return conn.writeQueued() ? 0 : -1
        case LWS_CALLBACK_CLOSED:
            guard let user, let conn = connections.removeValue(forKey: user.load(as: UInt64.self)) else { return 0 }
            conn.isClosed = true
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

    func drainInbox() {
        for item in inbox.drain() where !hub.handle(item) { requestStop() }
    }
}

extension WebServer {
    /// Turns an upgrade away (lws closes it) and tells the operator, in Convene's words.
    func refuse(_ wsi: OpaquePointer, _ reason: RefusedConnections.Reason) -> Int32 {
        if let line = refused.record(reason, from: clientAddress(wsi).address, now: monotonicSeconds()) { Log.warning(line) }
        return 1
    }
}
