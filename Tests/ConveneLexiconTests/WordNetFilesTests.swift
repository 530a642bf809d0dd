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

    func testWordNetSaysWhichWordsAreOnlyEverWrittenInLowerCase() throws {
        guard let lexicon = WordNetFiles.lexicon() else { throw XCTSkip("wordnet-base is not installed") }
        XCTAssertGreaterThan(lexicon.commonWordCount, 50_000)
        for word in ["truck", "trucks", "shuttle", "broadband", "welders", "housing", "permits"] { XCTAssertTrue(lexicon.isCommonWord(word), word) }
        // Names, and words written both ways ("China", "china"), are not: their capital may be the word's.
        for word in ["asia", "texas", "osha", "china", "brownsville", "highlands", "rockies", "queens", "alps"] {
            XCTAssertFalse(lexicon.isCommonWord(word), word)
        }
    }

    func testWordNetSaysWhichWordsAreOnlyVerbs() throws {
        guard let lexicon = WordNetFiles.lexicon() else { throw XCTSkip("wordnet-base is not installed") }
        XCTAssertGreaterThan(lexicon.verbOnlyCount, 3_000)
        for word in ["require", "requires", "widens", "attract", "retain", "grow", "compete", "solves"] { XCTAssertTrue(lexicon.isOnlyVerb(word), word) }
        // Nouns too, their plurals, "-ing" and "-ed" forms: possible words of a title.
        for word in ["hire", "recruit", "train", "needs", "retirees", "rides", "hiring", "training", "licensed", "expanded", "welders",
                     "reuse", "spend", "installs", "earn", "learn", "opt"] {
            XCTAssertFalse(lexicon.isOnlyVerb(word), word)
        }
    }

    func testWordNetTellsAWordFromATypo() throws {
        guard let lexicon = WordNetFiles.lexicon() else { throw XCTSkip("wordnet-base is not installed") }
        // Lemmas, their regular forms, irregular forms (verb.exc), words also written with a capital.
        for word in ["business", "hiring", "stopped", "cities", "cheaper", "built", "held", "march", "recruiting", "apprenticeships",
                     "welders", "childcare", "easily"] {
            XCTAssertTrue(lexicon.isKnownWord(word), word)
        }
        for typo in ["busines", "recuiting", "apprenticeshp", "weldrs", "childcre", "permmits"] { XCTAssertFalse(lexicon.isKnownWord(typo), typo) }
    }

    func testAFileIsReadLineByLineAcrossItsChunks() throws {
        // Lines of every length up to 700 bytes, more than one 256 KiB chunk in all, and no
        // newline after the last: each line arrives whole, once, in order.
        let lines = (0..<1_500).map { i in String(repeating: Character(UnicodeScalar(UInt8(97 + i % 26))), count: 1 + (i * 37) % 700) }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("convene-lines-\(getpid()).txt").path
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertGreaterThan(try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int, 1 << 18)
        var read: [String] = []
        XCTAssertTrue(WordNetFiles.eachLine(of: path) { read.append(String(decoding: $0, as: UTF8.self)) })
        XCTAssertEqual(read, lines)
        XCTAssertFalse(WordNetFiles.eachLine(of: "/nonexistent/file") { _ in })
    }

    func testMissingFilesMeanNoLexicon() {
        XCTAssertNil(WordNetFiles.lexicon(directory: "/nonexistent"))
    }
}
