@testable import ConveneServer
import XCTest

/// What the operator reads when upgrades are turned away: the first of each reason at once,
/// then one summary a minute, never a line per attempt.
final class RefusedConnectionsTests: XCTestCase {
    func testTheFirstRefusalOfEachReasonIsExplainedAtOnce() {
        var r = RefusedConnections(maxConnections: 20_000)
        let first = r.record(.otherSite, from: "10.0.0.7", now: 0)
        XCTAssertEqual(first?.contains("10.0.0.7"), true)
        XCTAssertEqual(first?.contains("another site"), true)
        XCTAssertNotNil(r.record(.addressFull, from: "10.0.0.8", now: 1), "a new reason is told at once too")
    }

    func testRepeatedRefusalsAreSummedUpOnceAMinute() {
        var r = RefusedConnections(maxConnections: 20_000)
        _ = r.record(.addressFull, from: "10.0.0.8", now: 0)
        var lines: [String] = []
        for i in 1...300 { if let l = r.record(i % 3 == 0 ? .otherSite : .addressFull, from: "10.0.0.8", now: Double(i) / 10) { lines.append(l) } }
        XCTAssertEqual(lines.count, 1, "300 attempts in 30 s: the first other-site refusal only, \(lines)")
        // Since the first line: 200 + this one over the address limit, 99 after the first from another site.
        let summary = r.record(.addressFull, from: "10.0.0.8", now: 61)
        XCTAssertEqual(summary, "Refused 300 more WebSocket connections in the last 61 s: 201 too many from one address, 99 from another site's page.")
        XCTAssertNil(r.record(.addressFull, from: "10.0.0.8", now: 62), "the next summary waits a minute")
        XCTAssertEqual(r.summaryIfDue(now: 200), "Refused 1 more WebSocket connection in the last 139 s: 1 too many from one address.")
        XCTAssertNil(r.summaryIfDue(now: 400), "nothing refused since: nothing to say")
    }

    func testSocketsOverAnAddresssCapAreToldAsConnectionsNotWebSockets() {
        var r = RefusedConnections(maxConnections: 20_000)
        XCTAssertEqual(r.record(.addressSockets, from: "10.0.0.9", now: 0),
                       "Refused a connection from 10.0.0.9: one address already holds 3000 open sockets, or its IPv6 network 8000 (closed at once, before any request). Further refusals are summed up once a minute.")
        for i in 1...50 { _ = r.record(.addressSockets, from: "10.0.0.9", now: Double(i) / 10) }
        XCTAssertEqual(r.record(.addressSockets, from: "10.0.0.9", now: 60), "Refused 51 more connections in the last 60 s: 51 too many sockets from one address.")
    }
}
