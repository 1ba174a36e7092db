import ArgumentParser
import SealKit

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Validate SealedSecrets against the controller's CRD schema, offline.",
        discussion: """
        Checks every SealedSecret in the given files and folders (or standard input): required \
        fields and types as the API server enforces them, a namespace unless cluster-wide, one \
        scope, and values that have the layout of sealed values. With --key, also that every \
        value decrypts. With --cert, also that each was sealed for that certificate, as check \
        judges an overlay: the key fingerprint that generate, rotate and reseal record (kubeseal \
        records none: those are counted, and judged by key size only) and each value's key size. \
        Prints one line per problem; exits 1 if there is any error.

        With --online, each SealedSecret that passes is also sent to the cluster's controller, \
        which says whether it can decrypt it; requests are paced under its rate limit and \
        retried when it answers 429.

        EXAMPLES:
          sealctl validate --online k8s/production/
          sealctl validate k8s/
          sealctl validate --key backup.yaml db.sealed.yaml
          sealctl validate --cert certs/production-eu.crt k8s/environments/production-eu/secrets.yaml
          git diff --cached --name-only -- '*.sealed.yaml' | xargs sealctl validate   # one process for every file
        """
    )

    @Argument(help: ArgumentHelp("Files or folders to validate (default: standard input).", valueName: "path")) var paths: [String] = []
    @Option(name: [.customShort("f"), .customLong("file")], help: ArgumentHelp("A file to validate, as if named (repeatable).", valueName: "file"))
    var files: [String] = []
    @Option(name: [.customLong("key")], help: ArgumentHelp("Also check that every value decrypts with these private keys (repeatable).", valueName: "file"))
    var keys: [String] = []
    @Option(help: ArgumentHelp("Also check that values were sealed for this certificate: a file or URL, as seal takes it.", valueName: "path-or-url")) var cert: String?
    @OptionGroup var online: OnlineOptions
    @OptionGroup var cluster: ClusterOptions

    func run() throws {
        let inputs = try BulkValidator.inputs(orStandardInput: files + paths)
        let validator = BulkValidator(
            unsealer: keys.isEmpty ? nil : Unsealer(keyring: try Keyring(contentsOf: keys.map { URL(fileURLWithPath: $0) })),
            controller: try online.client(cluster), certificate: try cert.map { try CertificateSource(argument: $0).fetchCertificate() })
        let progress = ProgressLine()
        let summary = try validator.validate(inputs, progress: progress.show) { line throws(StandardOutputError) in
            progress.clear()
            try Console.standardOutput("\(line)\n")
        }
        progress.clear()
        Console.standardError("\(summary)\n")
        if summary.errors > 0 { throw ExitCode(1) }
    }
}
