// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Convene",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "convene", targets: ["convene"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Thin system-library modules: one per C library at the edge.
        .systemLibrary(name: "CWebSockets", pkgConfig: "libwebsockets",
                       providers: [.apt(["libwebsockets-dev"])]),
        .systemLibrary(name: "CJSONC", pkgConfig: "json-c",
                       providers: [.apt(["libjson-c-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),

        // The meeting itself: pure Swift, no I/O.
        .target(name: "ConveneCore"),
        // json-c wrapper: bytes <-> JSONValue.
        .target(name: "ConveneJSON", dependencies: ["CJSONC", "ConveneCore"]),
        // SQLite event log with group commit.
        .target(name: "ConveneStore", dependencies: ["CSQLite", "ConveneCore", "ConveneJSON"]),
        // libwebsockets transport + the hub that owns live meetings.
        .target(name: "ConveneServer",
                dependencies: ["CWebSockets", "ConveneCore", "ConveneJSON", "ConveneStore"]),
        .executableTarget(name: "convene", dependencies: [
            "ConveneServer", "ConveneStore", "ConveneCore", "ConveneJSON",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "ConveneCoreTests", dependencies: ["ConveneCore", "ConveneJSON", "ConveneStore"]),
    ],
    swiftLanguageModes: [.v6]
)
