import ArgumentParser
import SealKit

/// Where the sealing certificate comes from, and how to reach the controller.
///
/// In order: --cert, SEALED_SECRETS_CERT, --keyring or SEALCTL_KEYRING, the cluster (when a
/// kubeconfig exists or a cluster flag is given), and last the default local keyring, made on
/// first use so that sealing works offline.
struct CertificateOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Certificate file or URL: file://, https://, loopback http:// (env SEALED_SECRETS_CERT); seal takes several, [NAME=]PATH.", valueName: "path-or-url")) var cert: [String] = []
    @OptionGroup var keyring: KeyringOption
    @OptionGroup var cluster: ClusterOptions

    /// The source, by SealKit's resolver with these flags (see ``CertificateResolver``).
    func source(forceCluster: Bool = false, configured: CertificateSpec? = nil) throws -> CertificateSource {
        guard cert.count <= 1 else { throw OperationError.oneCertificateExpected(operation: "this command", found: cert.count) }
        return try CertificateResolver(certificate: cert.first, keyringFolder: keyring.folder, controller: cluster.controller, kubectl: cluster.kubectl,
                                clusterNamed: cluster.isNamed, environment: Environment.values).source(forceCluster: forceCluster, configured: configured)
    }

    /// The sealing certificate (an expired one is refused by the Sealer), with what fetching it
    /// had to say (a keyring created, a controller found) on stderr.
    func certificate(forceCluster: Bool = false, configured: CertificateSpec? = nil) throws -> Certificate {
        try source(forceCluster: forceCluster, configured: configured).fetchCertificate { Console.show([$0]) }
    }
}

/// The controller and kubectl's connection flags.
struct ClusterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Name of the sealed-secrets controller service (default sealed-secrets-controller; env SEALED_SECRETS_CONTROLLER_NAME).", valueName: "name"))
    var controllerName: String?
    @Option(help: ArgumentHelp("Namespace of the controller (default kube-system; env SEALED_SECRETS_CONTROLLER_NAMESPACE).", valueName: "namespace"))
    var controllerNamespace: String?
    @Option(help: ArgumentHelp("kubeconfig context to use.", valueName: "context")) var context: String?
    @Option(help: ArgumentHelp("Path to a kubeconfig file.", valueName: "file")) var kubeconfig: String?
    @OptionGroup(title: "kubectl connection options (passed to kubectl unchanged)") var connection: KubectlConnectionOptions

    var controller: SealedSecretsController {
        SealedSecretsController(name: controllerName, namespace: controllerNamespace, environment: Environment.values)
    }

    var kubectl: Kubectl { Kubectl(context: context, kubeconfig: kubeconfig, connection: connection.flags) }

    /// Whether the user named a controller, context, kubeconfig or connection on the command line.
    var isNamed: Bool { controllerName != nil || controllerNamespace != nil || context != nil || kubeconfig != nil || !connection.flags.isEmpty }

    /// The kubeconfig's current namespace: see ``Kubectl/currentNamespace(environment:)``.
    func currentNamespace() -> String? { kubectl.currentNamespace(environment: Environment.values) }
}

/// kubectl's connection flags, as kubeseal takes them, each also read from its
/// `SEALED_SECRETS_*` variable (the flag in upper case, `-` as `_`). A token or password given
/// here is visible in the process list (to kubectl's too); a kubeconfig keeps them private.
struct KubectlConnectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The API server's address.", valueName: "url")) var server: String?
    @Option(help: ArgumentHelp("Bearer token for the API server (redacted in errors).", valueName: "token")) var token: String?
    @Option(help: ArgumentHelp("A CA certificate file for the API server.", valueName: "file")) var certificateAuthority: String?
    @Flag(help: "Do not verify the API server's certificate.") var insecureSkipTlsVerify = false
    @Option(help: ArgumentHelp("Server name for the API server's certificate.", valueName: "name")) var tlsServerName: String?
    @Option(help: ArgumentHelp("Proxy for kubectl's requests.", valueName: "url")) var proxyUrl: String?
    @Option(help: ArgumentHelp("Client certificate file for TLS.", valueName: "file")) var clientCertificate: String?
    @Option(help: ArgumentHelp("Client key file for TLS.", valueName: "file")) var clientKey: String?
    @Option(help: ArgumentHelp("The kubeconfig cluster to use.", valueName: "name")) var cluster: String?
    @Option(help: ArgumentHelp("The kubeconfig user to use.", valueName: "name")) var user: String?
    @Option(name: .customLong("as"), help: ArgumentHelp("User to impersonate.", valueName: "user")) var impersonate: String?
    @Option(name: .customLong("as-group"), help: ArgumentHelp("Group to impersonate (repeatable).", valueName: "group")) var impersonateGroups: [String] = []
    @Option(name: .customLong("as-uid"), help: ArgumentHelp("UID to impersonate.", valueName: "uid")) var impersonateUID: String?
    @Option(help: ArgumentHelp("Basic-auth user name.", valueName: "name")) var username: String?
    @Option(help: ArgumentHelp("Basic-auth password (redacted in errors).", valueName: "password")) var password: String?
    @Option(help: ArgumentHelp("How long one request may take (kubectl's syntax: 5s, 1m); sealctl adds 5 s for kubectl to start.", valueName: "duration")) var requestTimeout: String?

    /// The flags for kubectl, each missing one taken from its variable.
    var flags: Kubectl.ConnectionFlags {
        let given: [String: String?] = [
            "server": server, "token": token, "certificate-authority": certificateAuthority, "tls-server-name": tlsServerName, "proxy-url": proxyUrl,
            "client-certificate": clientCertificate, "client-key": clientKey, "cluster": cluster, "user": user, "as": impersonate,
            "as-uid": impersonateUID, "username": username, "password": password, "request-timeout": requestTimeout,
        ]
        return Kubectl.ConnectionFlags(values: given.compactMapValues { $0 }, asGroups: impersonateGroups,
                                       insecureSkipTLSVerify: insecureSkipTlsVerify, environment: Environment.values)
    }
}

/// Private keys for unsealing: --key files, else the local keyring.
struct KeyOptions: ParsableArguments {
    @Option(name: [.customLong("key"), .customLong("recovery-private-key")],
            help: ArgumentHelp("Private key file: PEM, a key Secret, or a List of them (repeatable; default: the local keyring).", valueName: "file"))
    var keys: [String] = []

    /// The keys: the files given (a warning for each that others can read), or every key of the local keyring.
    func keyring(orKeysOf local: LocalKeyring) throws -> Keyring {
        let (keyring, notices) = try local.keyringCheckingModes(orFiles: keys)
        Console.show(notices)
        return keyring
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
    @Flag(help: "Ask the cluster's controller, through kubectl (kubeseal --validate / --re-encrypt, in bulk).") var online = false
    @Option(help: ArgumentHelp("With --online: requests per second at most (the controller allows about 2).", valueName: "n")) var rate: Double = 2

    func validate() throws { if rate <= 0 { throw ValidationError("--rate must be positive") } }

    /// The paced client, when --online was given.
    func client(_ cluster: ClusterOptions) throws -> ControllerClient? {
        online ? ControllerClient(controller: try cluster.controller.located(using: cluster.kubectl, notice: { Console.show([$0]) }), kubectl: cluster.kubectl, requestsPerSecond: rate) : nil
    }
}
