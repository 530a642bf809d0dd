import ConveneClustering
import ConveneCore
@testable import ConveneGrouping
import XCTest

final class WallPlacementTests: XCTestCase {
    func testPlaceholder() {}
}
