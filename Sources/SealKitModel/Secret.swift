#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
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

    /// Whether `text` is standard padded base64 as Go's `base64.StdEncoding` reads it (what the
    /// API server's `format: byte` and the controller decode with): line breaks ignored, the
    /// length a multiple of four, padding only at the end. One scan that decodes and allocates
    /// nothing, so that the checks that only need the answer (a SealedSecret's values when it is
    /// read, the schema's `format: byte`) leave the decoding to the one place that uses it.
    package static func isBase64(_ text: String) -> Bool {
        var count = 0, padding = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { continue }
            count += 1
            if byte == UInt8(ascii: "=") { padding += 1; continue }
            guard padding == 0, ASCII.isAlphanumeric(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/") else { return false }
        }
        return count % 4 == 0 && padding <= 2
    }

    /// Standard padded base64, ignoring line breaks, refused where Go's decoder refuses it
    /// (``isBase64(_:)``; Foundation's alone also takes padding in the middle, `AA=A`).
    package static func decodeBase64(_ text: String) -> Data? {
        guard isBase64(text) else { return nil }
        // By bytes: a CRLF is one Character, which a Character filter would keep.
        return Data(base64Encoded: String(decoding: text.utf8.filter { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }, as: UTF8.self))
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
