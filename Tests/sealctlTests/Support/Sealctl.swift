import Foundation
import SealKit
import Testing

/// Runs the built `sealctl` binary as a user would.
enum Sealctl {
    static let binary: URL = {
        // Test bundles live in .build/<triple>/debug; sealctl is built beside them.
        var url = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = url.appendingPathComponent("sealctl")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            url.deleteLastPathComponent()
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/sealctl")
    }()

    /// A home folder for this test process, removed by nothing: it lives in the temporary folder.
    static let isolatedHome: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sealctl-test-home-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs sealctl. `environment` adds to (or, with a nil value, removes from) the test's own.
    static func run(_ arguments: [String], stdin: Data = Data(), environment: [String: String?] = [:], directory: URL? = nil) throws -> Result {
        var env = ProcessInfo.processInfo.environment
        // Keep the tests hermetic: kubeseal's variables only when a test sets them, and a home of
        // our own, so that no local keyring or kubeconfig of the machine's user is ever touched.
        for name in env.keys where name.hasPrefix("SEALED_SECRETS_") || name.hasPrefix("SEALCTL_") || name == "KUBECONFIG" || name == "XDG_CONFIG_HOME" {
            env[name] = nil
        }
        env["HOME"] = isolatedHome.path
        for (name, value) in environment { env[name] = value }
        let result = try ChildProcess.run(binary.path, arguments, input: stdin, environment: env, directory: directory)
        return Result(status: result.status, stdout: String(decoding: result.stdout, as: UTF8.self), stderr: String(decoding: result.stderr, as: UTF8.self))
    }
}

extension Sealctl {
    /// Runs sealctl with text on standard input.
    static func run(_ arguments: [String], input: String, environment: [String: String?] = [:], directory: URL? = nil) throws -> Result {
        try run(arguments, stdin: Data(input.utf8), environment: environment, directory: directory)
    }
}

extension Sealctl.Result {
    /// Whether stderr is one `error:` line (warnings aside).
    var isOneErrorLine: Bool {
        let lines = stderr.split(separator: "\n").filter { !$0.hasPrefix("warning: ") }
        return lines.count == 1 && lines[0].hasPrefix("error: ")
    }
}
