#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSerialization

/// Kubernetes object metadata. Fields the server sets are kept as read so that a round trip
/// loses nothing; fields SealKit does not know are kept in ``additionalFields``.
public struct ObjectMeta: Sendable, Hashable {
    /// The object's name.
    public var name: String?
    /// A prefix from which the server makes a name.
    public var generateName: String?
    /// The object's namespace.
    public var namespace: String?
    /// String labels, which selectors (and kustomize's `labels:`) match.
    public var labels: [String: String]
    /// String annotations: settings for controllers (the sealing scope), tools' state, notes.
    public var annotations: [String: String]
    /// Objects that own this one.
    public var ownerReferences: [OwnerReference]
    /// Controllers that must finish before the object is deleted, by name.
    public var finalizers: [String]

    /// Server-set fields, kept as read (`creationTimestamp: null` included, as kubeseal ≤ 0.31 wrote).
    public var selfLink: String?
    /// Server-set unique id.
    public var uid: String?
    /// Server-set version.
    public var resourceVersion: String?
    /// Server-set generation, as read.
    public var generation: YAMLNode?
    /// Creation time, as read (kubeseal 0.31 wrote `null`).
    public var creationTimestamp: YAMLNode?
    /// Deletion time, as read.
    public var deletionTimestamp: YAMLNode?
    /// Deletion grace period, as read.
    public var deletionGracePeriodSeconds: YAMLNode?
    /// Server-side apply's field ownership, as read.
    public var managedFields: YAMLNode?

    /// Fields SealKit does not model, in their original order.
    public var additionalFields: [YAMLNode.Pair]

    /// Metadata with a name, namespace, labels and annotations.
    public init(name: String? = nil, namespace: String? = nil, labels: [String: String] = [:], annotations: [String: String] = [:]) {
        self.name = name
        self.namespace = namespace
        self.labels = labels
        self.annotations = annotations
        self.ownerReferences = []
        self.finalizers = []
        self.additionalFields = []
    }

    static let knownFields: Set<String> = [
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers", "managedFields",
    ]

    init(reader: FieldReader) throws(ManifestError) {
        name = try reader.string("name")
        generateName = try reader.string("generateName")
        namespace = try reader.string("namespace")
        selfLink = try reader.string("selfLink")
        uid = try reader.string("uid")
        resourceVersion = try reader.string("resourceVersion")
        generation = reader.value("generation")
        creationTimestamp = reader.value("creationTimestamp")
        deletionTimestamp = reader.value("deletionTimestamp")
        deletionGracePeriodSeconds = reader.value("deletionGracePeriodSeconds")
        labels = try reader.stringMap("labels") ?? [:]
        annotations = try reader.stringMap("annotations") ?? [:]
        finalizers = try reader.stringList("finalizers") ?? []
        managedFields = reader.value("managedFields")
        ownerReferences = []
        if let references = reader.value("ownerReferences"), !references.isNull {
            guard let items = references.sequence else {
                throw ManifestError(.invalidField(field: reader.fieldPath("ownerReferences"), problem: "expected a list, found \(references.kindName)"), mark: references.mark)
            }
            for (index, item) in items.enumerated() {
                ownerReferences.append(try OwnerReference(reader: FieldReader(item, path: "\(reader.fieldPath("ownerReferences"))[\(index)]", options: reader.options)))
            }
        }
        additionalFields = reader.unknownFields(known: Self.knownFields)
    }

    /// Decodes metadata from a node.
    public init(node: YAMLNode, options: DecodingOptions = .yaml) throws(ManifestError) {
        try self.init(reader: FieldReader(node, path: "metadata", options: options))
    }

    /// Clears what the API server sets (`uid`, `resourceVersion`, `generation`,
    /// `creationTimestamp`, `deletionTimestamp`, `deletionGracePeriodSeconds`, `selfLink`).
    public mutating func removeServerSetFields() {
        selfLink = nil
        uid = nil
        resourceVersion = nil
        generation = nil
        creationTimestamp = nil
        deletionTimestamp = nil
        deletionGracePeriodSeconds = nil
    }

    /// The metadata as a node, in Go's field order, empty fields omitted.
    public var node: YAMLNode {
        var fields: [(String, YAMLNode)] = []
        func add(_ name: String, _ value: String?) {
            if let value, !value.isEmpty { fields.append((name, .string(value))) }
        }
        func add(_ name: String, _ value: YAMLNode?) {
            if let value { fields.append((name, value)) }
        }
        add("name", name)
        add("generateName", generateName)
        add("namespace", namespace)
        add("selfLink", selfLink)
        add("uid", uid)
        add("resourceVersion", resourceVersion)
        add("generation", generation)
        add("creationTimestamp", creationTimestamp)
        add("deletionTimestamp", deletionTimestamp)
        add("deletionGracePeriodSeconds", deletionGracePeriodSeconds)
        if !labels.isEmpty { fields.append(("labels", .sortedStringMap(labels))) }
        if !annotations.isEmpty { fields.append(("annotations", .sortedStringMap(annotations))) }
        if !ownerReferences.isEmpty { fields.append(("ownerReferences", .sequence(ownerReferences.map(\.node)))) }
        if !finalizers.isEmpty { fields.append(("finalizers", .sequence(finalizers.map { .string($0) }))) }
        add("managedFields", managedFields)
        return YAMLNode.mapping(fields).appending(additionalFields)
    }
}
