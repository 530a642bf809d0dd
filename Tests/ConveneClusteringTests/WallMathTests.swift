@testable import ConveneClustering
import XCTest

/// The fast paths of a full regrouping compute exactly what the plain ones do: a regrouping
/// must not depend on which path ran (the grouping is deterministic, and the server's
/// placements on arrival use the per-pair similarity).
final class WallMathTests: XCTestCase {
    /// Vectors of 384 numbers (the model's) from a seeded generator, on `count` notes: 13 notes
    /// so that rows end with fewer than four notes left (the one-at-a-time tail).
    func notes(_ count: Int, dims: Int = 384) -> [WallNote] {
        var random = SeededRandom(seed: 42)
        return (0..<count).map { i in
            let v = Vectors.normalized((0..<dims).map { _ in Float(random.unit() - 0.5) })
            return WallNote(id: "n\(i)", vector: v, text: ["welders retiring", "broadband at the park", "permit delays",
                                                          "childcare for second shift"][i % 4] + " \(i)")
        }
    }

    func testTheSimilarityMatrixHoldsExactlyEachPairsSimilarity() {
        for count in [2, 5, 13] {
            let space = WallSpace(notes(count))
            let matrix = space.similarityMatrix()
            for i in 0..<count {
                XCTAssertEqual(matrix[i * count + i], 1)
                for j in 0..<count where j != i {
                    XCTAssertEqual(matrix[i * count + j], space.similarity(i, j), "notes \(i) and \(j) of \(count)")
                }
            }
        }
    }

    func testFourProductsAtOnceAreTheSameAsOneAtATime() {
        let rows = notes(5, dims: 387).map(\.vector)   // a length that leaves a tail after eight-wide steps
        let flat = rows.flatMap { $0 }
        var four = [Float](repeating: 0, count: 4)
        flat.withUnsafeBufferPointer { p in
            Vectors.dot4(p.baseAddress!, p.baseAddress! + 387, 387, into: &four)
        }
        XCTAssertEqual(four, (1...4).map { Vectors.dot(rows[0], rows[$0]) })
    }

    func testNearestNeighboursAreTheMostSimilarWithTiesToTheLowerIndex() {
        // Note 0's similarities to notes 0…5: two ties at 0.5 and two at 0.9.
        let row: [Float] = [1, 0.5, 0.9, 0.5, 0.9, 0.1]
        var s = [Float](repeating: 0, count: 36)
        for j in 0..<6 { s[j] = row[j] }
        XCTAssertEqual(SpectralEmbedding.nearest(3, of: 0, similarity: s, count: 6), [2, 4, 1])
        XCTAssertEqual(SpectralEmbedding.nearest(1, of: 0, similarity: s, count: 6), [2])
        XCTAssertEqual(SpectralEmbedding.nearest(9, of: 0, similarity: s, count: 6), [2, 4, 1, 3, 5])
        XCTAssertEqual(SpectralEmbedding.nearest(0, of: 0, similarity: s, count: 6), [])
    }

    func testOrthonormalisedColumnsAreUnitAndPerpendicular() {
        var columns = notes(4, dims: 50).map(\.vector)
        SpectralEmbedding.orthonormalize(&columns)
        for a in columns.indices {
            XCTAssertEqual(Vectors.dot(columns[a], columns[a]), 1, accuracy: 1e-5)
            for b in 0..<a { XCTAssertEqual(Vectors.dot(columns[a], columns[b]), 0, accuracy: 1e-5) }
        }
    }
}
