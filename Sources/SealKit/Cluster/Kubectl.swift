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
        guard let path = ChildProcess.find(executable) else { throw AccessError.kubectlNotInstalled(executable: executable) }
        let result = try ChildProcess.run(path, all, input: input)
        guard result.status == 0 else {
            throw AccessError.kubectlFailed(arguments: all, status: result.status, message: String(decoding: result.stderr, as: UTF8.self))
        }
        return result.stdout
    }
}
