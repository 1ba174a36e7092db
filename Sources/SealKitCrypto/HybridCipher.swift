#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Seals and opens single values exactly as the sealed-secrets controller does.
///
/// Each value gets a fresh 32-byte session key, encrypted with RSA-OAEP (SHA-256, MGF1-SHA-256,
/// the scope's label); the value itself is encrypted with AES-256-GCM under that key. See
/// ``SealedValue`` for the layout and `SealingScope` for the label.
public enum HybridCipher {
    /// Seals `plaintext` for `publicKey` with the OAEP `label` (empty for no label).
    public static func seal(_ plaintext: [UInt8], for publicKey: RSAPublicKey, label: [UInt8]) throws -> [UInt8] {
        try seal(plaintext, for: publicKey, label: label, random: .system)
    }

    /// Seals with an explicit randomness source; tests use it to reproduce upstream's vectors.
    package static func seal(_ plaintext: [UInt8], for publicKey: RSAPublicKey, label: [UInt8], random: RandomByteSource) throws -> [UInt8] {
        try Encryptor(for: publicKey).seal(plaintext, label: label, random: random)
    }

    /// Seals one value after another for one key, with OpenSSL's contexts made once (see
    /// ``OAEP/Encryptor``). One per thread: the contexts are not for sharing.
    package final class Encryptor {
        private let keyBlock: OAEP.Encryptor
        private let payload: AESGCM.Encryptor

        package init(for publicKey: RSAPublicKey) throws {
            keyBlock = try OAEP.Encryptor(for: publicKey.backing)
            payload = try AESGCM.Encryptor()
        }

        /// Seals `plaintext` with the OAEP `label`, taking the session key and the OAEP seed from `random`.
        package func seal(_ plaintext: [UInt8], label: [UInt8], random: RandomByteSource) throws -> [UInt8] {
            var sessionKey = try random.bytes(AESGCM.keyLength)
            defer { SecureMemory.wipe(&sessionKey) }
            let block = try keyBlock.encrypt(sessionKey, label: label, random: random)
            let sealedPayload = try payload.seal(plaintext, key: sessionKey)
            var output: [UInt8] = []
            output.reserveCapacity(2 + block.count + sealedPayload.count)
            output.append(UInt8(block.count >> 8 & 0xFF))
            output.append(UInt8(block.count & 0xFF))
            output += block
            output += sealedPayload
            return output
        }
    }

    /// Opens a sealed value with the first of `keys` that can.
    ///
    /// Keys whose modulus matches the value's RSA block are tried, in the given order (put the
    /// most likely key first). A too-short value, a wrong key, a wrong label or any tampering
    /// all end in ``CryptoError/noKeyCouldDecrypt(reason:)``.
    public static func open(_ sealed: [UInt8], with keys: [RSAPrivateKey], label: [UInt8]) throws -> [UInt8] {
        let value: SealedValue
        do {
            value = try SealedValue(bytes: sealed)
        } catch {
            throw CryptoError.noKeyCouldDecrypt(reason: "not a sealed value: \(error)")
        }
        let candidates = keys.filter { $0.backing.modulusByteCount == value.keyBlock.count }
        guard !candidates.isEmpty else {
            throw CryptoError.noKeyCouldDecrypt(reason: keySizeMismatch(value, keys))
        }
        for key in candidates {
            guard var sessionKey = try key.decryptOAEP(value.keyBlock, label: label) else { continue }
            defer { SecureMemory.wipe(&sessionKey) }
            if let plaintext = try AESGCM.open(value.payload, key: sessionKey) {
                return plaintext
            }
        }
        let tried = candidates.count == 1 ? "the \(candidates[0].bitCount)-bit key" : "\(candidates.count) keys"
        throw CryptoError.noKeyCouldDecrypt(reason: "\(tried) tried; the value was sealed for another key or another name, namespace or scope, or it was altered")
    }

    private static func keySizeMismatch(_ value: SealedValue, _ keys: [RSAPrivateKey]) -> String {
        if keys.isEmpty { return "no private keys were given" }
        let sizes = Set(keys.map(\.bitCount)).sorted().map { "\($0)-bit" }.joined(separator: ", ")
        return "sealed for a \(value.keyBitCount)-bit key, but the keys given are \(sizes)"
    }
}
