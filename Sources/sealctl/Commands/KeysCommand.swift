import ArgumentParser
import SealKit

struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Make, inspect and rotate controller-compatible key pairs.",
        subcommands: [Generate.self, Info.self, Rotate.self, Backup.self, Verify.self, Restore.self]
    )

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate", abstract: "Generate a key pair for the controller's bring-your-own-certificate flow.",
            discussion: """
            Writes tls.key (PKCS#1, mode 0600), tls.crt, and sealed-secrets-key.yaml: the \
            kubernetes.io/tls Secret for kube-system, labelled as an active sealed-secrets key \
            (mode 0600: it holds the private key; never commit it). Never overwrites a key.

            EXAMPLE:
              sealctl keys generate --out ./prod-key --cn prod-cluster
              kubectl apply -f ./prod-key/sealed-secrets-key.yaml
              kubectl -n kube-system rollout restart deployment sealed-secrets-controller
            """
        )

        @Option(help: ArgumentHelp("Folder to write the pair into.", valueName: "folder")) var out: String
        @Option(help: "RSA key size in bits.") var bits: Int = 4096
        @Option(help: ArgumentHelp("Certificate common name (default: empty, as the controller makes it).", valueName: "name")) var cn: String = ""
        @Option(help: ArgumentHelp("Certificate lifetime, e.g. 87600h, 3650d, 10y (default 10y).", valueName: "duration")) var validFor: String?

        func validate() throws {
            if let validFor, DurationText.seconds(validFor) == nil { throw ValidationError("--valid-for \"\(validFor)\" is not a duration (87600h, 3650d, 10y, 1y6m)") }
            guard KeyPair.isSupportedBitCount(bits) else { throw ValidationError("--bits must be a multiple of 256 from 2048 to 16384") }
        }

        func run() throws {
            let pair = try KeyPair.generate(bitCount: bits, commonName: cn, validity: validFor.flatMap(DurationText.seconds) ?? Certificate.controllerDefaultValidity)
            try pair.write(to: URL(fileURLWithPath: out))
            try Console.standardOutput(pair.summary(writtenTo: URL(fileURLWithPath: out)))
        }
    }

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "info", abstract: "Describe certificates and keys: size, fingerprints, validity, and which one seals.",
            discussion: """
            Reads certificates, PEM private keys, key Secrets and Lists of them (the output of \
            `kubectl get secret -n kube-system -l sealedsecrets.bitnami.com/sealed-secrets-key -o yaml`). \
            Without files, describes the local keyring.

            EXAMPLE:
              sealctl keys info backup.yaml cluster.crt
            """
        )

        @Argument(help: ArgumentHelp("Certificate or key files (default: the local keyring).", valueName: "file")) var files: [String] = []
        @OptionGroup var keyring: KeyringOption

        func run() throws {
            let (text, warnings) = try KeyInventory(files: files, orKeysOf: keyring.effective).report()
            warnings.forEach { Console.standardError("warning: \($0)\n") }
            try Console.standardOutput(text)
        }
    }

    struct Rotate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate", abstract: "Add a new key pair to the local keyring; it seals from now on, and every older key still unseals.",
            discussion: """
            This is the controller's own renewal rule. Re-seal existing files for the new key with \
            `sealctl reseal --in-place PATH`.

            EXAMPLE:
              sealctl keys rotate && sealctl reseal --in-place k8s/
            """
        )

        @OptionGroup var keyring: KeyringOption
        @Option(help: "RSA key size in bits.") var bits: Int = 4096

        func run() throws {
            let local = keyring.effective
            let pair = try local.rotate(bitCount: bits)
            try Console.standardOutput("new sealing key \(pair.certificate.keyFingerprint) in \(local.directory.path) (\(try local.pairs().count) keys in the keyring)\n")
        }
    }
}
