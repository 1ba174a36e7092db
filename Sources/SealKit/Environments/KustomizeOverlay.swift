#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitSerialization
import SealKitModel

/// A kustomize overlay as kustomize will render it, as far as sealing cares: the namespace and
/// name changes it applies, the objects it includes (following `resources` and `components`
/// into bases and nested overlays), and what its workloads read from Secrets.
public struct KustomizeOverlay: Sendable {
    /// An object found in the overlay's resources, with its final name and namespace.
    public struct Resource: Sendable {
        /// The object's kind.
        public var kind: String
        /// The object's API version.
        public var apiVersion: String
        /// The name as written in its file.
        public var name: String
        /// The namespace as written in its file.
        public var namespace: String?
        /// The name after every `namePrefix` / `nameSuffix` on the way up.
        public var finalName: String
        /// The namespace after every `namespace:` on the way up (the outermost wins).
        public var finalNamespace: String?
        /// The file the object is in.
        public var file: URL
        /// The object's document index in its file (0-based).
        public var documentIndex: Int
        /// Where the object starts in its file.
        public var mark: YAMLNode.Mark?
        /// The object as read.
        public var node: YAMLNode

        /// The file and document, as one key (`/abs/path.yaml#0`).
        var location: String { "\(file.standardizedFileURL.path)#\(documentIndex)" }
    }

    /// One reference from a workload to a Secret.
    public struct SecretReference: Sendable, Equatable {
        /// The Secret's name as the workload writes it.
        public var secretName: String
        /// The key read, or nil when the whole Secret is read (`envFrom`, a volume without items).
        public var key: String?
        /// Whether the reference is marked `optional: true`.
        public var isOptional: Bool
        /// Where in the workload (`spec.template.spec.containers[0].env[1]`).
        public var field: String
    }

    /// A Deployment, StatefulSet, DaemonSet, Job, CronJob or Pod and the Secrets it reads.
    public struct Workload: Sendable {
        /// The workload object.
        public var resource: Resource
        /// Every reference to a Secret in its pod spec.
        public var references: [SecretReference]
    }

    /// The overlay's folder.
    public let directory: URL
    /// The overlay's own kustomization.
    public let kustomization: Kustomization
    /// Every object kustomize would include, with the names it would give them.
    public let resources: [Resource]

    /// Reads the overlay in `directory` (its `kustomization.yaml`, `.yml` or `Kustomization`).
    public init(directory: URL) throws {
        var visited = Set<String>()
        try self.init(directory: directory.standardizedFileURL, visited: &visited)
    }

    private init(directory: URL, visited: inout Set<String>) throws {
        guard visited.insert(directory.path).inserted else {
            throw ManifestError(.kustomizationCycle(directory: directory.path))
        }
        guard let file = Self.kustomizationFile(in: directory) else { throw ManifestError(.noKustomization(directory: directory.path)) }
        let kustomization: Kustomization
        do {
            kustomization = try Kustomization(yaml: FileBytes.text(file.path))
        } catch let error as ManifestError {
            throw error.inFile(file.path)
        }
        self.directory = directory
        self.kustomization = kustomization
        var resources: [Resource] = []
        for entry in kustomization.resources + kustomization.components {
            if entry.contains("://") || entry.hasPrefix("github.com/") { continue }  // remote bases are not followed
            let url = directory.appendingPathComponent(entry).standardizedFileURL
            let kind = POSIX.kind(ofPath: url.path)
            guard kind != .missing else {
                throw ManifestError(.missingResource(entry: entry), file: file.path)
            }
            if kind == .directory {
                resources += try KustomizeOverlay(directory: url, visited: &visited).resources
            } else {
                resources += try Self.resources(in: url)
            }
        }
        let prefix = kustomization.namePrefix ?? "", suffix = kustomization.nameSuffix ?? ""
        let namespace = kustomization.namespace.flatMap { $0.isEmpty ? nil : $0 }
        self.resources = resources.map { resource in
            var changed = resource
            if !Self.isClusterScoped(resource.kind) {
                changed.finalName = prefix + resource.finalName + suffix
                if let namespace { changed.finalNamespace = namespace }
            }
            return changed
        }
    }

    /// The workloads and what they read from Secrets.
    public var workloads: [Workload] {
        resources.compactMap { resource in
            guard let podSpec = Self.podSpec(of: resource) else { return nil }
            return Workload(resource: resource, references: Self.secretReferences(in: podSpec.node, path: podSpec.path))
        }
    }

    /// The keys the workloads read from the Secret called `secretName` (as they write it), and
    /// whether some workload reads the whole Secret.
    public func referencedKeys(of secretName: String) -> (keys: [String], required: [String]) {
        let references = workloads.flatMap(\.references).filter { $0.secretName == secretName }
        let keys = Set(references.compactMap(\.key))
        let required = Set(references.filter { !$0.isOptional }.compactMap(\.key))
        return (keys.sorted(), required.sorted())
    }

    /// The workloads that read `secretName`, for `kubectl rollout restart`.
    public func workloads(reading secretName: String) -> [Workload] {
        workloads.filter { $0.references.contains { $0.secretName == secretName } }
    }

    /// What its `resources` and `components` name (folders and files), as standardized paths:
    /// a kustomization folder among them is a base of this one.
    public var includedPaths: Set<String> {
        Set((kustomization.resources + kustomization.components).map { directory.appendingPathComponent($0).standardizedFileURL.path })
    }

    /// Whether `file` is a kustomization that `check` and `status` follow.
    static func isKustomizationFile(_ file: URL) -> Bool {
        ["kustomization.yaml", "kustomization.yml"].contains(file.lastPathComponent)
    }

    static func kustomizationFile(in directory: URL) -> URL? {
        ["kustomization.yaml", "kustomization.yml", "Kustomization"].map { directory.appendingPathComponent($0) }
            .first { FileManager.default.fileExists(atPath: $0.path) }
    }

    static func resources(in file: URL) throws -> [Resource] {
        let bytes = try FileBytes.read(file.path)
        let stream: ManifestStream
        do {
            stream = try ManifestStream(bytes: bytes)
        } catch {
            throw error.inFile(file.path)
        }
        return stream.documents.compactMap { document in
            guard let kind = document.kind else { return nil }
            let name = document.node["metadata"]?["name"]?.scalar?.value ?? ""
            let namespace = document.node["metadata"]?["namespace"]?.scalar?.value
            return Resource(kind: kind, apiVersion: document.apiVersion ?? "", name: name, namespace: namespace, finalName: name,
                            finalNamespace: namespace, file: file, documentIndex: document.index, mark: document.mark, node: document.node)
        }
    }

    static func isClusterScoped(_ kind: String) -> Bool {
        ["Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PersistentVolume", "StorageClass",
         "PriorityClass", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"].contains(kind)
    }

    /// The pod spec of a workload, and its path.
    static func podSpec(of resource: Resource) -> (node: YAMLNode, path: String)? {
        switch resource.kind {
        case "Pod": return resource.node["spec"].map { ($0, "spec") }
        case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job":
            return resource.node["spec"]?["template"]?["spec"].map { ($0, "spec.template.spec") }
        case "CronJob":
            return resource.node["spec"]?["jobTemplate"]?["spec"]?["template"]?["spec"].map { ($0, "spec.jobTemplate.spec.template.spec") }
        default: return nil
        }
    }

    /// `env[].valueFrom.secretKeyRef`, `envFrom[].secretRef`, `volumes[].secret` and projected
    /// secret sources of every container.
    static func secretReferences(in podSpec: YAMLNode, path: String) -> [SecretReference] {
        var references: [SecretReference] = []
        func isOptional(_ node: YAMLNode?) -> Bool { node?["optional"]?.scalar?.resolved == .bool(true) }
        for group in ["initContainers", "containers", "ephemeralContainers"] {
            for (index, container) in (podSpec[group]?.sequence ?? []).enumerated() {
                let containerPath = "\(path).\(group)[\(index)]"
                for (envIndex, variable) in (container["env"]?.sequence ?? []).enumerated() {
                    if let reference = variable["valueFrom"]?["secretKeyRef"], let name = reference["name"]?.scalar?.value {
                        references.append(SecretReference(secretName: name, key: reference["key"]?.scalar?.value, isOptional: isOptional(reference),
                                                          field: "\(containerPath).env[\(envIndex)]"))
                    }
                }
                for (fromIndex, source) in (container["envFrom"]?.sequence ?? []).enumerated() {
                    if let reference = source["secretRef"], let name = reference["name"]?.scalar?.value {
                        references.append(SecretReference(secretName: name, key: nil, isOptional: isOptional(reference), field: "\(containerPath).envFrom[\(fromIndex)]"))
                    }
                }
            }
        }
        for (index, volume) in (podSpec["volumes"]?.sequence ?? []).enumerated() {
            var sources: [(YAMLNode, String, String)] = []  // (node, name field, path)
            if let secret = volume["secret"] { sources.append((secret, "secretName", "\(path).volumes[\(index)].secret")) }
            for (sourceIndex, projected) in (volume["projected"]?["sources"]?.sequence ?? []).enumerated() {
                if let secret = projected["secret"] { sources.append((secret, "name", "\(path).volumes[\(index)].projected.sources[\(sourceIndex)].secret")) }
            }
            for (source, nameField, field) in sources {
                guard let name = source[nameField]?.scalar?.value else { continue }
                let items = source["items"]?.sequence ?? []
                if items.isEmpty {
                    references.append(SecretReference(secretName: name, key: nil, isOptional: isOptional(source), field: field))
                }
                for item in items {
                    references.append(SecretReference(secretName: name, key: item["key"]?.scalar?.value, isOptional: isOptional(source), field: field))
                }
            }
        }
        return references
    }
}

