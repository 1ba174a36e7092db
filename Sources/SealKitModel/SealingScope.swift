#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Who may unseal a value: the controller binds each value to a name and namespace through the
/// OAEP label, so a SealedSecret cannot be renamed or moved unless its scope allows it.
public enum SealingScope: String, Sendable, CaseIterable, Codable, CustomStringConvertible {
    /// Bound to the Secret's name and namespace (the default). Label `"<namespace>/<name>"`.
    case strict
    /// Bound to the namespace; the Secret may be renamed. Label `"<namespace>"`.
    case namespaceWide = "namespace-wide"
    /// Not bound; may be renamed and moved anywhere in the cluster. Label `""`.
    case clusterWide = "cluster-wide"

    /// The annotation that marks a namespace-wide SealedSecret.
    public static let namespaceWideAnnotation = "sealedsecrets.bitnami.com/namespace-wide"
    /// The annotation that marks a cluster-wide SealedSecret.
    public static let clusterWideAnnotation = "sealedsecrets.bitnami.com/cluster-wide"

    /// The OAEP label for a value of a Secret called `name` in `namespace` under this scope.
    public func label(namespace: String, name: String) -> [UInt8] {
        switch self {
        case .strict: return Array("\(namespace)/\(name)".utf8)
        case .namespaceWide: return Array(namespace.utf8)
        case .clusterWide: return []
        }
    }

    /// The scope that `annotations` select, with upstream's rule: cluster-wide if its annotation
    /// is exactly `"true"`, else namespace-wide likewise, else strict.
    public init(annotations: [String: String]) {
        if annotations[Self.clusterWideAnnotation] == "true" {
            self = .clusterWide
        } else if annotations[Self.namespaceWideAnnotation] == "true" {
            self = .namespaceWide
        } else {
            self = .strict
        }
    }

    /// The annotation that records this scope, or nil for strict.
    public var annotation: String? {
        switch self {
        case .strict: return nil
        case .namespaceWide: return Self.namespaceWideAnnotation
        case .clusterWide: return Self.clusterWideAnnotation
        }
    }

    public var description: String { rawValue }
}

extension SealingScope {
    /// kubeseal's `SEALED_SECRETS_SCOPE`, when set.
    public static func fromEnvironment(_ environment: [String: String]) throws -> SealingScope? {
        guard let value = environment["SEALED_SECRETS_SCOPE"], !value.isEmpty else { return nil }
        guard let scope = SealingScope(rawValue: value) else {
            throw SealingError.invalidVariable(name: "SEALED_SECRETS_SCOPE", value: value, expected: ["strict", "namespace-wide", "cluster-wide"])
        }
        return scope
    }
}
