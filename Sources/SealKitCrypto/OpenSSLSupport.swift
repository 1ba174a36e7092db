internal import COpenSSL
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Small helpers over OpenSSL's C API, shared by the Crypto types. Nothing here is public.
package enum OpenSSL {
    /// Drains OpenSSL's thread-local error queue into one line (it would otherwise leak into the
    /// next, unrelated failure on this thread).
    static func drainErrors() -> String {
        var messages: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            messages.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return messages.joined(separator: "; ")
    }

    /// A `CryptoError.openSSL` for `operation`, with the queued OpenSSL errors as detail.
    static func failure(_ operation: String) -> CryptoError {
        .openSSL(operation: operation, detail: drainErrors())
    }

    /// Runs `body` with a read-only memory BIO over `bytes`.
    static func withReadBIO<T>(_ bytes: [UInt8], _ body: (OpaquePointer) throws -> T) throws -> T {
        try bytes.withUnsafeBytes { raw in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else {
                throw failure("BIO_new_mem_buf")
            }
            defer { BIO_free(bio) }
            return try body(bio)
        }
    }

    /// Runs `write` against a fresh memory BIO and returns what it wrote.
    static func collectBIO(_ operation: String, _ write: (OpaquePointer) -> Int32) throws -> [UInt8] {
        guard let bio = BIO_new(BIO_s_mem()) else { throw failure("BIO_new") }
        defer { BIO_free(bio) }
        guard write(bio) > 0 else { throw failure(operation) }
        var data: UnsafeMutablePointer<CChar>?
        let length = sealkit_BIO_get_mem_data(bio, &data)
        guard length >= 0, let data else { return [] }
        return data.withMemoryRebound(to: UInt8.self, capacity: length) {
            Array(UnsafeBufferPointer(start: $0, count: length))
        }
    }

    /// Algorithms fetched once. OpenSSL 3.0 otherwise looks `EVP_sha256()` and
    /// `EVP_aes_256_gcm()` up again, under a lock, on every use: a measurable share of a seal.
    /// Fetched algorithms are immutable and safe to share between threads.
    final class Algorithms: @unchecked Sendable {
        let sha256: OpaquePointer
        let aes256GCM: OpaquePointer

        init() {
            // Not reachable by input: only an OpenSSL without its default provider lacks these,
            // and nothing in SealKit can work without them.
            guard let sha256 = EVP_MD_fetch(nil, "SHA256", nil), let aes = EVP_CIPHER_fetch(nil, "AES-256-GCM", nil) else {
                fatalError("OpenSSL has no SHA-256 or AES-256-GCM: \(OpenSSL.drainErrors())")
            }
            self.sha256 = sha256
            self.aes256GCM = aes
        }
    }

    static let algorithms = Algorithms()

    /// SHA-256 of `bytes`.
    package static func sha256<Bytes: Collection>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let ok = Array(bytes).withUnsafeBytes { raw in
            EVP_Digest(raw.baseAddress, raw.count, &digest, &length, algorithms.sha256, nil)
        }
        // Not reachable by input: SHA-256 over any bytes succeeds unless OpenSSL is broken.
        precondition(ok == 1 && length == 32, "EVP_Digest(SHA-256) failed: \(drainErrors())")
        return digest
    }

    /// HMAC-SHA-256 (RFC 2104) of `message` under `key`.
    package static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let result = key.withUnsafeBytes { keyBytes in
            message.withUnsafeBufferPointer { data in
                HMAC(algorithms.sha256, keyBytes.baseAddress, Int32(keyBytes.count), data.baseAddress, data.count, &digest, &length)
            }
        }
        // Not reachable by input: HMAC over any bytes succeeds unless OpenSSL is broken.
        precondition(result != nil && length == 32, "HMAC(SHA-256) failed: \(drainErrors())")
        return digest
    }

    /// The big-endian bytes of a BIGNUM, without leading zeros.
    static func bytes(of number: OpaquePointer) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(sealkit_BN_num_bytes(number)))
        _ = out.withUnsafeMutableBufferPointer { BN_bn2bin(number, $0.baseAddress) }
        return out
    }
}
