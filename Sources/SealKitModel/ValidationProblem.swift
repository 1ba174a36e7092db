#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSerialization

/// One problem found by validating or checking a manifest.
public struct ValidationProblem: Sendable, Hashable, CustomStringConvertible {
    /// How bad it is.
    public enum Severity: String, Sendable, Hashable, Comparable {
        case warning, error

        /// Warnings sort before errors.
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .error }
    }

    /// An error makes validation fail; a warning does not.
    public var severity: Severity
    /// The field, as a dotted path (`spec.encryptedData.password`); empty for the whole document.
    public var field: String
    /// What is wrong.
    public var message: String
    /// Where the field is in the source, when known.
    public var mark: YAMLNode.Mark?

    /// A problem with `field`.
    public init(_ severity: Severity, field: String, _ message: String, mark: YAMLNode.Mark? = nil) {
        self.severity = severity
        self.field = field
        self.message = message
        self.mark = mark
    }

    /// The field and the message, without the severity.
    public var detail: String { field.isEmpty ? message : "\(field): \(message)" }

    public var description: String { "\(severity.rawValue): \(detail)" }
}
