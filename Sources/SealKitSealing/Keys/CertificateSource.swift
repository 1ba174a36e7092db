#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitCrypto
import SealKitCluster

/// Where a sealing certificate comes from: a file, a URL, or the cluster's controller.
public enum CertificateSource: Sendable, Equatable, CustomStringConvertible {
    /// A PEM file on disk.
    case file(URL)
    /// An `https://` URL, or an `http://` URL on a loopback address. The server is verified
    /// against OpenSSL's trust store (`SSL_CERT_FILE`, `SSL_CERT_DIR` add private CAs).
    case url(URL)
    /// The controller, through the API server's service proxy with kubectl.
    case cluster(SealedSecretsController, Kubectl)
    /// The newest pair of a local keyring, which is created (one RSA-4096 pair) if it is empty.
    case localKeyring(LocalKeyring)

    /// A path, or a `file://`, `https://` or (loopback only) `http://` URL, as `--cert` takes it.
    public init(argument: String) throws {
        let lowered = argument.lowercased()
        if lowered.hasPrefix("https://") || lowered.hasPrefix("http://") || lowered.hasPrefix("file://") {
            guard let url = URL(string: argument) else { throw AccessError.invalidURL(argument) }
            if url.isFileURL {
                self = .file(URL(fileURLWithPath: url.path))
                return
            }
            if url.scheme?.lowercased() == "http", !Self.isLoopback(url.host ?? "") {
                throw AccessError.insecureURL(argument)
            }
            self = .url(url)
        } else {
            self = .file(URL(fileURLWithPath: argument))
        }
    }

    public var description: String {
        switch self {
        case .file(let url): return url.path
        case .url(let url): return url.absoluteString
        case .cluster(let controller, _): return "controller \(controller.namespace)/\(controller.name)"
        case .localKeyring(let keyring): return "local keyring \(keyring.directory.path)"
        }
    }

    public static func == (lhs: CertificateSource, rhs: CertificateSource) -> Bool {
        lhs.description == rhs.description
    }

    /// The certificate's PEM text; `notice` hears which controller a search found.
    public func fetchPEM(notice: (Notice) -> Void = { _ in }) throws -> String {
        switch self {
        case .file(let url):
            do {
                return try FileBytes.text(url.path)
            } catch {
                throw AccessError.unreadable(path: url.path, kind: "certificate file")
            }
        case .url(let url):
            return String(decoding: try HTTPSFetcher().get(url), as: UTF8.self)
        case .cluster(let controller, let kubectl):
            return try controller.fetchCertificatePEM(using: kubectl, notice: notice)
        case .localKeyring(let keyring):
            try keyring.ensure()
            return try keyring.sealingCertificate().pemRepresentation
        }
    }

    /// What `certificate`, fetched from here, is: subject, serial, validity and how long is left,
    /// key size and fingerprints, one fact a line.
    public func describe(_ certificate: Certificate, now: Date = Date()) -> String {
        let days = certificate.daysUntilExpiry(from: now)
        let status = certificate.isExpired(at: now) ? "EXPIRED" : days < 30 ? "expires in \(days) days (renew soon)" : "valid, \(days) days left"
        return """
        source:              \(self)
        subject:             \(certificate.subject.isEmpty ? "(empty)" : certificate.subject)
        serial:              \(certificate.serialNumber)
        not before:          \(certificate.notValidBefore.iso8601Text)
        not after:           \(certificate.notValidAfter.iso8601Text)
        status:              \(status)
        key:                 RSA \(certificate.keyBitCount) bits
        key fingerprint:     \(certificate.keyFingerprint)
        sha256 fingerprint:  \(certificate.sha256Fingerprint)

        """
    }

    /// The sealing certificate: the first certificate of the PEM text.
    public func fetchCertificate(notice: (Notice) -> Void = { _ in }) throws -> Certificate {
        if case .localKeyring(let keyring) = self {
            let creates = try keyring.pairs().isEmpty
            try keyring.ensure()
            if creates { notice(.note("created a local keyring in \(keyring.directory.path) (an RSA-4096 key pair for offline use)")) }
            return try keyring.sealingCertificate()
        }
        let pem = try fetchPEM(notice: notice)
        do {
            return try Certificate(pemRepresentation: pem)
        } catch {
            throw AccessError.notACertificate(source: description, reason: "\(error)")
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
    }
}

