// swift-tools-version: 6.1
// SealKit's benchmarks: their own package, so the main build and CI stay lean.
// Run: swift package --package-path Benchmarks benchmark, and Benchmarks/compare.sh (README.md here).
import PackageDescription

let package = Package(
    name: "SealKitBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "SealKit", path: ".."),
        // Explicit traits: MallocInterposer for allocation metrics. The default RuntimeInterposer
        // trait would pull swift-runtime-interposer, which these measurements do not need.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Inputs shared by the suite and the comparison tool: keys, manifest streams, trees.
        .target(
            name: "BenchmarkSupport",
            dependencies: [.product(name: "SealKit", package: "SealKit")]
        ),
        .executableTarget(
            name: "SealKitBenchmarks",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "SealKit", package: "SealKit"),
            ],
            path: "Benchmarks/SealKitBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Plain figures (one `name value unit` per line) for compare.sh to set against OpenSSL
        // and Python in the same run.
        .executableTarget(
            name: "sealkit-compare",
            dependencies: ["BenchmarkSupport", .product(name: "SealKit", package: "SealKit")]
        ),
    ]
)
