#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitCrypto
import SealKitSerialization
import SealKitModel

/// What a set of key files holds: certificates, private keys and controller key Secrets, with
/// the facts a user needs to manage them and which certificate seals.
public struct KeyInventory: Sendable {
    /// One certificate or key found in a file.
    public struct Entry: Sendable {
        /// The file, and where in it (`document 2, item 1`), for messages.
        public var source: String
        /// The controller Secret's name, for entries from key Secrets.
        public var secretName: String?
        /// The certificate, when the entry has one.
        public var certificate: Certificate?
        /// The private key, when the entry has one.
        public var privateKey: RSAPrivateKey?

        /// The entry's key fingerprint.
        public var keyFingerprint: KeyFingerprint? { certificate?.keyFingerprint ?? privateKey?.publicKey.fingerprint }
        /// The entry's key size.
        public var keyBitCount: Int? { certificate?.keyBitCount ?? privateKey?.bitCount }
    }

    /// Every certificate and key found, in file order.
    public private(set) var entries: [Entry] = []

    /// An empty inventory.
    public init() {}

    /// Adds what a file holds: PEM certificates and private keys, or Secrets (and Lists of
    /// them) with `tls.crt` and `tls.key`.
    public mutating func add(contentsOf bytes: [UInt8], source: String) throws {
        let text = String(decoding: bytes, as: UTF8.self)
        if text.contains("-----BEGIN") {
            let certificates: [Certificate], keys: [RSAPrivateKey]
            do {
                certificates = try Certificate.all(fromPEM: text)
                keys = try RSAPrivateKey.all(fromPEM: text)
            } catch {
                throw CryptoError.invalidKeyFile(file: source, reason: "\(error)")
            }
            for certificate in certificates {
                entries.append(Entry(source: source, certificate: certificate, privateKey: keys.first { $0.publicKey == certificate.publicKey }))
            }
            for key in keys where !certificates.contains(where: { $0.publicKey == key.publicKey }) {
                entries.append(Entry(source: source, privateKey: key))
            }
            guard !certificates.isEmpty || !keys.isEmpty else { throw CryptoError.keyPairUnreadable(path: source) }
            return
        }
        let stream = try ManifestStream(bytes: bytes)
        for document in stream.documents {
            let certificate: Certificate?, key: RSAPrivateKey?, secret: Secret
            do {
                secret = try Secret(document: document)
                certificate = try secret.data["tls.crt"].map { try Certificate(pemRepresentation: String(decoding: $0, as: UTF8.self)) }
                key = try secret.data["tls.key"].map { try RSAPrivateKey(pemRepresentation: String(decoding: $0, as: UTF8.self)) }
            } catch {
                throw CryptoError.invalidKeyFile(file: source, reason: "\(document.locationDescription): \(error)")
            }
            guard certificate != nil || key != nil else {
                throw CryptoError.invalidKeyFile(file: source, reason: "\(document.locationDescription): the Secret has neither tls.crt nor tls.key")
            }
            entries.append(Entry(source: "\(source) (\(document.locationDescription))", secretName: secret.metadata.name, certificate: certificate, privateKey: key))
        }
    }

    /// Adds a key pair as it is, without a round trip through PEM text.
    public mutating func add(_ pair: KeyPair, source: String) {
        entries.append(Entry(source: source, secretName: nil, certificate: pair.certificate, privateKey: pair.privateKey))
    }

    /// The certificate the controller seals with: the newest (latest start of validity).
    public var sealingEntry: Entry? {
        entries.compactMap { entry in entry.certificate.map { (entry, $0) } }.max { $0.1.notValidBefore < $1.1.notValidBefore }?.0
    }

    /// A description of every entry (what it holds, sizes, fingerprints, validity, which one
    /// seals), and warnings for certificates that expired or expire within 30 days.
    public func report(now: Date = Date()) -> (text: String, warnings: [String]) {
        let sealing = sealingEntry?.certificate
        var text = "", warnings: [String] = []
        for entry in entries {
            text += "\(entry.source)\n"
            if let name = entry.secretName { text += "  secret:          \(name)\n" }
            text += "  holds:           \([entry.certificate != nil ? "certificate" : nil, entry.privateKey != nil ? "private key" : nil].compactMap { $0 }.joined(separator: " and "))\n"
            if let bits = entry.keyBitCount { text += "  key:             RSA \(bits) bits\n" }
            if let fingerprint = entry.keyFingerprint { text += "  key fingerprint: \(fingerprint)\n" }
            if let certificate = entry.certificate {
                let days = certificate.daysUntilExpiry(from: now), expired = certificate.isExpired(at: now)
                text += "  valid:           \(certificate.notValidBefore.iso8601Text) to \(certificate.notValidAfter.iso8601Text)\n"
                text += "  days to expiry:  \(expired ? "expired" : String(days))\n"
                text += "  sha256:          \(certificate.sha256Fingerprint)\n"
                if expired {
                    warnings.append("\(entry.source): the certificate expired on \(certificate.notValidAfter.iso8601Text)")
                } else if days < 30 {
                    warnings.append("\(entry.source): the certificate expires in \(days) days")
                }
                if certificate == sealing { text += "  seals:           yes (the newest certificate)\n" }
            }
        }
        return (text, warnings)
    }
}
