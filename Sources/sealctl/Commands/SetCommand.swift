import ArgumentParser
import SealKit

struct SetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Add or replace one key of a SealedSecret file, leaving the others byte-identical.",
        discussion: """
        The value is read from standard input, or asked for without echo on a terminal; it is \
        never taken from the command line. It is sealed for the file's own name, namespace and \
        scope. Only that key's line changes: comments, key order, other documents and line ends \
        stay as they are, and the file is written atomically. In a file with several \
        SealedSecrets, --name (and -n) picks one.

        EXAMPLES:
          printf %s "$NEW_PASSWORD" | sealctl set --cert tls.crt db.sealed.yaml password
          sealctl set --cert tls.crt db.sealed.yaml password      # prompts
        """
    )

    @Argument(help: ArgumentHelp("The SealedSecret file.", valueName: "file")) var file: String
    @Argument(help: ArgumentHelp("The key to add or replace.", valueName: "key")) var key: String
    @OptionGroup var selection: SelectionOptions
    @OptionGroup var certificate: CertificateOptions

    func run() throws {
        let result = try selection.editor(file).set(key, readingValue: { try SecretPrompt.valueFromInputOrTerminal("Value for \(key): ") },
                                                    certificate: { try certificate.certificate() })
        Console.show(result.notices)
    }
}

struct UnsetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unset", abstract: "Remove one key from a SealedSecret file, leaving the others byte-identical.",
        discussion: """
        EXAMPLE:
          sealctl unset db.sealed.yaml old-password
        """
    )

    @Argument(help: ArgumentHelp("The SealedSecret file.", valueName: "file")) var file: String
    @Argument(help: ArgumentHelp("The key to remove.", valueName: "key")) var key: String
    @OptionGroup var selection: SelectionOptions

    func run() throws {
        Console.show(try selection.editor(file).unset(key).notices)
    }
}

/// `--name` and `--namespace`: which SealedSecret of a file holding several is meant.
struct SelectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The SealedSecret to change, when the file holds several.", valueName: "name")) var name: String?
    @Option(name: [.customShort("n"), .customLong("namespace")], help: ArgumentHelp("Its namespace, when names repeat.", valueName: "namespace")) var namespace: String?

    func editor(_ path: String) -> SealedSecretEditor {
        SealedSecretEditor(path: path, name: name, namespace: namespace)
    }
}
