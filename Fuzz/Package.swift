// swift-tools-version: 6.0
// libFuzzer targets for SealKit's parsers, in their own package: they have no main of their own
// and only link with --sanitize=fuzzer. Run them with Fuzz/run.sh SECONDS.
import PackageDescription

let targets = [
    "FuzzManifest", "FuzzSealedSecret", "FuzzKeyFile", "FuzzKustomization", "FuzzSealedValue",
    "FuzzProjectConfig", "FuzzEnvFile", "FuzzValidator", "FuzzSourceMap", "FuzzSealedSecretFile",
]

let package = Package(
    name: "SealKitFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "SealKit", path: "..")],
    targets: targets.map { name in
        .executableTarget(name: name, dependencies: [.product(name: "SealKit", package: "SealKit")])
    }
)
