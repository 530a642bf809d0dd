import ConveneMail
import FoundationEssentials
import XCTest

/// The summary e-mail's Date header, written by hand in UTC (no date formatter).
final class MailDateTests: XCTestCase {
    func testDatesAreWrittenAsRFC5322SaysInUTC() {
        XCTAssertEqual(SummaryMessages.rfc5322Date(Date(timeIntervalSince1970: 1_795_342_405)), "Sun, 22 Nov 2026 10:13:25 +0000")
        XCTAssertEqual(SummaryMessages.rfc5322Date(Date(timeIntervalSince1970: 1_798_959_909)), "Sun, 03 Jan 2027 07:05:09 +0000")
        XCTAssertEqual(SummaryMessages.rfc5322Date(Date(timeIntervalSince1970: 0)), "Thu, 01 Jan 1970 00:00:00 +0000")
    }
}
