#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where the sealed-secrets controller runs, and how to reach its HTTP API through the API
/// server's service proxy with kubectl.
public struct SealedSecretsController: Sendable, Equatable {
    /// The controller's default service name (kubeseal's default).
    public static let defaultName = "sealed-secrets-controller"
    /// The Helm chart's default service name, a common source of "not found" errors.
    public static let helmChartName = "sealed-secrets"
    /// The controller's default namespace.
    public static let defaultNamespace = "kube-system"

    /// The controller's service name.
    public var name: String
    /// The controller's namespace.
    public var namespace: String

    /// A controller; nil values take the defaults (`sealed-secrets-controller` in `kube-system`).
    public init(name: String? = nil, namespace: String? = nil) {
        self.name = name ?? Self.defaultName
        self.namespace = namespace ?? Self.defaultNamespace
    }

    /// From kubeseal's environment variables (`SEALED_SECRETS_CONTROLLER_NAME`,
    /// `SEALED_SECRETS_CONTROLLER_NAMESPACE`), with explicit values winning.
    public init(name: String?, namespace: String?, environment: [String: String]) {
        self.init(name: name ?? environment["SEALED_SECRETS_CONTROLLER_NAME"],
                  namespace: namespace ?? environment["SEALED_SECRETS_CONTROLLER_NAMESPACE"])
    }

    /// The API path of one of the controller's endpoints, e.g. `/v1/cert.pem`.
    public func proxyPath(_ endpoint: String) -> String {
        "/api/v1/namespaces/\(namespace)/services/http:\(name):/proxy\(endpoint)"
    }

    /// Fetches the controller's current sealing certificate (PEM) with `kubectl get --raw`.
    public func fetchCertificatePEM(using kubectl: Kubectl) throws -> String {
        do {
            return String(decoding: try kubectl.run(["get", "--raw", proxyPath("/v1/cert.pem")]), as: UTF8.self)
        } catch AccessError.kubectlFailed(_, _, let message) where message.contains("NotFound") || message.contains("not found") {
            throw AccessError.controllerNotFound(namespace: namespace, name: name)
        }
    }
}
