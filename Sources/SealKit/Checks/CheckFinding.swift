#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitSerialization
import SealKitModel

/// What `sealctl check` looks for.
public enum CheckRule: String, Sendable, CaseIterable, Codable {
    /// A Secret with values in a manifest: the values are in git in plain text.
    case plainSecret = "plain-secret"
    /// A SealedSecret the API server or the controller would reject.
    case malformedSealedSecret = "malformed-sealed-secret"
    /// A kustomization renames or moves a SealedSecret whose scope does not allow it.
    case scopeBrokenByKustomize = "scope-broken-by-kustomize"
    /// Values sealed for another certificate, or a certificate that expired or soon will.
    case wrongCertificate = "wrong-certificate"
    /// A workload reads a key the SealedSecret does not hold, or a template refers to one.
    case missingKey = "missing-key"
    /// A YAML or JSON file that could not be read as manifests.
    case unreadableManifest = "unreadable-manifest"
    /// A kustomization gives a key twice; kustomize uses the later one.
    case repeatedKustomizationKey = "repeated-kustomization-key"

    /// One line on what the rule catches.
    public var summary: String {
        switch self {
        case .plainSecret: return "A Secret with data or stringData is committed in plain text."
        case .malformedSealedSecret: return "A SealedSecret is not valid under the CRD schema or cannot hold sealed values."
        case .scopeBrokenByKustomize: return "Kustomize renames or moves a SealedSecret that is sealed to its name or namespace; it will not decrypt."
        case .wrongCertificate: return "Values were sealed for another key than the environment's certificate, or the certificate expired."
        case .missingKey: return "A workload reads a key that the SealedSecret does not hold."
        case .unreadableManifest: return "A YAML or JSON file could not be parsed."
        case .repeatedKustomizationKey: return "A kustomization file gives the same key twice; kustomize uses the later one and ignores the earlier."
        }
    }

    /// Every rule with its summary, one a line: for a command's help.
    public static var table: String {
        allCases.map { "  \($0.rawValue): \($0.summary)" }.joined(separator: "\n")
    }

    /// What to do about it, as data (sealctl names its commands and flags).
    public var remedy: Remedy {
        switch self {
        case .plainSecret: return .sealOrAllowPlainSecret
        case .malformedSealedSecret: return .regenerateSealedSecret
        case .scopeBrokenByKustomize: return .sealForKustomizedName
        case .wrongCertificate: return .resealForCertificate
        case .missingKey: return .addMissingKey
        case .unreadableManifest: return .fixManifestSyntax
        case .repeatedKustomizationKey: return .mergeRepeatedKeys
        }
    }

    /// What to do about it, in words that name no tool's flags.
    public var help: String {
        let text = remedy.description
        return text.prefix(1).uppercased() + text.dropFirst() + "."
    }
}

/// One problem found by `sealctl check`.
public struct CheckFinding: Sendable, Hashable {
    /// The rule that found it.
    public var rule: CheckRule
    /// An error fails `sealctl check`; a warning does not.
    public var severity: ValidationProblem.Severity
    /// The file, relative to the checked root.
    public var file: String
    /// The document's index in the file (0-based), when the finding is about one.
    public var documentIndex: Int?
    /// Where in the file, when known.
    public var mark: YAMLNode.Mark?
    /// What is wrong, naming keys and objects, never values.
    public var message: String

    /// A finding of `rule` in `file`, at the document and position when known.
    public init(rule: CheckRule, severity: ValidationProblem.Severity, file: String, documentIndex: Int? = nil, mark: YAMLNode.Mark? = nil, message: String) {
        self.rule = rule
        self.severity = severity
        self.file = file
        self.documentIndex = documentIndex
        self.mark = mark
        self.message = message
    }
}
