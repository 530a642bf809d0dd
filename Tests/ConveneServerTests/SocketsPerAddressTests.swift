@testable import ConveneServer
import Glibc
import XCTest

/// Sockets counted per address from the moment they are accepted (before any request), and
/// given back when lws destroys them, whatever became of them in between.
final class SocketsPerAddressTests: XCTestCase {
    func testAnAddressHoldsAtMostTheLimitAndClosedSocketsAreGivenBack() {
        var sockets = SocketsPerAddress()
        for fd in 0..<3 { XCTAssertTrue(sockets.admit(descriptor: Int32(fd), address: "10.0.0.7", perAddress: 3)) }
        XCTAssertFalse(sockets.admit(descriptor: 3, address: "10.0.0.7", perAddress: 3), "the fourth is refused")
        XCTAssertTrue(sockets.admit(descriptor: 4, address: "10.0.0.8", perAddress: 3), "another address is not")
        for fd in 0..<3 { sockets.adopt(descriptor: Int32(fd), wsi: UInt(100 + fd)) }
        sockets.closed(wsi: 101)
        XCTAssertTrue(sockets.admit(descriptor: 1, address: "10.0.0.7", perAddress: 3), "a closed socket frees its place")
        XCTAssertEqual(sockets.open["10.0.0.7"], 3)
        sockets.closed(wsi: 999)   // a wsi never counted (the listening socket, loopback)
        XCTAssertEqual(sockets.open["10.0.0.7"], 3)
    }

    func testAnAcceptWhoseAdoptionFailedIsGivenBackWhenItsDescriptorComesAgain() {
        var sockets = SocketsPerAddress()
        XCTAssertTrue(sockets.admit(descriptor: 9, address: "10.0.0.7", perAddress: 1))
        // lws closed descriptor 9 without adopting it; the kernel hands the number out again.
        XCTAssertTrue(sockets.admit(descriptor: 9, address: "10.0.0.7", perAddress: 1))
        XCTAssertEqual(sockets.open["10.0.0.7"], 1)
        sockets.adopt(descriptor: 9, wsi: 1)
        sockets.closed(wsi: 1)
        XCTAssertNil(sockets.open["10.0.0.7"], "nothing left counted")
    }

    func testTheAddressIsReadFromTheSocketAddressAsLwsGivesIt() {
        var v4 = sockaddr_storage()
        withUnsafeMutablePointer(to: &v4) { p in
            p.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { a in
                a.pointee.sin_family = sa_family_t(AF_INET)
                inet_pton(AF_INET, "10.0.0.7", &a.pointee.sin_addr)
            }
        }
        XCTAssertEqual(WebServer.numericAddress(v4), "10.0.0.7")
        var mapped = sockaddr_storage()
        withUnsafeMutablePointer(to: &mapped) { p in
            p.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { a in
                a.pointee.sin6_family = sa_family_t(AF_INET6)
                inet_pton(AF_INET6, "::ffff:10.0.0.7", &a.pointee.sin6_addr)
            }
        }
        XCTAssertEqual(WebServer.numericAddress(mapped), "10.0.0.7", "an IPv4 client of a dual-stack socket")
    }

    func testAnIPv6NetworkHasACapOfItsOwnBesideEachAddresss() {
        XCTAssertNil(SocketsPerAddress.network(of: "10.0.0.7"))
        XCTAssertEqual(SocketsPerAddress.network(of: "2001:db8:7:1:a:b:c:d"), "2001:db8:7:1::/64")
        var sockets = SocketsPerAddress()
        // Two phones of the venue's /64: each address has its own count, the network one for both.
        XCTAssertTrue(sockets.admit(descriptor: 1, address: "2001:db8:7:1::a", perAddress: 1, perNetwork: 3))
        XCTAssertFalse(sockets.admit(descriptor: 2, address: "2001:db8:7:1::a", perAddress: 1, perNetwork: 3), "the address is full")
        XCTAssertTrue(sockets.admit(descriptor: 3, address: "2001:db8:7:1::b", perAddress: 1, perNetwork: 3), "another phone of the room is not")
        XCTAssertTrue(sockets.admit(descriptor: 4, address: "2001:db8:7:1::c", perAddress: 1, perNetwork: 3))
        XCTAssertFalse(sockets.admit(descriptor: 5, address: "2001:db8:7:1::d", perAddress: 1, perNetwork: 3),
                       "a device taking a new address of its /64 for each socket stops at the network's cap")
        XCTAssertTrue(sockets.admit(descriptor: 6, address: "2001:db8:9:1::d", perAddress: 1, perNetwork: 3), "another network is not")
        sockets.adopt(descriptor: 3, wsi: 30)
        sockets.closed(wsi: 30)
        XCTAssertEqual(sockets.open["2001:db8:7:1::/64"], 2)
        XCTAssertNil(sockets.open["2001:db8:7:1::b"])
    }
}
