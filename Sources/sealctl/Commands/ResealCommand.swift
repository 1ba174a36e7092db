import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKit

/// `sealctl reseal`: offline re-encryption for a new key, in bulk.
struct ResealCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reseal",
        abstract: "Re-seal SealedSecrets for a new certificate, offline and in bulk.",
        discussion: """
        Every SealedSecret in the given files and folders (recursively, YAML and JSON) is opened \
        with the old keys and sealed again for the new certificate, keeping its scope, metadata, \
        template and keys. Other documents, comments and separators stay byte-identical. Work runs \
        on all cores. With --in-place each file is rewritten atomically, whole or not at all; \
        otherwise the one file given is printed. Exits 1 if any document failed.

        Cross-cluster migration: --key with the source cluster's keys, --cert with the target \
        cluster's certificate. No plain Secret is written anywhere.

        With --online, the cluster's controller re-seals each SealedSecret for its newest key \
        (kubeseal --re-encrypt, in bulk) through kubectl: no private key is needed. Requests are \
        paced under the controller's rate limit; a document it cannot decrypt is reported and \
        left unchanged.

        EXAMPLES:
          sealctl reseal --online --in-place k8s/
          sealctl reseal --key old-cluster-keys.yaml --cert new-cluster.crt --in-place k8s/
          sealctl reseal --key backup.yaml --cert new.crt db.sealed.yaml > db.resealed.yaml
        """
    )

    @Argument(help: ArgumentHelp("Files or folders.", valueName: "path"))
    var paths: [String]

    @OptionGroup var keys: KeyOptions
    @OptionGroup var certificate: CertificateOptions

    @Flag(help: "Rewrite the files in place.")
    var inPlace = false

    @Flag(help: "Let the cluster's controller re-seal for its newest key, through kubectl (no private key needed).")
    var online = false

    @Option(help: ArgumentHelp("With --online: requests per second at most (the controller allows about 2).", valueName: "n"))
    var rate: Double = 2

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name the files or folders to re-seal") }
        if online && (!keys.keys.isEmpty || certificate.cert != nil) { throw ValidationError("--online uses the controller's keys: it takes no --key or --cert") }
        if rate <= 0 { throw ValidationError("--rate must be positive") }
    }

    func run() throws {
        let files = try ManifestFinder.files(under: paths)
        if !inPlace, files.count != 1 || FileManager.default.isDirectory(paths[0]) {
            throw CLIError("re-sealing \(files.count) files needs --in-place (without it, name one file and the result is printed)")
        }
        var inputs: [(path: String, bytes: [UInt8])] = []
        for file in files {
            inputs.append((file.relativePath, try FileBytes.read(file.path)))
        }
        let results: [SealedSecretFileRewriter.FileResult]
        if online {
            let cluster = certificate.cluster
            results = ControllerClient(controller: cluster.controller, kubectl: cluster.kubectl, requestsPerSecond: rate).resealFiles(inputs)
        } else {
            let oldKeys = try keys.keyring(orKeysOf: certificate.keyring.effective)
            results = Resealer(oldKeys: oldKeys, newCertificate: try Sealer(certificate: try certificate.certificate())).resealFiles(inputs)
        }
        var written = 0
        for (result, input) in zip(results, inputs) {
            guard let text = result.newText ?? (inPlace || !result.succeeded ? nil : String(decoding: input.bytes, as: UTF8.self)) else { continue }
            if inPlace {
                do {
                    try AtomicFile.write(text, to: URL(fileURLWithPath: result.path))
                    written += 1
                } catch {
                    Console.error(error)
                }
            } else {
                Console.standardOutput(text)
            }
        }
        let failed = results.filter { !$0.succeeded }
        let documents = results.reduce(0) { $0 + ($1.succeeded ? $1.rewritten : 0) }
        let values = results.reduce(0) { $0 + ($1.succeeded ? $1.values : 0) }
        Console.standardError("re-sealed \(values) value\(values == 1 ? "" : "s") in \(documents) SealedSecret\(documents == 1 ? "" : "s")" +
                              (inPlace ? " of \(written) file\(written == 1 ? "" : "s")" : "") +
                              "; \(failed.count) file\(failed.count == 1 ? "" : "s") failed and \(failed.count == 1 ? "was" : "were") left unchanged\n")
        for result in results {
            for skipped in result.skipped { Console.standardError("warning: \(result.path): \(skipped); left unchanged\n") }
        }
        for result in failed {
            for failure in result.failures { Console.standardError("error: \(result.path): \(failure)\n") }
        }
        let skipped = results.reduce(0) { $0 + $1.skipped.count }
        if !failed.isEmpty || skipped > 0 || (inPlace && written != results.filter { $0.newText != nil }.count) { throw ExitCode(1) }
    }
}
