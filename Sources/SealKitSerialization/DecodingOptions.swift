#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How lenient decoding is with scalar types, mirroring the two paths kubeseal takes.
public struct DecodingOptions: Sendable, Equatable {
    /// Whether a non-string scalar in a string field is turned into text (`namespace: n` →
    /// `"false"`, `0x1F` → `"31"`), as Kubernetes' YAML decoding does. When false, it is an error,
    /// as with JSON input.
    public var coercesScalarsToStrings: Bool

    /// Options.
    public init(coercesScalarsToStrings: Bool) {
        self.coercesScalarsToStrings = coercesScalarsToStrings
    }

    /// YAML input: YAML 1.1 scalars are coerced into string fields.
    public static let yaml = DecodingOptions(coercesScalarsToStrings: true)
    /// JSON input: no coercion.
    public static let json = DecodingOptions(coercesScalarsToStrings: false)
}
