/// ASCII character classes of UTF-8 bytes: the one set that SealKit's scanners (YAML scalars,
/// JSON numbers, Kubernetes names and keys, base64) test bytes with. Bytes, not `Character`,
/// because every rule they serve is defined on ASCII and a byte test cannot be fooled by
/// Unicode's wider notion of a digit or a letter.
package enum ASCII {
    /// `0`–`9`.
    @inline(__always) package static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
    /// `a`–`z`.
    @inline(__always) package static func isLower(_ byte: UInt8) -> Bool { byte &- 0x61 < 26 }
    /// `A`–`Z`.
    @inline(__always) package static func isUpper(_ byte: UInt8) -> Bool { byte &- 0x41 < 26 }
    /// `a`–`z` and `A`–`Z`.
    @inline(__always) package static func isLetter(_ byte: UInt8) -> Bool { isLower(byte | 0x20) }
    /// `a`–`z` and `0`–`9`.
    @inline(__always) package static func isLowerAlphanumeric(_ byte: UInt8) -> Bool { isLower(byte) || isDigit(byte) }
    /// `a`–`z`, `A`–`Z` and `0`–`9`.
    @inline(__always) package static func isAlphanumeric(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) }
    /// The digit's value, for a byte that ``isDigit(_:)``.
    @inline(__always) package static func digitValue(_ byte: UInt8) -> Int { Int(byte &- 0x30) }
}
