@testable import ConveneServer
import XCTest

/// What a reconnecting client is replayed, and when it gets a snapshot instead.
final class ReplayWindowTests: XCTestCase {
    func window(_ seqs: ClosedRange<Int64>) -> ReplayWindow {
        var w = ReplayWindow()
        for s in seqs { w.append(ReplayEntry(seq: s, everyone: [UInt8(s % 256)], console: [], reveals: nil)) }
        return w
    }

    func testAClientMissingAFewEventsGetsExactlyThose() {
        let w = window(1...10)
        XCTAssertEqual(w.missed(since: 7, upTo: 10)?.map(\.seq), [8, 9, 10])
        XCTAssertEqual(w.missed(since: 10, upTo: 10)?.map(\.seq), [], "up to date: nothing to replay")
    }

    func testAClientWithNothingOrFromTheFutureGetsASnapshot() {
        let w = window(1...10)
        XCTAssertNil(w.missed(since: 0, upTo: 10))
        XCTAssertNil(w.missed(since: 11, upTo: 10))
    }

    func testTheWindowIsBoundedAndOlderClientsGetASnapshot() {
        let w = window(1...3000)
        XCTAssertLessThanOrEqual(w.entries.count, ReplayWindow.capacity + 500)
        XCTAssertEqual(w.entries.last?.seq, 3000)
        XCTAssertNil(w.missed(since: 1, upTo: 3000), "trimmed away")
        XCTAssertNil(w.missed(since: 3000 - ReplayWindow.limit - 1, upTo: 3000), "more than a snapshot is worth")
        XCTAssertEqual(w.missed(since: 2990, upTo: 3000)?.count, 10)
    }
}
