#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitCrypto
import SealKitSerialization

/// Walks the path from this machine to the controller's certificate, link by link, and stops at
/// the first broken one with the reason and the fix in plain words (`sealctl doctor`): kubectl
/// and its context, the API server, the controller's Service, its ready endpoints, the
/// certificate through the service proxy, and that certificate's expiry and fingerprint against
/// the certificates a project pinned.
public struct ClusterDoctor: Sendable {
    /// One link of the path.
    public struct Check: Sendable, Equatable {
        /// What was checked (`kubectl`, `API server`, `controller Service`, ...).
        public var name: String
        /// Whether it holds.
        public var passed: Bool
        /// What was found, or why it broke.
        public var detail: String
        /// What to do, when it broke (or holds with a warning), in words that name no tool's flags.
        public var fix: String?
        /// A warning: the link holds, but something needs attention soon.
        public var isWarning = false
        /// The fix as data, when it is one a caller words in its own terms (a flag to pass).
        public var remedy: Remedy?

        public init(name: String, passed: Bool, detail: String, fix: String? = nil, isWarning: Bool = false, remedy: Remedy? = nil) {
            self.name = name
            self.passed = passed
            self.detail = detail
            self.fix = fix
            self.isWarning = isWarning
            self.remedy = remedy
        }
    }

    public let kubectl: Kubectl
    public let controller: SealedSecretsController
    /// Certificates the project pinned (sealctl.yaml's environments, one per cluster).
    public var pinned: [PinnedCertificate]
    public var environment: [String: String]
    public var now: Date

    public init(kubectl: Kubectl, controller: SealedSecretsController, pinned: [PinnedCertificate] = [],
                environment: [String: String] = ProcessInfo.processInfo.environment, now: Date = Date()) {
        self.kubectl = kubectl
        self.controller = controller
        self.pinned = pinned
        self.environment = environment
        self.now = now
    }

    /// The checks up to and including the first that fails.
    public func run() -> [Check] {
        var checks: [Check] = []
        func add(_ check: Check) -> Bool { checks.append(check); return check.passed }

        guard let path = ChildProcess.find(kubectl.executable) else {
            checks.append(Check(name: "kubectl", passed: false, detail: "\(kubectl.executable) is not on PATH", remedy: .installKubectlOrSealOffline))
            return checks
        }
        let context = kubectl.context ?? (try? kubectl.run(["config", "current-context"])).map { String(decoding: $0, as: UTF8.self).trimmingWhitespace() }
        checks.append(Check(name: "kubectl", passed: true, detail: "\(path), context \(context.flatMap { $0.isEmpty ? nil : $0 } ?? "(none: the kubeconfig has no current context)")"))

        do {
            let version = try JSONParser().parseStream(Array(try kubectl.run(["get", "--raw", "/version"]))).first?["gitVersion"]?.scalar?.value ?? "?"
            checks.append(Check(name: "API server", passed: true, detail: "reachable, Kubernetes \(version)"))
        } catch {
            checks.append(Check(name: "API server", passed: false, detail: kubectlMessage(error), fix: proxyAdvice().isEmpty ? nil : String(proxyAdvice().dropFirst(2)), remedy: .checkClusterCredentials))
            return checks
        }

        let located: SealedSecretsController
        do {
            located = try controller.located(using: kubectl)
            let how = located == controller ? (controller.isNamed ? "as named" : "at the default place") : "found by searching"
            checks.append(Check(name: "controller Service", passed: true, detail: "\(located.namespace)/\(located.name) (\(how))"))
        } catch {
            checks.append(Check(name: "controller Service", passed: false, detail: "\(error)", remedy: .nameController(suggested: nil)))
            return checks
        }

        let ready = readyEndpoints(located)
        guard add(Check(name: "controller endpoints", passed: ready > 0,
                        detail: ready > 0 ? "\(ready) ready" : "the Service has no ready endpoints: the controller pod is not running",
                        fix: ready > 0 ? nil : "kubectl -n \(located.namespace) get pods -l \(SealedSecretsController.serviceLabel), and its logs")) else { return checks }

        let certificate: Certificate
        do {
            certificate = try Certificate(pemRepresentation: try located.fetchCertificatePEM(using: kubectl))
            checks.append(Check(name: "certificate", passed: true, detail: "fetched through the service proxy: \(certificate.keyFingerprint)"))
        } catch {
            _ = add(certificateFailure(error, located))
            return checks
        }

        let days = certificate.daysUntilExpiry(from: now)
        if certificate.isExpired(at: now) {
            checks.append(Check(name: "certificate validity", passed: false, detail: "expired on \(certificate.notValidAfter.iso8601DateText)", fix: "the controller renews its key every 30 days by default; check that it runs, or renew the key"))
            return checks
        }
        checks.append(Check(name: "certificate validity", passed: true, detail: "\(days) days left", fix: days < 30 ? "it expires within 30 days: values sealed now still open, but fetch the new certificate after the renewal" : nil, isWarning: days < 30))

        if let check = pinnedCheck(live: certificate, context: context) { checks.append(check) }
        return checks + otherClusterChecks(currentContext: context)
    }

    // MARK: Links

    private func readyEndpoints(_ controller: SealedSecretsController) -> Int {
        guard let data = try? kubectl.run(["get", "--raw", "/api/v1/namespaces/\(controller.namespace)/endpoints/\(controller.name)"]),
              let endpoints = try? JSONParser().parseStream(Array(data)).first else { return 0 }
        return (endpoints["subsets"]?.sequence ?? []).reduce(0) { $0 + ($1["addresses"]?.sequence?.count ?? 0) }
    }

    /// Why the certificate did not come through the service proxy, and the fix for each cause.
    private func certificateFailure(_ error: any Error, _ controller: SealedSecretsController) -> Check {
        let message = kubectlMessage(error)
        if message.contains("Forbidden") || message.contains("forbidden") {
            let role = """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: sealed-secrets-cert-reader, namespace: \(controller.namespace)}
                rules:
                - apiGroups: [""]
                  resources: [services/proxy]
                  resourceNames: ["http:\(controller.name):", "\(controller.name)"]
                  verbs: [get]
                """
            return Check(name: "certificate", passed: false, detail: "RBAC: \(message)",
                         fix: "the user needs get on services/proxy in \(controller.namespace); a Role that grants it (bind it with a RoleBinding):\n\(role)")
        }
        if message.contains("ServiceUnavailable") || message.contains("timeout") || message.contains("did not answer") || message.contains("timed out") || message.contains("connection refused") || message.contains("no route") {
            return Check(name: "certificate", passed: false, detail: "the API server cannot reach the controller: \(message)",
                         fix: "a firewall between the control plane and the controller's port 8080 (private GKE clusters need a firewall rule for it); or fetch the certificate once and commit it" + proxyAdvice(), remedy: .sealOfflineMeanwhile)
        }
        return Check(name: "certificate", passed: false, detail: message, fix: proxyAdvice().isEmpty ? nil : String(proxyAdvice().dropFirst(2)), remedy: .sealOfflineMeanwhile)
    }

    func kubectlMessage(_ error: any Error) -> String {
        if case AccessError.kubectlFailed(_, _, let message) = error { return message.trimmingWhitespace() }
        return "\(error)"
    }

    /// A word on HTTPS_PROXY when one is set.
    private func proxyAdvice() -> String {
        // The proxy's URL may hold credentials: it is not repeated.
        guard let proxy = environment["HTTPS_PROXY"] ?? environment["https_proxy"], !proxy.isEmpty else { return "" }
        let exempt = environment["NO_PROXY"] ?? environment["no_proxy"] ?? ""
        return "; HTTPS_PROXY is set: kubectl sends the API server's traffic through that proxy unless NO_PROXY (now \"\(exempt)\") names the API server"
    }
}
