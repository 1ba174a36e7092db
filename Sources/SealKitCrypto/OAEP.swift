internal import COpenSSL
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// RSA-OAEP with SHA-256 and MGF1-SHA-256, as upstream's `rsa.EncryptOAEP(sha256.New(), …)`.
///
/// Decryption is OpenSSL's own (constant-time padding check). Encryption encodes the padding
/// here (RFC 8017 §7.1.1) and applies raw RSA, so that the seed comes from a
/// ``RandomByteSource``: the same code path then reproduces upstream's deterministic vectors
/// byte for byte in tests and uses the CSPRNG in production.
package enum OAEP {
    package static let hashLength = 32

    /// Sets OAEP-SHA-256 padding and `label` on a context initialised for decryption.
    static func configure(_ context: OpaquePointer, label: [UInt8]) throws {
        guard EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_OAEP_PADDING) == 1,
              EVP_PKEY_CTX_set_rsa_oaep_md(context, OpenSSL.algorithms.sha256) == 1,
              EVP_PKEY_CTX_set_rsa_mgf1_md(context, OpenSSL.algorithms.sha256) == 1 else {
            throw OpenSSL.failure("OAEP setup")
        }
        guard !label.isEmpty else { return }  // an empty label is no label
        // OpenSSL takes ownership of the buffer only when the call succeeds.
        guard let buffer = sealkit_OPENSSL_malloc(label.count) else { throw OpenSSL.failure("OPENSSL_malloc") }
        label.withUnsafeBytes { bytes in
            if let source = bytes.baseAddress { buffer.copyMemory(from: source, byteCount: label.count) }
        }
        guard EVP_PKEY_CTX_set0_rsa_oaep_label(context, buffer, Int32(label.count)) > 0 else {
            sealkit_OPENSSL_free(buffer)
            throw OpenSSL.failure("EVP_PKEY_CTX_set0_rsa_oaep_label")
        }
    }

    /// Encrypts `message` for `key`, taking the 32-byte seed from `random`.
    static func encrypt(_ message: [UInt8], for key: EVPKey, label: [UInt8], random: RandomByteSource) throws -> [UInt8] {
        try Encryptor(for: key).encrypt(message, label: label, random: random)
    }

    /// Encrypts one message after another for one key with one raw-RSA context, as OpenSSL's own
    /// loops do. A context per message walked OpenSSL's name map under a lock that every core
    /// takes: with values sealed on all cores, the cores queued for it. One per thread.
    final class Encryptor {
        private let key: EVPKey
        private let context: OpaquePointer
        /// The label and its SHA-256 (lHash), kept for the next message under the same label.
        private var labelHash: (label: [UInt8], hash: [UInt8])?

        init(for key: EVPKey) throws {
            let context = try key.makeContext()
            guard EVP_PKEY_encrypt_init(context) == 1, EVP_PKEY_CTX_set_rsa_padding(context, RSA_NO_PADDING) == 1 else {
                EVP_PKEY_CTX_free(context)
                throw OpenSSL.failure("raw RSA setup")
            }
            self.key = key
            self.context = context
        }

        deinit { EVP_PKEY_CTX_free(context) }

        /// Encrypts `message`, taking the 32-byte seed from `random`.
        func encrypt(_ message: [UInt8], label: [UInt8], random: RandomByteSource) throws -> [UInt8] {
            let modulusLength = key.modulusByteCount
            guard message.count <= modulusLength - 2 * hashLength - 2 else {
                throw CryptoError.keyTooSmall(bits: key.bitCount)
            }
            let seed = try random.bytes(hashLength)
            let hash: [UInt8]
            if let cached = labelHash, cached.label == label {
                hash = cached.hash
            } else {
                hash = OpenSSL.sha256(label)
                labelHash = (label, hash)
            }
            let encoded = encode(message, labelHash: hash, seed: seed, modulusLength: modulusLength)
            var length = modulusLength
            var ciphertext = [UInt8](repeating: 0, count: length)
            guard EVP_PKEY_encrypt(context, &ciphertext, &length, encoded, encoded.count) == 1 else {
                throw OpenSSL.failure("EVP_PKEY_encrypt")
            }
            ciphertext.removeLast(ciphertext.count - length)
            return ciphertext
        }
    }

    /// EME-OAEP encoding, `0x00 || maskedSeed || maskedDB`, with the label's SHA-256 (lHash) given.
    static func encode(_ message: [UInt8], labelHash: [UInt8], seed: [UInt8], modulusLength: Int) -> [UInt8] {
        let dataBlockLength = modulusLength - hashLength - 1
        var dataBlock = labelHash
        dataBlock += [UInt8](repeating: 0, count: dataBlockLength - hashLength - 1 - message.count)
        dataBlock.append(0x01)
        dataBlock += message

        var maskedDataBlock = dataBlock
        xor(&maskedDataBlock, with: mgf1(seed: seed, length: dataBlockLength))
        var maskedSeed = seed
        xor(&maskedSeed, with: mgf1(seed: maskedDataBlock, length: hashLength))
        var encoded: [UInt8] = [0x00]
        encoded.reserveCapacity(modulusLength)
        encoded += maskedSeed
        encoded += maskedDataBlock
        return encoded
    }

    /// XORs `mask` into `bytes` (of the same length) in place, without building a new array.
    private static func xor(_ bytes: inout [UInt8], with mask: [UInt8]) {
        precondition(bytes.count == mask.count, "an MGF1 mask has the length of what it masks")
        bytes.withUnsafeMutableBufferPointer { bytes in
            mask.withUnsafeBufferPointer { mask in
                for index in 0..<bytes.count { bytes[index] ^= mask[index] }
            }
        }
    }

    /// MGF1 with SHA-256, one digest context for every block.
    static func mgf1(seed: [UInt8], length: Int) -> [UInt8] {
        let blocks = (length + hashLength - 1) / hashLength
        var output = [UInt8](repeating: 0, count: blocks * hashLength)
        // Not reachable by input: only an allocation failure inside OpenSSL returns nil here.
        guard let context = EVP_MD_CTX_new() else { fatalError("EVP_MD_CTX_new failed") }
        defer { EVP_MD_CTX_free(context) }
        output.withUnsafeMutableBufferPointer { buffer in
            seed.withUnsafeBytes { seedBytes in
                for block in 0..<blocks {
                    var counter = UInt32(block).bigEndian
                    var written: UInt32 = 0
                    let ok = EVP_DigestInit_ex2(context, OpenSSL.algorithms.sha256, nil) == 1
                        && EVP_DigestUpdate(context, seedBytes.baseAddress, seedBytes.count) == 1
                        && EVP_DigestUpdate(context, &counter, 4) == 1
                        && buffer.baseAddress.map { EVP_DigestFinal_ex(context, $0 + block * hashLength, &written) } == 1
                    // Not reachable by input: SHA-256 over any bytes succeeds unless OpenSSL is broken.
                    precondition(ok, "SHA-256 failed: \(OpenSSL.drainErrors())")
                }
            }
        }
        output.removeLast(output.count - length)
        return output
    }
}
