#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport

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
    /// A Secret data key that Kubernetes refuses (`[-._a-zA-Z0-9]+`, at most 253 bytes, not `.`
    /// and not starting with `..`).
    case invalidKey(key: String)
    /// The API server would refuse the Secret that the controller creates from this SealedSecret
    /// (see ``SecretRules``); `problems` are the errors, each naming its field and rule.
    case refusedByAPIServer(secret: String, problems: [ValidationProblem])
    /// The SealedSecret is larger than a cluster with default limits stores (``StoredObjectSize``).
    case tooLargeToStore(sealedSecret: String, detail: String)
    /// The same data key given twice while building a Secret.
    case duplicateKey(key: String)
    /// Input to the Secret builder in the wrong form (a literal without `=`, an env-file line).
    case malformedInput(message: String)
    /// An environment variable holds a value it cannot (a usage error, not bad input).
    case invalidVariable(name: String, value: String, expected: [String])
    /// A literal value is not written `KEY=VALUE`.
    case invalidLiteral
    /// A `spec.template.data` Go template that does not parse.
    case templateSyntax(message: String)
    /// A template function SealKit does not implement.
    case unsupportedTemplateFunction(name: String)
    /// A template action (`if`, `range`, ...) SealKit does not implement.
    case unsupportedTemplateAction(name: String)

    /// Why one key of a SealedSecret did not unseal.
    public struct KeyFailure: Sendable, Equatable, CustomStringConvertible {
        /// The key that failed.
        public var key: String
        /// Why, naming no value.
        public var reason: String
        /// Why the value under `key` did not open.
        public init(key: String, reason: String) {
            self.key = key
            self.reason = reason
        }
        public var description: String { "\(key): \(reason)" }
    }

    public var description: String {
        switch self {
        case .emptyData:
            return "the Secret has no data"
        case .missingName:
            return "the Secret has no metadata.name"
        case .missingNamespace:
            return "the Secret has no namespace and none could be inferred"
        case .namespaceMismatch(let secret, let requested):
            return "the Secret's namespace \"\(secret)\" does not match the namespace \"\(requested)\" it is to be sealed for; it would be sealed for a namespace it does not say"
        case .expiredCertificate(let notAfter):
            return "the sealing certificate expired on \(Self.formatted(notAfter)); fetch the controller's current certificate"
        case .unsealFailed(let name, let failures):
            let keys = failures.map(\.description).joined(separator: "; ")
            return "cannot unseal \(name): \(keys)"
        case .legacyFormat:
            return "the SealedSecret uses the deprecated spec.data format"
        case .mixedFormats:
            return "cannot use the field 'encryptedData' and the deprecated field 'data' at the same time"
        case .invalidKey(let key):
            return "\"\(key)\" is not a valid Secret key: use letters, digits, '-', '_' and '.' (at most 253, not '.' and not starting with '..')"
        case .refusedByAPIServer(let secret, let problems):
            return "the API server would refuse the Secret \(secret), so the SealedSecret would never unseal: " + problems.map(\.detail).joined(separator: "; ")
        case .tooLargeToStore(let name, let detail):
            return "cannot seal \(name): \(detail)"
        case .duplicateKey(let key):
            return "the key \"\(key)\" is given more than once"
        case .malformedInput(let message):
            return message
        case .invalidVariable(let name, let value, let expected):
            let choices = expected.count > 1 ? expected.dropLast().joined(separator: ", ") + " or " + expected[expected.count - 1] : expected.joined()
            return "\(name) must be \(choices), not \"\(value)\""
        case .invalidLiteral:
            return "a literal value takes the form KEY=VALUE"
        case .templateSyntax(let message):
            return "template syntax: \(message)"
        case .unsupportedTemplateFunction(let name):
            return "template function \"\(name)\" is not supported by SealKit (supported: \(GoTemplate.supportedFunctions.joined(separator: ", ")))"
        case .unsupportedTemplateAction(let name):
            return "template action \"\(name)\" is not supported by SealKit"
        }
    }

    static func formatted(_ date: Date) -> String {
        date.iso8601DateText
    }
}

extension SealingError: RemediableError {
    public var remedy: Remedy? {
        switch self {
        case .emptyData: return .allowEmptyData
        case .missingName: return .nameTheSecret
        case .missingNamespace: return .giveNamespace
        case .namespaceMismatch: return .matchNamespace
        case .legacyFormat: return .allowLegacyFormat
        case .invalidLiteral: return .literalSyntax
        default: return nil
        }
    }
}
