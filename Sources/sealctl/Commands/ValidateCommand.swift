import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKit

/// `sealctl validate`: SealedSecrets against the CRD schema, and optionally against keys.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate SealedSecrets against the controller's CRD schema, offline.",
        discussion: """
        Checks every SealedSecret in the given files and folders (or standard input): required \
        fields and types as the API server enforces them, a namespace unless cluster-wide, one \
        scope, and values that have the layout of sealed values. With --key, also that every \
        value decrypts. Prints one line per problem; exits 1 if there is any error.

        With --online, each SealedSecret that passes is also sent to the cluster's controller, \
        which says whether it can decrypt it; requests are paced under its rate limit and \
        retried when it answers 429.

        EXAMPLES:
          sealctl validate --online k8s/production/
          sealctl validate k8s/
          sealctl validate --key backup.yaml db.sealed.yaml
        """
    )

    @Argument(help: ArgumentHelp("Files or folders to validate (default: standard input).", valueName: "path"))
    var paths: [String] = []

    @Option(name: [.customLong("key")], help: ArgumentHelp("Also check that every value decrypts with these private keys (repeatable).", valueName: "file"))
    var keys: [String] = []

    @Flag(help: "Ask the cluster's controller whether it can decrypt each SealedSecret (kubeseal --validate, in bulk), through kubectl.")
    var online = false

    @Option(help: ArgumentHelp("With --online: requests per second at most (the controller allows about 2).", valueName: "n"))
    var rate: Double = 2

    @OptionGroup var cluster: ClusterOptions

    func validate() throws {
        if rate <= 0 { throw ValidationError("--rate must be positive") }
    }

    func run() throws {
        let progress = ProgressLine()
        let unsealer = keys.isEmpty ? nil : Unsealer(keyring: try Keyring(contentsOf: keys.map { URL(fileURLWithPath: $0) }))
        let validator = SealedSecretValidator()
        // Files named on the command line (and stdin) must hold SealedSecrets; files found in
        // folders may hold anything, and only their SealedSecrets are validated.
        var inputs: [(name: String, explicit: Bool)] = []
        if paths.isEmpty {
            if POSIX.isTerminal(.input) {
                throw CLIError("standard input is a terminal (tty detected: expecting SealedSecrets); pipe them in, or name files or folders")
            }
            inputs.append(("-", true))
        } else {
            for path in paths {
                let explicit = !FileManager.default.isDirectory(path)
                for url in try ManifestFinder.files(under: [path]) { inputs.append((explicit ? path : url.relativePath, explicit)) }
            }
        }

        let client = online ? ControllerClient(controller: cluster.controller, kubectl: cluster.kubectl, requestsPerSecond: rate) : nil
        var errors = 0, warnings = 0, checked = 0
        func report(_ error: ManifestError, in name: String) {
            let located = error.inFile(name)
            Console.standardOutput("\(located.location): error: \(located.problem)\n")
            errors += 1
        }
        for (path, explicit) in inputs {
            let name = path == "-" ? "stdin" : path
            let stream: ManifestStream
            do {
                stream = try ManifestStream(bytes: path == "-" ? try POSIX.readStandardInput() : FileBytes.read(path))
            } catch let error as ManifestError {
                report(error, in: name)
                continue
            }
            let sealedDocuments = stream.documents.filter { $0.kind == "SealedSecret" || $0.kind == nil || $0.apiVersion?.hasPrefix("bitnami.com/") == true }
            if explicit && sealedDocuments.isEmpty {
                let found = stream.documents.compactMap(\.kind)
                report(ManifestError(.wrongKind(expected: "a SealedSecret", found: found.isEmpty ? "no documents" : found.map { "a \($0)" }.joined(separator: ", "))), in: name)
                continue
            }
            for document in sealedDocuments {
                checked += 1
                var problems = validator.validate(document.node, options: document.decodingOptions)
                if let unsealer, !problems.contains(where: { $0.severity == .error }) {
                    do {
                        _ = try unsealer.unseal(SealedSecret(document: document))
                    } catch {
                        problems.append(ValidationProblem(.error, field: "spec.encryptedData", "\(error)", mark: document.node["spec"]?.mark))
                    }
                }
                if let client, !problems.contains(where: { $0.severity == .error }) {
                    progress.show("checking with the controller: \(name), \(document.locationDescription)")
                    do {
                        switch try client.verify(SealedSecret(document: document)) {
                        case .valid:
                            Console.standardOutput("\(name), \(document.locationDescription): valid (the controller can decrypt it)\n")
                        case .cannotDecrypt:
                            problems.append(ValidationProblem(.error, field: "", "the controller cannot decrypt it: it was sealed for another key, name or namespace"))
                        }
                    } catch {
                        problems.append(ValidationProblem(.error, field: "", "the controller could not check it: \(error)"))
                    }
                }
                for problem in problems {
                    let mark = problem.mark ?? document.mark
                    let location = [name, document.locationDescription, mark.map(\.description)].compactMap { $0 }.joined(separator: ", ")
                    Console.standardOutput("\(location): \(problem)\n")
                    if problem.severity == .error { errors += 1 } else { warnings += 1 }
                }
            }
        }
        progress.clear()
        Console.standardError("\(checked) SealedSecret\(checked == 1 ? "" : "s") checked: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n")
        if errors > 0 { throw ExitCode(1) }
    }
}
