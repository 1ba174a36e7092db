import Foundation

/// Runs `kubectl`, so that every kubeconfig, context and auth plugin a user has works for
/// SealKit too. Values are never passed to it: only paths and ciphertext.
public struct Kubectl: Sendable {
    /// The kubectl executable: `SEALCTL_KUBECTL` if set, else `kubectl` on PATH.
    public var executable: String
    /// `--context`, if given.
    public var context: String?
    /// `--kubeconfig`, if given.
    public var kubeconfig: String?

    public init(executable: String? = nil, context: String? = nil, kubeconfig: String? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.executable = executable ?? environment["SEALCTL_KUBECTL"] ?? "kubectl"
        self.context = context
        self.kubeconfig = kubeconfig
    }

    /// What went wrong running kubectl.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case notInstalled(String)
        case failed(arguments: [String], status: Int32, message: String)

        public var description: String {
            switch self {
            case .notInstalled(let executable):
                return "\(executable) was not found on PATH; install kubectl, or give a certificate with --cert"
            case .failed(let arguments, let status, let message):
                let text = message.trimmingCharacters(in: .whitespacesAndNewlines)
                return "kubectl \(arguments.joined(separator: " ")) failed (exit \(status))\(text.isEmpty ? "" : ": \(text)")"
            }
        }
    }

    /// The global flags (`--context`, `--kubeconfig`) followed by `arguments`.
    public func fullArguments(_ arguments: [String]) -> [String] {
        var result: [String] = []
        if let context { result += ["--context", context] }
        if let kubeconfig { result += ["--kubeconfig", kubeconfig] }
        return result + arguments
    }

    /// Runs kubectl with `arguments`, feeding `input` on standard input; returns standard output.
    public func run(_ arguments: [String], input: Data = Data()) throws -> Data {
        let all = fullArguments(arguments)
        guard let path = Self.resolve(executable) else { throw Failure.notInstalled(executable) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = all
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let collected = CollectedOutput()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { collected.setOutput(stdout.fileHandleForReading.readDataToEndOfFile()); group.leave() }
        group.enter()
        DispatchQueue.global().async { collected.setError(stderr.fileHandleForReading.readDataToEndOfFile()); group.leave() }
        stdin.fileHandleForWriting.write(input)
        try? stdin.fileHandleForWriting.close()
        group.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure.failed(arguments: all, status: process.terminationStatus, message: String(decoding: collected.error, as: UTF8.self))
        }
        return collected.output
    }

    /// The path of an executable name (searched on PATH) or path, if it exists.
    static func resolve(_ executable: String) -> String? {
        if executable.contains("/") {
            return FileManager.default.isExecutableFile(atPath: executable) ? executable : nil
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(executable)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    private final class CollectedOutput: @unchecked Sendable {
        private let lock = NSLock()
        private var outputData = Data(), errorData = Data()
        var output: Data { lock.withLock { outputData } }
        var error: Data { lock.withLock { errorData } }
        func setOutput(_ data: Data) { lock.withLock { outputData = data } }
        func setError(_ data: Data) { lock.withLock { errorData = data } }
    }
}
