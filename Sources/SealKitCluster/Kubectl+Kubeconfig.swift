#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport

extension Kubectl {
    /// The kubeconfig file kubectl would read (`--kubeconfig`, the first of `KUBECONFIG`, or
    /// `~/.kube/config`), if it exists.
    public func kubeconfigFile(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let configured = kubeconfig ?? environment["KUBECONFIG"]?.split(separator: ":").first.map(String.init)
            ?? environment["HOME"].map { "\($0)/.kube/config" }
        guard let configured, POSIX.kind(ofPath: configured) == .regularFile else { return nil }
        return configured
    }

    /// The kubeconfig's current namespace (`default` when the context names none), or nil when
    /// there is no kubeconfig or no kubectl: kubeseal's namespace for a Secret that names none.
    public func currentNamespace(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard kubeconfigFile(environment: environment) != nil,
              let output = try? run(["config", "view", "--minify", "--output", "jsonpath={..namespace}"]) else { return nil }
        let namespace = String(decoding: output, as: UTF8.self).trimmingWhitespace()
        return namespace.isEmpty ? "default" : namespace
    }
}
