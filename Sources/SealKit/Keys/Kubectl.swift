#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Runs `kubectl`, so that every kubeconfig, context and auth plugin a user has works for
/// SealKit too. Values are never passed to it: only paths and ciphertext.
public struct Kubectl: Sendable {
    /// The kubectl executable: `SEALCTL_KUBECTL` if set, else `kubectl` on PATH.
    public var executable: String
    /// `--context`, if given.
    public var context: String?
    /// `--kubeconfig`, if given.
    public var kubeconfig: String?

    /// kubectl as the user runs it, with `--context` and `--kubeconfig` when given.
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
                let text = message.trimmingWhitespace()
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
        guard let path = ChildProcess.find(executable) else { throw Failure.notInstalled(executable) }
        let result = try ChildProcess.run(path, all, input: input)
        guard result.status == 0 else {
            throw Failure.failed(arguments: all, status: result.status, message: String(decoding: result.stderr, as: UTF8.self))
        }
        return result.stdout
    }
}
