import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKit

extension SealingScope: ExpressibleByArgument {}

/// `sealctl seal`: Secret(s) to SealedSecret(s), as kubeseal does.
struct SealCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seal",
        abstract: "Seal Secrets into SealedSecrets (kubeseal's main job).",
        discussion: """
        Reads Secrets (YAML or JSON; one document, a --- stream, or a kind: List) and prints one \
        SealedSecret per Secret, in order, formatted exactly as kubeseal formats them.

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

    @Option(help: ArgumentHelp("Name of the sealed Secret (replaces the input's name).", valueName: "name"))
    var name: String?

    @Flag(help: "Seal a Secret that has no data.")
    var allowEmptyData = false

    @Option(help: ArgumentHelp("Merge the sealed keys into this existing SealedSecret file, rewritten atomically in its own format.", valueName: "file"))
    var mergeInto: String?

    @Flag(help: "Seal one raw value (from standard input or --from-file PATH) and print it in base64.")
    var raw = false

    @Option(name: .customLong("from-literal"), help: ArgumentHelp("Add KEY=VALUE to a Secret built in memory (repeatable).", valueName: "key=value"))
    var fromLiteral: [String] = []

    @Option(name: .customLong("from-file"), help: ArgumentHelp("Add KEY=PATH (or PATH, keyed by its file name) to a Secret built in memory (repeatable); with --raw, the value's file.", valueName: "[key=]path"))
    var fromFile: [String] = []

    @Option(name: .customLong("from-env-file"), help: ArgumentHelp("Add every KEY=VALUE line of an env file to a Secret built in memory (repeatable).", valueName: "path"))
    var fromEnvFile: [String] = []

    @Option(help: ArgumentHelp("Type of a Secret built in memory (default Opaque).", valueName: "type"))
    var type: String = SealCommand.defaultSecretType

    static let defaultSecretType = "Opaque"

    var buildsSecretInMemory: Bool { !fromLiteral.isEmpty || (!fromFile.isEmpty && !raw) || !fromEnvFile.isEmpty }

    func validate() throws {
        if raw && (!fromLiteral.isEmpty || !fromEnvFile.isEmpty || mergeInto != nil) {
            throw ValidationError("--raw takes its value from standard input or one --from-file PATH; it cannot be combined with --from-literal, --from-env-file or --merge-into")
        }
        if raw && fromFile.count > 1 { throw ValidationError("--raw seals one value: give at most one --from-file") }
        if buildsSecretInMemory && input.file != nil { throw ValidationError("-f cannot be combined with --from-literal, --from-file or --from-env-file") }
        if mergeInto != nil && output.outputFile != nil { throw ValidationError("--merge-into rewrites its file; it cannot be combined with -w") }
    }

    func run() throws {
        let scope = try resolvedScope()
        if raw {
            try sealRaw(try Sealer(certificate: try certificate.certificate()), scope: scope)
            return
        }
        // Read and decode the input first: bad input fails before any certificate is fetched.
        let secrets = try readSecrets()
        let sealer = try Sealer(certificate: try certificate.certificate())
        if let mergeInto {
            try merge(secrets, into: mergeInto, sealer: sealer)
            return
        }
        let format = try output.resolvedFormat()
        var options = Sealer.Options(scope: scope, name: name, namespace: namespace, allowEmptyData: allowEmptyData)
        var text = ""
        for (index, secret) in secrets.enumerated() {
            if options.defaultNamespace == nil, Sealer.needsDefaultNamespace(secret, options: options) {
                options.defaultNamespace = self.certificate.cluster.currentNamespace()
            }
            do {
                let (sealed, warnings) = try sealer.sealReportingWarnings(secret, options: options)
                text += try sealed.formatted(as: format)
                for warning in warnings { Console.warning("Secret \(secret.metadata.name ?? name ?? ""): \(warning.detail)") }
            } catch {
                throw secrets.count > 1 ? CLIError("document \(index + 1): \(ErrorText.describe(error))") : error
            }
        }
        try output.emit(text)
    }

    private func resolvedScope() throws -> SealingScope? {
        try scope ?? SealingScope.fromEnvironment(Environment.values)
    }

    /// The Secrets to seal: built from --from-* flags, or read from -f / standard input.
    private func readSecrets() throws -> [Secret] {
        if buildsSecretInMemory {
            let built = try SecretBuilder.build(name: name, namespace: namespace, type: type, literals: fromLiteral, files: fromFile, envFiles: fromEnvFile)
            for warning in built.warnings { Console.warning(warning.detail) }
            return [built.secret]
        }
        let (stream, source) = try input.readStream(expecting: "a Secret in YAML or JSON")
        guard !stream.documents.isEmpty else { throw CLIError("\(source): no Secret found in the input") }
        return try stream.secrets(from: source)
    }

    private func sealRaw(_ sealer: Sealer, scope: SealingScope?) throws {
        let scope = scope ?? .strict
        let value = try fromFile.first.map { try FileBytes.read($0) } ?? Console.standardInput(expecting: "the raw value", or: "--from-file PATH")
        let namespace = self.namespace ?? (scope == .clusterWide ? nil : certificate.cluster.currentNamespace())
        do {
            try output.emit(try sealer.sealRawValue(value, scope: scope, namespace: namespace, name: name))
        } catch SealingError.missingName {
            throw CLIError("--raw with strict scope needs --name")
        } catch SealingError.missingNamespace {
            throw CLIError("--raw with \(scope) scope needs -n/--namespace")
        }
    }

    private func merge(_ secrets: [Secret], into path: String, sealer: Sealer) throws {
        guard secrets.count == 1 else { throw CLIError("--merge-into takes one Secret, found \(secrets.count)") }
        // --name and -n describe the Secret being merged, not which SealedSecret to merge into.
        try SelectionOptions.rewrite(path) { try sealer.merge(secrets[0], into: $0, allowEmptyData: allowEmptyData) }
    }
}

extension SealCommand {
    private enum Quick {
        static let scope = QuickCommandLine.Option("--scope")
        static let namespace = QuickCommandLine.Option("-n", "--namespace")
        static let name = QuickCommandLine.Option("--name")
        static let allowEmptyData = QuickCommandLine.Option("--allow-empty-data", arity: .flag)
        static let mergeInto = QuickCommandLine.Option("--merge-into")
        static let raw = QuickCommandLine.Option("--raw", arity: .flag)
        static let fromLiteral = QuickCommandLine.Option("--from-literal", arity: .repeated)
        static let fromFile = QuickCommandLine.Option("--from-file", arity: .repeated)
        static let fromEnvFile = QuickCommandLine.Option("--from-env-file", arity: .repeated)
        static let type = QuickCommandLine.Option("--type")
    }

    static let quickOptions = InputOptions.quickOptions + OutputOptions.quickOptions + CertificateOptions.quickOptions
        + [Quick.scope, Quick.namespace, Quick.name, Quick.allowEmptyData, Quick.mergeInto, Quick.raw,
           Quick.fromLiteral, Quick.fromFile, Quick.fromEnvFile, Quick.type]

    /// Built from a command line read without argument-parser (see ``QuickCommandLine``).
    static func built(from line: QuickCommandLine) throws(QuickCommandLine.NotRead) -> Self {
        var parsed = Self()
        parsed.input = InputOptions.built(from: line)
        parsed.output = try OutputOptions.built(from: line)
        parsed.certificate = CertificateOptions.built(from: line)
        parsed.scope = try line.value(Quick.scope, as: SealingScope.self)
        parsed.namespace = line.value(Quick.namespace)
        parsed.name = line.value(Quick.name)
        parsed.allowEmptyData = line.flag(Quick.allowEmptyData)
        parsed.mergeInto = line.value(Quick.mergeInto)
        parsed.raw = line.flag(Quick.raw)
        parsed.fromLiteral = line.values(Quick.fromLiteral)
        parsed.fromFile = line.values(Quick.fromFile)
        parsed.fromEnvFile = line.values(Quick.fromEnvFile)
        parsed.type = line.value(Quick.type) ?? Self.defaultSecretType
        return parsed
    }
}
