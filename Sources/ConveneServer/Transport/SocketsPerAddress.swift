import Glibc

/// Open sockets per client address, counted from the moment lws accepts one, before any
/// request arrives.
///
/// The cap on WebSockets per address (`WebServer.connectionsPerAddress`) is checked at the
/// upgrade, so a laptop on the venue Wi-Fi that opens thousands of sockets and never sends a
/// request was held only by lws's 20-second timeout: at a few thousand sockets a second it
/// could take every descriptor the process has, and the wall, the console and every phone
/// would be turned away until it stopped. Counting at accept closes that: one address holds
/// at most `perAddress` sockets of any kind, and an IPv6 /64 at most `perNetwork` (a device
/// can take any address of its /64 at will; on the venue's Wi-Fi every phone's address is in
/// the same /64, so that cap is the room's, and larger). Loopback and the configured reverse
/// proxy are not counted (every client comes through them).
///
/// lws names a socket by its descriptor when it is accepted and by its `wsi` pointer
/// afterwards (the descriptor is already closed when the wsi is destroyed), so a socket is
/// first `admitted` by descriptor, then `adopted` under its wsi, then `closed`.
struct SocketsPerAddress {
    /// Room for a venue behind one NAT: each phone holds one WebSocket (at most 400 an
    /// address) and, while a page loads, up to six HTTP connections kept open 30 s; phones
    /// join over minutes. 3,000 is 15 % of the process's descriptors (20,000).
    static let perAddress = 3_000
    /// A whole IPv6 /64 (the venue's network, when phones use IPv6).
    static let perNetwork = 8_000

    private(set) var open: [String: Int] = [:]
    /// Accepted, not yet adopted: descriptor → what it is counted under.
    private var accepted: [Int32: [String]] = [:]
    /// Adopted: wsi → what it is counted under.
    private var adopted: [UInt: [String]] = [:]

    /// A socket from `address` was accepted on `descriptor`: false if the address (or its
    /// IPv6 /64) already holds as many as it may (the caller closes it; nothing is counted).
    /// A descriptor still waiting from an accept whose adoption failed is given back first
    /// (the number is free again, so it was closed).
    mutating func admit(descriptor: Int32, address: String, perAddress: Int = Self.perAddress,
                        perNetwork: Int = Self.perNetwork) -> Bool {
        if let stale = accepted.removeValue(forKey: descriptor) { release(stale) }
        var keys = [(address, perAddress)]
        if let network = Self.network(of: address) { keys.append((network, perNetwork)) }
        guard keys.allSatisfy({ open[$0.0, default: 0] < $0.1 }) else { return false }
        for (key, _) in keys { open[key, default: 0] += 1 }
        accepted[descriptor] = keys.map(\.0)
        return true
    }

    /// lws made the accepted socket a connection (`wsi`).
    mutating func adopt(descriptor: Int32, wsi: UInt) {
        guard let keys = accepted.removeValue(forKey: descriptor) else { return }
        adopted[wsi] = keys
    }

    /// The connection `wsi` is gone.
    mutating func closed(wsi: UInt) {
        guard let keys = adopted.removeValue(forKey: wsi) else { return }
        release(keys)
    }

    private mutating func release(_ keys: [String]) {
        for key in keys {
            let left = (open[key] ?? 1) - 1
            open[key] = left > 0 ? left : nil
        }
    }

    /// The /64 of an IPv6 address ("2001:db8:7:1::/64"); nil for IPv4.
    static func network(of address: String) -> String? {
        guard address.contains(":") else { return nil }
        var bytes = in6_addr()
        guard inet_pton(AF_INET6, address, &bytes) == 1 else { return nil }
        withUnsafeMutableBytes(of: &bytes) { raw in for i in 8..<16 { raw[i] = 0 } }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        guard inet_ntop(AF_INET6, &bytes, &text, socklen_t(text.count)) != nil else { return nil }
        return string(fromCBuffer: text) + "/64"
    }
}
