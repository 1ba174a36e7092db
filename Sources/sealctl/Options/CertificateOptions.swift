import ArgumentParser
import Foundation
import SealKit

/// Where the sealing certificate comes from, and how to reach the controller.
struct CertificateOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Certificate file, or file://, https:// (or loopback http://) URL (env SEALED_SECRETS_CERT). Without it, the controller's certificate is fetched through kubectl.", valueName: "path-or-url"))
    var cert: String?

    @OptionGroup var cluster: ClusterOptions

    /// The source: --cert, SEALED_SECRETS_CERT, then the cluster.
    func source(forceCluster: Bool = false) throws -> CertificateSource {
        if !forceCluster, let argument = cert ?? Environment["SEALED_SECRETS_CERT"] {
            return try CertificateSource(argument: argument)
        }
        return .cluster(cluster.controller, cluster.kubectl)
    }

    /// The sealing certificate; an expired one is refused by the Sealer.
    func certificate(forceCluster: Bool = false) async throws -> Certificate {
        try await source(forceCluster: forceCluster).fetchCertificate()
    }
}

/// The controller and kubectl's connection flags.
struct ClusterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Name of the sealed-secrets controller service (default sealed-secrets-controller; env SEALED_SECRETS_CONTROLLER_NAME).", valueName: "name"))
    var controllerName: String?

    @Option(help: ArgumentHelp("Namespace of the controller (default kube-system; env SEALED_SECRETS_CONTROLLER_NAMESPACE).", valueName: "namespace"))
    var controllerNamespace: String?

    @Option(help: ArgumentHelp("kubeconfig context to use.", valueName: "context"))
    var context: String?

    @Option(help: ArgumentHelp("Path to a kubeconfig file.", valueName: "file"))
    var kubeconfig: String?

    var controller: SealedSecretsController {
        SealedSecretsController(name: controllerName, namespace: controllerNamespace, environment: Environment.values)
    }

    var kubectl: Kubectl { Kubectl(context: context, kubeconfig: kubeconfig) }

    /// The kubeconfig's current namespace (`default` when the context names none), or nil when
    /// there is no kubeconfig or no kubectl — kubeseal's rule for a Secret without a namespace.
    func currentNamespace() -> String? {
        let configured = kubeconfig ?? Environment["KUBECONFIG"]?.split(separator: ":").first.map(String.init)
            ?? (Environment["HOME"].map { "\($0)/.kube/config" })
        guard let configured, FileManager.default.fileExists(atPath: configured) else { return nil }
        guard let output = try? kubectl.run(["config", "view", "--minify", "--output", "jsonpath={..namespace}"]) else { return nil }
        let namespace = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return namespace.isEmpty ? "default" : namespace
    }
}
