internal import COpenSSL
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An RSA private key, as the sealed-secrets controller holds it.
///
/// Loads PKCS#1 (`RSA PRIVATE KEY`) and PKCS#8 (`PRIVATE KEY`) PEM; writes PKCS#1, as the
/// controller does. An encrypted key is an error, never a passphrase prompt.
public struct RSAPrivateKey: Sendable, CustomStringConvertible {
    let backing: EVPKey

    /// The matching public key.
    public let publicKey: RSAPublicKey

    init(backing: EVPKey) throws {
        self.backing = backing
        self.publicKey = try RSAPublicKey(backing: backing)
    }

    /// Reads the first private key of a PEM text.
    public init(pemRepresentation pem: String) throws {
        guard let key = try Self.all(fromPEM: pem).first else {
            throw CryptoError.invalidPEM("no PRIVATE KEY block found")
        }
        self = key
    }

    /// Reads every private key of a PEM text, in order (a key file may hold several).
    public static func all(fromPEM pem: String) throws -> [RSAPrivateKey] {
        let blocks = PEMBlock.blocks(in: pem).filter { $0.label.hasSuffix("PRIVATE KEY") }
        return try blocks.map { block in
            if block.isEncrypted { throw CryptoError.encryptedPrivateKey }
            let key = try OpenSSL.withReadBIO(Array(block.text.utf8)) { bio -> OpaquePointer in
                guard let key = PEM_read_bio_PrivateKey(bio, nil, sealkit_no_password, nil) else {
                    throw CryptoError.invalidPEM("the \(block.label) block could not be read: \(OpenSSL.drainErrors())")
                }
                return key
            }
            return try RSAPrivateKey(backing: EVPKey(taking: key))
        }
    }

    /// Generates a new key pair with OpenSSL's CSPRNG. The controller uses 4096 bits.
    public static func generate(bitCount: Int = 4096) throws -> RSAPrivateKey {
        guard bitCount >= 2048 else { throw CryptoError.keyTooSmall(bits: bitCount) }
        guard let context = EVP_PKEY_CTX_new_from_name(nil, "RSA", nil) else {
            throw OpenSSL.failure("EVP_PKEY_CTX_new_from_name(RSA)")
        }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_keygen_init(context) == 1,
              EVP_PKEY_CTX_set_rsa_keygen_bits(context, Int32(bitCount)) == 1 else {
            throw OpenSSL.failure("RSA key generation setup")
        }
        var key: OpaquePointer?
        guard EVP_PKEY_generate(context, &key) == 1, let key else {
            throw OpenSSL.failure("EVP_PKEY_generate")
        }
        return try RSAPrivateKey(backing: EVPKey(taking: key))
    }

    /// Size of the modulus in bits.
    public var bitCount: Int { backing.bitCount }

    /// The key as PKCS#1 PEM (`-----BEGIN RSA PRIVATE KEY-----`), the controller's format.
    ///
    /// This is secret material: write it only to files of mode 0600.
    public func pkcs1PEMRepresentation() throws -> String {
        let bytes = try OpenSSL.collectBIO("PEM_write_bio_PrivateKey_traditional") {
            PEM_write_bio_PrivateKey_traditional($0, backing.pointer, nil, nil, 0, nil, nil)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Describes the key by its public half only; never prints key material.
    public var description: String { "RSA-\(bitCount) private key \(publicKey.fingerprint)" }

    /// Decrypts one RSA-OAEP block (SHA-256, MGF1-SHA-256, `label`). Returns nil when this key
    /// cannot open it, which is the normal outcome when trying a keyring.
    func decryptOAEP(_ ciphertext: ArraySlice<UInt8>, label: [UInt8]) throws -> [UInt8]? {
        let context = try backing.makeContext()
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_decrypt_init(context) == 1 else { throw OpenSSL.failure("EVP_PKEY_decrypt_init") }
        try OAEP.configure(context, label: label)
        var length = backing.modulusByteCount
        var plaintext = [UInt8](repeating: 0, count: length)
        let ok = ciphertext.withUnsafeBufferPointer { input in
            EVP_PKEY_decrypt(context, &plaintext, &length, input.baseAddress, input.count)
        }
        guard ok == 1 else {
            _ = OpenSSL.drainErrors()  // a wrong key or label is expected here, not a fault
            return nil
        }
        return Array(plaintext.prefix(length))
    }
}
