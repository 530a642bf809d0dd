import ConveneCore
import FoundationEssentials
import Glibc

/// The three links of a meeting, as printed for the convener.
struct MeetingLinks: CustomStringConvertible {
    let base: String
    let meeting: MeetingState
    /// False when the output may be a log: the console link is printed without its key.
    var showKey = true

    var join: String { "\(base)/phone.html?code=\(meeting.info.joinCode)" }
    var wall: String { "\(base)/wall.html?code=\(meeting.info.joinCode)" }
    /// The key travels in the fragment, which browsers never send to servers or in Referer.
    var console: String { "\(base)/console.html?code=\(meeting.info.joinCode)#key=\(meeting.info.facilitatorKey)" }

    var description: String {
        """
        Meeting “\(meeting.info.title)” (\(meeting.info.industry), \(meeting.info.region))
          Join code:  \(meeting.info.joinCode)
          Phones:     \(join)
          Wall:       \(wall)
          Console:    \(showKey ? console + "   (keep this link secret: it holds the facilitator key)" : "\(base)/console.html?code=\(meeting.info.joinCode)#key=…   (key not printed; open the console from the organizer page)")
        """
    }
}

enum PublicURL {
    /// http(s)://address:port, where address is the bind address, or this machine's first
    /// non-loopback IPv4 address so that phones on the venue network can reach it.
    static func guess(port: Int32, bind: String?, tls: Bool) -> String {
        let scheme = tls ? "https" : "http"
        var host = bind ?? lanAddress() ?? "localhost"
        if host == "0.0.0.0" { host = lanAddress() ?? "localhost" }
        return "\(scheme)://\(host):\(port)"
    }

    static func lanAddress() -> String? {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return nil }
        defer { freeifaddrs(list) }
        var cursor: UnsafeMutablePointer<ifaddrs>? = first
        while let entry = cursor {
            defer { cursor = entry.pointee.ifa_next }
            guard let addr = entry.pointee.ifa_addr, addr.pointee.sa_family == UInt16(AF_INET),
                  entry.pointee.ifa_flags & UInt32(IFF_LOOPBACK) == 0 else { continue }
            var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(addr, socklen_t(MemoryLayout<sockaddr_in>.size), &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST) == 0 {
                return String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
        }
        return nil
    }
}
