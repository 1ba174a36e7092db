// Prints SealKit's figures as `name value unit` lines for compare.sh.
//
//   sealkit-compare write-stream FILE     write the 10 MB manifest stream
//   sealkit-compare measure FILE          per-value seal/open, YAML parse/emit, bulk re-seal, check
//   sealkit-compare parse-memory FILE     peak resident memory of parsing FILE, in a fresh process
//   sealkit-compare parse-once FILE       one parse of FILE, timed (paired with libyaml_events FILE 1)
//   sealkit-compare reseal-paired -       bulk re-seal on one core and on all cores, in turn, three times
//   sealkit-compare open|seal -           5 opens or 200 seals, for instruction counts under callgrind
//   sealkit-compare emit-keys -           kubeseal's YAML of SealedSecrets of 1,000 / 5,000 / 20,000 keys
//                                         (the writer's sort and emission, past what a cluster stores)
import BenchmarkSupport
import Foundation
import SealKit

/// The median of `runs` timings of `body`, in seconds.
func median(runs: Int, _ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return times.sorted()[times.count / 2]
}

func report(_ name: String, _ value: Double, _ unit: String) {
    print("\(name) \(String(format: "%.3f", value)) \(unit)")
}

func peakResidentMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // Linux reports kilobytes
}

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: sealkit-compare write-stream|measure|parse-memory|parse-once|reseal-paired FILE\n".utf8))
    exit(2)
}
let file = URL(fileURLWithPath: arguments[2])

switch arguments[1] {
case "open":
    // For instruction counts under callgrind: FILE is ignored; opens 5 values.
    let label = SealingScope.strict.label(namespace: "bench", name: "bench")
    let sealed = try HybridCipher.seal([UInt8](repeating: 0x61, count: 32), for: BenchmarkInputs.certificate.publicKey, label: label)
    for _ in 0..<5 { _ = try HybridCipher.open(sealed, with: [BenchmarkInputs.key], label: label) }

case "seal":
    // For instruction counts under callgrind: FILE is ignored; seals 200 values.
    let label = SealingScope.strict.label(namespace: "bench", name: "bench")
    let value = [UInt8](repeating: 0x61, count: 32)
    for _ in 0..<200 { _ = try HybridCipher.seal(value, for: BenchmarkInputs.certificate.publicKey, label: label) }

case "emit-keys":
    // One real sealed value under every key; keys named as people name them (KEY_9 before KEY_10).
    let label = SealingScope.strict.label(namespace: "bench", name: "bench")
    let value = try HybridCipher.seal([UInt8](repeating: 0x61, count: 32), for: BenchmarkInputs.certificate.publicKey, label: label)
    var times: [Int: Double] = [:]
    for count in [1_000, 5_000, 20_000] {
        var sealed = SealedSecret(metadata: ObjectMeta(name: "bench", namespace: "bench"), spec: .init(template: .init(metadata: ObjectMeta()), encryptedData: [:]))
        for index in 0..<count { sealed.spec.encryptedData["KEY_\(index)"] = Data(value).base64EncodedString() }
        times[count] = try median(runs: 5) { _ = try sealed.formatted(as: .yaml) }
        report("emit_yaml_keys_\(count)", times[count]! * 1e3, "ms")
    }
    report("emit_yaml_growth_20000_over_5000", times[20_000]! / times[5_000]!, "x")

case "write-stream":
    try Data(BenchmarkInputs.manifestStream()).write(to: file)

case "parse-memory":
    let before = peakResidentMegabytes()
    let bytes = try FileBytes.read(file.path)
    let documents = try YAMLParser().parse(bytes)
    report("yaml_parse_peak_rss", peakResidentMegabytes(), "MB")
    report("yaml_parse_rss_growth", peakResidentMegabytes() - before, "MB")
    report("stream_size", Double(bytes.count) / 1_000_000, "MB")
    report("node_bytes", Double(MemoryLayout<YAMLNode>.stride), "B")
    report("scalar_bytes", Double(MemoryLayout<YAMLNode.Scalar>.stride), "B")
    report("content_bytes", Double(MemoryLayout<YAMLNode.Content>.stride), "B")
    withExtendedLifetime(documents) {}

case "parse-once":
    // The tree is freed after the clock stops, as sealctl never frees it (it ends with _exit).
    let bytes = try FileBytes.read(file.path)
    var documents: [YAMLParser.Document] = []
    report("yaml_parse_once", try median(runs: 1) { documents = try YAMLParser().parse(bytes) } * 1e3, "ms")
    withExtendedLifetime(documents) {}

case "reseal-paired":
    // One core, then all cores, three times; the speed-up of each pair, and their median: the
    // machine's speed drifts between runs, a pair's ratio much less.
    let oldPair = try KeyPair.generate(bitCount: 4096)
    let files = BenchmarkInputs.sealedFiles(count: 60, values: 10, certificate: oldPair.certificate)
    let resealer = Resealer(oldKeys: Keyring(keys: [oldPair.privateKey]), newCertificate: try Sealer(certificate: BenchmarkInputs.certificate))
    var speedups: [Double] = []
    for _ in 0..<3 {
        let oneCore = median(runs: 1) { _ = resealer.resealFiles(files, parallel: false) }
        let allCores = median(runs: 1) { _ = resealer.resealFiles(files, parallel: true) }
        report("reseal_60x10_one_core", oneCore, "s")
        report("reseal_60x10_all_cores", allCores, "s")
        speedups.append(oneCore / allCores)
    }
    report("reseal_speedup", speedups.sorted()[1], "x")
    report("cores", Double(ProcessInfo.processInfo.activeProcessorCount), "")

case "measure":
    let certificate = BenchmarkInputs.certificate, key = BenchmarkInputs.key
    let label = SealingScope.strict.label(namespace: "bench", name: "bench")
    let value = [UInt8](repeating: 0x61, count: 32)
    let sealed = try HybridCipher.seal(value, for: certificate.publicKey, label: label)
    _ = try median(runs: 20) { _ = try HybridCipher.seal(value, for: certificate.publicKey, label: label) }  // warm up
    report("seal_per_value", try median(runs: 500) { _ = try HybridCipher.seal(value, for: certificate.publicKey, label: label) } * 1e6, "us")
    report("open_per_value", try median(runs: 60) { _ = try HybridCipher.open(sealed, with: [key], label: label) } * 1e6, "us")
    let tenKeys = Keyring(keys: BenchmarkInputs.otherKeys() + [key])
    let annotated = BenchmarkInputs.sealedSecret(recordsFingerprint: true)
    report("open_10_keys_with_fingerprint", try median(runs: 30) { _ = try Unsealer(keyring: tenKeys).openValues(of: annotated) } * 1e6, "us")
    let plain = BenchmarkInputs.sealedSecret(recordsFingerprint: false)
    report("open_10_keys_right_key_last", try median(runs: 10) { _ = try Unsealer(keyring: tenKeys).openValues(of: plain) } * 1e6, "us")

    let bytes = try FileBytes.read(file.path)
    let documents = try YAMLParser().parse(bytes).map(\.root)
    report("yaml_parse_10mb", try median(runs: 5) { _ = try YAMLParser().parse(bytes) } * 1e3, "ms")
    let emitter = YAMLEmitter()
    report("yaml_emit_10mb", try median(runs: 5) { for document in documents { _ = try emitter.emit(document) } } * 1e3, "ms")
    report("json_write_10mb", median(runs: 5) { for document in documents { _ = JSONWriter.write(document) } } * 1e3, "ms")

    let large = BenchmarkInputs.largeSecret(keys: 1_000)
    let sealer = try Sealer(certificate: certificate)
    report("seal_secret_1000_keys", try median(runs: 5) { _ = try sealer.seal(large) } * 1e3, "ms")

    let tree = FileManager.default.temporaryDirectory.appendingPathComponent("sealkit-compare-check-\(ProcessInfo.processInfo.processIdentifier)")
    try BenchmarkInputs.writeCheckTree(files: 2_000, under: tree)
    defer { try? FileManager.default.removeItem(at: tree) }
    let checker = RepositoryChecker(root: tree)
    let checkSeconds = try median(runs: 3) { _ = try checker.check(paths: [tree.path]) }
    report("check_2000_files", checkSeconds * 1e3, "ms")
    report("check_per_1000_files", checkSeconds * 1e3 / 2, "ms")

default:
    FileHandle.standardError.write(Data("unknown mode \(arguments[1])\n".utf8))
    exit(2)
}
