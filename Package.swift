// swift-tools-version:6.0
import PackageDescription

// Targets are split by side effect: WirewatchExtract and WirewatchStories are pure
// (no Glibc, no C); syscalls and libsystemd live in WirewatchSystem, SQLite in
// WirewatchStore, libxml2 behind WirewatchHTML.
let package = Package(
    name: "wirewatch",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "wirewatch", targets: ["wirewatch"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "WirewatchHTML", dependencies: ["CLibXML2"]),
        // The SHA-256 block function on the x86 SHA extensions, behind WirewatchDigest.
        .target(name: "CSHA256"),
        .target(name: "WirewatchDigest", dependencies: ["CSHA256"]),
        .target(
            name: "WirewatchExtract", dependencies: ["WirewatchHTML", "WirewatchDigest"],
            exclude: ["Lexicons/README.md"],
            // Embedded as byte arrays: the target stays free of Foundation/Bundle and the binary self-contained.
            resources: [
                .embedInCode("Lexicons/countries.tsv"), .embedInCode("Lexicons/subdivisions.tsv"),
                .embedInCode("Lexicons/gazetteer.tsv"), .embedInCode("Lexicons/demonyms.tsv"),
                .embedInCode("Lexicons/words.tsv"), .embedInCode("Lexicons/common.txt"),
                .embedInCode("Lexicons/events.lexicon"),
            ]
        ),
        .target(name: "WirewatchStories", dependencies: ["WirewatchExtract"]),
        .target(
            name: "WirewatchStore",
            dependencies: [
                "WirewatchExtract", "WirewatchStories",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(name: "WirewatchSystem"),
        .target(
            name: "WirewatchDaemon",
            dependencies: [
                "WirewatchDigest", "WirewatchExtract", "WirewatchStories", "WirewatchStore", "WirewatchSystem",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .executableTarget(
            name: "wirewatch",
            dependencies: [
                "WirewatchDaemon", "WirewatchExtract", "WirewatchStore", "WirewatchStories", "WirewatchSystem",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(name: "WirewatchHTMLTests", dependencies: ["WirewatchHTML"]),
        .testTarget(name: "WirewatchDigestTests", dependencies: ["WirewatchDigest"]),
        .testTarget(name: "WirewatchExtractTests", dependencies: ["WirewatchExtract"]),
        .testTarget(name: "WirewatchStoriesTests", dependencies: ["WirewatchStories"]),
        .testTarget(name: "WirewatchStoreTests", dependencies: ["WirewatchStore"]),
        .testTarget(name: "WirewatchSystemTests", dependencies: ["WirewatchSystem"]),
        .testTarget(
            name: "WirewatchDaemonTests",
            dependencies: [
                "WirewatchDaemon", "WirewatchExtract", "WirewatchStore", "WirewatchStories", "WirewatchSystem",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(name: "IntegrationTests", dependencies: ["wirewatch"], exclude: ["README.md"]),
    ]
)
