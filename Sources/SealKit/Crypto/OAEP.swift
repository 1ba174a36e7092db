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
enum OAEP {
    static let hashLength = 32

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
        let modulusLength = key.modulusByteCount
        guard message.count <= modulusLength - 2 * hashLength - 2 else {
            throw CryptoError.keyTooSmall(bits: key.bitCount)
        }
        let seed = try random.bytes(hashLength)
        let encoded = encode(message, label: label, seed: seed, modulusLength: modulusLength)

        let context = try key.makeContext()
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_encrypt_init(context) == 1,
              EVP_PKEY_CTX_set_rsa_padding(context, RSA_NO_PADDING) == 1 else {
            throw OpenSSL.failure("raw RSA setup")
        }
        var length = modulusLength
        var ciphertext = [UInt8](repeating: 0, count: length)
        guard EVP_PKEY_encrypt(context, &ciphertext, &length, encoded, encoded.count) == 1 else {
            throw OpenSSL.failure("EVP_PKEY_encrypt")
        }
        return Array(ciphertext.prefix(length))
    }

    /// EME-OAEP encoding: `0x00 || maskedSeed || maskedDB`.
    static func encode(_ message: [UInt8], label: [UInt8], seed: [UInt8], modulusLength: Int) -> [UInt8] {
        let dataBlockLength = modulusLength - hashLength - 1
        var dataBlock = OpenSSL.sha256(label)
        dataBlock += [UInt8](repeating: 0, count: dataBlockLength - hashLength - 1 - message.count)
        dataBlock.append(0x01)
        dataBlock += message

        let dataBlockMask = mgf1(seed: seed, length: dataBlockLength)
        let maskedDataBlock = zip(dataBlock, dataBlockMask).map { $0 ^ $1 }
        let seedMask = mgf1(seed: maskedDataBlock, length: hashLength)
        let maskedSeed = zip(seed, seedMask).map { $0 ^ $1 }
        return [0x00] + maskedSeed + maskedDataBlock
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
