#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitCrypto

/// Generates credentials from OpenSSL's CSPRNG, each character drawn uniformly from an alphabet
/// by rejection sampling (no modulo bias).
public struct CredentialGenerator: Sendable, Equatable {
    /// Character sets for generated values.
    public enum Alphabet: String, Sendable, CaseIterable {
        /// `A–Z a–z 0–9`: 5.95 bits per character, safe in URLs, shells and connection strings.
        case alphanumeric
        /// `a–z 0–9`: for user names, which some databases fold to lower case.
        case lowercaseAlphanumeric = "lowercase-alphanumeric"
        /// `0–9 a–f`.
        case hex

        var characters: [Character] {
            switch self {
            case .alphanumeric: return Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
            case .lowercaseAlphanumeric: return Array("abcdefghijklmnopqrstuvwxyz0123456789")
            case .hex: return Array("0123456789abcdef")
            }
        }
    }

    /// The shortest generated secret SealKit accepts.
    public static let minimumSecretLength = 24
    /// The default length of generated secrets.
    public static let defaultSecretLength = 32

    /// Number of random characters (the prefix comes on top).
    public var length: Int
    /// The characters drawn from.
    public var alphabet: Alphabet
    /// Text put before the random part, e.g. `smartem_dev_`.
    public var prefix: String

    /// A generator; the defaults make 32-character alphanumeric secrets (190 bits).
    public init(length: Int = defaultSecretLength, alphabet: Alphabet = .alphanumeric, prefix: String = "") {
        self.length = length
        self.alphabet = alphabet
        self.prefix = prefix
    }

    /// A new value.
    public func generate() throws -> String {
        let characters = alphabet.characters
        var value = prefix
        for _ in 0..<length {
            value.append(characters[Int(try SecureRandom.uniform(below: UInt32(characters.count)))])
        }
        return value
    }

    /// Bits of entropy in the random part.
    public var entropyBits: Double { Double(length) * POSIX.log2(Double(alphabet.characters.count)) }
}
