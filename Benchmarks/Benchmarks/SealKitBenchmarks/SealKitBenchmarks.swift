import Benchmark
import BenchmarkSupport
import Foundation
import SealKit

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 2, maxDuration: .seconds(5), maxIterations: 1_000
    )
    let key = BenchmarkInputs.key, certificate = BenchmarkInputs.certificate
    let label = SealingScope.strict.label(namespace: "bench", name: "bench")

    for size in [32, 64 * 1024] {
        let plaintext = [UInt8](repeating: 0x61, count: size)
        Benchmark("Seal one value, \(size == 32 ? "32 B" : "64 KiB")") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try HybridCipher.seal(plaintext, for: certificate.publicKey, label: label)) }
        }
    }

    // Opening: one key; ten keys with the right one last; ten keys with the fingerprint annotation.
    let tenKeys = Keyring(keys: BenchmarkInputs.otherKeys() + [key])
    let plain = BenchmarkInputs.sealedSecret(recordsFingerprint: false)
    let annotated = BenchmarkInputs.sealedSecret(recordsFingerprint: true)
    Benchmark("Open one value, 1-key keyring") { benchmark in
        let unsealer = Unsealer(keyring: Keyring(keys: [key]))
        for _ in benchmark.scaledIterations { blackHole(try unsealer.openValues(of: plain)) }
    }
    Benchmark("Open one value, 10-key keyring", configuration: .init(maxIterations: 50)) { benchmark in
        let unsealer = Unsealer(keyring: tenKeys)
        for _ in benchmark.scaledIterations { blackHole(try unsealer.openValues(of: plain)) }
    }
    Benchmark("Open one value, 10-key keyring, fingerprint annotation") { benchmark in
        let unsealer = Unsealer(keyring: tenKeys)
        for _ in benchmark.scaledIterations { blackHole(try unsealer.openValues(of: annotated)) }
    }

    // Serialization of a 10 MB multi-document stream.
    let stream = BenchmarkInputs.manifestStream()
    let documents = try! YAMLParser().parse(stream).map(\.root)
    Benchmark("YAML parse, 10 MB stream", configuration: .init(maxIterations: 20)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try YAMLParser().parse(stream)) }
    }
    Benchmark("YAML emit, 10 MB stream", configuration: .init(maxIterations: 20)) { benchmark in
        let emitter = YAMLEmitter()
        for _ in benchmark.scaledIterations { for document in documents { blackHole(try emitter.emit(document)) } }
    }
    Benchmark("JSON write, 10 MB stream", configuration: .init(maxIterations: 20)) { benchmark in
        for _ in benchmark.scaledIterations { for document in documents { blackHole(JSONWriter.write(document)) } }
    }

    let large = BenchmarkInputs.largeSecret(keys: 1_000)
    Benchmark("Seal a Secret of 1,000 keys", configuration: .init(maxIterations: 20)) { benchmark in
        let sealer = try Sealer(certificate: certificate)
        for _ in benchmark.scaledIterations { blackHole(try sealer.seal(large)) }
    }

    // Re-sealing 200 SealedSecrets of 10 values (2,000 private-key operations) on 1 core and on all.
    let oldPair = try! KeyPair.generate(bitCount: 4096)
    let files = BenchmarkInputs.sealedFiles(count: 200, values: 10, certificate: oldPair.certificate)
    for parallel in [false, true] {
        Benchmark("Reseal 200 SealedSecrets of 10 values, \(parallel ? "all cores" : "1 core")",
                  configuration: .init(maxDuration: .seconds(60), maxIterations: 3)) { benchmark in
            let resealer = Resealer(oldKeys: Keyring(keys: [oldPair.privateKey]), newCertificate: try Sealer(certificate: certificate))
            for _ in benchmark.scaledIterations { blackHole(resealer.resealFiles(files, parallel: parallel)) }
        }
    }

    // sealctl check over 2,000 files.
    let tree = FileManager.default.temporaryDirectory.appendingPathComponent("sealkit-bench-check-\(ProcessInfo.processInfo.processIdentifier)")
    try! BenchmarkInputs.writeCheckTree(files: 2_000, under: tree)
    Benchmark("check over 2,000 files", configuration: .init(maxIterations: 10)) { benchmark in
        let checker = RepositoryChecker(root: tree)
        for _ in benchmark.scaledIterations { blackHole(try checker.check(paths: [tree.path])) }
    }
}
