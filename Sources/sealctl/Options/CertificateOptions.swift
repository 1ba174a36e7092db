import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKit

/// Where the sealing certificate comes from, and how to reach the controller.
///
/// In order: --cert, SEALED_SECRETS_CERT, --keyring or SEALCTL_KEYRING, the cluster (when a
/// kubeconfig exists or a cluster flag is given), and last the default local keyring, made on
/// first use so that sealing works offline.
struct CertificateOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Certificate file, or file://, https:// (or loopback http://) URL (env SEALED_SECRETS_CERT).", valueName: "path-or-url"))
    var cert: String?

    @OptionGroup var keyring: KeyringOption

    @OptionGroup var cluster: ClusterOptions

    /// The source, in the order above; a project config's choice for an environment comes right
    /// after the flags. `forceCluster` skips straight to the cluster.
    func source(forceCluster: Bool = false, configured: CertificateSpec? = nil) throws -> CertificateSource {
        if forceCluster { return .cluster(cluster.controller, cluster.kubectl) }
        if let cert { return try CertificateSource(argument: cert) }
        if let folder = keyring.folder { return .localKeyring(LocalKeyring(directory: URL(fileURLWithPath: folder))) }
        switch configured {
        case .localKeyring(let folder)?: return .localKeyring(folder.map(LocalKeyring.init(directory:)) ?? keyring.effective)
        case .source(let text)?: return try CertificateSource(argument: text)
        case .cluster(let context)?:
            return .cluster(cluster.controller, Kubectl(context: cluster.context ?? context, kubeconfig: cluster.kubeconfig))
        case nil: break
        }
        if let argument = Environment["SEALED_SECRETS_CERT"] { return try CertificateSource(argument: argument) }
        if let explicit = keyring.explicit { return .localKeyring(explicit) }
        if cluster.isConfigured { return .cluster(cluster.controller, cluster.kubectl) }
        return .localKeyring(keyring.effective)
    }

    /// The sealing certificate; an expired one is refused by the Sealer. Says so on stderr when
    /// a local keyring is created.
    func certificate(forceCluster: Bool = false, configured: CertificateSpec? = nil) throws -> Certificate {
        let source = try source(forceCluster: forceCluster, configured: configured)
        if case .localKeyring(let local) = source, try local.pairs().isEmpty {
            Console.standardError("note: created a local keyring in \(local.directory.path) (an RSA-4096 key pair for offline use)\n")
        }
        return try source.fetchCertificate()
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

    /// The kubeconfig file kubectl would read, if it exists.
    var kubeconfigFile: String? {
        let configured = kubeconfig ?? Environment["KUBECONFIG"]?.split(separator: ":").first.map(String.init)
            ?? (Environment["HOME"].map { "\($0)/.kube/config" })
        guard let configured, FileManager.default.fileExists(atPath: configured) else { return nil }
        return configured
    }

    /// Whether the user points at a cluster: a kubeconfig exists, or a cluster flag or variable is set.
    var isConfigured: Bool {
        kubeconfigFile != nil || controllerName != nil || controllerNamespace != nil || context != nil || kubeconfig != nil
            || Environment["SEALED_SECRETS_CONTROLLER_NAME"] != nil || Environment["SEALED_SECRETS_CONTROLLER_NAMESPACE"] != nil
    }

    /// The kubeconfig's current namespace (`default` when the context names none), or nil when
    /// there is no kubeconfig or no kubectl — kubeseal's rule for a Secret without a namespace.
    func currentNamespace() -> String? {
        guard kubeconfigFile != nil,
              let output = try? kubectl.run(["config", "view", "--minify", "--output", "jsonpath={..namespace}"]) else { return nil }
        let namespace = String(decoding: output, as: UTF8.self).trimmingWhitespace()
        return namespace.isEmpty ? "default" : namespace
    }
}

/// Private keys for unsealing: --key files, else the local keyring.
struct KeyOptions: ParsableArguments {
    @Option(name: [.customLong("key"), .customLong("recovery-private-key")],
            help: ArgumentHelp("Private key file: PEM, a key Secret, or a List of them (repeatable; default: the local keyring).", valueName: "file"))
    var keys: [String] = []

    /// The keys: the files given, or every key of the local keyring.
    func keyring(orKeysOf local: LocalKeyring) throws -> Keyring {
        if !keys.isEmpty {
            for path in keys { warnIfReadableByOthers(path) }
            return try Keyring(contentsOf: keys.map { URL(fileURLWithPath: $0) })
        }
        let keyring = try local.keyring()
        guard !keyring.keys.isEmpty else {
            throw CLIError("give private keys with --key FILE (the local keyring \(local.directory.path) has none)")
        }
        return keyring
    }

    /// Private keys should be readable by their owner only.
    private func warnIfReadableByOthers(_ path: String) {
        guard let mode = POSIX.permissions(ofPath: path), mode & 0o077 != 0 else { return }
        Console.warning("\(path) is readable by group or others (mode \(String(mode, radix: 8))); private keys should be 0600: chmod 600 \(path)")
    }
}

/// `--keyring`: the local keyring folder (newest key seals, every key unseals).
struct KeyringOption: ParsableArguments {
    @Option(name: .customLong("keyring"), help: ArgumentHelp("Local keyring folder: its newest key seals, every key unseals (env SEALCTL_KEYRING; default ~/.config/sealctl/keyring).", valueName: "folder"))
    var folder: String?

    /// The keyring named by --keyring or SEALCTL_KEYRING.
    var explicit: LocalKeyring? {
        (folder ?? Environment[LocalKeyring.environmentVariable]).map { LocalKeyring(directory: URL(fileURLWithPath: $0)) }
    }

    /// The named keyring, else the default one.
    var effective: LocalKeyring {
        explicit ?? LocalKeyring(directory: LocalKeyring.defaultDirectory(environment: Environment.values))
    }
}
