@testable import ConveneEmbedding
import XCTest

/// Running a program with bytes on its input (how the translator runs Apertium), on real
/// programs: a large input is neither lost nor deadlocked, a program that stops reading or
/// fails is told apart, and the child gets none of this process's other descriptors.
final class ChildProcessTests: XCTestCase {
    func testAMegabyteGoesThroughCatWhole() {
        let input = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        XCTAssertEqual(ChildProcess.run("/bin/cat", [], input: input), input)
    }

    func testAProgramThatReadsNothingStillAnswers() {
        // `echo` never reads its input: writing stops at the broken pipe, without a signal.
        let out = ChildProcess.run("/bin/sh", ["-c", "echo hola"], input: Array(repeating: 65, count: 1 << 20))
        XCTAssertEqual(out.map { String(decoding: $0, as: UTF8.self) }, "hola\n")
    }

    func testFailureAndAMissingProgramGiveNothing() {
        XCTAssertNil(ChildProcess.run("/bin/sh", ["-c", "cat > /dev/null; exit 3"], input: Array("x\n".utf8)))
        XCTAssertNil(ChildProcess.run("/no/such/program", [], input: []))
        XCTAssertNil(ChildProcess.run("/bin/sh", ["-c", "kill -TERM $$"], input: []))
    }

    func testTheChildSeesOnlyItsThreeStandardDescriptors() {
        // /proc/self/fd of the shell: 0, 1, 2 and the one `ls` opens to read the folder.
        let out = ChildProcess.run("/bin/sh", ["-c", "ls /proc/$$/fd"], input: [])
        let fds = out.map { String(decoding: $0, as: UTF8.self).split(separator: "\n").map(String.init) } ?? []
        XCTAssertEqual(Set(fds).subtracting(["0", "1", "2"]).count, 0, "descriptors open in the child: \(fds)")
    }
}
