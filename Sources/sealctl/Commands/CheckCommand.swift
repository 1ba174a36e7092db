import ArgumentParser
import SealKit

extension CheckReport.Format: ExpressibleByArgument {}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Find leaked or broken secrets before commit and in CI, with no key and no cluster.",
        discussion: """
        Walks YAML and JSON files (skipping .git and build folders) and reports, each with a rule, \
        file, document, line and column:
        \(CheckRule.table)
        Plain Secrets are allowed with --allow GLOB or the annotation sealkit.io/allow-plain-secret: "true"; \
        with --cert, every SealedSecret must be sealed for that certificate (else each environment's in sealctl.yaml).
        Exit status: 0 when clean, 1 when there is an error-level finding, 2 for a usage or read error.

        EXAMPLES:
          sealctl check
          sealctl check k8s/ --cert certs/production.crt --format sarif > sealctl.sarif
          sealctl check --allow '*.example.yaml'
        """
    )

    @Argument(help: ArgumentHelp("Files or folders (default: the current git repository, or the current folder).", valueName: "path")) var paths: [String] = []
    @Option(help: "Output format: text, json or sarif.") var format: CheckReport.Format = .text
    @Option(name: .customLong("allow"), help: ArgumentHelp("Allow plain Secrets in files matching this glob (repeatable; a glob without / matches file names).", valueName: "glob"))
    var allowed: [String] = []
    @Option(help: ArgumentHelp("The certificate every SealedSecret must be sealed for (default: each environment's certificate file in sealctl.yaml).", valueName: "file"))
    var cert: String?
    @Option(help: ArgumentHelp("The project config (default: the nearest sealctl.yaml).", valueName: "file")) var config: String?

    func run() throws {
        try Console.exitingTwoOnError {
            let report = try RepositoryChecker.report(paths: paths, allowedPlainSecretGlobs: allowed, certificateFile: cert, configPath: config,
                                                      in: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            try Console.standardOutput(report.rendered(as: format) { ErrorText.help($0.remedy) })
            if report.errorCount > 0 { throw ExitCode(1) }
        }
    }
}
