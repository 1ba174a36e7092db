import ArgumentParser
import SealKit

/// `sealctl unseal`: SealedSecret(s) back to Secret(s) with private keys (kubeseal --recovery-unseal).
struct UnsealCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unseal",
        abstract: "Unseal SealedSecrets with the controller's private keys (kubeseal --recovery-unseal).",
        discussion: """
        Prints the Secret the controller would create from each SealedSecret of the input. The \
        output holds plain values: do not commit it, and prefer piping it to where it is needed.

        Keys may be PEM files (PKCS#1 or PKCS#8), a key Secret, or the List that \
        `kubectl get secret -n kube-system -l sealedsecrets.bitnami.com/sealed-secrets-key -o yaml` prints.

        EXAMPLES:
          sealctl unseal --key backup.yaml -f db.sealed.yaml
          sealctl unseal --key old.key --key new.key < secrets.yaml
        """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions

    @OptionGroup var keys: KeyOptions
    @OptionGroup var keyring: KeyringOption

    @Flag(help: "Read the deprecated spec.data format of SealedSecrets made before v0.9.")
    var allowLegacy = false

    func run() throws {
        let keyring = try keys.keyring(orKeysOf: self.keyring.effective)
        let unsealer = Unsealer(keyring: keyring, acceptsLegacyData: allowLegacy)
        let (stream, source) = try input.readStream(expecting: "a SealedSecret in YAML or JSON")
        guard !stream.documents.isEmpty else { throw CLIError("\(source): no SealedSecret found in the input") }
        let format = try output.resolvedFormat()
        var text = ""
        for (document, sealed) in try stream.sealedSecrets(from: source) {
            do {
                text += try unsealer.unseal(sealed).formatted(as: format)
            } catch {
                throw CLIError("\(source): \(document.locationDescription): \(ErrorText.describe(error))")
            }
        }
        try output.emit(text)
    }
}

extension UnsealCommand {
    private static let quickAllowLegacy = QuickCommandLine.Option("--allow-legacy", arity: .flag)
    static let quickOptions = InputOptions.quickOptions + OutputOptions.quickOptions + KeyOptions.quickOptions
        + KeyringOption.quickOptions + [quickAllowLegacy]

    /// Built from a command line read without argument-parser (see ``QuickCommandLine``).
    static func built(from line: QuickCommandLine) throws(QuickCommandLine.NotRead) -> Self {
        var parsed = Self()
        parsed.input = InputOptions.built(from: line)
        parsed.output = try OutputOptions.built(from: line)
        parsed.keys = KeyOptions.built(from: line)
        parsed.keyring = KeyringOption.built(from: line)
        parsed.allowLegacy = line.flag(Self.quickAllowLegacy)
        return parsed
    }
}
