import ArgumentParser
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

    /// SealKit's resolver, with these flags.
    var resolver: CertificateResolver {
        CertificateResolver(certificate: cert, keyringFolder: keyring.folder, controller: cluster.controller, kubectl: cluster.kubectl,
                            clusterNamed: cluster.isNamed, environment: Environment.values)
    }

    /// The source: see ``CertificateResolver``.
    func source(forceCluster: Bool = false, configured: CertificateSpec? = nil) throws -> CertificateSource {
        try resolver.source(forceCluster: forceCluster, configured: configured)
    }

    /// The sealing certificate; an expired one is refused by the Sealer. Says so on stderr when
    /// a local keyring is created.
    func certificate(forceCluster: Bool = false, configured: CertificateSpec? = nil) throws -> Certificate {
        let source = try source(forceCluster: forceCluster, configured: configured)
        if case .localKeyring(let local) = source, try local.pairs().isEmpty {
            Console.standardError("note: created a local keyring in \(local.directory.path) (an RSA-4096 key pair for offline use)\n")
        }
        return try source.fetchCertificate(notice: ClusterOptions.discovered)
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

    @Option(help: ArgumentHelp("Path to a kubeconfig file. kubectl's connection flags (--server, --token, --certificate-authority, --insecure-skip-tls-verify, --tls-server-name, --proxy-url, --client-certificate, --client-key, --cluster, --user, --as, --as-group, --as-uid, --username, --password, --request-timeout) are taken too, and passed to kubectl unchanged.", valueName: "file"))
    var kubeconfig: String?

    var controller: SealedSecretsController {
        SealedSecretsController(name: controllerName, namespace: controllerNamespace, environment: Environment.values)
    }

    /// kubectl's other connection flags (`--server`, `--token`, ...): taken out of the command line
    /// before parsing (``Environment/connection``), so that sixteen more options cost no start-up.
    var kubectl: Kubectl { Kubectl(context: context, kubeconfig: kubeconfig, connection: Environment.connection) }

    /// Whether the user named a controller, context, kubeconfig or connection on the command line.
    var isNamed: Bool { controllerName != nil || controllerNamespace != nil || context != nil || kubeconfig != nil || !Environment.connection.isEmpty }

    /// Says on stderr which controller a search found.
    static func discovered(_ notice: String) {
        Console.standardError("note: \(notice); pass --controller-name/--controller-namespace to choose\n")
    }

    /// The kubeconfig's current namespace: see ``Kubectl/currentNamespace(environment:)``.
    func currentNamespace() -> String? { kubectl.currentNamespace(environment: Environment.values) }
}

/// Private keys for unsealing: --key files, else the local keyring.
struct KeyOptions: ParsableArguments {
    @Option(name: [.customLong("key"), .customLong("recovery-private-key")],
            help: ArgumentHelp("Private key file: PEM, a key Secret, or a List of them (repeatable; default: the local keyring).", valueName: "file"))
    var keys: [String] = []

    /// The keys: the files given, or every key of the local keyring.
    func keyring(orKeysOf local: LocalKeyring) throws -> Keyring {
        for path in keys { warnIfReadableByOthers(path) }
        return try local.keyring(orFiles: keys)
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

    /// The keyring named by --keyring or SEALCTL_KEYRING, else the default one.
    var effective: LocalKeyring {
        LocalKeyring.chosen(folder: folder, environment: Environment.values)
    }
}

/// `--online` and `--rate`: ask the cluster's controller, paced.
struct OnlineOptions: ParsableArguments {
    @Flag(help: "Ask the cluster's controller, through kubectl (kubeseal --validate / --re-encrypt, in bulk).")
    var online = false

    @Option(help: ArgumentHelp("With --online: requests per second at most (the controller allows about 2).", valueName: "n"))
    var rate: Double = 2

    func validate() throws {
        if rate <= 0 { throw ValidationError("--rate must be positive") }
    }

    /// The paced client, when --online was given.
    func client(_ cluster: ClusterOptions) throws -> ControllerClient? {
        online ? ControllerClient(controller: try cluster.controller.located(using: cluster.kubectl, notice: ClusterOptions.discovered), kubectl: cluster.kubectl, requestsPerSecond: rate) : nil
    }
}

extension CertificateOptions {
    private static let quickCert = QuickCommandLine.Option("--cert")
    static let quickOptions = [quickCert] + KeyringOption.quickOptions + ClusterOptions.quickOptions

    /// Built from a command line read without argument-parser (see ``QuickCommandLine``).
    static func built(from line: QuickCommandLine) -> Self {
        var parsed = Self()
        parsed.cert = line.value(Self.quickCert)
        parsed.keyring = KeyringOption.built(from: line)
        parsed.cluster = ClusterOptions.built(from: line)
        return parsed
    }
}

extension ClusterOptions {
    private static let quickControllerName = QuickCommandLine.Option("--controller-name")
    private static let quickControllerNamespace = QuickCommandLine.Option("--controller-namespace")
    private static let quickContext = QuickCommandLine.Option("--context")
    private static let quickKubeconfig = QuickCommandLine.Option("--kubeconfig")
    static let quickOptions = [quickControllerName, quickControllerNamespace, quickContext, quickKubeconfig]

    /// Built from a command line read without argument-parser (see ``QuickCommandLine``).
    static func built(from line: QuickCommandLine) -> Self {
        var parsed = Self()
        parsed.controllerName = line.value(Self.quickControllerName)
        parsed.controllerNamespace = line.value(Self.quickControllerNamespace)
        parsed.context = line.value(Self.quickContext)
        parsed.kubeconfig = line.value(Self.quickKubeconfig)
        return parsed
    }
}

extension KeyOptions {
    private static let quickKeys = QuickCommandLine.Option("--key", "--recovery-private-key", arity: .repeated)
    static let quickOptions = [quickKeys]

    /// Built from a command line read without argument-parser (see ``QuickCommandLine``).
    static func built(from line: QuickCommandLine) -> Self {
        var parsed = Self()
        parsed.keys = line.values(Self.quickKeys)
        return parsed
    }
}

extension KeyringOption {
    private static let quickFolder = QuickCommandLine.Option("--keyring")
    static let quickOptions = [quickFolder]

    /// Built from a command line read without argument-parser (see ``QuickCommandLine``).
    static func built(from line: QuickCommandLine) -> Self {
        var parsed = Self()
        parsed.folder = line.value(Self.quickFolder)
        return parsed
    }
}
