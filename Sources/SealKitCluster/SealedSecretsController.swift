#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitSerialization

/// Where the sealed-secrets controller runs, and how to reach its HTTP API through the API
/// server's service proxy with kubectl.
public struct SealedSecretsController: Sendable, Equatable {
    /// The controller's default service name (kubeseal's default).
    public static let defaultName = "sealed-secrets-controller"
    /// The Helm chart's default service name, a common source of "not found" errors.
    public static let helmChartName = "sealed-secrets"
    /// The controller's default namespace.
    public static let defaultNamespace = "kube-system"

    /// The label the Helm chart and the upstream manifests put on the controller's Service.
    public static let serviceLabel = "app.kubernetes.io/name=sealed-secrets"

    /// The controller's service name.
    public var name: String
    /// The controller's namespace.
    public var namespace: String
    /// Whether the user named it (flags or environment): a named controller is used as it is;
    /// an unnamed one is looked for when the default is not there.
    public var isNamed: Bool

    /// A controller; nil values take the defaults (`sealed-secrets-controller` in `kube-system`).
    public init(name: String? = nil, namespace: String? = nil) {
        self.name = name ?? Self.defaultName
        self.namespace = namespace ?? Self.defaultNamespace
        isNamed = name != nil || namespace != nil
    }

    /// From kubeseal's environment variables (`SEALED_SECRETS_CONTROLLER_NAME`,
    /// `SEALED_SECRETS_CONTROLLER_NAMESPACE`), with explicit values winning.
    public init(name: String?, namespace: String?, environment: [String: String]) {
        self.init(name: name ?? environment["SEALED_SECRETS_CONTROLLER_NAME"].flatMap { $0.isEmpty ? nil : $0 },
                  namespace: namespace ?? environment["SEALED_SECRETS_CONTROLLER_NAMESPACE"].flatMap { $0.isEmpty ? nil : $0 })
    }

    /// The API path of one of the controller's endpoints, e.g. `/v1/cert.pem`.
    public func proxyPath(_ endpoint: String) -> String {
        "/api/v1/namespaces/\(namespace)/services/http:\(name):/proxy\(endpoint)"
    }

    /// Fetches the controller's current sealing certificate (PEM) with `kubectl get --raw`. An
    /// unnamed controller that is not at the default place is looked for (``discover(using:)``);
    /// `notice` hears which one was used.
    public func fetchCertificatePEM(using kubectl: Kubectl, notice: (Notice) -> Void = { _ in }) throws -> String {
        do {
            return String(decoding: try kubectl.run(["get", "--raw", proxyPath("/v1/cert.pem")]), as: UTF8.self)
        } catch AccessError.kubectlFailed(_, _, let message) where Self.isNotFound(message) {
            guard !isNamed else { throw AccessError.controllerNotFound(namespace: namespace, name: name, likelyName: name == Self.defaultName ? Self.helmChartName : nil) }
            let found = try located(using: kubectl, notice: notice)
            return String(decoding: try kubectl.run(["get", "--raw", found.proxyPath("/v1/cert.pem")]), as: UTF8.self)
        }
    }

    /// This controller when it is named or its Service exists; else the one controller that
    /// ``discover(using:)`` finds, told to `notice`. None, or several, is an error that says what
    /// was searched, or lists them.
    public func located(using kubectl: Kubectl, notice: (Notice) -> Void = { _ in }) throws -> SealedSecretsController {
        if isNamed || serviceExists(using: kubectl) { return self }
        let found = try discover(using: kubectl)
        guard found.count == 1, let only = found.first else {
            if found.isEmpty { throw AccessError.controllerNotDiscovered(searched: Self.searchDescription) }
            throw AccessError.controllerAmbiguous(candidates: found.map { "\($0.namespace)/\($0.name)" })
        }
        notice(.note("using the controller \(only.namespace)/\(only.name)", remedy: .chooseController))
        return only
    }

    /// The controllers in the cluster: Services labelled ``serviceLabel`` in any namespace (when
    /// the user may list them), else the Services named `sealed-secrets-controller` or
    /// `sealed-secrets` in `kube-system` or `sealed-secrets`.
    public func discover(using kubectl: Kubectl) throws -> [SealedSecretsController] {
        var found: [SealedSecretsController] = []
        let selector = Self.serviceLabel.split(separator: "=").joined(separator: "%3D").split(separator: "/").joined(separator: "%2F")
        if let data = try? kubectl.run(["get", "--raw", "/api/v1/services?labelSelector=\(selector)"]),
           let list = try? JSONParser().parseStream(Array(data)).first {
            for item in list["items"]?.sequence ?? [] {
                guard let name = item["metadata"]?["name"]?.scalar?.value, let namespace = item["metadata"]?["namespace"]?.scalar?.value else { continue }
                found.append(SealedSecretsController(name: name, namespace: namespace))
            }
        }
        if found.isEmpty {
            for namespace in [Self.defaultNamespace, Self.helmChartName] {
                for name in [Self.defaultName, Self.helmChartName] {
                    let candidate = SealedSecretsController(name: name, namespace: namespace)
                    if candidate.serviceExists(using: kubectl) { found.append(candidate) }
                }
            }
        }
        var seen = Set<String>()
        return found.filter { seen.insert("\($0.namespace)/\($0.name)").inserted }
    }

    /// Whether the controller's Service exists (`GET /api/v1/namespaces/NS/services/NAME`).
    public func serviceExists(using kubectl: Kubectl) -> Bool {
        (try? kubectl.run(["get", "--raw", "/api/v1/namespaces/\(namespace)/services/\(name)"])) != nil
    }

    static let searchDescription = "the service \(defaultNamespace)/\(defaultName), Services labelled \(serviceLabel) in any namespace, and the names \(defaultName) and \(helmChartName) in \(defaultNamespace) and \(helmChartName)"

    static func isNotFound(_ message: String) -> Bool {
        message.contains("NotFound") || message.contains("not found")
    }
}
