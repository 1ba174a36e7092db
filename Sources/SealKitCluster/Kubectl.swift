#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport

/// Runs `kubectl`, so that every kubeconfig, context and auth plugin a user has works for
/// SealKit too. Values are never passed to it: only paths and ciphertext.
public struct Kubectl: Sendable {
    /// The kubectl executable: `SEALCTL_KUBECTL` if set, else `kubectl` on PATH.
    public var executable: String
    /// `--context`, if given.
    public var context: String?
    /// `--kubeconfig`, if given.
    public var kubeconfig: String?
    /// kubectl's other connection flags (`--server`, `--token`, ...), passed on unchanged.
    public var connection: ConnectionFlags

    /// kubectl as the user runs it, with `--context`, `--kubeconfig` and the connection flags
    /// when given.
    public init(executable: String? = nil, context: String? = nil, kubeconfig: String? = nil, connection: ConnectionFlags = ConnectionFlags(),
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.executable = executable ?? environment["SEALCTL_KUBECTL"] ?? "kubectl"
        self.context = context
        self.kubeconfig = kubeconfig
        self.connection = connection
    }

    /// The global flags (`--context`, `--kubeconfig`, the connection flags) followed by `arguments`.
    public func fullArguments(_ arguments: [String]) -> [String] {
        var result: [String] = []
        if let context { result += ["--context", context] }
        if let kubeconfig { result += ["--kubeconfig", kubeconfig] }
        return result + connection.arguments + arguments
    }

    /// Runs kubectl with `arguments`, feeding `input` on standard input; returns standard output.
    /// A failure names the arguments and kubectl's message, with the token and password blanked.
    public func run(_ arguments: [String], input: Data = Data()) throws -> Data {
        let all = fullArguments(arguments)
        guard let path = ChildProcess.find(executable) else { throw AccessError.kubectlNotInstalled(executable: executable) }
        let result: ChildProcess.Result
        do {
            result = try ChildProcess.run(path, all, input: input, timeout: deadline)
        } catch let timedOut as ChildProcess.TimedOut {
            throw AccessError.kubectlTimedOut(seconds: Int(timedOut.seconds))
        }
        guard result.status == 0 else {
            throw AccessError.kubectlFailed(arguments: connection.redacting(all), status: result.status,
                                            message: connection.redacting(String(decoding: result.stderr, as: UTF8.self)))
        }
        return result.stdout
    }
}

extension Kubectl {
    /// How long one kubectl call may take before it is killed: `--request-timeout` and a grace
    /// of 5 s for kubectl's own start, else 60 s. A slow or unreachable cluster ends in a clear
    /// error, never a hang.
    public var deadline: Double {
        connection.values["request-timeout"].flatMap { DurationText.seconds($0) ?? Double($0) }.map { $0 + 5 } ?? 60
    }

    /// kubectl's connection flags, as kubeseal accepts them, so that scripts that pass them to
    /// kubeseal work with sealctl unchanged. A token or password given as a flag is visible in the
    /// process list (to kubectl's too); a kubeconfig keeps them private.
    public struct ConnectionFlags: Sendable, Equatable {
        /// The flags that take a value, in kubectl's spelling, with the environment variable each
        /// also reads (`SEALED_SECRETS_` and the flag in upper case, `-` as `_`).
        public static let valueFlags = ["server", "token", "certificate-authority", "tls-server-name", "proxy-url", "client-certificate",
                                        "client-key", "cluster", "user", "as", "as-uid", "username", "password", "request-timeout"]

        /// Values by flag name (without the dashes).
        public var values: [String: String] = [:]
        /// `--as-group`, repeatable.
        public var asGroups: [String] = []
        /// `--insecure-skip-tls-verify`.
        public var insecureSkipTLSVerify = false

        /// No flags.
        public init() {}

        /// `values` and the others, with each missing flag taken from its `SEALED_SECRETS_*`
        /// variable in `environment`.
        public init(values: [String: String], asGroups: [String] = [], insecureSkipTLSVerify: Bool = false,
                    environment: [String: String] = ProcessInfo.processInfo.environment) {
            for flag in Self.valueFlags {
                if let value = values[flag] ?? environment[Self.variable(flag)], !value.isEmpty { self.values[flag] = value }
            }
            self.asGroups = asGroups.isEmpty ? (environment[Self.variable("as-group")].map { $0.split(separator: ",").map(String.init) } ?? []) : asGroups
            self.insecureSkipTLSVerify = insecureSkipTLSVerify || environment[Self.variable("insecure-skip-tls-verify")] == "true"
        }

        /// `SEALED_SECRETS_SERVER` for `server`.
        public static func variable(_ flag: String) -> String {
            "SEALED_SECRETS_" + flag.uppercased().split(separator: "-").joined(separator: "_")
        }

        /// The flags for kubectl.
        public var arguments: [String] {
            var result: [String] = []
            for flag in Self.valueFlags { if let value = values[flag] { result.append("--\(flag)=\(value)") } }
            for group in asGroups { result.append("--as-group=\(group)") }
            if insecureSkipTLSVerify { result.append("--insecure-skip-tls-verify=true") }
            return result
        }

        /// Whether any flag is set.
        public var isEmpty: Bool { values.isEmpty && asGroups.isEmpty && !insecureSkipTLSVerify }

        /// `arguments` with the token and password replaced by `<redacted>`.
        package func redacting(_ arguments: [String]) -> [String] {
            arguments.map { argument in
                for flag in ["token", "password"] where argument.hasPrefix("--\(flag)=") { return "--\(flag)=<redacted>" }
                return argument
            }
        }

        /// `text` with the token and password, wherever they occur, replaced by `<redacted>`.
        package func redacting(_ text: String) -> String {
            var result = text
            for flag in ["token", "password"] {
                if let secret = values[flag], !secret.isEmpty { result = result.split(separator: secret, omittingEmptySubsequences: false).joined(separator: "<redacted>") }
            }
            return result
        }
    }
}
