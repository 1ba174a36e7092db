#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitCrypto
import SealKitSerialization
import SealKitModel

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
    ///
    /// `values`, when a private key opened them, are judged as the API server will judge the
    /// Secret. `namespaceSupplied` says that something around the file (a kustomization's
    /// `namespace:`) gives the SealedSecret its namespace.
    ///
    /// `opening`, when given, opens the values once the SealedSecret is found sound (decoded
    /// once, each value parsed once): the values it gives are judged too and wiped after, and a
    /// failure to open is one more problem. One pass, whether or not there is a key.
    public func validate(_ node: YAMLNode, options: DecodingOptions = .yaml, values: [String: [UInt8]] = [:], namespaceSupplied: Bool = false,
                         opening: ((SealedSecret) throws -> [String: [UInt8]])? = nil) -> [ValidationProblem] {
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
        // The API server answers with every field error of an object at once: the metadata's are
        // judged whether or not the schema passed.
        let metadata = node["metadata"]
        problems += stringValues(of: metadata, field: "metadata")
        guard problems.allSatisfy({ $0.severity == .warning }) else { return problems }

        let sealed: SealedSecret
        do {
            sealed = try SealedSecret(node: node, options: options)
        } catch {
            // The problem carries the location; the message must not repeat it.
            return problems + [.init(.error, field: "", "\(ManifestError(error.reason))", mark: error.mark)]
        }
        if (sealed.metadata.name ?? "").isEmpty {
            problems.append(.init(.error, field: "metadata.name", "is required", mark: metadata?.mark ?? node.mark))
        }
        let annotations = sealed.metadata.annotations
        if annotations[SealingScope.clusterWideAnnotation] == "true", annotations[SealingScope.namespaceWideAnnotation] == "true" {
            problems.append(.init(.error, field: "metadata.annotations", "both the cluster-wide and the namespace-wide annotation are set; the controller uses cluster-wide",
                                  mark: metadata?["annotations"]?.mark))
        }
        if sealed.scope != .clusterWide, (sealed.metadata.namespace ?? "").isEmpty, !namespaceSupplied {
            // Helm, Argo CD, kustomize and `kubectl apply -n` supply one: not an error, but the
            // values open only in the namespace they were sealed for.
            problems.append(.init(.warning, field: "metadata.namespace",
                                  "not set: this \(sealed.scope) SealedSecret opens only if whatever applies it (Helm, Argo CD, kubectl apply -n) puts it in the namespace it was sealed for",
                                  mark: metadata?.mark ?? node.mark))
        }
        problems += templateConsistency(sealed, node: node)
        let marks = node["spec"]?["encryptedData"]?.marksByKey ?? [:]
        var sealedValues: [String: SealedValue] = [:]
        for (key, ciphertext) in sealed.spec.encryptedData.sorted(by: { $0.key < $1.key }) {
            let mark = marks[key]
            guard let bytes = Secret.decodeBase64(ciphertext) else { continue }
            do {
                let value = try SealedValue(bytes: Array(bytes))
                sealedValues[key] = value
                if value.keyBitCount < 1024 || value.keyBitCount % 256 != 0 {
                    problems.append(.init(.error, field: SecretRules.field("spec.encryptedData", key: key), "an RSA block of \(value.keyBlock.count) bytes is not a plausible key size", mark: mark))
                }
            } catch {
                problems.append(.init(.error, field: SecretRules.field("spec.encryptedData", key: key), "not a sealed value: \(error)", mark: mark))
            }
        }
        if sealed.spec.encryptedData.isEmpty, sealed.spec.legacyData == nil {
            problems.append(.init(.warning, field: "spec.encryptedData", "is empty; the Secret will have no data"))
        }
        var values = values
        defer { SecureMemory.wipe(&values) }
        if let opening, !problems.contains(where: { $0.severity == .error }) {
            do {
                values = try opening(sealed)
            } catch {
                problems.append(ValidationProblem(.error, field: "spec.encryptedData", "\(error)", mark: node["spec"]?.mark))
            }
        }
        // What the API server will check when the controller creates the Secret.
        problems += SecretRules.problems(ofSealed: sealed, values: values, sealedValues: sealedValues).map { problem in
            var located = problem
            located.mark = Self.mark(of: problem.field, in: node) ?? problem.mark
            return located
        }
        return problems
    }

    /// Labels and annotations must be strings: a YAML number or boolean (`sync-wave: 0`) is
    /// refused by the API server; a null becomes an empty string.
    private func stringValues(of metadata: YAMLNode?, field: String) -> [ValidationProblem] {
        var problems: [ValidationProblem] = []
        for map in ["labels", "annotations"] {
            for pair in metadata?[map]?.mapping ?? [] {
                let path = SecretRules.field("\(field).\(map)", key: pair.key.scalar?.value ?? "")
                if pair.value.isNull {
                    problems.append(.init(.warning, field: path, "is null; the API server stores an empty string", mark: pair.value.mark))
                } else if let scalar = pair.value.scalar, !scalar.isString {
                    problems.append(.init(.error, field: path, "must be a string, found \(pair.value.kindName): quote it (\"\(scalar.value)\")", mark: pair.value.mark))
                } else if pair.value.scalar == nil {
                    problems.append(.init(.error, field: path, "must be a string, found \(pair.value.kindName)", mark: pair.value.mark))
                }
            }
        }
        return problems
    }

    /// The template's name, namespace and scope annotations against the SealedSecret's own:
    /// the controller names the Secret after the SealedSecret, and since v0.36 overwrites a
    /// template that says otherwise when it re-encrypts.
    private func templateConsistency(_ sealed: SealedSecret, node: YAMLNode) -> [ValidationProblem] {
        let template = sealed.spec.template.metadata
        let templateNode = node["spec"]?["template"]?["metadata"]
        var problems: [ValidationProblem] = []
        for (field, own, theirs) in [("name", sealed.metadata.name, template.name), ("namespace", sealed.metadata.namespace, template.namespace)] {
            if let theirs, !theirs.isEmpty, let own, !own.isEmpty, own != theirs {
                problems.append(.init(.warning, field: "spec.template.metadata.\(field)", "is \"\(theirs)\" but metadata.\(field) is \"\(own)\"; the controller uses \"\(own)\"", mark: templateNode?[field]?.mark))
            }
        }
        for annotation in [SealingScope.namespaceWideAnnotation, SealingScope.clusterWideAnnotation] {
            let own = sealed.metadata.annotations[annotation] == "true", theirs = template.annotations[annotation] == "true"
            if theirs && !own {
                problems.append(.init(.warning, field: SecretRules.field("spec.template.metadata.annotations", key: annotation),
                                      "is set in the template only; the scope comes from metadata.annotations, so the values are opened as \(sealed.scope)",
                                      mark: templateNode?["annotations"]?.mark))
            }
        }
        return problems
    }

    /// The node at a field path (`spec.encryptedData[tls.crt]`), for its mark.
    static func mark(of field: String, in node: YAMLNode) -> YAMLNode.Mark? {
        var current: YAMLNode? = node
        var rest = Substring(field)
        while !rest.isEmpty, let here = current {
            let name: Substring
            if rest.hasPrefix("[") {
                guard let close = rest.firstIndex(of: "]") else { return nil }
                name = rest[rest.index(after: rest.startIndex)..<close]
                rest = rest[rest.index(after: close)...]
            } else {
                let end = rest.firstIndex { $0 == "." || $0 == "[" } ?? rest.endIndex
                name = rest[..<end]
                rest = rest[end...]
            }
            if rest.hasPrefix(".") { rest = rest.dropFirst() }
            guard let next = here[String(name)] else { return here.mark }
            current = next
        }
        return current?.mark
    }
}
