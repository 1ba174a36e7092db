import ArgumentParser
import SealKit

struct CertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cert", abstract: "Print or inspect the sealing certificate (kubeseal --fetch-cert).",
        discussion: """
        Prints the certificate from --cert (a file or URL) or SEALED_SECRETS_CERT, or from the \
        cluster's controller through kubectl (always with --fetch). With --info, prints what it \
        is instead: subject, validity, key size and fingerprints.

        EXAMPLES:
          sealctl cert --fetch > cluster.crt
          sealctl cert --cert cluster.crt --info
        """
    )

    @OptionGroup var certificate: CertificateOptions
    @Flag(help: "Fetch from the cluster's controller, ignoring --cert and SEALED_SECRETS_CERT.") var fetch = false
    @Flag(help: "Describe the certificate instead of printing it.") var info = false
    @Option(name: [.customShort("w"), .customLong("output-file")], help: ArgumentHelp("Write the PEM to this file, atomically.", valueName: "file"))
    var outputFile: String?

    func run() throws {
        let source = try certificate.source(forceCluster: fetch)
        let certificate = try source.fetchCertificate { Console.show([$0]) }
        if info { return try Console.standardOutput(source.describe(certificate)) }
        try outputFile.map { try AtomicFile.write(certificate.pemRepresentation, to: URL(fileURLWithPath: $0)) } ?? Console.standardOutput(certificate.pemRepresentation)
        Console.show(certificate.expiryNotices())
    }
}
