import Glibc

/// Open sockets per client address, counted from the moment lws accepts one, before any
/// request arrives.
///
/// The cap on WebSockets per address (`WebServer.connectionsPerAddress`) is checked at the
/// upgrade, so a laptop on the venue Wi-Fi that opens thousands of sockets and never sends a
/// request was held only by lws's 20-second timeout: at a few thousand sockets a second it
/// could take every descriptor the process has, and the wall, the console and every phone
/// would be turned away until it stopped. Counting at accept closes that: one address holds
/// at most `limit` sockets of any kind. Loopback and the configured reverse proxy are not
/// counted (every client comes through them). An IPv6 client is counted by its /64, the
/// network one device gets (it can pick any address within it at will).
///
/// lws names a socket by its descriptor when it is accepted and by its `wsi` pointer
/// afterwards (the descriptor is already closed when the wsi is destroyed), so a socket is
/// first `admitted` by descriptor, then `adopted` under its wsi, then `closed`.
struct SocketsPerAddress {
    /// Room for a venue behind one NAT (or on one IPv6 /64): each phone holds one WebSocket
    /// and, while a page loads, up to six HTTP connections kept open 30 s; phones join over
    /// minutes, and the WebSocket cap (400 an address) binds first. A tenth of the process's
    /// descriptors (20,000).
    static let limit = 2_000

    private(set) var open: [String: Int] = [:]
    /// Accepted, not yet adopted: descriptor → address.
    private var accepted: [Int32: String] = [:]
    /// Adopted: wsi → address.
    private var adopted: [UInt: String] = [:]

    /// A socket from `address` was accepted on `descriptor`: false if the address already
    /// holds `limit` sockets (the caller closes it). A descriptor still waiting from an accept
    /// whose adoption failed is given back first (the number is free again, so it was closed).
    mutating func admit(descriptor: Int32, address: String, limit: Int = Self.limit) -> Bool {
        if let stale = accepted.removeValue(forKey: descriptor) { release(stale) }
        guard open[address, default: 0] < limit else { return false }
        open[address, default: 0] += 1
        accepted[descriptor] = address
        return true
    }

    /// lws made the accepted socket a connection (`wsi`).
    mutating func adopt(descriptor: Int32, wsi: UInt) {
        guard let address = accepted.removeValue(forKey: descriptor) else { return }
        adopted[wsi] = address
    }

    /// The connection `wsi` is gone.
    mutating func closed(wsi: UInt) {
        guard let address = adopted.removeValue(forKey: wsi) else { return }
        release(address)
    }

    private mutating func release(_ address: String) {
        let left = (open[address] ?? 1) - 1
        open[address] = left > 0 ? left : nil
    }

    /// What a client is counted under: its IPv4 address, or its IPv6 address's /64
    /// ("2001:db8:7:1::/64").
    static func key(for address: String) -> String {
        guard address.contains(":") else { return address }
        var bytes = in6_addr()
        guard inet_pton(AF_INET6, address, &bytes) == 1 else { return address }
        withUnsafeMutableBytes(of: &bytes) { raw in for i in 8..<16 { raw[i] = 0 } }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        guard inet_ntop(AF_INET6, &bytes, &text, socklen_t(text.count)) != nil else { return address }
        return string(fromCBuffer: text) + "/64"
    }
}
