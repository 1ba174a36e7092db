internal import COpenSSL
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Overwrites plain values when the code that owns them is done with them.
///
/// Limits, in Swift: arrays are copy-on-write, so a copy made earlier (by a caller, a `String`
/// built from the bytes, or Foundation) is not reached; and values decoded from text live in
/// `String`s that cannot be wiped. Wiping shortens how long the buffers SealKit owns hold
/// secrets; it is not a guarantee that no copy remains in memory.
public enum SecureMemory {
    /// Overwrites `bytes` with zeros in a way the optimiser cannot drop (`OPENSSL_cleanse`).
    public static func wipe(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { raw in
            if let base = raw.baseAddress { OPENSSL_cleanse(base, raw.count) }
        }
    }

    /// Wipes every value of a map of plain values.
    public static func wipe(_ values: inout [String: [UInt8]]) {
        for index in values.indices { wipe(&values.values[index]) }
    }
}
