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

    static func run(_ arguments: [String], stdin: Data = Data(), environment: [String: String] = [:], directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
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

@Suite("sealctl basics")
struct SealctlBasicsTests {
    @Test("--version prints the version")
    func version() throws {
        let result = try Sealctl.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }

    @Test("--help describes the tool")
    func help() throws {
        let result = try Sealctl.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: sealctl"))
        #expect(result.stdout.contains("Sealed Secrets"))
    }

    @Test("an unknown option is a usage error with a non-zero exit")
    func unknownOption() throws {
        let result = try Sealctl.run(["--no-such-flag"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("Error"))
    }
}
