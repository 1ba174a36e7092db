// swift-tools-version: 6.0
// A small program that embeds SealKit: see Sources/EmbedSealKit/main.swift.
import PackageDescription

let package = Package(
    name: "EmbedSealKit",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "SealKit", path: "../..")],
    targets: [
        .executableTarget(name: "EmbedSealKit", dependencies: [.product(name: "SealKit", package: "SealKit")]),
    ]
)
