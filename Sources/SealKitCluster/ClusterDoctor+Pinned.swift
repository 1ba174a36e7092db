#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitCrypto

extension ClusterDoctor {
    /// A certificate a project committed for one environment (or one cluster of it).
    public struct PinnedCertificate: Sendable {
        /// `production`, or `production/eu` for one cluster of an environment.
        public var name: String
        public var certificate: Certificate
        /// The kubeconfig context that reaches its cluster, when the project says.
        public var context: String?

        public init(name: String, certificate: Certificate, context: String? = nil) {
            self.name = name
            self.certificate = certificate
            self.context = context
        }
    }

    /// The live key against the committed certificates. When the current context is one a
    /// project's cluster names, the key must be that cluster's certificate: a match with
    /// another cluster's is the wrong-context mistake, not a pass.
    func pinnedCheck(live: Certificate, context: String?) -> Check? {
        guard !pinned.isEmpty else { return nil }
        let fingerprint = live.keyFingerprint
        let matching = pinned.filter { $0.certificate.keyFingerprint == fingerprint }.map(\.name)
        let expected = pinned.filter { $0.context != nil && $0.context == context }
        if let context, !expected.isEmpty {
            let wrong = expected.filter { $0.certificate.keyFingerprint != fingerprint }
            guard !wrong.isEmpty else { return Check(name: "pinned certificates", passed: true, detail: "context \(context) serves \(expected.map(\.name).joined(separator: ", "))'s certificate") }
            let whose = matching.isEmpty ? "" : ", the certificate of \(matching.joined(separator: ", "))"
            let committed = wrong.map { "\($0.name) committed \($0.certificate.identification)" }
            return Check(name: "pinned certificates", passed: false,
                         detail: "context \(context) serves key \(fingerprint)\(whose), but \(committed.joined(separator: "; "))",
                         fix: matching.isEmpty ? "the cluster's key was renewed or replaced: fetch its certificate, commit it, and re-seal that overlay"
                                               : "this context reaches another cluster than the project says (check the kubeconfig), or sealctl.yaml's context: entries or committed certificates are swapped")
        }
        return Check(name: "pinned certificates", passed: !matching.isEmpty,
                     detail: matching.isEmpty ? "the cluster's key \(fingerprint) is none of the project's certificates (\(pinned.map(\.name).joined(separator: ", ")))" : "matches \(matching.joined(separator: ", "))",
                     fix: matching.isEmpty ? "somebody rotated the key, or this is another cluster: check the context, then update the committed certificate" : nil)
    }

    /// Every other cluster the project reaches by a context of its own: its controller's key
    /// against its committed certificate, each context asked once. A cluster that cannot be
    /// reached is a warning (the doctor run with that context walks the path to it); a key that is
    /// not the committed certificate is a failure. Connection flags (a server, a token) belong
    /// to the current context, and are not sent to the others.
    func otherClusterChecks(currentContext: String?) -> [Check] {
        var contexts: [String] = []
        for pin in pinned { if let context = pin.context, context != currentContext, !contexts.contains(context) { contexts.append(context) } }
        return contexts.map { context in
            let pins = pinned.filter { $0.context == context }
            let name = "\(pins.map(\.name).joined(separator: ", ")) (context \(context))"
            let other = Kubectl(executable: kubectl.executable, context: context, kubeconfig: kubectl.kubeconfig)
            let live: Certificate
            do {
                live = try Certificate(pemRepresentation: try controller.located(using: other).fetchCertificatePEM(using: other))
            } catch {
                return Check(name: name, passed: true, detail: "not reached: \(kubectlMessage(error))", fix: "run the doctor with context \(context) to walk the path to it", isWarning: true)
            }
            let wrong = pins.filter { $0.certificate.keyFingerprint != live.keyFingerprint }
            guard !wrong.isEmpty else { return Check(name: name, passed: true, detail: "serves the committed certificate \(live.keyFingerprint)") }
            return Check(name: name, passed: false,
                         detail: "serves key \(live.keyFingerprint), but the committed certificate is \(wrong.map(\.certificate.identification).joined(separator: "; "))",
                         fix: "the cluster's key was renewed or replaced: fetch its certificate through context \(context), commit it, and re-seal its overlays")
        }
    }
}
