import ArgumentParser
import SealKit

extension CheckReport.Format: ExpressibleByArgument {}

/// `sealctl check`: offline checks for pre-commit hooks and CI.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Find leaked or broken secrets before commit and in CI, with no key and no cluster.",
        discussion: """
        Walks YAML and JSON files (skipping .git and build folders) and reports, each with a rule, \
        file, document, line and column:
          plain-secret               a Secret with data or stringData (allow with --allow GLOB or the
                                     annotation sealkit.io/allow-plain-secret: "true")
          malformed-sealed-secret    not valid under the CRD schema, values that cannot be sealed values,
                                     or a Secret the API server would refuse (keys, size, names, types)
          scope-broken-by-kustomize  a namespace, namePrefix or nameSuffix that breaks a strict or
                                     namespace-wide seal
          wrong-certificate          values sealed for another key than --cert (or each environment's
                                     certificate in sealctl.yaml), or an expired certificate
          missing-key                a workload reads a key the SealedSecret does not hold
          unreadable-manifest        a YAML or JSON file that does not parse (a warning for templates)
        Exit status: 0 when clean, 1 when there is an error-level finding, 2 for a usage or read error.

        EXAMPLES:
          sealctl check
          sealctl check k8s/ --cert certs/production.crt --format sarif > sealctl.sarif
          sealctl check --allow '*.example.yaml'
        """
    )

    @Argument(help: ArgumentHelp("Files or folders (default: the current git repository, or the current folder).", valueName: "path"))
    var paths: [String] = []
    @Option(help: "Output format: text, json or sarif.")
    var format: CheckReport.Format = .text
    @Option(name: .customLong("allow"), help: ArgumentHelp("Allow plain Secrets in files matching this glob (repeatable; a glob without / matches file names).", valueName: "glob"))
    var allowed: [String] = []
    @Option(help: ArgumentHelp("The certificate every SealedSecret must be sealed for (default: each environment's certificate file in sealctl.yaml).", valueName: "file"))
    var cert: String?
    @Option(help: ArgumentHelp("The project config (default: the nearest sealctl.yaml).", valueName: "file"))
    var config: String?

    func run() throws {
        try Console.exitingTwoOnError {
            let report = try RepositoryChecker.report(paths: paths, allowedPlainSecretGlobs: allowed, certificateFile: cert, configPath: config,
                                                      in: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            try Console.standardOutput(report.rendered(as: format) { ErrorText.help($0.remedy) })
            if report.errorCount > 0 { throw ExitCode(1) }
        }
    }
}
