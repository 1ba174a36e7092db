import ArgumentParser
import SealKit

extension KeysCommand {
    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "backup", abstract: "Back up the controller's private keys, sealed for a custody certificate.",
            discussion: """
            Reads the controller's key Secrets (labelled active, and the legacy one), found as cert --fetch finds it, \
            and seals each for the custody certificate (make it with `sealctl keys generate`; keep its tls.key offline). \
            `sealctl unseal --key CUSTODY.key -f BACKUP` gives the Secrets back. Example: sealctl keys backup --to custody/tls.crt -w backup.yaml
            """)
        @Option(help: ArgumentHelp("The custody certificate the backup is sealed for.", valueName: "file")) var to: String?
        @Flag(help: "Write the private keys in the clear (mode 0600, never to a terminal).") var plain = false
        @Flag(help: "Also back up keys labelled other than active (compromised).") var includeCompromised = false
        @Option(name: [.customShort("w"), .customLong("output")], help: ArgumentHelp("File to write (default: stdout).", valueName: "file")) var output: String?
        @OptionGroup var cluster: ClusterOptions

        func validate() throws { if plain == (to != nil) { throw ValidationError("give --to CUSTODY.crt, or --plain for a backup in the clear (not both)") } }

        func run() throws {
            let operation = KeyBackupOperation(custody: try to.map { try CertificateSource(argument: $0).fetchCertificate() }, allowPlain: plain, includingCompromised: includeCompromised)
            let (backup, text) = try operation.run(controller: cluster.controller, kubectl: cluster.kubectl) { Console.show([$0]) }
            if let text = try operation.deliver(text, to: output) { try Console.standardOutput(text) }
            Console.standardError(backup.summary())
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify", abstract: "Prove that a key backup opens every SealedSecret under the paths (exit 1 when one does not).",
            discussion: """
            Counts the values each key opens and names each SealedSecret that none opens, with the reason; --compare-cluster \
            also says whether the controller seals with a key the backup lacks. Example: sealctl keys verify --backup backup.yaml --key custody/tls.key k8s/
            """)
        @OptionGroup var backup: BackupOptions
        @Flag(help: "Compare the backup with the controller's keys too.") var compareCluster = false
        @OptionGroup var cluster: ClusterOptions
        @Option(help: "Output format: text or json.") var format: DoctorCommand.DoctorFormat = .text
        @Argument(help: ArgumentHelp("Files and folders of SealedSecrets (default: this folder).", valueName: "path")) var paths: [String] = []

        func run() throws {
            try Console.exitingTwoOnError {
                let verification = BackupVerification(backup: try backup.read())
                var report = try verification.run(paths: paths.isEmpty ? ["."] : paths)
                if compareCluster { report.cluster = try verification.compare(with: cluster.controller, using: cluster.kubectl) }
                try Console.standardOutput(report.rendered(json: format == .json))
                if !report.succeeded { throw ExitCode(1) }
            }
        }
    }

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "restore", abstract: "Restore a key backup into the controller's namespace and restart the controller.",
            discussion: """
            Applies the key Secrets with kubectl apply -f - (the manifest on standard input only), restarts the Deployment \
            behind the controller's Service (or its pods), waits for its certificate and says which key seals now.
            """)
        @OptionGroup var backup: BackupOptions
        @Flag(help: "Show what would be written and done; change nothing.") var dryRun = false
        @OptionGroup var cluster: ClusterOptions

        func run() throws {
            let operation = KeyRestoreOperation(backup: try backup.read(), dryRun: dryRun, timeout: cluster.kubectl.deadline * 2)
            try Console.standardOutput(try operation.run(controller: cluster.controller, kubectl: cluster.kubectl) { Console.show([$0]) }.text)
        }
    }
}

/// `--backup FILE` and the custody keys that open it.
struct BackupOptions: ParsableArguments {
    @Option(name: .customLong("backup"), help: ArgumentHelp("The backup (sealed or plain).", valueName: "file")) var file: String
    @OptionGroup var keys: KeyOptions

    func read() throws -> KeyBackup {
        let custody = keys.keys.isEmpty ? nil : try keys.keyring(orKeysOf: LocalKeyring.chosen(folder: nil, environment: Environment.values))
        return try KeyBackup(contentsOf: FileBytes.read(file), source: file, custody: custody)
    }
}
