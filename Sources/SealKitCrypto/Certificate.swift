internal import COpenSSL
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport

/// An X.509 certificate holding an RSA public key: the controller's sealing certificate.
public struct Certificate: Sendable, Hashable, CustomStringConvertible {
    final class Backing: @unchecked Sendable {
        let pointer: OpaquePointer
        init(taking pointer: OpaquePointer) { self.pointer = pointer }
        deinit { X509_free(pointer) }
    }

    let backing: Backing

    /// The certificate's public key: what values are sealed for.
    public let publicKey: RSAPublicKey
    /// The DER encoding of the certificate.
    public let derRepresentation: [UInt8]
    /// Start of the validity period.
    public let notValidBefore: Date
    /// End of the validity period.
    public let notValidAfter: Date

    init(backing: Backing) throws {
        self.backing = backing
        guard let key = X509_get_pubkey(backing.pointer) else {
            throw CryptoError.invalidCertificate("it has no readable public key: \(OpenSSL.drainErrors())")
        }
        publicKey = try RSAPublicKey(backing: EVPKey(taking: key))
        var der: UnsafeMutablePointer<UInt8>?
        let length = i2d_X509(backing.pointer, &der)
        guard length > 0, let der else { throw OpenSSL.failure("i2d_X509") }
        derRepresentation = Array(UnsafeBufferPointer(start: der, count: Int(length)))
        sealkit_OPENSSL_free(der)
        notValidBefore = try Self.date(X509_get0_notBefore(backing.pointer))
        notValidAfter = try Self.date(X509_get0_notAfter(backing.pointer))
    }

    /// Reads the first `CERTIFICATE` block of a PEM text. As in kubeseal, the first certificate of
    /// a bundle is the sealing one.
    public init(pemRepresentation pem: String) throws {
        // Only the first certificate of a bundle seals: the others are not parsed at all.
        guard let first = PEMBlock.blocks(in: pem).first(where: { $0.label == "CERTIFICATE" }) else {
            throw CryptoError.invalidPEM("no CERTIFICATE block found")
        }
        try self.init(block: first)
    }

    /// A certificate from its PEM block, through its DER bytes: no second PEM parse in OpenSSL.
    init(block: PEMBlock) throws {
        guard let der = block.der else {
            throw CryptoError.invalidCertificate("the CERTIFICATE block could not be read: its body is not base64")
        }
        try self.init(derRepresentation: der)
    }

    /// Reads a DER-encoded certificate.
    public init(derRepresentation der: [UInt8]) throws {
        let x509 = der.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            var cursor = buffer.baseAddress
            return d2i_X509(nil, &cursor, buffer.count)
        }
        guard let x509 else { throw CryptoError.invalidCertificate(OpenSSL.drainErrors()) }
        try self.init(backing: Backing(taking: x509))
    }

    /// Every certificate of a PEM text, in order.
    public static func all(fromPEM pem: String) throws -> [Certificate] {
        try PEMBlock.blocks(in: pem).filter { $0.label == "CERTIFICATE" }.map(Certificate.init(block:))
    }

    /// The certificate as PEM.
    public var pemRepresentation: String {
        let base64 = Data(derRepresentation).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return "-----BEGIN CERTIFICATE-----\n\(base64)\n-----END CERTIFICATE-----\n"
    }

    /// The subject in RFC 2253 form (`CN=…,O=…`); empty for the controller's certificates.
    public var subject: String {
        guard let name = X509_get_subject_name(backing.pointer) else { return "" }
        let bytes = (try? OpenSSL.collectBIO("X509_NAME_print_ex") { bio in
            X509_NAME_print_ex(bio, name, 0, sealkit_XN_FLAG_RFC2253) >= 0 ? 1 : 0
        }) ?? []
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The serial number in lowercase hexadecimal.
    public var serialNumber: String {
        guard let serial = X509_get0_serialNumber(backing.pointer),
              let number = ASN1_INTEGER_to_BN(serial, nil) else { return "" }
        defer { BN_free(number) }
        let hex = OpenSSL.bytes(of: number).map { $0.hexDigits(width: 2, uppercase: false) }.joined()
        return hex.isEmpty ? "00" : hex
    }

    /// Size of the public key in bits.
    public var keyBitCount: Int { publicKey.bitCount }

    /// `SHA256:… (subject CN=x, expires 2036-11-26)`: the key, and what a person recognises the
    /// certificate by, for messages that name a certificate the user must pick out from others.
    package var identification: String {
        "\(keyFingerprint) (subject \(subject.isEmpty ? "empty" : subject), expires \(notValidAfter.iso8601DateText))"
    }

    /// The public key's fingerprint, which upstream uses as the key's identity.
    public var keyFingerprint: KeyFingerprint { publicKey.fingerprint }

    /// SHA-256 of the DER certificate, as `AB:CD:…` (what `openssl x509 -fingerprint -sha256` shows).
    public var sha256Fingerprint: String {
        OpenSSL.sha256(derRepresentation).map { $0.hexDigits(width: 2) }.joined(separator: ":")
    }

    /// Whether the certificate has expired at `date`.
    public func isExpired(at date: Date = Date()) -> Bool {
        date > notValidAfter
    }

    /// A warning when the certificate has expired: SealKit refuses to seal with it.
    public func expiryNotices(at date: Date = Date()) -> [Notice] {
        isExpired(at: date) ? [.warning("this certificate expired on \(notValidAfter.iso8601Text); sealing with it is refused")] : []
    }

    /// Whole days from `date` until the certificate expires (0 on its last day; negative after).
    public func daysUntilExpiry(from date: Date = Date()) -> Int {
        Int(notValidAfter.timeIntervalSince(date) / 86400)
    }

    public var description: String {
        "certificate \(keyFingerprint) (RSA-\(keyBitCount), valid until \(notValidAfter.iso8601Text))"
    }

    public static func == (lhs: Certificate, rhs: Certificate) -> Bool {
        lhs.derRepresentation == rhs.derRepresentation
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(derRepresentation)
    }

    private static func date(_ time: UnsafePointer<ASN1_TIME>?) throws -> Date {
        var parts = tm()
        guard let time, ASN1_TIME_to_tm(time, &parts) == 1 else {
            throw CryptoError.invalidCertificate("unreadable validity date")
        }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }
}
