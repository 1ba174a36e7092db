import ArgumentParser
import SealKit

extension SealingScope: ExpressibleByArgument {}

struct SealCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seal", abstract: "Seal Secrets into SealedSecrets (kubeseal's main job).",
        discussion: """
        Reads Secrets (YAML or JSON; one document, a --- stream, or a kind: List; from every -f \
        in turn) and prints one SealedSecret per Secret, in order, formatted exactly as kubeseal \
        formats them.

        With --from-literal, --from-file or --from-env-file the Secret is built in memory, so no \
        plain Secret ever touches the disk. Values given with --from-literal are visible in your \
        shell history and process list: prefer --from-file or --from-env-file for real secrets.

        EXAMPLES:
          kubectl create secret generic db -n prod --from-literal=password=x --dry-run=client -o yaml \\
            | sealctl seal --cert tls.crt > db.sealed.yaml
          sealctl seal --cert tls.crt --name db -n prod --from-file password=./password.txt -w db.sealed.yaml
          printf %s "$VALUE" | sealctl seal --raw --cert tls.crt --name db -n prod
          sealctl seal --cert tls.crt --merge-into db.sealed.yaml < extra-secret.yaml
        """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var certificate: CertificateOptions
    @Option(help: ArgumentHelp("strict, namespace-wide or cluster-wide (default: from the Secret's annotations, else strict; env SEALED_SECRETS_SCOPE).", valueName: "scope"))
    var scope: SealingScope?
    @Option(name: [.customShort("n"), .customLong("namespace")], help: ArgumentHelp("Namespace to seal for; an error if the Secret names another one.", valueName: "namespace"))
    var namespace: String?
    @Option(help: ArgumentHelp("Name of the sealed Secret (replaces the input's name).", valueName: "name")) var name: String?
    @Flag(help: "Seal a Secret that has no data.") var allowEmptyData = false
    @Option(help: ArgumentHelp("Merge the sealed keys into this existing SealedSecret file, rewritten atomically in its own format.", valueName: "file"))
    var mergeInto: String?
    @Flag(help: "Seal one raw value (from standard input or --from-file PATH) and print it in base64.") var raw = false
    @Option(name: .customLong("from-literal"), help: ArgumentHelp("Add KEY=VALUE to a Secret built in memory (repeatable).", valueName: "key=value"))
    var fromLiteral: [String] = []
    @Option(name: .customLong("from-file"), help: ArgumentHelp("Add KEY=PATH (or PATH, keyed by its file name) to a Secret built in memory (repeatable); with --raw, the value's file.", valueName: "[key=]path"))
    var fromFile: [String] = []
    @Option(name: .customLong("from-env-file"), help: ArgumentHelp("Add every KEY=VALUE line of an env file to a Secret built in memory (repeatable).", valueName: "path"))
    var fromEnvFile: [String] = []
    @Option(help: ArgumentHelp("Type of a Secret built in memory.", valueName: "type")) var type = "Opaque"
    @Option(help: ArgumentHelp("With several --cert: write DIR/NAME.yaml for each, atomically (default: one stream).", valueName: "dir")) var outDir: String?

    var buildsSecretInMemory: Bool { !fromLiteral.isEmpty || (!fromFile.isEmpty && !raw) || !fromEnvFile.isEmpty }

    func validate() throws {
        if raw && (!fromLiteral.isEmpty || !fromEnvFile.isEmpty || mergeInto != nil) {
            throw ValidationError("--raw takes its value from standard input or one --from-file PATH; it cannot be combined with --from-literal, --from-env-file or --merge-into")
        }
        if raw && fromFile.count > 1 { throw ValidationError("--raw seals one value: give at most one --from-file") }
        if buildsSecretInMemory && !input.files.isEmpty { throw ValidationError("-f cannot be combined with --from-literal, --from-file or --from-env-file") }
        if mergeInto != nil && output.outputFile != nil { throw ValidationError("--merge-into rewrites its file; it cannot be combined with -w") }
        if (certificate.cert.count > 1 || outDir != nil) && (raw || mergeInto != nil || output.outputFile != nil) { throw ValidationError("several --cert (or --out-dir) seal a file per certificate: not with --raw, --merge-into or -w") }
    }

    func run() throws {
        let scope = try self.scope ?? SealingScope.fromEnvironment(Environment.values)
        let cluster = certificate.cluster
        if raw {
            let value = try fromFile.first.map { try FileBytes.read($0) } ?? ManifestInput.standardInput(expecting: "the raw value").bytes
            return try output.emit(try SealOperation.sealRawValue(value, scope: scope, name: name, namespace: namespace,
                                                                  defaultNamespace: cluster.currentNamespace, certificate: { try certificate.certificate() }))
        }
        let secrets: SealOperation.Secrets
        if buildsSecretInMemory {
            let built = try SecretBuilder.build(name: name, namespace: namespace, type: type, literals: fromLiteral, files: fromFile, envFiles: fromEnvFile)
            secrets = .built(built.secret, warnings: built.warnings)
        } else {
            secrets = .inputs(try input.read(expecting: "a Secret in YAML or JSON"))
        }
        let operation = SealOperation(secrets: secrets, options: Sealer.Options(scope: scope, name: name, namespace: namespace, allowEmptyData: allowEmptyData),
                                      format: try output.resolvedFormat(), defaultNamespace: { cluster.currentNamespace() })
        if let mergeInto { return Console.show(try operation.merge(into: mergeInto) { try certificate.certificate() }.notices) }
        if certificate.cert.count > 1 || outDir != nil {
            let result = try operation.run(forCertificates: certificate.cert)
            Console.show(result.notices)
            return try outDir.map { _ = try SealOperation.write(result, toFolder: $0, format: operation.format) } ?? output.emit(result.stream)
        }
        let result = try operation.run(certificate: { try certificate.certificate() })
        Console.show(result.notices)
        try output.emit(result.text)
    }
}
