#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport

/// An error from SealKit's cryptographic layer: loading keys and certificates, sealing and
/// opening values.
///
/// Descriptions never contain key material or plaintext.
public enum CryptoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text is not PEM, or holds no block of the kind that was expected.
    case invalidPEM(String)
    /// The private key is protected by a passphrase; SealKit never prompts for one.
    case encryptedPrivateKey
    /// The key or certificate holds a key that is not RSA (the controller only uses RSA).
    case unsupportedKeyType(String)
    /// The certificate could not be parsed.
    case invalidCertificate(String)
    /// The key is too small to carry a 32-byte session key with OAEP-SHA-256.
    case keyTooSmall(bits: Int)
    /// No key of the keyring could open the sealed value. `reason` says what is known about why.
    ///
    /// The description keeps upstream's phrase "no key could decrypt secret" so users can
    /// search for it.
    case noKeyCouldDecrypt(reason: String)
    /// A sealed value shorter than its two-byte length prefix.
    case sealedValueTooShort(byteCount: Int)
    /// A sealed value whose length prefix claims more RSA bytes than follow.
    case lengthPrefixBeyondEnd(prefix: Int, available: Int)
    /// A sealed value with no room for the 16-byte GCM tag after its RSA block.
    case missingTag(payloadByteCount: Int)
    /// A file of private keys (PEM, or a controller key Secret or List) that holds none.
    case invalidKeyFile(file: String, reason: String)
    /// A key pair's private key does not belong to its certificate.
    case keyPairMismatch
    /// A folder without a readable `tls.key` and `tls.crt`.
    case keyPairUnreadable(path: String)
    /// Writing a key pair would replace an existing private key.
    case wouldOverwriteKey(path: String)
    /// The local keyring has no key pair yet.
    case localKeyringEmpty(path: String)
    /// An OpenSSL call failed unexpectedly.
    case openSSL(operation: String, detail: String)

    public var description: String {
        switch self {
        case .invalidPEM(let reason):
            return "invalid PEM: \(reason)"
        case .encryptedPrivateKey:
            return "the private key is encrypted with a passphrase; decrypt it first (openssl rsa -in KEY -out PLAIN.key) and keep the result private"
        case .unsupportedKeyType(let type):
            return "unsupported key type \(type): sealed secrets use RSA keys"
        case .invalidCertificate(let reason):
            return "invalid certificate: \(reason)"
        case .keyTooSmall(let bits):
            return "RSA key of \(bits) bits is too small to seal with OAEP-SHA-256"
        case .noKeyCouldDecrypt(let reason):
            return reason.isEmpty ? "no key could decrypt secret" : "no key could decrypt secret: \(reason)"
        case .sealedValueTooShort(let count):
            return "\(count) bytes is too short for a sealed value"
        case .lengthPrefixBeyondEnd(let prefix, let available):
            return "its length prefix says \(prefix) bytes of RSA data, but only \(available) follow"
        case .missingTag(let count):
            return "\(count) bytes after the RSA block leave no room for the 16-byte GCM tag"
        case .invalidKeyFile(let file, let reason):
            return "\(file): \(reason)"
        case .keyPairMismatch:
            return "the private key does not belong to the certificate"
        case .keyPairUnreadable(let path):
            return "\(path) has no readable tls.key and tls.crt"
        case .wouldOverwriteKey(let path):
            return "\(path) already exists; refusing to overwrite a private key"
        case .localKeyringEmpty(let path):
            return "the local keyring \(path) has no keys"
        case .openSSL(let operation, let detail):
            return detail.isEmpty ? "OpenSSL: \(operation) failed" : "OpenSSL: \(operation) failed: \(detail)"
        }
    }
}

extension CryptoError: RemediableError {
    public var remedy: Remedy? {
        switch self {
        case .localKeyringEmpty: return .giveKeysOrMakeOne
        case .wouldOverwriteKey: return .chooseAnotherFolder
        default: return nil
        }
    }
}
