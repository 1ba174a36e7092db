import Foundation
import Testing
import TestSupport
@testable import SealKit

/// Output that cannot be written: a full disk is an error with the system's reason and a
/// non-zero exit, never a silent success; a closed pipe ends sealctl quietly, as Unix tools end.
@Suite("Output that cannot be written")
struct OutputFailureTests {
    /// Every command whose job is its standard output, with what it needs in `directory`.
    static func commands(in directory: URL) throws -> [(name: String, arguments: [String])] {
        let certificate = try VectorKey.certificate, keys = try VectorKey.bothKeys
        let sealed = try TestFixtures.vectorURL("sealedsecrets/db-creds.strict.sealedsecret.yaml").path
        let other = try TestFixtures.vectorURL("sealedsecrets/db-creds.strict.legacy-v0.31.sealedsecret.yaml").path
        // A file with a problem, so that validate and check have a line to print.
        let broken = directory.appendingPathComponent("repo/broken.yaml")
        try broken.write("apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: db, namespace: prod}\nspec:\n  encryptedData: {password: AAAA}\n")
        return [
            ("seal", ["seal", "--cert", certificate, "--name", "a", "-n", "b", "--from-literal", "k=v"]),
            ("unseal", ["unseal", "--key", keys, "-f", sealed]),
            ("cert", ["cert", "--cert", certificate]),
            ("validate", ["validate", broken.path]),
            ("check", ["check", directory.appendingPathComponent("repo").path]),
            ("diff", ["diff", "--key", keys, sealed, other]),
            ("git diff-text", ["git", "diff-text", sealed]),
        ]
    }

    /// Runs sealctl with `output` as its standard output; (status, terminated by a signal, stderr).
    static func run(_ arguments: [String], output: FileHandle) throws -> (status: Int32, signalled: Bool, stderr: String) {
        let process = Process()
        process.executableURL = Sealctl.binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = Sealctl.isolatedHome.path
        environment["KUBECONFIG"] = nil
        process.environment = environment
        let errors = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, process.terminationReason == .uncaughtSignal, String(decoding: stderr, as: UTF8.self))
    }

    @Test("a full disk (/dev/full): the system's reason on stderr and a non-zero exit, for every command",
          .enabled(if: FileManager.default.isWritableFile(atPath: "/dev/full")))
    func fullDisk() throws {
        try withTemporaryDirectory { directory in
            for command in try Self.commands(in: directory) {
                let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
                defer { try? full.close() }
                let result = try Self.run(command.arguments, output: full)
                #expect(!result.signalled, "\(command.name)")
                // 1, or 2 for check and diff, whose 1 means "found something".
                #expect(result.status == (["check", "diff"].contains(command.name) ? 2 : 1), "\(command.name): \(result.stderr)")
                #expect(result.stderr.contains("error: cannot write to standard output: No space left on device"), "\(command.name): \(result.stderr)")
            }
        }
    }

    @Test("a closed pipe: ended by SIGPIPE, nothing on stderr (no error, no stack trace), for every command")
    func closedPipe() throws {
        try withTemporaryDirectory { directory in
            for command in try Self.commands(in: directory) {
                let pipe = Pipe()
                try pipe.fileHandleForReading.close()
                let result = try Self.run(command.arguments, output: pipe.fileHandleForWriting)
                try pipe.fileHandleForWriting.close()
                #expect(result.signalled && result.status == SIGPIPE, "\(command.name): status \(result.status)")
                #expect(result.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("warning: ") }, "\(command.name): \(result.stderr)")
            }
        }
    }

    @Test("-w is untouched by a failure: an existing output file keeps its bytes when sealing fails")
    func outputFileKeptOnFailure() throws {
        try withTemporaryDirectory { directory in
            let output = directory.appendingPathComponent("sealed.yaml")
            try output.write("previous\n")
            let result = try Sealctl.run(["seal", "--cert", directory.appendingPathComponent("missing.crt").path, "--name", "a", "-n", "b",
                                          "--from-literal", "k=v", "-w", output.path])
            #expect(result.status != 0)
            #expect(try output.read() == "previous\n")
        }
    }
}
