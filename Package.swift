// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Convene",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "convene", targets: ["convene"]),
        .executable(name: "convene-bench", targets: ["convene-bench"]),
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
        .systemLibrary(name: "CStemmer", path: "Sources/CStemmer"),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl",
                       providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode",
                       providers: [.apt(["libqrencode-dev"])]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),

        // Which language a note is typed in, and English's small words: pure Swift, shared by
        // the grouping (what the model reads) and the summary (which notes it quotes).
        .target(name: "ConveneLanguage"),
        // The meeting itself: pure Swift, no I/O.
        .target(name: "ConveneCore", dependencies: ["ConveneLanguage"]),
        // json-c wrapper: bytes <-> JSONValue.
        .target(name: "ConveneJSON", dependencies: ["CJSONC", "ConveneCore"]),
        // SQLite event log with group commit.
        .target(name: "ConveneStore", dependencies: ["CSQLite", "ConveneCore", "ConveneJSON"]),
        // all-MiniLM-L6-v2 sentence embeddings: tokenizer + encoder on BLAS.
        .target(name: "ConveneEmbedding", dependencies: ["COpenBLAS", "ConveneCore", "ConveneJSON"],
                swiftSettings: [.unsafeFlags(["-target-cpu", "haswell", "-O"])]),
        // Live clustering of notes into themes: pure Swift, no I/O.
        .target(name: "ConveneClustering", dependencies: ["ConveneLanguage"], swiftSettings: [.unsafeFlags(["-O"])]),
        // Where the server's automatic grouping meets the meeting: placement passes, proposals
        // and regroupings as meeting events. Pure: the server only schedules and commits.
        .target(name: "ConveneGrouping", dependencies: ["ConveneCore", "ConveneClustering"]),
        // English word lists read from Debian packages (WordNet) for the titler.
        .target(name: "ConveneLexicon", dependencies: ["ConveneClustering"]),
        // Snowball stemmer (libstemmer) for lexical similarity.
        .target(name: "ConveneStemmer", dependencies: ["CStemmer"]),
        // Seeded mutation fuzzing of the wire decoder and command validation.
        .target(name: "ConveneFuzzing", dependencies: ["ConveneCore", "ConveneJSON"]),
        // The summary e-mail and its sending through libcurl's SMTP.
        .target(name: "ConveneMail", dependencies: ["CCurl", "ConveneCore"]),
        // libwebsockets transport + the hub that owns live meetings.
        .target(name: "ConveneServer",
                dependencies: ["CWebSockets", "CQRencode", "ConveneMail", "ConveneStemmer", "ConveneCore", "ConveneJSON", "ConveneStore", "ConveneEmbedding", "ConveneClustering", "ConveneGrouping", "ConveneLexicon", "ConveneLanguage"]),
        .executableTarget(name: "convene", dependencies: [
            "ConveneServer", "ConveneStore", "ConveneMail", "ConveneCore", "ConveneJSON", "ConveneEmbedding", "ConveneClustering",
            "ConveneStemmer", "ConveneLexicon", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "convene-bench", dependencies: [
            "ConveneEmbedding", "ConveneCore", "ConveneClustering", "ConveneGrouping", "ConveneJSON", "ConveneFuzzing", "ConveneStemmer", "ConveneLexicon",
            "ConveneLanguage",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "ConveneCoreTests", dependencies: ["ConveneCore", "ConveneJSON", "ConveneStore", "ConveneLanguage"], exclude: ["Golden"]),
        .testTarget(name: "ConveneClusteringTests", dependencies: ["ConveneClustering", "ConveneStemmer", "ConveneLanguage"]),
        .testTarget(name: "ConveneGroupingTests", dependencies: ["ConveneGrouping", "ConveneClustering", "ConveneCore"]),
        .testTarget(name: "ConveneFuzzingTests", dependencies: ["ConveneFuzzing"]),
        .testTarget(name: "ConveneLexiconTests", dependencies: ["ConveneLexicon", "ConveneClustering"]),
        .testTarget(name: "ConveneEmbeddingTests", dependencies: ["ConveneEmbedding", "ConveneClustering", "ConveneJSON", "ConveneCore"]),
        .testTarget(name: "ConveneServerTests", dependencies: ["ConveneServer", "ConveneCore", "ConveneGrouping", "ConveneJSON", "ConveneStore", "ConveneMail"]),
    ],
    swiftLanguageModes: [.v6]
)
