#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSerialization
import SealKitModel

/// The part of OpenAPI v3 that Kubernetes CRD structural schemas use: `type`, `properties`,
/// `required`, `additionalProperties`, `items`, `nullable`, `format: byte`,
/// `x-kubernetes-preserve-unknown-fields`. Validates a document as the API server would,
/// reporting fields it would prune as warnings.
public struct StructuralSchema: Sendable {
    private let node: YAMLNode

    /// A schema from its node (an `openAPIV3Schema`).
    public init(node: YAMLNode) {
        self.node = node
    }

    /// The `openAPIV3Schema` of the first version of a CRD.
    public init(crdYAML: String) throws {
        let crd = try YAMLParser().parseSingle(Array(crdYAML.utf8))
        guard let schema = crd["spec"]?["versions"]?.sequence?.first?["schema"]?["openAPIV3Schema"] else {
            throw ManifestError(.missingField("spec.versions[0].schema.openAPIV3Schema"))
        }
        self.init(node: schema)
    }

    /// Every problem of `document` under this schema.
    public func validate(_ document: YAMLNode) -> [ValidationProblem] {
        var problems: [ValidationProblem] = []
        validate(document, against: node, path: "", into: &problems)
        return problems
    }

    private func validate(_ value: YAMLNode, against schema: YAMLNode, path: String, into problems: inout [ValidationProblem]) {
        if value.isNull {
            // "null values for fields that either don't specify the nullable flag, or give it a
            // false value, will be pruned" (CRD docs, Defaulting and Nullable): the API server
            // drops them, so the field is as good as absent.
            if schema["nullable"]?.scalar?.resolved != .bool(true), schema["type"] != nil {
                problems.append(.init(.warning, field: path, "is null; the API server drops it", mark: value.mark))
            }
            return
        }
        if let type = schema["type"]?.scalar?.value, !matches(value, type: type) {
            problems.append(.init(.error, field: path, "must be \(Self.article(type)), found \(value.kindName)", mark: value.mark))
            return
        }
        if schema["format"]?.scalar?.value == "byte", let text = value.scalar?.value, !Secret.isBase64(text) {
            problems.append(.init(.error, field: path, "must be base64", mark: value.mark))
        }
        if let pairs = value.mapping {
            let properties = schema["properties"]?.mapping ?? []
            for required in schema["required"]?.sequence ?? [] {
                // A pruned null does not count as present.
                if let name = required.scalar?.value, !pairs.contains(where: { $0.key.scalar?.value == name && !$0.value.isNull }) {
                    problems.append(.init(.error, field: join(path, name), "is required", mark: value.mark))
                }
            }
            let preservesUnknown = schema["x-kubernetes-preserve-unknown-fields"]?.scalar?.resolved == .bool(true)
            for pair in pairs {
                let name = pair.key.scalar?.value ?? pair.key.description
                if let property = properties.first(where: { $0.key.scalar?.value == name }) {
                    validate(pair.value, against: property.value, path: join(path, name), into: &problems)
                } else if let additional = schema["additionalProperties"], additional.mapping != nil {
                    validate(pair.value, against: additional, path: join(path, name), into: &problems)
                } else if !properties.isEmpty, !preservesUnknown {
                    problems.append(.init(.warning, field: join(path, name), "is not in the SealedSecret schema; the API server drops it", mark: pair.key.mark))
                }
            }
        } else if let items = value.sequence, let itemSchema = schema["items"] {
            for (index, item) in items.enumerated() {
                validate(item, against: itemSchema, path: "\(path)[\(index)]", into: &problems)
            }
        }
    }

    private func matches(_ value: YAMLNode, type: String) -> Bool {
        switch (type, value.content) {
        case ("object", .mapping), ("array", .sequence): return true
        case ("string", .scalar(let scalar)): return scalar.isString || scalar.resolved == .timestamp
        case ("boolean", .scalar(let scalar)):
            if case .bool = scalar.resolved { return true }
            return false
        case ("integer", .scalar(let scalar)):
            if case .int = scalar.resolved { return true }
            return false
        case ("number", .scalar(let scalar)):
            switch scalar.resolved {
            case .int, .float: return true
            default: return false
            }
        default: return false
        }
    }

    private func join(_ path: String, _ name: String) -> String { path.isEmpty ? name : SecretRules.field(path, key: name) }

    private static func article(_ type: String) -> String {
        ["object": "an object", "array": "a list", "integer": "an integer"][type] ?? "a \(type)"
    }
}
