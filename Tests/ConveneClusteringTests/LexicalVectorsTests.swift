@testable import ConveneClustering
import ConveneStemmer
import XCTest

final class LexicalVectorsTests: XCTestCase {
    func testSnowballStemsWordFormsTogether() {
        let s = SnowballStemmer()
        XCTAssertEqual(s.stem("welding"), s.stem("welded"))
        XCTAssertEqual(s.stem("apprenticeships"), s.stem("apprenticeship"))
        XCTAssertEqual(s.stem(""), "")
    }

    func testSharedWordFormsAreSimilarAndUnrelatedNotesAreNot() {
        let s = SnowballStemmer()
        let a = LexicalVectors.vector("welding apprenticeships", stem: s.stem)
        let b = LexicalVectors.vector("apprenticeship in welding", stem: s.stem)
        let c = LexicalVectors.vector("faster broadband downtown", stem: s.stem)
        XCTAssertGreaterThan(Vectors.dot(a, b), 0.8)
        XCTAssertLessThan(Vectors.dot(a, c), 0.2)
        XCTAssertEqual(a.count, LexicalVectors.dimensions)
    }
}
