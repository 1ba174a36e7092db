#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The wire layout of one sealed value, as upstream writes it:
/// `u16be(len(rsa)) || rsa || aes-gcm ciphertext || 16-byte tag`.
///
/// Parsing needs no key: it is what offline checks use to tell whether a value can be a sealed
/// value at all, and for which key size it was sealed.
public struct SealedValue: Sendable, Equatable {
    /// The RSA-OAEP block that carries the session key.
    public let keyBlock: ArraySlice<UInt8>
    /// The AES-GCM ciphertext followed by its 16-byte tag.
    public let payload: ArraySlice<UInt8>

    /// Splits `bytes` into its RSA block and payload.
    public init(bytes: [UInt8]) throws(CryptoError) {
        guard let keyBlockLength = Self.keyBlockByteCount(prefix: bytes) else { throw .sealedValueTooShort(byteCount: bytes.count) }
        guard keyBlockLength <= bytes.count - 2 else {
            throw .lengthPrefixBeyondEnd(prefix: keyBlockLength, available: bytes.count - 2)
        }
        let payloadStart = 2 + keyBlockLength
        guard bytes.count - payloadStart >= AESGCM.tagLength else {
            throw .missingTag(payloadByteCount: bytes.count - payloadStart)
        }
        keyBlock = bytes[2..<payloadStart]
        payload = bytes[payloadStart...]
    }

    /// The RSA block's length from a value's first two bytes (nil when there are fewer): its key
    /// size in bytes, read without the rest of the value.
    public static func keyBlockByteCount(prefix bytes: some Collection<UInt8>) -> Int? {
        guard bytes.count >= 2 else { return nil }
        return Int(bytes[bytes.startIndex]) << 8 | Int(bytes[bytes.index(after: bytes.startIndex)])
    }

    /// The RSA key size, in bits, that this value was sealed for.
    public var keyBitCount: Int { keyBlock.count * 8 }

    /// The length of the sealed plaintext.
    public var plaintextByteCount: Int { payload.count - AESGCM.tagLength }
}
