// swift-tools-version: 6.0
// SealKit: Kubernetes Sealed Secrets end to end, byte-compatible with the Bitnami controller.
import PackageDescription

let package = Package(
    name: "SealKit",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "SealKit", targets: ["SealKit"]),
        .executable(name: "sealctl", targets: ["sealctl"]),
    ],
    dependencies: [
        // The CLI's argument parsing; the only third-party code in the binary.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `swift package generate-documentation` for the DocC catalog; a build-time plugin only.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenSSL",
            // libssl for fetching certificates over https; libcrypto for everything else.
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // The library's layers, bottom up: each target names every layer it imports, all of them
        // below it, so a call upward does not compile (Docs/architecture.md has the map, and
        // Scripts/check-architecture.sh keeps this list equal to it). `SealKit` re-exports them all.
        .target(name: "SealKitSupport"),
        .target(name: "SealKitCrypto", dependencies: ["COpenSSL", "SealKitSupport"]),
        .target(name: "SealKitSerialization", dependencies: ["CYAML", "SealKitSupport"]),
        .target(name: "SealKitModel", dependencies: ["SealKitSupport", "SealKitCrypto", "SealKitSerialization"]),
        .target(name: "SealKitFiles", dependencies: ["SealKitSupport", "SealKitSerialization", "SealKitModel"]),
        .target(name: "SealKitCluster", dependencies: ["SealKitSupport", "SealKitCrypto", "SealKitSerialization", "SealKitModel"]),
        .target(name: "SealKitSealing", dependencies: ["SealKitSupport", "SealKitCrypto", "SealKitSerialization", "SealKitModel", "SealKitFiles", "SealKitCluster"]),
        .target(name: "SealKit", dependencies: ["SealKitSupport", "SealKitCrypto", "SealKitSerialization", "SealKitModel", "SealKitFiles", "SealKitCluster", "SealKitSealing"]),
        .executableTarget(
            name: "sealctl",
            dependencies: [
                "SealKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Helpers shared by both test targets: fixture paths, external tools, temporary folders.
        .target(
            name: "TestSupport",
            dependencies: ["SealKit"],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "SealKitTests",
            dependencies: ["SealKit", "TestSupport"]
        ),
        .testTarget(
            name: "sealctlTests",
            // ArgumentParser: to set sealctl's quick command-line reading against argument-parser's.
            dependencies: ["SealKit", "TestSupport", "sealctl", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            // A stand-in controller the tests run as `kubectl`, by path.
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
