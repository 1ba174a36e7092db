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

    @OptionGroup var certificate: CertificateOptions

    func validate() throws {
        guard SecretBuilder.isValidKey(key) else { throw ValidationError("\"\(key)\" is not a valid Secret key: use letters, digits, '-', '_' and '.'") }
    }

    func run() throws {
        let (target, format) = try SealedSecretFile.read(file)
        let value: Data
        if POSIX.isTerminal(.input) {
            value = Data(try SecretPrompt.read("Value for \(key): ").utf8)
        } else {
            value = Data(try POSIX.readStandardInput())
        }
        let sealer = try Sealer(certificate: try certificate.certificate())
        var secret = Secret(name: target.metadata.name, namespace: target.metadata.namespace)
        secret.data[key] = value
        let merged = try sealer.merge(secret, into: target)
        try SealedSecretFile.write(merged, to: file, format: format)
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

    func run() throws {
        var (target, format) = try SealedSecretFile.read(file)
        guard target.spec.encryptedData.removeValue(forKey: key) != nil else {
            throw CLIError("\(file): the SealedSecret has no key \"\(key)\"")
        }
        try SealedSecretFile.write(target, to: file, format: format)
    }
}

/// A file holding exactly one SealedSecret, read and rewritten in its own format.
enum SealedSecretFile {
    static func read(_ path: String) throws -> (SealedSecret, KubesealFormat.OutputFormat) {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
        let stream: ManifestStream
        do {
            stream = try ManifestStream(bytes: Array(data))
        } catch {
            throw CLIError("\(error.inFile(path))")
        }
        guard stream.documents.count == 1, let document = stream.documents.first else {
            throw CLIError("\(path): expected exactly one SealedSecret, found \(stream.documents.count) documents")
        }
        do {
            return (try SealedSecret(document: document), stream.format == .json ? .json : .yaml)
        } catch {
            throw CLIError("\(error.inFile(path))")
        }
    }

    static func write(_ sealed: SealedSecret, to path: String, format: KubesealFormat.OutputFormat) throws {
        try AtomicFile.write(try sealed.formatted(as: format), to: URL(fileURLWithPath: path))
    }
}
