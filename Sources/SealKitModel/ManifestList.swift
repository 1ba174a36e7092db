#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSerialization

/// A `kind: List` of objects, as `kubectl get … -o yaml` prints several objects.
public struct ManifestList: KubernetesObject, Hashable {
    /// The List's API version (`v1`).
    public var apiVersion: String
    /// The items, as read.
    public var items: [YAMLNode]
    /// Fields besides `apiVersion`, `kind` and `items` (e.g. `metadata`), in their original order.
    public var additionalFields: [YAMLNode.Pair]

    /// A List of `items`.
    public init(items: [YAMLNode], apiVersion: String = "v1") {
        self.apiVersion = apiVersion
        self.items = items
        self.additionalFields = []
    }

    /// Decodes a `kind: List`.
    public init(node: YAMLNode, options: DecodingOptions = .yaml) throws(ManifestError) {
        let reader = try FieldReader(node, path: "", options: options)
        try expectKind(reader, kind: "List", apiGroup: nil)
        apiVersion = try reader.string("apiVersion") ?? "v1"
        if let value = reader.value("items"), !value.isNull {
            guard let sequence = value.sequence else {
                throw ManifestError(.invalidField(field: "items", problem: "expected a list, found \(value.kindName)"), mark: value.mark)
            }
            items = sequence
        } else {
            items = []
        }
        additionalFields = reader.unknownFields(known: ["apiVersion", "kind", "items"])
    }

    /// `apiVersion`, `kind`, `items`, then the other fields.
    public var node: YAMLNode {
        YAMLNode.mapping([("apiVersion", .string(apiVersion)), ("kind", .string("List")), ("items", .sequence(items))])
            .appending(additionalFields)
    }
}
