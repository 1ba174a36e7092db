import Foundation
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
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        // Keep the tests hermetic: kubeseal's variables only when a test sets them.
        for name in env.keys where name.hasPrefix("SEALED_SECRETS_") || name == "SEALCTL_KUBECTL" { env[name] = nil }
        for (name, value) in environment { env[name] = value }
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        group.enter()
        DispatchQueue.global().async { outData = output.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errData = error.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        input.fileHandleForWriting.write(stdin)
        try? input.fileHandleForWriting.close()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
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
