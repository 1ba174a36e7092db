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
        scope. Only that key's line changes: comments, key order, other documents and line ends \
        stay as they are, and the file is written atomically. In a file with several \
        SealedSecrets, --name (and -n) picks one.

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
        guard SecretBuilder.isValidKey(key) else { throw ValidationError(SealingError.invalidKey(key: key).description) }
    }

    func run() throws {
        try selection.rewrite(file) { target in
            // From standard input, or asked for without echo on a terminal: never from argv.
            let value = POSIX.isTerminal(.input) ? Data(try SecretPrompt.read("Value for \(key): ").utf8) : Data(try POSIX.readStandardInput())
            let secret = Secret(name: target.metadata.name, namespace: target.metadata.namespace, data: [key: value])
            let merged = try Sealer(certificate: try certificate.certificate()).merge(secret, into: target)
            // merge refused what the API server refuses; what is left to say are warnings.
            for warning in SecretRules.problems(ofSealed: merged, values: [key: Array(value)]) where warning.severity == .warning { Console.warning(warning.detail) }
            return merged
        }
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
        try selection.rewrite(file) { target in
            var target = target
            guard target.spec.encryptedData.removeValue(forKey: key) != nil else { throw CLIError("\(file): the SealedSecret has no key \"\(key)\"") }
            try SecretRules.requireAccepted(target)
            return target
        }
    }
}

/// `--name` and `--namespace`: which SealedSecret of a file holding several is meant.
struct SelectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The SealedSecret to change, when the file holds several.", valueName: "name"))
    var name: String?

    @Option(name: [.customShort("n"), .customLong("namespace")], help: ArgumentHelp("Its namespace, when names repeat.", valueName: "namespace"))
    var namespace: String?

    /// Changes the SealedSecret meant in the file at `path` with `change` (nil: leave the file
    /// as it is), writes it atomically, and says when it was rewritten whole.
    func rewrite(_ path: String, _ change: (SealedSecret) throws -> SealedSecret?) throws {
        try Self.rewrite(path, name: name, namespace: namespace, change)
    }

    static func rewrite(_ path: String, name: String? = nil, namespace: String? = nil, _ change: (SealedSecret) throws -> SealedSecret?) throws {
        var file = try SealedSecretFile(contentsOf: path)
        let (index, sealed) = try file.select(name: name, namespace: namespace)
        guard let changed = try change(sealed) else { return }
        let edit = try file.replace(index, with: changed, replacing: sealed)
        if let notice = file.notice(for: edit) { Console.standardError("note: \(notice)\n") }
        try file.write()
    }
}
