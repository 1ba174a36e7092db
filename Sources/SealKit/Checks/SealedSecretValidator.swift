#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Validates SealedSecret documents without any key: the CRD schema the API server enforces,
/// and the rules the controller relies on (a name, a namespace unless cluster-wide, one scope,
/// values that have the layout of sealed values).
public struct SealedSecretValidator: Sendable {
    private let schema: StructuralSchema

    /// The embedded CRD, parsed once. Not reachable by input: the text is a constant compiled
    /// into SealKit, and a test parses it, so a failure here is a build defect.
    private static let controllerSchema = try! StructuralSchema(crdYAML: SealedSecretCRD.yaml)

    /// A validator for the controller's CRD (embedded in SealKit, see ``SealedSecretCRD``).
    public init() {
        schema = Self.controllerSchema
    }

    /// Every problem of one document. A document that is not a SealedSecret gives one problem.
    public func validate(_ node: YAMLNode, options: DecodingOptions = .yaml) -> [ValidationProblem] {
        guard node.mapping != nil else {
            return [.init(.error, field: "", "expected a SealedSecret, found \(node.kindName)", mark: node.mark)]
        }
        var problems: [ValidationProblem] = []
        let kind = node["kind"]?.scalar?.value
        if kind != "SealedSecret" {
            problems.append(.init(.error, field: "kind", "expected SealedSecret, found \(kind.map { "\"\($0)\"" } ?? "none")", mark: node["kind"]?.mark ?? node.mark))
        }
        let apiVersion = node["apiVersion"]?.scalar?.value
        if apiVersion != SealedSecret.apiVersion {
            problems.append(.init(.error, field: "apiVersion", "expected \(SealedSecret.apiVersion), found \(apiVersion.map { "\"\($0)\"" } ?? "none")", mark: node["apiVersion"]?.mark ?? node.mark))
        }
        problems += schema.validate(node)
        guard problems.allSatisfy({ $0.severity == .warning }) else { return problems }

        let sealed: SealedSecret
        do {
            sealed = try SealedSecret(node: node, options: options)
        } catch {
            return problems + [.init(.error, field: "", "\(error)", mark: error.mark)]
        }
        let metadata = node["metadata"]
        if (sealed.metadata.name ?? "").isEmpty {
            problems.append(.init(.error, field: "metadata.name", "is required", mark: metadata?.mark ?? node.mark))
        }
        let annotations = sealed.metadata.annotations
        if annotations[SealingScope.clusterWideAnnotation] == "true", annotations[SealingScope.namespaceWideAnnotation] == "true" {
            problems.append(.init(.error, field: "metadata.annotations", "both the cluster-wide and the namespace-wide annotation are set; the controller uses cluster-wide",
                                  mark: metadata?["annotations"]?.mark))
        }
        if sealed.scope != .clusterWide, (sealed.metadata.namespace ?? "").isEmpty {
            problems.append(.init(.error, field: "metadata.namespace", "a \(sealed.scope) SealedSecret needs the namespace it was sealed for", mark: metadata?.mark ?? node.mark))
        }
        let encrypted = node["spec"]?["encryptedData"]
        for (key, ciphertext) in sealed.spec.encryptedData.sorted(by: { $0.key < $1.key }) {
            let mark = encrypted?[key]?.mark
            guard let bytes = Secret.decodeBase64(ciphertext) else { continue }
            do {
                let value = try SealedValue(bytes: Array(bytes))
                if value.keyBitCount < 1024 || value.keyBitCount % 256 != 0 {
                    problems.append(.init(.error, field: "spec.encryptedData.\(key)", "an RSA block of \(value.keyBlock.count) bytes is not a plausible key size", mark: mark))
                }
            } catch {
                problems.append(.init(.error, field: "spec.encryptedData.\(key)", "not a sealed value: \(error)", mark: mark))
            }
        }
        if sealed.spec.encryptedData.isEmpty, sealed.spec.legacyData == nil {
            problems.append(.init(.warning, field: "spec.encryptedData", "is empty; the Secret will have no data"))
        }
        return problems
    }
}
