import Foundation
import SealKit
import TestSupport

/// Replaces every sealed value (`Ag…`) with a placeholder, so outputs compare byte for byte.
func maskingCiphertexts(_ text: String) -> String {
    text.replacingOccurrences(of: #"Ag[A-Za-z0-9+/=]{100,}"#, with: "<sealed>", options: .regularExpression)
}

/// The vector key's files.
enum VectorKey {
    static var certificate: String { get throws { try TestFixtures.vectorURL("key/tls.crt").path } }
    static var privateKey: String { get throws { try TestFixtures.vectorURL("key/tls.key").path } }
    static var bothKeys: String { get throws { try TestFixtures.vectorURL("keys-both.list.yaml").path } }
}

/// Writes a stand-in `kubectl` into `directory` that records its arguments (in `log`) and stdin
/// (in `log` + `.stdin`), then
/// answers with `stdout` and `status`. Returns the PATH to use and the log file.
func makeFakeKubectl(in directory: URL, stdout: String, stderr: String = "", status: Int32 = 0) throws -> (path: String, log: URL) {
    let bin = directory.appendingPathComponent("bin")
    let log = directory.appendingPathComponent("kubectl.log")
    let answer = directory.appendingPathComponent("kubectl.answer")
    try answer.write(stdout)
    let script = """
    #!/bin/sh
    for argument in "$@"; do printf '%s\\n' "$argument" >> '\(log.path)'; done
    printf -- '--end--\\n' >> '\(log.path)'
    cat >> '\(log.path).stdin'
    cat '\(answer.path)'
    printf '%s' '\(stderr)' >&2
    exit \(status)
    """
    try bin.appendingPathComponent("kubectl").write(script, mode: 0o755)
    let path = bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    return (path, log)
}

/// The argument lists a stand-in kubectl received, one per call.
func recordedCalls(_ log: URL) throws -> [[String]] {
    guard FileManager.default.fileExists(atPath: log.path) else { return [] }
    var calls: [[String]] = [[]]
    for line in try log.read().split(separator: "\n", omittingEmptySubsequences: false) {
        if line == "--end--" { calls.append([]) } else if !line.isEmpty || !calls[calls.count - 1].isEmpty { calls[calls.count - 1].append(String(line)) }
    }
    return calls.filter { !$0.isEmpty }
}
