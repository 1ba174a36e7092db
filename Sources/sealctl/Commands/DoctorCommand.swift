import ArgumentParser
import SealKit

struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor", abstract: "Walk the path to the controller's certificate and stop at the first broken link, with the fix.",
        discussion: """
        Checks, in order: kubectl and its context; the API server (/version); the controller's \
        Service (found by label and the Helm chart's names too); its ready endpoints; the \
        certificate through the service proxy (RBAC, firewalls, proxies); its expiry (a warning at \
        30 days); with sealctl.yaml, that it is the committed certificate (of the cluster whose \
        context: this is), and every other cluster's live key, through its context:, against its \
        own. Exit 0 when every link holds, 1 when one breaks.

        EXAMPLES:
          sealctl doctor
          sealctl doctor --context prod --format json
        """
    )

    @OptionGroup var cluster: ClusterOptions
    @Option(help: "Output format: text or json.") var format: DoctorFormat = .text
    @Option(help: ArgumentHelp("The project config whose certificates the cluster's must match (default: the nearest sealctl.yaml).", valueName: "file"))
    var config: String?

    enum DoctorFormat: String, ExpressibleByArgument { case text, json }

    func run() throws {
        try Console.exitingTwoOnError {
            let report = try ClusterDoctor.report(kubectl: cluster.kubectl, controller: cluster.controller, configPath: config,
                                                  environment: Environment.values, wording: ErrorText.help)
            try Console.standardOutput(report.rendered(json: format == .json))
            if !report.healthy { throw ExitCode(1) }
        }
    }
}

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "List the cluster's SealedSecrets with their Synced condition, those that failed to unseal first.",
        discussion: """
        With --against DIR, also compares the repository's SealedSecrets (with the names and \
        namespaces kustomize gives them, as check computes them) with the cluster's: missing in \
        the cluster, present with other ciphertext (not deployed yet), in the cluster but not in \
        the repository. Exit 1 when any failed to unseal.

        EXAMPLES:
          sealctl status -A
          sealctl status -n prod --against k8s/environments/production
        """
    )

    @Option(name: [.customShort("n"), .customLong("namespace")], help: ArgumentHelp("Only this namespace (default: the kubeconfig's).", valueName: "namespace"))
    var namespace: String?
    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "Every namespace.") var allNamespaces = false
    @Option(help: ArgumentHelp("A repository folder to compare with.", valueName: "dir")) var against: String?
    @Option(help: "Output format: text or json.") var format: DoctorCommand.DoctorFormat = .text
    @OptionGroup var cluster: ClusterOptions

    func run() throws {
        try Console.exitingTwoOnError {
            let report = try ClusterStatusReport(kubectl: cluster.kubectl, namespace: namespace, allNamespaces: allNamespaces,
                                                 repositoryPaths: against.map { [$0] } ?? [], environment: Environment.values)
            try Console.standardOutput(report.rendered(json: format == .json))
            if report.anyFailed { throw ExitCode(1) }
        }
    }
}
