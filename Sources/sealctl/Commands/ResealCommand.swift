import ArgumentParser
import SealKit

struct ResealCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reseal", abstract: "Re-seal SealedSecrets for a new certificate, offline and in bulk.",
        discussion: """
        Every SealedSecret in the given files and folders (recursively, YAML and JSON) is opened \
        with the old keys and sealed again for the new certificate, keeping its scope, metadata, \
        template and keys; a recorded key fingerprint (sealkit.io/sealing-key-fingerprint) names \
        the new key. Other documents, comments and separators stay byte-identical. Work runs on all \
        cores. With --in-place each file is rewritten atomically, whole or not at all; otherwise the \
        one file given is printed. Exits 1 if any document failed.

        Cross-cluster migration: --key with the source cluster's keys, --cert with the target \
        cluster's certificate. No plain Secret is written anywhere.

        With --online, the cluster's controller re-seals each SealedSecret for its newest key \
        (kubeseal --re-encrypt, in bulk) through kubectl: no private key is needed. Requests are \
        paced under the controller's rate limit; a document it cannot decrypt is reported and left \
        unchanged. A recorded fingerprint is set from the controller's certificate, fetched once.

        EXAMPLES:
          sealctl reseal --online --in-place k8s/
          sealctl reseal --key old-cluster-keys.yaml --cert new-cluster.crt --in-place k8s/
          sealctl reseal --key backup.yaml --cert new.crt db.sealed.yaml > db.resealed.yaml
        """
    )

    @Argument(help: ArgumentHelp("Files or folders.", valueName: "path")) var paths: [String]
    @OptionGroup var keys: KeyOptions
    @OptionGroup var certificate: CertificateOptions
    @Flag(help: "Rewrite the files in place.") var inPlace = false
    @OptionGroup var online: OnlineOptions

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name the files or folders to re-seal") }
        if online.online && (!keys.keys.isEmpty || !certificate.cert.isEmpty) { throw ValidationError("--online uses the controller's keys: it takes no --key or --cert") }
    }

    func run() throws {
        let report = try ResealOperation(paths: paths, policy: inPlace ? .inPlace : .returnText).run {
            if let client = try online.client(certificate.cluster) { return .online(client) }
            let oldKeys = try keys.keyring(orKeysOf: certificate.keyring.effective)
            return .offline(Resealer(oldKeys: oldKeys, newCertificate: try Sealer(certificate: try certificate.certificate())))
        }
        if let text = report.text { try Console.standardOutput(text) }
        Console.standardError("\(report.summary)\n")
        Console.show(report.notices)
        if !report.succeeded { throw ExitCode(1) }
    }
}
