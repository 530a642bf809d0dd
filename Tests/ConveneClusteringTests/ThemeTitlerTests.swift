@testable import ConveneClustering
import XCTest

final class ThemeTitlerTests: XCTestCase {
    func wall(_ texts: [String]) -> Wall {
        // Vectors do not matter much for titles without a model: one direction each.
        Wall(notes: texts.enumerated().map { i, t in
            var v = [Float](repeating: 0.1, count: 8); v[i % 8] = 1
            return WallNote(id: "n\(i)", vector: Vectors.normalized(v), text: t)
        })
    }

    func title(_ texts: [String], taken: [String] = []) -> String {
        let w = wall(texts)
        return ThemeTitler.title(for: Array(w.notes.indices), on: w, space: WallSpace(vectors: w.notes.map(\.vector), texts: texts), avoiding: taken)
    }

    func testTitlesAreNounPhrasesInTheNotesWords() {
        let t = title(["Welders!! can't find any welders", "not enough trained welders in the county", "welders retiring every quarter",
                       "CNC machinists wanted", "50 ppl retiring"])
        XCTAssertTrue(t.lowercased().contains("welders"), t)
        let words = t.split(separator: " ")
        XCTAssertTrue((1...6).contains(words.count), t)
        XCTAssertEqual(t.first.map { String($0) }, t.first.map { String($0).uppercased() }, "sentence case")
    }

    func testATitleNeverSaysOneWordTwice() {
        XCTAssertTrue(ThemeTitler.sameWord("welders", "welding"))
        XCTAssertTrue(ThemeTitler.sameWord("drone", "drones"))
        XCTAssertFalse(ThemeTitler.sameWord("housing", "childcare"))
        let t = title(["We cannot find certified welders", "Welding apprenticeships with the college", "Our welders retire soon",
                       "Teach welding in high schools", "Weld inspectors are scarce"])
        let words = t.lowercased().split(separator: " ").filter { $0 != "&" }.map(String.init)
        for (i, a) in words.enumerated() { for b in words[(i + 1)...] { XCTAssertFalse(ThemeTitler.sameWord(a, b), t) } }
    }

    func testTitlesSpeakTheWallsMainLanguage() {
        let t = title(["food safety supervisors are impossible to find", "training for supervisors and crew leads",
                       "clases de ingles para mayordomos y supervisores", "capacitación de seguridad para los supervisores",
                       "frontline leadership training for supervisors"])
        for spanish in ["mayordomos", "capacitación", "clases", "ingles"] {
            XCTAssertFalse(t.lowercased().contains(spanish), t)
        }
    }

    func testTitlesAreNeverFragmentsOrBareNumbers() {
        let fragments = ["every quarter", "50 ppl", "5 axis", "actually talk", "& local", "2 hour"]
        let walls = [
            ["we meet every quarter with 50 ppl", "5 axis machines every quarter", "actually talk to the college 2 hour drive"],
            ["50 ppl 50 ppl", "2 hour commute 2 hour", "every quarter every quarter"],
            ["& local", "local & regional", "5 axis"],
        ]
        for texts in walls {
            let t = title(texts).lowercased()
            for f in fragments { XCTAssertNotEqual(t, f, "fragment title \(t)") }
            XCTAssertFalse(t.first?.isNumber ?? false, "a title never starts with a number: \(t)")
            XCTAssertFalse(t.hasPrefix("&"), t)
        }
    }

    func testTitlesAreDistinctWithinAWall() {
        let texts = ["housing for workers", "worker housing is scarce", "housing costs"]
        let first = title(texts)
        let second = title(texts, taken: [first])
        XCTAssertNotEqual(ThemeTitler.normalizedKey(first), ThemeTitler.normalizedKey(second))
    }

    func testShoutingIsLoweredAndAcronymsKept() {
        XCTAssertEqual(ThemeTitler.sentenceCase("FOURTEEN months"), "Fourteen months")
        XCTAssertEqual(ThemeTitler.sentenceCase("CDL drivers"), "CDL drivers")
    }
}
