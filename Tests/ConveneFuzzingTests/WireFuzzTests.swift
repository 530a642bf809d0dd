import ConveneFuzzing
import XCTest

/// The capped run of the wire fuzzer in `make test` (the benchmark runs a million inputs).
final class WireFuzzTests: XCTestCase {
    func testFiftyThousandHostileMessagesBreakNothing() {
        for seed in [1, 2] as [UInt64] {
            var fuzzer = WireFuzzer(seed: seed)
            let report = fuzzer.run(25_000)
            XCTAssertEqual(report.inputs, 25_000)
            XCTAssertGreaterThan(report.accepted, 100, "the fuzzer reaches the meeting logic, not just the parser")
            XCTAssertGreaterThan(report.inputs - report.parsed, 1000, "and feeds it plenty of broken JSON")
        }
    }
}
