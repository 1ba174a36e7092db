#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A problem sealing or unsealing. Descriptions name documents, keys and files, never values.
public enum SealingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The Secret has neither `data` nor `stringData` (kubeseal's check; allow it explicitly).
    case emptyData
    /// The Secret has no `metadata.name`.
    case missingName
    /// A strict or namespace-wide Secret has no namespace and none could be inferred.
    case missingNamespace
    /// `--namespace` contradicts the Secret's own namespace.
    case namespaceMismatch(secret: String, requested: String)
    /// The sealing certificate has expired.
    case expiredCertificate(notAfter: Date)
    /// Some values could not be unsealed; `failures` maps each key to why.
    case unsealFailed(name: String, failures: [KeyFailure])
    /// The SealedSecret uses the legacy `spec.data` format, which is read only when asked to.
    case legacyFormat
    /// Both `encryptedData` and the legacy `spec.data` are set.
    case mixedFormats
    /// A key file holds no usable private key.
    case invalidKeyFile(file: String, reason: String)
    /// A `spec.template.data` entry is not a template SealKit can render.
    case unsupportedTemplate(key: String, reason: String)

    /// Why one key of a SealedSecret did not unseal.
    public struct KeyFailure: Sendable, Equatable, CustomStringConvertible {
        /// The key that failed.
        public var key: String
        /// Why, naming no value.
        public var reason: String
        /// A failure.
        public init(key: String, reason: String) {
            self.key = key
            self.reason = reason
        }
        public var description: String { "\(key): \(reason)" }
    }

    public var description: String {
        switch self {
        case .emptyData:
            return "the Secret has no data; use --allow-empty-data if that is intended"
        case .missingName:
            return "the Secret has no metadata.name (set one, or pass --name)"
        case .missingNamespace:
            return "the Secret has no namespace and none could be inferred: pass -n/--namespace, set metadata.namespace, or use --scope cluster-wide"
        case .namespaceMismatch(let secret, let requested):
            return "the Secret's namespace \"\(secret)\" does not match --namespace \"\(requested)\"; it would be sealed for a namespace it does not say"
        case .expiredCertificate(let notAfter):
            return "the sealing certificate expired on \(Self.formatted(notAfter)); fetch the controller's current certificate"
        case .unsealFailed(let name, let failures):
            let keys = failures.map(\.description).joined(separator: "; ")
            return "cannot unseal \(name): \(keys)"
        case .legacyFormat:
            return "the SealedSecret uses the deprecated spec.data format; pass --allow-legacy to read it"
        case .mixedFormats:
            return "cannot use the field 'encryptedData' and the deprecated field 'data' at the same time"
        case .invalidKeyFile(let file, let reason):
            return "\(file): \(reason)"
        case .unsupportedTemplate(let key, let reason):
            return "spec.template.data.\(key): \(reason)"
        }
    }

    static func formatted(_ date: Date) -> String {
        date.iso8601DateText
    }
}
