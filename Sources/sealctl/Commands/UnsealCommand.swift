import ArgumentParser
import SealKit

struct UnsealCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unseal", abstract: "Unseal SealedSecrets with the controller's private keys (kubeseal --recovery-unseal).",
        discussion: """
        Prints the Secret the controller would create from each SealedSecret of the input. The \
        output holds plain values: do not commit it, and prefer piping it to where it is needed.

        Keys may be PEM files (PKCS#1 or PKCS#8), a key Secret, or the List that \
        `kubectl get secret -n kube-system -l sealedsecrets.bitnami.com/sealed-secrets-key -o yaml` prints.

        EXAMPLES:
          sealctl unseal --key backup.yaml -f db.sealed.yaml -f api.sealed.yaml
          sealctl unseal --key old.key --key new.key < secrets.yaml
        """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var keys: KeyOptions
    @OptionGroup var keyring: KeyringOption
    @Flag(help: "Read the deprecated spec.data format of SealedSecrets made before v0.9.") var allowLegacy = false

    func run() throws {
        let unsealer = Unsealer(keyring: try keys.keyring(orKeysOf: keyring.effective), acceptsLegacyData: allowLegacy)
        let inputs = try input.read(expecting: "a SealedSecret in YAML or JSON")
        try output.emit(try UnsealOperation(inputs: inputs, unsealer: unsealer, format: try output.resolvedFormat()).run())
    }
}
