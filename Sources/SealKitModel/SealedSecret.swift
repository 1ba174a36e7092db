#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitCrypto
import SealKitSerialization

/// A `bitnami.com/v1alpha1` SealedSecret: encrypted values plus the template of the Secret the
/// controller creates from them.
public struct SealedSecret: KubernetesObject, Hashable {
    /// The API version every SealedSecret uses.
    public static let apiVersion = "bitnami.com/v1alpha1"

    /// The top-level annotation in which SealKit can record the fingerprint of the key a
    /// SealedSecret was sealed for (see ``/SealKitCrypto/KeyFingerprint``), so that unsealing tries that key
    /// first and a mismatch is named. The controller ignores it.
    public static let keyFingerprintAnnotation = "sealkit.io/sealing-key-fingerprint"

    /// The fingerprint recorded in ``keyFingerprintAnnotation``, if any.
    public var recordedKeyFingerprint: KeyFingerprint? {
        metadata.annotations[Self.keyFingerprintAnnotation].flatMap(KeyFingerprint.init(rawValue:))
    }

    /// `bitnami.com/v1alpha1`.
    public var apiVersion: String
    /// `SealedSecret`.
    public var kind: String
    /// Top-level metadata: name, namespace and scope annotation.
    public var metadata: ObjectMeta
    /// The sealed values and the template.
    public var spec: Spec
    /// The controller's status, kept as read.
    public var status: YAMLNode?
    /// Fields SealKit does not model, in their original order.
    public var additionalFields: [YAMLNode.Pair]

    /// `spec`: the sealed values and the template.
    public struct Spec: Sendable, Hashable {
        /// The Secret the controller creates, besides its values.
        public var template: Template
        /// The legacy (pre-v0.9) format: the whole Secret sealed as one value, base64.
        public var legacyData: String?
        /// Sealed values, base64, by key.
        public var encryptedData: [String: String]
        /// Fields SealKit does not model, in their original order.
        public var additionalFields: [YAMLNode.Pair]

        /// A spec of sealed values and the template of the Secret they become.
        public init(template: Template = Template(), encryptedData: [String: String] = [:]) {
            self.template = template
            self.encryptedData = encryptedData
            self.legacyData = nil
            self.additionalFields = []
        }
    }

    /// `spec.template`: what the created Secret looks like besides its values.
    public struct Template: Sendable, Hashable {
        /// Top-level metadata: name, namespace and scope annotation.
        public var metadata: ObjectMeta
        /// The Secret's type, e.g. `Opaque`.
        public var type: String?
        /// Whether the Secret is immutable.
        public var immutable: Bool?
        /// Go templates rendered with the decrypted values into extra keys (`{{ .password }}`).
        public var data: [String: String]
        /// Fields SealKit does not model, in their original order.
        public var additionalFields: [YAMLNode.Pair]

        /// A template; an empty one makes an Opaque Secret with the SealedSecret's name.
        public init(metadata: ObjectMeta = ObjectMeta(), type: String? = nil, immutable: Bool? = nil) {
            self.metadata = metadata
            self.type = type
            self.immutable = immutable
            self.data = [:]
            self.additionalFields = []
        }
    }

    /// A SealedSecret of `spec`, at kubeseal's `apiVersion`.
    public init(metadata: ObjectMeta, spec: Spec) {
        apiVersion = Self.apiVersion
        kind = "SealedSecret"
        self.metadata = metadata
        self.spec = spec
        status = nil
        additionalFields = []
    }

    /// Decodes a SealedSecret; a document of another kind is an error naming it.
    public init(node: YAMLNode, options: DecodingOptions = .yaml) throws(ManifestError) {
        let reader = try FieldReader(node, path: "", options: options)
        try expectKind(reader, kind: "SealedSecret", apiGroup: "bitnami.com")
        apiVersion = try reader.string("apiVersion") ?? Self.apiVersion
        kind = "SealedSecret"
        metadata = try reader.nested("metadata").map { reader throws(ManifestError) in try ObjectMeta(reader: reader) } ?? ObjectMeta()
        guard let specReader = try reader.nested("spec") else { throw ManifestError(.missingField("spec"), mark: node.mark) }
        spec = try Spec(reader: specReader)
        status = reader.value("status")
        additionalFields = reader.unknownFields(known: ["apiVersion", "kind", "metadata", "spec", "status"])
    }

    /// The scope the top-level annotations select.
    public var scope: SealingScope { SealingScope(annotations: metadata.annotations) }

    /// The SealedSecret in Go's field order: `kind`, `apiVersion`, `metadata`, `spec`, `status`.
    public var node: YAMLNode {
        var fields: [(String, YAMLNode)] = [("kind", .string(kind)), ("apiVersion", .string(apiVersion)),
                                            ("metadata", metadata.node), ("spec", spec.node)]
        if let status { fields.append(("status", status)) }
        return YAMLNode.mapping(fields).appending(additionalFields)
    }
}

extension SealedSecret.Spec {
    init(reader: FieldReader) throws(ManifestError) {
        template = try reader.nested("template").map { reader throws(ManifestError) in try SealedSecret.Template(reader: reader) } ?? SealedSecret.Template()
        legacyData = try reader.string("data")
        encryptedData = [:]
        if let values = reader.value("encryptedData"), !values.isNull {
            guard let entries = values.mapping else {
                throw ManifestError(.invalidField(field: "spec.encryptedData", problem: "expected a mapping, found \(values.kindName)"), mark: values.mark)
            }
            for entry in entries {
                let key = try FieldReader.key(entry.key, field: "spec.encryptedData", options: reader.options)
                // The API server prunes a null value (the schema does not allow null) before it stores the object.
                if entry.value.isNull { continue }
                guard let text = try FieldReader.text(entry.value, field: SecretRules.field("spec.encryptedData", key: key), options: reader.options),
                      Secret.isBase64(text) else {
                    throw ManifestError(.invalidField(field: SecretRules.field("spec.encryptedData", key: key), problem: "the value is not valid base64"), mark: entry.value.mark)
                }
                encryptedData[key] = text
            }
        }
        additionalFields = reader.unknownFields(known: ["template", "data", "encryptedData"])
    }

    /// `template` (always), `data` (legacy, when set), `encryptedData` (always, `{}` when empty).
    public var node: YAMLNode {
        var fields: [(String, YAMLNode)] = [("template", template.node)]
        if let legacyData, !legacyData.isEmpty { fields.append(("data", .string(legacyData))) }
        fields.append(("encryptedData", .sortedStringMap(encryptedData)))
        return YAMLNode.mapping(fields).appending(additionalFields)
    }
}

extension SealedSecret.Template {
    init(reader: FieldReader) throws(ManifestError) {
        metadata = try reader.nested("metadata").map { reader throws(ManifestError) in try ObjectMeta(reader: reader) } ?? ObjectMeta()
        type = try reader.string("type")
        immutable = try reader.bool("immutable")
        data = try reader.stringMap("data") ?? [:]
        additionalFields = reader.unknownFields(known: ["metadata", "type", "immutable", "data"])
    }

    /// `metadata` (always), `type`, `immutable`, `data`, as Go writes them.
    public var node: YAMLNode {
        var fields: [(String, YAMLNode)] = [("metadata", metadata.node)]
        if let type, !type.isEmpty { fields.append(("type", .string(type))) }
        if let immutable { fields.append(("immutable", .bool(immutable))) }
        if !data.isEmpty { fields.append(("data", .sortedStringMap(data))) }
        return YAMLNode.mapping(fields).appending(additionalFields)
    }
}

extension YAMLNode {
    /// This mapping with `pairs` added at the end.
    func appending(_ pairs: [Pair]) -> YAMLNode {
        guard !pairs.isEmpty, case .mapping(let existing) = content else { return self }
        return YAMLNode(.mapping(existing + pairs), mark: mark)
    }
}
