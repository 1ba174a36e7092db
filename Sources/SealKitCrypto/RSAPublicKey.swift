internal import COpenSSL
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An RSA public key: what a sealing certificate carries, and what values are sealed for.
public struct RSAPublicKey: Sendable, Hashable, CustomStringConvertible {
    let backing: EVPKey

    /// The key's fingerprint as upstream computes it (see ``KeyFingerprint``).
    public let fingerprint: KeyFingerprint

    init(backing: EVPKey) throws {
        self.backing = backing
        self.fingerprint = KeyFingerprint(modulus: try backing.bigNumber("n"), exponent: try backing.bigNumber("e"))
    }

    /// Reads a public key from PEM (`PUBLIC KEY`, SubjectPublicKeyInfo).
    public init(pemRepresentation pem: String) throws {
        guard let block = PEMBlock.blocks(in: pem).first(where: { $0.label == "PUBLIC KEY" }) else {
            throw CryptoError.invalidPEM("no PUBLIC KEY block found")
        }
        let key = try OpenSSL.withReadBIO(Array(block.text.utf8)) { bio -> OpaquePointer in
            guard let key = PEM_read_bio_PUBKEY(bio, nil, sealkit_no_password, nil) else {
                throw CryptoError.invalidPEM("the PUBLIC KEY block could not be read: \(OpenSSL.drainErrors())")
            }
            return key
        }
        try self.init(backing: EVPKey(taking: key))
    }

    /// Size of the modulus in bits, e.g. 4096.
    public var bitCount: Int { backing.bitCount }

    /// Size of an RSA ciphertext made with this key, in bytes (the modulus size).
    public var ciphertextByteCount: Int { backing.modulusByteCount }

    /// The key as PEM `PUBLIC KEY` (SubjectPublicKeyInfo).
    public var pemRepresentation: String {
        let bytes = (try? OpenSSL.collectBIO("PEM_write_bio_PUBKEY") { PEM_write_bio_PUBKEY($0, backing.pointer) }) ?? []
        return String(decoding: bytes, as: UTF8.self)
    }

    public var description: String { "RSA-\(bitCount) \(fingerprint)" }

    public static func == (lhs: RSAPublicKey, rhs: RSAPublicKey) -> Bool {
        lhs.fingerprint == rhs.fingerprint
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(fingerprint)
    }
}
