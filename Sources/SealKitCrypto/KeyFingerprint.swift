#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The identity of an RSA public key as upstream sealed-secrets computes it:
/// `SHA256:` followed by the unpadded base64 of SHA-256 over the key's SSH wire encoding
/// (what `ssh-keygen -lf` prints for the same key).
public struct KeyFingerprint: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The fingerprint text, e.g. `SHA256:IXQmAJCMQSC9AqKlAkjpYUICqbHbGEFIyZJpNdeh0LI`.
    public let rawValue: String

    /// Wraps a fingerprint text as read from a file or an annotation. Returns nil unless it has
    /// the `SHA256:` form.
    public init?(rawValue: String) {
        let trimmed = rawValue.trimmingWhitespace()
        guard trimmed.hasPrefix("SHA256:"), trimmed.count > 7 else { return nil }
        self.rawValue = trimmed
    }

    /// The fingerprint of an RSA public key given by its modulus and exponent (big-endian).
    init(modulus: [UInt8], exponent: [UInt8]) {
        var wire: [UInt8] = []
        Self.appendString(Array("ssh-rsa".utf8), to: &wire)
        Self.appendString(Self.mpint(exponent), to: &wire)
        Self.appendString(Self.mpint(modulus), to: &wire)
        let digest = OpenSSL.sha256(wire)
        var base64 = Data(digest).base64EncodedString()
        while base64.hasSuffix("=") { base64.removeLast() }
        self.rawValue = "SHA256:" + base64
    }

    public var description: String { rawValue }

    /// Fingerprints sort by their text.
    public static func < (lhs: KeyFingerprint, rhs: KeyFingerprint) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// An SSH `string`: a big-endian 32-bit length, then the bytes.
    private static func appendString(_ bytes: [UInt8], to wire: inout [UInt8]) {
        let count = UInt32(bytes.count)
        wire += [UInt8(count >> 24 & 0xFF), UInt8(count >> 16 & 0xFF), UInt8(count >> 8 & 0xFF), UInt8(count & 0xFF)]
        wire += bytes
    }

    /// An SSH `mpint` body: minimal big-endian two's complement of a non-negative number.
    private static func mpint(_ magnitude: [UInt8]) -> [UInt8] {
        let trimmed = Array(magnitude.drop { $0 == 0 })
        guard let first = trimmed.first else { return [] }
        return first & 0x80 != 0 ? [0] + trimmed : trimmed
    }
}
