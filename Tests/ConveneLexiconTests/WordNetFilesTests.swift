import ConveneClustering
@testable import ConveneLexicon
import XCTest

/// Debian's real WordNet files (installed by scripts/setup.sh): what the server loads at start.
final class WordNetFilesTests: XCTestCase {
    func testWordNetSaysWhichWordsAreOnlyEverAdjectives() throws {
        guard let lexicon = WordNetFiles.lexicon() else {
            if ProcessInfo.processInfo.environment["CONVENE_REQUIRE_MODEL"] == "1" { XCTFail("wordnet-base is not installed") }
            throw XCTSkip("wordnet-base is not installed (scripts/setup.sh installs it)")
        }
        XCTAssertGreaterThan(lexicon.adjectiveCount, 10_000)
        for word in ["residential", "indoor", "industrial", "maritime", "regional"] { XCTAssertTrue(lexicon.isOnlyAdjective(word), word) }
        // Words that also name things stay possible ends of a title.
        for word in ["electric", "rental", "material", "commercial", "medical", "local", "public", "senior", "potential"] {
            XCTAssertFalse(lexicon.isOnlyAdjective(word), word)
        }
    }

    func testWordNetSaysWhichNamesAreWrittenWithACapital() throws {
        guard let lexicon = WordNetFiles.lexicon() else { throw XCTSkip("wordnet-base is not installed") }
        XCTAssertGreaterThan(lexicon.properNameCount, 10_000)
        for (typed, name) in [("asia", "Asia"), ("texas", "Texas"), ("medicaid", "Medicaid"), ("osha", "OSHA"), ("mexico", "Mexico")] {
            XCTAssertEqual(lexicon.properName(typed), name)
        }
        for typed in ["china", "navy", "amazon", "banks", "tours", "ev", "welders", "housing", "ops", "who", "bc", "th"] { XCTAssertNil(lexicon.properName(typed), typed) }
    }

    func testMissingFilesMeanNoLexicon() {
        XCTAssertNil(WordNetFiles.lexicon(directory: "/nonexistent"))
    }
}
