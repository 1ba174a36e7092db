#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitCluster

/// Where the sealing certificate comes from, in one order for every command: an explicit
/// certificate (`--cert`), an explicit local keyring folder, the project config's choice for
/// the environment, `SEALED_SECRETS_CERT`, `SEALCTL_KEYRING`, the cluster (when a kubeconfig
/// exists or the user named a controller or context), and last the default local keyring, made
/// on first use so that sealing works offline.
public struct CertificateResolver: Sendable {
    /// A certificate file or URL given explicitly.
    public var certificate: String?
    /// A local keyring folder given explicitly.
    public var keyringFolder: String?
    /// The controller, when the certificate comes from the cluster.
    public var controller: SealedSecretsController
    /// How kubectl is run.
    public var kubectl: Kubectl
    /// Whether the user named a controller, namespace, context or kubeconfig.
    public var clusterNamed: Bool
    /// The process environment (`SEALED_SECRETS_CERT`, `SEALCTL_KEYRING`, `KUBECONFIG`, `HOME`).
    public var environment: [String: String]

    public init(certificate: String?, keyringFolder: String?, controller: SealedSecretsController, kubectl: Kubectl,
                clusterNamed: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.certificate = certificate
        self.keyringFolder = keyringFolder
        self.controller = controller
        self.kubectl = kubectl
        self.clusterNamed = clusterNamed
        self.environment = environment.filter { !$0.value.isEmpty }
    }

    /// The keyring named explicitly or by `SEALCTL_KEYRING`, if any.
    public var namedKeyring: LocalKeyring? { LocalKeyring.named(folder: keyringFolder, environment: environment) }

    /// The named keyring, else the default one (`~/.config/sealctl/keyring`).
    public var keyring: LocalKeyring {
        LocalKeyring.chosen(folder: keyringFolder, environment: environment)
    }

    /// Whether the certificate would come from a cluster: a kubeconfig exists, or one was named.
    public var clusterConfigured: Bool {
        clusterNamed || kubectl.kubeconfigFile(environment: environment) != nil
            || environment["SEALED_SECRETS_CONTROLLER_NAME"] != nil || environment["SEALED_SECRETS_CONTROLLER_NAMESPACE"] != nil
    }

    /// The source, in the order above; `configured` is the project config's choice, and
    /// `forceCluster` skips straight to the cluster.
    public func source(forceCluster: Bool = false, configured: CertificateSpec? = nil) throws -> CertificateSource {
        if forceCluster { return .cluster(controller, kubectl) }
        if let certificate { return try CertificateSource(argument: certificate) }
        if let keyringFolder { return .localKeyring(LocalKeyring(directory: URL(fileURLWithPath: keyringFolder))) }
        switch configured {
        case .localKeyring(let folder)?: return .localKeyring(folder.map(LocalKeyring.init(directory:)) ?? keyring)
        case .source(let text)?: return try CertificateSource(argument: text)
        case .cluster(let context)?:
            return .cluster(controller, Kubectl(executable: kubectl.executable, context: kubectl.context ?? context, kubeconfig: kubectl.kubeconfig))
        case nil: break
        }
        if let argument = environment["SEALED_SECRETS_CERT"] { return try CertificateSource(argument: argument) }
        if let named = namedKeyring { return .localKeyring(named) }
        if clusterConfigured { return .cluster(controller, kubectl) }
        return .localKeyring(keyring)
    }
}
