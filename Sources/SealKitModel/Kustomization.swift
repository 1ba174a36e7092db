#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSerialization

/// A kustomize `Kustomization` (or `Component`): the typed fields SealKit reasons about, over the
/// full document, which is kept as read so that writing it back loses no field.
public struct Kustomization: KubernetesObject, Hashable {
    /// The whole document, every field in its original order.
    public private(set) var node: YAMLNode

    /// Decodes a kustomization, checking the types of the fields SealKit reads.
    public init(node: YAMLNode, options: DecodingOptions = .yaml) throws(ManifestError) {
        let reader = try FieldReader(node, path: "", options: options)
        if let kind = try reader.string("kind"), kind != "Kustomization", kind != "Component" {
            throw ManifestError(.wrongKind(expected: "a Kustomization", found: "a \(kind)"), mark: node.mark)
        }
        // Validate the typed fields once, so the accessors below cannot fail.
        for field in ["apiVersion", "kind", "namespace", "namePrefix", "nameSuffix"] { _ = try reader.string(field) }
        for field in ["resources", "components", "bases", "crds", "configurations", "generators", "transformers", "validators"] {
            _ = try reader.stringList(field)
        }
        for field in ["commonLabels", "commonAnnotations"] { _ = try reader.stringMap(field) }
        self.node = node
    }

    /// Reads a `kustomization.yaml` text as kustomize reads it: a key given twice (people's
    /// files repeat `generatorOptions:`) is not an error, the later one wins, and
    /// ``repeatedKeys`` names both places.
    public init(yaml: String) throws(ManifestError) {
        let documents = try YAMLParser(repeatedKeys: .laterWins).parse(Array(yaml.utf8))
        guard let first = documents.first else { throw ManifestError(.empty) }
        guard documents.count == 1 else {
            throw ManifestError(.syntax("expected one document, found \(documents.count)"), documentIndex: 1)
        }
        try self.init(node: first.root)
        repeatedKeys = first.repeatedKeys
    }

    /// The keys the file gives twice in one mapping, where kustomize takes the later one.
    public private(set) var repeatedKeys: [YAMLParser.RepeatedKey] = []

    /// The API version, if set.
    public var apiVersion: String? { string("apiVersion") }
    /// `Kustomization` or `Component`, if set.
    public var kind: String? { string("kind") }
    /// The namespace every resource is moved to.
    public var namespace: String? { string("namespace") }
    /// Prepended to every resource's name.
    public var namePrefix: String? { string("namePrefix") }
    /// Appended to every resource's name.
    public var nameSuffix: String? { string("nameSuffix") }
    /// Files, folders and URLs of resources (and, in older files, bases).
    public var resources: [String] { list("resources") + list("bases") }
    /// Components included.
    public var components: [String] { list("components") }
    /// Generator configurations.
    public var generators: [String] { list("generators") }
    /// Transformer configurations.
    public var transformers: [String] { list("transformers") }
    /// Labels added to every object.
    public var commonLabels: [String: String] { map("commonLabels") }
    /// Annotations added to every object.
    public var commonAnnotations: [String: String] { map("commonAnnotations") }
    /// `patches`, `patchesStrategicMerge`, `patchesJson6902`, `labels`, … as read.
    public func field(_ name: String) -> YAMLNode? { node[name] }

    /// The document as YAML with the original key order and scalar styles (comments are not kept;
    /// edit the file's text where they matter).
    public func yaml() throws(ManifestError) -> String {
        try YAMLEmitter().emit(node)
    }

    private func string(_ name: String) -> String? {
        (try? FieldReader(node, path: "", options: .yaml).string(name)) ?? nil
    }

    private func list(_ name: String) -> [String] {
        ((try? FieldReader(node, path: "", options: .yaml).stringList(name)) ?? nil) ?? []
    }

    private func map(_ name: String) -> [String: String] {
        ((try? FieldReader(node, path: "", options: .yaml).stringMap(name)) ?? nil) ?? [:]
    }
}
