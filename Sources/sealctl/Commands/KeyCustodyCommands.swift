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
        @Option(help: ArgumentHelp("The backup (sealed or plain).", valueName: "file")) var backup: String
        @OptionGroup var keys: KeyOptions
        @Flag(help: "Compare the backup with the controller's keys too.") var compareCluster = false
        @OptionGroup var cluster: ClusterOptions
        @Option(help: "Output format: text or json.") var format: DoctorCommand.DoctorFormat = .text
        @Argument(help: ArgumentHelp("Files and folders of SealedSecrets (default: this folder).", valueName: "path")) var paths: [String] = []

        func run() throws {
            try Console.exitingTwoOnError {
                let custody = keys.keys.isEmpty ? nil : try keys.keyring(orKeysOf: LocalKeyring.chosen(folder: nil, environment: Environment.values))
                let verification = BackupVerification(backup: try KeyBackup(contentsOf: FileBytes.read(backup), source: backup, custody: custody))
                var report = try verification.run(paths: paths.isEmpty ? ["."] : paths)
                if compareCluster { report.cluster = try verification.compare(with: cluster.controller, using: cluster.kubectl) }
                try Console.standardOutput(report.rendered(json: format == .json))
                if !report.succeeded { throw ExitCode(1) }
            }
        }
    }
}
