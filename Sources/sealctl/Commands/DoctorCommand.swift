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
            case .json: Console.standardOutput(ClusterDoctor.json(checks))
            case .text:
                for check in checks {
                    Console.standardOutput("\(check.passed ? (check.isWarning ? "warn" : "ok  ") : "FAIL")  \(check.name): \(check.detail)\n")
                    if let fix = check.fix { Console.standardOutput(fix.split(separator: "\n").map { "      \($0)\n" }.joined().replacingFirstSpaces(with: "  fix:")) }
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
