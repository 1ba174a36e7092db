#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSerialization

/// A Kubernetes `v1` Secret.
///
/// `data` holds the decoded bytes; `stringData` the plain strings that the API server merges
/// into `data` (they win on the same key). Values are secrets: SealKit never prints them in
/// errors or descriptions.
public struct Secret: KubernetesObject, Hashable, CustomStringConvertible {
    /// `v1`.
    public var apiVersion: String
    /// `Secret`.
    public var kind: String
    /// The Secret's metadata.
    public var metadata: ObjectMeta
    /// Values as bytes, by key.
    public var data: [String: Data]
    /// Values as text, by key; they win over `data` on the same key.
    public var stringData: [String: String]
    /// The Secret's type, e.g. `Opaque` or `kubernetes.io/tls`; nil when not set.
    public var type: String?
    /// Whether the Secret is immutable.
    public var immutable: Bool?
    /// Fields SealKit does not model, in their original order.
    public var additionalFields: [YAMLNode.Pair]

    /// A Secret of `data` (bytes) and `stringData` (text, which wins on the same key); `Opaque` unless `type` says otherwise.
    public init(name: String? = nil, namespace: String? = nil, data: [String: Data] = [:], stringData: [String: String] = [:], type: String? = nil) {
        apiVersion = "v1"
        kind = "Secret"
        metadata = ObjectMeta(name: name, namespace: namespace)
        self.data = data
        self.stringData = stringData
        self.type = type
        immutable = nil
        additionalFields = []
    }

    static let knownFields: Set<String> = ["apiVersion", "kind", "metadata", "data", "stringData", "type", "immutable"]

    /// Decodes a Secret: base64 `data`, coerced string fields in YAML, errors naming the field.
    public init(node: YAMLNode, options: DecodingOptions = .yaml) throws(ManifestError) {
        let reader = try FieldReader(node, path: "", options: options)
        try expectKind(reader, kind: "Secret", apiGroup: "")
        apiVersion = try reader.string("apiVersion") ?? "v1"
        kind = "Secret"
        metadata = try reader.nested("metadata").map { reader throws(ManifestError) in try ObjectMeta(reader: reader) } ?? ObjectMeta()
        type = try reader.string("type")
        immutable = try reader.bool("immutable")
        stringData = try reader.stringMap("stringData") ?? [:]
        data = [:]
        if let values = reader.value("data"), !values.isNull {
            guard let entries = values.mapping else {
                throw ManifestError(.invalidField(field: "data", problem: "expected a mapping, found \(values.kindName)"), mark: values.mark)
            }
            for entry in entries {
                let key = try FieldReader.key(entry.key, field: "data", options: options)
                guard !entry.value.isNull else { data[key] = Data(); continue }
                // `data` values must be base64 strings; there is no coercion here, as in Kubernetes.
                guard let scalar = entry.value.scalar, scalar.isString,
                      let bytes = Self.decodeBase64(scalar.value) else {
                    throw ManifestError(.invalidField(field: "data.\(key)", problem: "the value is not valid base64"), mark: entry.value.mark)
                }
                data[key] = bytes
            }
        }
        additionalFields = reader.unknownFields(known: Self.knownFields)
    }

    /// Standard padded base64, ignoring line breaks as Go's decoder does.
    package static func decodeBase64(_ text: String) -> Data? {
        let compact = text.filter { $0 != "\n" && $0 != "\r" }
        return Data(base64Encoded: compact)
    }

    /// Every value, `data` and `stringData` merged (stringData wins), as the API server stores it.
    public var mergedData: [String: Data] {
        var merged = data
        for (key, value) in stringData { merged[key] = Data(value.utf8) }
        return merged
    }

    /// The Secret as a node in Go's field order (`kind`, `apiVersion`, `metadata`, `immutable`,
    /// `data`, `stringData`, `type`). An empty value is written as `null`, as kubeseal does.
    public var node: YAMLNode {
        var fields: [(String, YAMLNode)] = [("kind", .string(kind)), ("apiVersion", .string(apiVersion)), ("metadata", metadata.node)]
        if let immutable { fields.append(("immutable", .bool(immutable))) }
        if !data.isEmpty {
            fields.append(("data", .mapping(data.keys.sorted(by: GoYAMLKeyOrder.bytewise).map { key in
                let value = data[key]!
                return (key, value.isEmpty ? .null : .string(value.base64EncodedString()))
            })))
        }
        if !stringData.isEmpty { fields.append(("stringData", .sortedStringMap(stringData))) }
        if let type, !type.isEmpty { fields.append(("type", .string(type))) }
        return YAMLNode.mapping(fields).appending(additionalFields)
    }

    /// Names the Secret and its keys, never its values.
    public var description: String {
        let keys = Set(data.keys).union(stringData.keys).sorted()
        return "Secret \(metadata.namespace.map { "\($0)/" } ?? "")\(metadata.name ?? "<unnamed>") with keys \(keys)"
    }
}
