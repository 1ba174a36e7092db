import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKit

/// `sealctl doctor`: why the cluster path works or where it breaks.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Walk the path to the controller's certificate and stop at the first broken link, with the fix.",
        discussion: """
        Checks, in order: kubectl and its context; the API server (/version); the controller's \
        Service (found as kubeseal would not: by label and the Helm chart's names too); its ready \
        endpoints; the certificate through the service proxy (RBAC, firewalls, proxies); the \
        certificate's expiry (a warning at 30 days) and, with sealctl.yaml, whether it is the \
        certificate the project committed. Exit 0 when every link holds, 1 when one breaks.

        EXAMPLES:
          sealctl doctor
          sealctl doctor --context prod --format json
        """
    )

    @OptionGroup var cluster: ClusterOptions

    @Option(help: "Output format: text or json.")
    var format: DoctorFormat = .text

    @Option(help: ArgumentHelp("The project config whose certificates the cluster's must match (default: the nearest sealctl.yaml).", valueName: "file"))
    var config: String?

    enum DoctorFormat: String, ExpressibleByArgument { case text, json }

    func run() throws {
        try Console.exitingTwoOnError {
            let project = try ProjectConfig.load(path: config, searchingFrom: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            let pinned = (project?.committedCertificates() ?? []).map { (name: $0.environment.name, certificate: $0.certificate) }
            let checks = ClusterDoctor(kubectl: cluster.kubectl, controller: cluster.controller, pinned: pinned, environment: Environment.values).run()
            switch format {
            case .json: try Console.standardOutput(ClusterDoctor.json(checks))
            case .text:
                for check in checks {
                    try Console.standardOutput("\(check.passed ? (check.isWarning ? "warn" : "ok  ") : "FAIL")  \(check.name): \(check.detail)\n")
                    if let fix = check.fix { try Console.standardOutput(fix.split(separator: "\n").map { "      \($0)\n" }.joined().replacingFirstSpaces(with: "  fix:")) }
                }
            }
            if !checks.allSatisfy(\.passed) { throw ExitCode(1) }
        }
    }
}

private extension String {
    /// The first six spaces replaced by `label` padded to six characters.
    func replacingFirstSpaces(with label: String) -> String {
        guard hasPrefix("      ") else { return self }
        return label + String(repeating: " ", count: max(0, 6 - label.count)) + dropFirst(6)
    }
}

/// `sealctl status`: the cluster's SealedSecrets and whether they unsealed.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "List the cluster's SealedSecrets with their Synced condition, those that failed to unseal first.",
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

    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "Every namespace.")
    var allNamespaces = false

    @Option(help: ArgumentHelp("A repository folder to compare with.", valueName: "dir"))
    var against: String?

    @Option(help: "Output format: text or json.")
    var format: DoctorCommand.DoctorFormat = .text

    @OptionGroup var cluster: ClusterOptions

    func run() throws {
        try Console.exitingTwoOnError {
            let scope = allNamespaces ? nil : (namespace ?? cluster.currentNamespace() ?? "default")
            let entries = try ClusterStatus.entries(using: cluster.kubectl, namespace: scope)
            let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let differences = try against.map { ClusterStatus.differences(entries, repository: try RepositoryChecker(root: here).placedSealedSecrets(paths: [$0]), namespace: scope) } ?? []
            let state = { (entry: ClusterStatus.Entry) in entry.synced == true ? "synced" : entry.synced == false ? "FAILED" : "pending" }
            switch format {
            case .json:
                let items = entries.map { entry -> YAMLNode in
                    .mapping([("namespace", .string(entry.namespace)), ("name", .string(entry.name)), ("state", .string(state(entry))), ("message", .string(entry.message ?? ""))])
                }
                let compared = differences.map { YAMLNode.mapping([("kind", .string($0.kind.rawValue)), ("sealedSecret", .string($0.id)), ("file", .string($0.file ?? ""))]) }
                try Console.standardOutput(JSONWriter.write(.mapping([("sealedSecrets", .sequence(items)), ("differences", .sequence(compared))])) + "\n")
            case .text:
                for entry in entries { try Console.standardOutput("\(state(entry).padding(7))\(entry.id)\(entry.synced == false ? ": \(entry.message ?? "no message")" : "")\n") }
                if entries.isEmpty { try Console.standardOutput("no SealedSecrets in \(scope ?? "any namespace")\n") }
                for difference in differences { try Console.standardOutput("\(difference)\n") }
            }
            if entries.contains(where: { $0.synced == false }) { throw ExitCode(1) }
        }
    }
}

private extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(1, width - count)) }
}
