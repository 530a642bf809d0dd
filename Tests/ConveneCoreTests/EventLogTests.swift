import ConveneCore
import ConveneStore
import Foundation
import XCTest

final class EventLogTests: XCTestCase {
    private func tempPath() -> String {
        let dir = NSTemporaryDirectory() + "convene-test-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir + "/log.sqlite"
    }

    func testAppendsAndReadsBackInOrder() throws {
        let path = tempPath()
        var m = MeetingDriver()
        let karen = m.join("Karen")
        m.phase(.opportunities)
        try m.run(.post(id: "n1", kind: nil, text: "Drones", scribed: nil), as: .participant(karen))
        do {
            let log = try EventLog(path: path)
            try log.append(m.log.map(EventRow.init))
        }
        let reopened = try EventLog(path: path)
        XCTAssertEqual(try reopened.events(of: "m1"), m.log)
        XCTAssertEqual(try reopened.meetings(after: 0).map(\.1), ["m1"])
        XCTAssertTrue(try reopened.isJoinCodeTaken("ABC234"))
        XCTAssertEqual(try reopened.lastSeq(of: "m1"), Int64(m.log.count))
    }

    func testAFailedBatchStoresNothing() throws {
        let log = try EventLog(path: tempPath())
        let m = MeetingDriver()
        try log.append(m.log.map(EventRow.init))
        let good = EventRow(meeting: "m1", seq: 2, body: Array(#"{"type":"phaseChanged","at":5,"phase":"opportunities"}"#.utf8))
        let duplicate = EventRow(meeting: "m1", seq: 1, body: Array("{}".utf8))
        XCTAssertThrowsError(try log.append([good, duplicate]))
        XCTAssertEqual(try log.lastSeq(of: "m1"), 1)
    }

    func testGroupCommitWriterCommitsInOrderAndRefusesGaps() throws {
        let log = try EventLog(path: tempPath())
        let m = MeetingDriver()
        try log.append(m.log.map(EventRow.init))
        let reports = ReportBox()
        let writer = GroupCommitWriter(log: log, knownMeetingIndex: 1) { reports.add($0) }
        writer.start()
        let rows = (2...200).map { EventRow(meeting: "m1", seq: Int64($0), body: Array(#"{"type":"phaseChanged","at":5,"phase":"welcome"}"#.utf8)) }
        for row in rows { writer.submit([row]) }
        writer.submit([EventRow(meeting: "m1", seq: 500, body: Array("{}".utf8))])   // a gap: refused
        writer.barrier(meeting: "m1")
        writer.stop()
        XCTAssertEqual(try log.lastSeq(of: "m1"), 200)
        let committed = reports.all.flatMap { if case .committed(let r) = $0 { return r.map(\.seq) }; return [] }
        XCTAssertEqual(committed, Array(2...200))
        XCTAssertTrue(reports.all.contains { if case .failed(let r, _) = $0 { return r.map(\.seq) == [500] }; return false })
        XCTAssertTrue(reports.all.contains { if case .barrier("m1") = $0 { return true }; return false })
    }

    func testStorageErrorsKeepSQLitesCodeAndSayWhatHappened() throws {
        XCTAssertEqual(StorageError("x", code: 13).kind, .diskFull)          // SQLITE_FULL
        XCTAssertEqual(StorageError("x", code: 5).kind, .busy)               // SQLITE_BUSY
        XCTAssertEqual(StorageError("x", code: 11).kind, .corrupt)           // SQLITE_CORRUPT
        XCTAssertEqual(StorageError("x", code: 10 | (4 << 8)).kind, .io)     // SQLITE_IOERR_SHORT_READ (extended)
        XCTAssertNotEqual(StorageError("x", code: 13).sentence, StorageError("x", code: 5).sentence)
        // A real one: a file that is not a database.
        let path = tempPath()
        try Data("this is not a database, just some text that is long enough".utf8).write(to: URL(fileURLWithPath: path))
        do {
            let log = try EventLog(path: path)
            _ = try log.lastMeetingIndex()
            XCTFail("a damaged file was accepted")
        } catch let error as StorageError {
            XCTAssertEqual(error.kind, .corrupt, "\(error) code \(String(describing: error.code))")
        }
    }
}

final class ReportBox: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [GroupCommitWriter.Report] = []
    func add(_ r: GroupCommitWriter.Report) { lock.lock(); reports.append(r); lock.unlock() }
    var all: [GroupCommitWriter.Report] { lock.lock(); defer { lock.unlock() }; return reports }

}
