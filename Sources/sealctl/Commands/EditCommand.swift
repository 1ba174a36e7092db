import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKit

/// `sealctl edit FILE`: edit the values of a SealedSecret in $EDITOR, re-sealing only what changed.
struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Edit a SealedSecret's values in $EDITOR; only changed keys are re-sealed.",
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

    @Argument(help: ArgumentHelp("The SealedSecret file.", valueName: "file"))
    var file: String

    @OptionGroup var keys: KeyOptions
    @OptionGroup var certificate: CertificateOptions

    func run() throws {
        let (sealed, format) = try SealedSecretFile.read(file)
        var old = try Unsealer(keyring: keys.keyring(orKeysOf: certificate.keyring.effective)).openValues(of: sealed)
        defer { SecureMemory.wipe(&old) }
        let sealer = try Sealer(certificate: try certificate.certificate())

        let scratch = try PrivateScratchFile(in: Environment["SEALCTL_SCRATCH_DIR"])
        defer { scratch.destroy() }
        let binary = old.filter { String(validating: $0.value, as: UTF8.self) == nil }.keys.sorted()
        let editable = YAMLNode.mapping(old.sorted { $0.key < $1.key }.filter { !binary.contains($0.key) }.map { ($0.key, .string(String(decoding: $0.value, as: UTF8.self))) })
        var header = """
        # Values of \(sealed.metadata.name ?? "?") in \(sealed.metadata.namespace ?? "(cluster-wide)"), from \(file).
        # Change, add or delete keys, then save and quit: only what changed is sealed again.
        # This file is private (mode 0600) and is wiped and removed when the editor exits.

        """
        if !binary.isEmpty { header += "# Binary values, kept as they are: \(binary.joined(separator: ", "))\n" }
        try scratch.write(Data((header + (try KubesealFormat.yamlDocument(editable))).utf8))

        try runEditor(on: scratch.url.path)

        let edited = try YAMLParser().parseSingle(Array(try scratch.read()))
        var new: [String: [UInt8]] = [:]
        for key in binary { new[key] = old[key] }
        if !edited.isNull {
            guard let pairs = edited.mapping else { throw CLIError("the edited file must be a mapping of keys to values; nothing was changed") }
            for pair in pairs {
                guard let key = pair.key.scalar?.value, SecretBuilder.isValidKey(key) else {
                    throw CLIError("\"\(pair.key)\" is not a valid Secret key; nothing was changed")
                }
                guard let scalar = pair.value.scalar else { throw CLIError("the value of \(key) must be text; nothing was changed") }
                new[key] = Array((pair.value.isNull && scalar.value != "null" ? "" : scalar.value).utf8)
            }
        }
        let changes = ValueChanges(from: old, to: new)
        guard !changes.isEmpty else {
            Console.standardError("no changes; \(file) is unchanged\n")
            return
        }
        try SealedSecretFile.write(try sealer.apply(changes, to: sealed), to: file, format: format)
        let summary = changes.summary(comparedTo: old)
        Console.standardError("sealed \(file): \(summary.added.count) added \(summary.added), \(summary.changed.count) changed \(summary.changed), \(summary.removed.count) removed \(summary.removed)\n")
    }

    /// Runs $VISUAL or $EDITOR on the terminal, ignoring Ctrl-C here so that cleanup always runs.
    private func runEditor(on path: String) throws {
        let editor = Environment["VISUAL"] ?? Environment["EDITOR"] ?? "vi"
        let status = try ChildProcess.runAttached("/bin/sh", ["-c", "\(editor) \"$1\"", "sealctl-edit", path])
        guard status == 0 else {
            throw CLIError("the editor (\(editor)) exited with status \(status); nothing was changed")
        }
    }
}

/// `sealctl diff A B`: which keys differ between two SealedSecrets, without printing values.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show which keys were added, removed or changed between two SealedSecrets, never the values.",
        discussion: """
        Both files are opened with the keys; values are compared, not ciphertexts (every sealing \
        gives new ciphertext). Exits 0 when the values are the same, 1 when they differ, 2 on error.

        EXAMPLE:
          git show HEAD~1:k8s/prod/secrets.yaml > /tmp/old.yaml
          sealctl diff --key backup.yaml /tmp/old.yaml k8s/prod/secrets.yaml
        """
    )

    @Argument(help: ArgumentHelp("The old SealedSecret file.", valueName: "old"))
    var old: String

    @Argument(help: ArgumentHelp("The new SealedSecret file.", valueName: "new"))
    var new: String

    @OptionGroup var keys: KeyOptions
    @OptionGroup var keyring: KeyringOption

    func run() throws {
        do {
            let unsealer = Unsealer(keyring: try keys.keyring(orKeysOf: keyring.effective))
            let (before, _) = try SealedSecretFile.read(old)
            let (after, _) = try SealedSecretFile.read(new)
            let oldValues = try unsealer.openValues(of: before), newValues = try unsealer.openValues(of: after)
            let summary = ValueChanges(from: oldValues, to: newValues).summary(comparedTo: oldValues)
            var lines: [String] = []
            for (label, field) in [("name", \ObjectMeta.name), ("namespace", \ObjectMeta.namespace)] where before.metadata[keyPath: field] != after.metadata[keyPath: field] {
                lines.append("! \(label): \(before.metadata[keyPath: field] ?? "none") -> \(after.metadata[keyPath: field] ?? "none")")
            }
            if before.scope != after.scope { lines.append("! scope: \(before.scope) -> \(after.scope)") }
            lines += summary.added.map { "+ \($0)" } + summary.removed.map { "- \($0)" } + summary.changed.map { "~ \($0)" }
            let unchanged = Set(oldValues.keys).intersection(newValues.keys).count - summary.changed.count
            Console.standardOutput(lines.map { $0 + "\n" }.joined() + "\(unchanged) key\(unchanged == 1 ? "" : "s") unchanged\n")
            if !lines.isEmpty { throw ExitCode(1) }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Console.error(error)
            throw ExitCode(2)
        }
    }
}
