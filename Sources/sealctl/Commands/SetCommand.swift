import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKit

/// `sealctl set FILE KEY`: add or replace one value of a SealedSecret file.
struct SetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Add or replace one key of a SealedSecret file, leaving the others byte-identical.",
        discussion: """
        The value is read from standard input, or asked for without echo on a terminal; it is \
        never taken from the command line. It is sealed for the file's own name, namespace and \
        scope, and the file is rewritten atomically in its own format.

        EXAMPLES:
          printf %s "$NEW_PASSWORD" | sealctl set --cert tls.crt db.sealed.yaml password
          sealctl set --cert tls.crt db.sealed.yaml password      # prompts
        """
    )

    @Argument(help: ArgumentHelp("The SealedSecret file.", valueName: "file"))
    var file: String

    @Argument(help: ArgumentHelp("The key to add or replace.", valueName: "key"))
    var key: String

    @OptionGroup var selection: SelectionOptions
    @OptionGroup var certificate: CertificateOptions

    func validate() throws {
        guard SecretBuilder.isValidKey(key) else { throw ValidationError("\"\(key)\" is not a valid Secret key: use letters, digits, '-', '_' and '.'") }
    }

    func run() throws {
        var (sealedFile, index, target) = try selection.select(in: file)
        // From standard input, or asked for without echo on a terminal: never from argv.
        let value = POSIX.isTerminal(.input) ? Data(try SecretPrompt.read("Value for \(key): ").utf8) : Data(try POSIX.readStandardInput())
        let sealer = try Sealer(certificate: try certificate.certificate())
        var secret = Secret(name: target.metadata.name, namespace: target.metadata.namespace)
        secret.data[key] = value
        try sealedFile.replace(index, with: try sealer.merge(secret, into: target))
        try sealedFile.write()
    }
}

/// `sealctl unset FILE KEY`: remove one value of a SealedSecret file.
struct UnsetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unset",
        abstract: "Remove one key from a SealedSecret file, leaving the others byte-identical.",
        discussion: """
        EXAMPLE:
          sealctl unset db.sealed.yaml old-password
        """
    )

    @Argument(help: ArgumentHelp("The SealedSecret file.", valueName: "file"))
    var file: String

    @Argument(help: ArgumentHelp("The key to remove.", valueName: "key"))
    var key: String

    @OptionGroup var selection: SelectionOptions

    func run() throws {
        var (sealedFile, index, target) = try selection.select(in: file)
        guard target.spec.encryptedData.removeValue(forKey: key) != nil else {
            throw CLIError("\(file): the SealedSecret has no key \"\(key)\"")
        }
        try sealedFile.replace(index, with: target)
        try sealedFile.write()
    }
}

/// `--name` and `--namespace`: which SealedSecret of a file holding several is meant.
struct SelectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The SealedSecret to change, when the file holds several.", valueName: "name"))
    var name: String?

    @Option(name: [.customShort("n"), .customLong("namespace")], help: ArgumentHelp("Its namespace, when names repeat.", valueName: "namespace"))
    var namespace: String?

    /// The file and the SealedSecret in it that is meant.
    func select(in path: String) throws -> (file: SealedSecretFile, index: Int, sealed: SealedSecret) {
        let file = try SealedSecretFile(contentsOf: path)
        let (index, sealed) = try file.select(name: name, namespace: namespace)
        return (file, index, sealed)
    }
}
