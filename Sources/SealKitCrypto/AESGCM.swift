internal import COpenSSL
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// AES-256-GCM with the fixed all-zero 12-byte nonce and no associated data that upstream uses.
///
/// A zero nonce is safe here only because every session key is fresh and used exactly once.
package enum AESGCM {
    package static let keyLength = 32
    static let tagLength = 16
    private static let nonce = [UInt8](repeating: 0, count: 12)

    /// Returns `ciphertext || tag`.
    static func seal(_ plaintext: [UInt8], key: [UInt8]) throws -> [UInt8] {
        try Encryptor().seal(plaintext, key: key)
    }

    /// Seals one value after another with one cipher context, set up once for AES-256-GCM and
    /// the nonce's length, and given each value's key. One per thread.
    final class Encryptor {
        private let context: OpaquePointer

        init() throws {
            guard let context = EVP_CIPHER_CTX_new() else { throw OpenSSL.failure("EVP_CIPHER_CTX_new") }
            guard EVP_EncryptInit_ex2(context, OpenSSL.algorithms.aes256GCM, nil, nil, nil) == 1,
                  EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_IVLEN, Int32(nonce.count), nil) == 1 else {
                EVP_CIPHER_CTX_free(context)
                throw OpenSSL.failure("AES-GCM setup")
            }
            self.context = context
        }

        deinit { EVP_CIPHER_CTX_free(context) }

        /// Returns `ciphertext || tag`.
        func seal(_ plaintext: [UInt8], key: [UInt8]) throws -> [UInt8] {
            // Not reachable by input: sealing keys come from HybridCipher.seal, always 32 random bytes.
            // (Opening checks the length instead: a crafted value can carry any length.)
            precondition(key.count == keyLength, "AES-256 needs a 32-byte key")
            guard EVP_EncryptInit_ex(context, nil, nil, key, nonce) == 1 else { throw OpenSSL.failure("AES-GCM key setup") }
            var output = [UInt8](repeating: 0, count: plaintext.count + tagLength)
            var written: Int32 = 0
            if !plaintext.isEmpty {
                guard EVP_EncryptUpdate(context, &output, &written, plaintext, Int32(plaintext.count)) == 1 else {
                    throw OpenSSL.failure("EVP_EncryptUpdate")
                }
            }
            var finalWritten: Int32 = 0
            // `output` holds at least the 16-byte tag, so its buffer always has an address.
            let ok = output.withUnsafeMutableBufferPointer { buffer in
                buffer.baseAddress.map { EVP_EncryptFinal_ex(context, $0 + Int(written), &finalWritten) } ?? 0
            }
            guard ok == 1 else { throw OpenSSL.failure("EVP_EncryptFinal_ex") }
            let bodyLength = Int(written + finalWritten)
            let tagOK = output.withUnsafeMutableBufferPointer { buffer in
                buffer.baseAddress.map { EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_GET_TAG, Int32(tagLength), $0 + bodyLength) } ?? 0
            }
            guard tagOK == 1 else { throw OpenSSL.failure("EVP_CTRL_GCM_GET_TAG") }
            output.removeLast(output.count - bodyLength - tagLength)
            return output
        }
    }

    /// Opens `ciphertext || tag`; nil when the tag does not verify (wrong key or tampering).
    static func open(_ sealed: ArraySlice<UInt8>, key: [UInt8]) throws -> [UInt8]? {
        guard key.count == keyLength, sealed.count >= tagLength else { return nil }
        guard let context = EVP_CIPHER_CTX_new() else { throw OpenSSL.failure("EVP_CIPHER_CTX_new") }
        defer { EVP_CIPHER_CTX_free(context) }
        guard EVP_DecryptInit_ex2(context, OpenSSL.algorithms.aes256GCM, nil, nil, nil) == 1,
              EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_IVLEN, Int32(nonce.count), nil) == 1,
              EVP_DecryptInit_ex(context, nil, nil, key, nonce) == 1 else {
            throw OpenSSL.failure("AES-GCM setup")
        }
        let body = sealed.dropLast(tagLength)
        var tag = Array(sealed.suffix(tagLength))
        var output = [UInt8](repeating: 0, count: body.count + tagLength)
        var written: Int32 = 0
        if !body.isEmpty {
            let ok = body.withUnsafeBufferPointer { input in
                EVP_DecryptUpdate(context, &output, &written, input.baseAddress, Int32(input.count))
            }
            guard ok == 1 else { throw OpenSSL.failure("EVP_DecryptUpdate") }
        }
        guard EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_TAG, Int32(tagLength), &tag) == 1 else {
            throw OpenSSL.failure("EVP_CTRL_GCM_SET_TAG")
        }
        var finalWritten: Int32 = 0
        let verified = output.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { EVP_DecryptFinal_ex(context, $0 + Int(written), &finalWritten) } ?? 0
        }
        guard verified == 1 else {
            // Wipe the unauthenticated plaintext before dropping it.
            SecureMemory.wipe(&output)
            _ = OpenSSL.drainErrors()
            return nil
        }
        return Array(output.prefix(Int(written + finalWritten)))
    }
}
