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

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs sealctl. `environment` adds to (or, with a nil value, removes from) the test's own.
    static func run(_ arguments: [String], stdin: Data = Data(), environment: [String: String?] = [:], directory: URL? = nil) throws -> Result {
        var env = ProcessInfo.processInfo.environment
        // Keep the tests hermetic: kubeseal's variables only when a test sets them.
        for name in env.keys where name.hasPrefix("SEALED_SECRETS_") || name == "SEALCTL_KUBECTL" { env[name] = nil }
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
    /// Whether stderr is exactly one `error:` line.
    var isOneErrorLine: Bool {
        let lines = stderr.split(separator: "\n")
        return lines.count == 1 && lines[0].hasPrefix("error: ")
    }
}
