import Foundation

/// Runs a child process with standard input, collecting standard output and error. Both pipes
/// are drained concurrently, so a chatty child never blocks on a full pipe.
///
/// `package` visibility: SealKit's own helper for kubectl and editors, shared with its tests.
package struct ChildProcess: Sendable {
    /// What a finished child produced.
    package struct Result: Sendable {
        /// The exit status.
        package let status: Int32
        /// What it wrote to standard output.
        package let stdout: Data
        /// What it wrote to standard error.
        package let stderr: Data
    }

    /// Runs `executable` (a path) to completion.
    package static func run(_ executable: String, _ arguments: [String], input: Data = Data(),
                            environment: [String: String]? = nil, directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = directory }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let collected = Collected()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { collected.setOutput(stdout.fileHandleForReading.readDataToEndOfFile()); group.leave() }
        group.enter()
        DispatchQueue.global().async { collected.setError(stderr.fileHandleForReading.readDataToEndOfFile()); group.leave() }
        // A child that exits without reading its input must not kill us with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        try? stdin.fileHandleForWriting.write(contentsOf: input)
        try? stdin.fileHandleForWriting.close()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: collected.output, stderr: collected.error)
    }

    /// The path of `name` on PATH (or `name` itself when it contains a slash), if executable.
    package static func find(_ name: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        for directory in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var outputData = Data(), errorData = Data()
        var output: Data { lock.withLock { outputData } }
        var error: Data { lock.withLock { errorData } }
        func setOutput(_ data: Data) { lock.withLock { outputData = data } }
        func setError(_ data: Data) { lock.withLock { errorData = data } }
    }
}
