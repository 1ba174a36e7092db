import ArgumentParser
import SealKit

struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Edit a SealedSecret's values in $EDITOR; only changed keys are re-sealed.",
        discussion: """
        The values are decrypted into a private file (mode 0600, in /dev/shm where available, or \
        SEALCTL_SCRATCH_DIR), \
        opened in $VISUAL or $EDITOR (default vi), then overwritten and removed, also on failure. \
        Keys whose values changed or were added are sealed; deleted keys are removed; every other \
        ciphertext stays byte-identical, so the git diff shows only what changed.

        EXAMPLE:
          EDITOR=nano sealctl edit --key backup.yaml --cert cluster.crt k8s/prod/secrets.yaml
        """
    )

    @Argument(help: ArgumentHelp("The SealedSecret file.", valueName: "file")) var file: String
    @OptionGroup var selection: SelectionOptions
    @OptionGroup var keys: KeyOptions
    @OptionGroup var certificate: CertificateOptions

    func run() throws {
        let keyring = try keys.keyring(orKeysOf: certificate.keyring.effective)
        let result = try selection.editor(file).editValues(keys: keyring, certificate: { try certificate.certificate() }, scratchFolder: PrivateScratchFile.configuredFolder(Environment.values)) {
            try $0.edit(environment: Environment.values)
        }
        Console.show(result.notices)
        Console.standardError(result.summary.map { "sealed \(file): \($0)\n" } ?? "no changes; \(file) is unchanged\n")
    }
}

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff", abstract: "Show which keys were added, removed or changed between two SealedSecrets, never the values.",
        discussion: """
        Both files are opened with the keys; values are compared, not ciphertexts (every sealing \
        gives new ciphertext). Exits 0 when the values are the same, 1 when they differ, 2 on error.

        EXAMPLE:
          git show HEAD~1:k8s/prod/secrets.yaml > /tmp/old.yaml
          sealctl diff --key backup.yaml /tmp/old.yaml k8s/prod/secrets.yaml
        """
    )

    @Argument(help: ArgumentHelp("The old SealedSecret file.", valueName: "old")) var old: String
    @Argument(help: ArgumentHelp("The new SealedSecret file.", valueName: "new")) var new: String
    @OptionGroup var keys: KeyOptions
    @OptionGroup var keyring: KeyringOption

    func run() throws {
        try Console.exitingTwoOnError {
            let unsealer = Unsealer(keyring: try keys.keyring(orKeysOf: keyring.effective))
            let diff = try SealedSecretDiff(fromFile: old, toFile: new, unsealer: unsealer)
            try Console.standardOutput(diff.text)
            if !diff.isEmpty { throw ExitCode(1) }
        }
    }
}
