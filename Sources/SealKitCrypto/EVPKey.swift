internal import COpenSSL
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Owns one OpenSSL `EVP_PKEY` holding an RSA key (public, or public and private).
///
/// Immutable after construction, so it is safe to share between tasks: OpenSSL allows
/// concurrent use of one `EVP_PKEY` as long as each operation has its own `EVP_PKEY_CTX`.
final class EVPKey: @unchecked Sendable {
    let pointer: OpaquePointer

    /// Takes ownership of `pointer`, which must be an RSA key.
    init(taking pointer: OpaquePointer) throws {
        self.pointer = pointer
        let id = EVP_PKEY_get_base_id(pointer)
        guard id == EVP_PKEY_RSA else {
            let name = EVP_PKEY_get0_type_name(pointer).map { String(cString: $0) } ?? "id \(id)"
            throw CryptoError.unsupportedKeyType(name)
        }
    }

    deinit { EVP_PKEY_free(pointer) }

    var bitCount: Int { Int(EVP_PKEY_get_bits(pointer)) }

    /// Modulus size in bytes: the size of every RSA ciphertext made with this key.
    var modulusByteCount: Int { Int(EVP_PKEY_get_size(pointer)) }

    /// A big-number parameter of the key (`"n"`, `"e"`), big-endian without leading zeros.
    func bigNumber(_ name: String) throws -> [UInt8] {
        var number: OpaquePointer?
        guard EVP_PKEY_get_bn_param(pointer, name, &number) == 1, let number else {
            throw OpenSSL.failure("EVP_PKEY_get_bn_param(\(name))")
        }
        defer { BN_free(number) }
        return OpenSSL.bytes(of: number)
    }

    /// A new per-operation context; OpenSSL contexts must not be shared between threads.
    func makeContext() throws -> OpaquePointer {
        guard let context = EVP_PKEY_CTX_new_from_pkey(nil, pointer, nil) else {
            throw OpenSSL.failure("EVP_PKEY_CTX_new_from_pkey")
        }
        return context
    }
}
