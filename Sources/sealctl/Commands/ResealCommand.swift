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

    @OptionGroup var online: OnlineOptions

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name the files or folders to re-seal") }
        if online.online && (!keys.keys.isEmpty || certificate.cert != nil) { throw ValidationError("--online uses the controller's keys: it takes no --key or --cert") }
    }

    func run() throws {
        let files = try ManifestFinder.files(under: paths)
        if !inPlace, files.count != 1 || POSIX.kind(ofPath: paths[0]) == .directory {
            throw CLIError("re-sealing \(files.count) files needs --in-place (without it, name one file and the result is printed)")
        }
        var inputs: [(path: String, bytes: [UInt8])] = []
        for file in files {
            inputs.append((file.relativePath, try FileBytes.read(file.path)))
        }
        let results: [SealedSecretFileRewriter.FileResult]
        if let client = try online.client(certificate.cluster) {
            results = client.resealFiles(inputs)
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
                try Console.standardOutput(text)
            }
        }
        let summary = SealedSecretFileRewriter.Summary(results, written: inPlace ? written : nil)
        Console.standardError("\(summary)\n")
        for result in results {
            for skipped in result.skipped { Console.warning("\(result.path): \(skipped); left unchanged") }
            for failure in result.failures { Console.standardError("error: \(result.path): \(failure)\n") }
        }
        if summary.failed > 0 || summary.skipped > 0 || (inPlace && written != results.filter { $0.newText != nil }.count) { throw ExitCode(1) }
    }
}
