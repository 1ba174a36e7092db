#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitSerialization
import SealKitModel
import SealKitFiles
import SealKitCluster

/// The SealedSecrets in a cluster and whether each became its Secret (`sealctl status`): the
/// controller's `Synced` condition, failures first, and, against a repository, what is missing,
/// not deployed yet, or only in the cluster. Read with `kubectl get --raw`.
public struct ClusterStatus: Sendable {
    /// One SealedSecret in the cluster.
    public struct Entry: Sendable, Equatable {
        public var namespace: String, name: String
        /// The `Synced` condition: true, false, or nil when the controller has not reported yet.
        public var synced: Bool?
        /// The condition's message (why it failed), when there is one.
        public var message: String?
        /// The ciphertexts, to compare with the repository's.
        public var encryptedData: [String: String]

        public var id: String { "\(namespace)/\(name)" }
    }

    /// How the repository and the cluster differ.
    public struct Difference: Sendable, Equatable, CustomStringConvertible {
        public enum Kind: String, Sendable { case missingInCluster = "missing in the cluster", notDeployed = "not deployed yet (other ciphertext in the cluster)", onlyInCluster = "in the cluster, not in the repository" }
        public var kind: Kind
        public var id: String
        /// The repository file, when the SealedSecret is in one.
        public var file: String?
        public var description: String { "\(kind.rawValue): \(id)\(file.map { " (\($0))" } ?? "")" }
    }

    /// Every SealedSecret in `namespace`, or in all namespaces when nil, failures first.
    public static func entries(using kubectl: Kubectl, namespace: String?) throws -> [Entry] {
        let path = namespace.map { "/apis/bitnami.com/v1alpha1/namespaces/\($0)/sealedsecrets" } ?? "/apis/bitnami.com/v1alpha1/sealedsecrets"
        let list = try JSONParser().parseStream(Array(try kubectl.run(["get", "--raw", path]))).first
        let entries: [Entry] = (list?["items"]?.sequence ?? []).map { item in
            let synced = (item["status"]?["conditions"]?.sequence ?? []).first { $0["type"]?.scalar?.value == "Synced" }
            var data: [String: String] = [:]
            for pair in item["spec"]?["encryptedData"]?.mapping ?? [] {
                if let key = pair.key.scalar?.value, let value = pair.value.scalar?.value { data[key] = value }
            }
            return Entry(namespace: item["metadata"]?["namespace"]?.scalar?.value ?? "", name: item["metadata"]?["name"]?.scalar?.value ?? "",
                         synced: synced.flatMap { $0["status"]?.scalar?.value }.map { $0 == "True" }, message: synced?["message"]?.scalar?.value, encryptedData: data)
        }
        return entries.sorted { ($0.synced == false ? 0 : 1, $0.id) < ($1.synced == false ? 0 : 1, $1.id) }
    }

    /// The repository's SealedSecrets (with the names and namespaces kustomize gives them, as
    /// `check` computes them) against the cluster's `entries`. With `namespace`, only that one.
    public static func differences(_ entries: [Entry], repository: [RepositoryChecker.PlacedSealedSecret], namespace: String?) -> [Difference] {
        let repository = repository.filter { namespace == nil || $0.namespace == namespace }
        let cluster = Dictionary(entries.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var differences: [Difference] = []
        var seen = Set<String>()
        for placed in repository.sorted(by: { $0.id < $1.id }) where seen.insert(placed.id).inserted {
            guard let entry = cluster[placed.id] else {
                differences.append(Difference(kind: .missingInCluster, id: placed.id, file: placed.file))
                continue
            }
            if entry.encryptedData != placed.sealed.spec.encryptedData {
                differences.append(Difference(kind: .notDeployed, id: placed.id, file: placed.file))
            }
        }
        for entry in entries where !seen.contains(entry.id) {
            differences.append(Difference(kind: .onlyInCluster, id: entry.id, file: nil))
        }
        return differences
    }
}

extension RepositoryChecker {
    /// A SealedSecret of the repository with the name and namespace it will have in the cluster.
    public struct PlacedSealedSecret: Sendable {
        public var file: String
        public var name: String
        public var namespace: String
        public var sealed: SealedSecret
        public var id: String { "\(namespace)/\(name)" }
    }

    /// Every SealedSecret under `paths`: those a kustomization includes with the name and
    /// namespace kustomize gives them (each overlay that includes one counts), the others as
    /// written.
    public func placedSealedSecrets(paths: [String]) throws -> [PlacedSealedSecret] {
        let files = try ManifestFinder.files(under: paths)
        var placed: [PlacedSealedSecret] = [], covered = Set<String>()
        let overlays = files.filter(KustomizeOverlay.isKustomizationFile).compactMap { try? KustomizeOverlay(directory: $0.deletingLastPathComponent()) }
        // A base (another kustomization includes it) is deployed through its overlays only.
        let bases = overlays.reduce(into: Set<String>()) { $0.formUnion($1.includedPaths) }
        for overlay in overlays {
            let deployed = !bases.contains(overlay.directory.standardizedFileURL.path)
            for resource in overlay.resources where resource.kind == "SealedSecret" {
                covered.insert(resource.location)
                guard deployed, let sealed = try? SealedSecret(node: resource.node) else { continue }
                placed.append(PlacedSealedSecret(file: relative(resource.file), name: resource.finalName, namespace: resource.finalNamespace ?? resource.namespace ?? "", sealed: sealed))
            }
        }
        for file in files {
            guard let stream = try? ManifestStream(bytes: FileBytes.read(file.path)) else { continue }
            for document in stream.documents where document.kind == "SealedSecret" && !covered.contains("\(file.standardizedFileURL.path)#\(document.index)") {
                guard let sealed = try? SealedSecret(document: document) else { continue }
                placed.append(PlacedSealedSecret(file: relative(file), name: sealed.metadata.name ?? "", namespace: sealed.metadata.namespace ?? "", sealed: sealed))
            }
        }
        return placed
    }
}
