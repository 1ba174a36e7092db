import ArgumentParser
import Foundation
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
        var inputs: [(name: String, bytes: [UInt8])] = []
        if paths.isEmpty {
            if Console.isTerminal(STDIN_FILENO) {
                throw CLIError("standard input is a terminal (tty detected: expecting SealedSecrets); pipe them in, or name files or folders")
            }
            inputs.append(("stdin", Array(FileHandle.standardInput.readDataToEndOfFile())))
        } else {
            for url in try ManifestFinder.files(under: paths) {
                guard let data = FileManager.default.contents(atPath: url.path) else { throw CLIError("cannot read \(url.path)") }
                inputs.append((url.relativePath, Array(data)))
            }
        }

        let client = online ? ControllerClient(controller: cluster.controller, kubectl: cluster.kubectl, requestsPerSecond: rate) : nil
        var errors = 0, warnings = 0, checked = 0
        for (name, bytes) in inputs {
            let stream: ManifestStream
            do {
                stream = try ManifestStream(bytes: bytes)
            } catch {
                Console.standardOutput("\(error.inFile(name))\n")
                errors += 1
                continue
            }
            // Other kinds (Deployments, kustomizations, ...) are not this command's business,
            // but a document with no kind at all, or of the bitnami.com group, is checked.
            for document in stream.documents where document.kind == "SealedSecret" || document.kind == nil || document.apiVersion?.hasPrefix("bitnami.com/") == true {
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
