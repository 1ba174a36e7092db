import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
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
          malformed-sealed-secret    not valid under the CRD schema, or values that cannot be sealed values
          scope-broken-by-kustomize  a namespace, namePrefix or nameSuffix that breaks a strict or
                                     namespace-wide seal
          wrong-certificate          values sealed for another key than --cert (or each environment's
                                     certificate in sealctl.yaml), or an expired certificate
          missing-key                a workload reads a key the SealedSecret does not hold
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
        do {
            let root = URL(fileURLWithPath: Self.repositoryRoot() ?? FileManager.default.currentDirectoryPath)
            let checked = paths.isEmpty ? [root.path] : paths
            let options = RepositoryChecker.Options(allowedPlainSecretGlobs: allowed, certificates: try certificates(root: root))
            let checker = RepositoryChecker(root: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), options: options)
            let report = try checker.report(paths: checked)
            Console.standardOutput(report.rendered(as: format))
            if report.errorCount > 0 { throw ExitCode(1) }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Console.error(error)
            throw ExitCode(2)
        }
    }

    /// --cert for everything, else each environment's certificate file for its overlay.
    private func certificates(root: URL) throws -> [(folder: URL?, certificate: Certificate)] {
        if let cert {
            guard let text = try? String(contentsOfFile: cert, encoding: .utf8) else { throw CLIError("cannot read the certificate file \(cert)") }
            return [(nil, try Certificate(pemRepresentation: text))]
        }
        let configURL = config.map { URL(fileURLWithPath: $0) } ?? ProjectConfig.find(from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        guard let configURL else { return [] }
        let project = try ProjectConfig(contentsOf: configURL)
        return project.environments.compactMap { environment in
            // Only certificate files are used: a check never talks to a cluster or makes a key.
            guard case .source(let path)? = environment.certificate, !path.contains("://"),
                  let text = try? String(contentsOfFile: path, encoding: .utf8), let certificate = try? Certificate(pemRepresentation: text) else { return nil }
            return (environment.overlay, certificate)
        }
    }

    /// The top of the git work tree around the current folder, if any.
    static func repositoryRoot() -> String? {
        var current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: current.appendingPathComponent(".git").path) { return current.path }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { return nil }
            current = parent
        }
    }
}
