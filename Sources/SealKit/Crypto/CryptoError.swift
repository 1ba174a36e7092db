#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

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
        case .openSSL(let operation, let detail):
            return detail.isEmpty ? "OpenSSL: \(operation) failed" : "OpenSSL: \(operation) failed: \(detail)"
        }
    }
}
