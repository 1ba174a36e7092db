#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSerialization
import SealKitModel
import SealKitSealing

/// One environment of a project: an overlay and the sealed Secret written into it. An
/// environment that spans clusters (`clusters:` in `sealctl.yaml`) is one of these per
/// cluster, each with its own overlay and certificate, sharing the name and the keys.
public struct EnvironmentConfig: Sendable {
    /// The environment's name, as `sealctl generate NAME` takes it.
    public var name: String
    /// The cluster, for an environment that spans several.
    public var cluster: String?
    /// `production`, or `production/eu` for one cluster of an environment.
    public var displayName: String { cluster.map { "\(name)/\($0)" } ?? name }
    /// The kustomize overlay folder.
    public var overlay: URL
    /// The namespace to seal for; nil means the overlay's kustomization namespace.
    public var namespace: String?
    /// The name of the Secret (and SealedSecret) written.
    public var secretName: String
    /// The sealing scope (strict by default).
    public var scope: SealingScope
    /// Where this environment's certificate comes from; nil means sealctl's usual order.
    public var certificate: CertificateSpec?
    /// The kubeconfig context that reaches this environment's cluster (`context:`, or the
    /// context of a `cluster:CONTEXT` certificate), for `doctor` to compare its live key with
    /// the committed certificate.
    public var context: String?
    /// The file written into the overlay (default `secrets.yaml`).
    public var outputFileName: String
    /// The keys, in file order.
    public var keys: [KeySpec]

    /// The output file's location.
    public var outputURL: URL { overlay.appendingPathComponent(outputFileName) }

    /// An environment sealed into `overlay` for `namespace` (default: the overlay's own).
    public init(name: String, overlay: URL, namespace: String? = nil, secretName: String, scope: SealingScope = .strict,
                certificate: CertificateSpec? = nil, outputFileName: String = "secrets.yaml", keys: [KeySpec]) {
        self.name = name
        self.overlay = overlay
        self.namespace = namespace
        self.secretName = secretName
        self.scope = scope
        self.certificate = certificate
        self.outputFileName = outputFileName
        self.keys = keys
    }

    /// The environment `name` of a config file: one, or one per cluster of its `clusters:`.
    static func parse(name: String, node: YAMLNode, defaultSecretName: String?, directory: URL, reader: ConfigReader) throws -> [EnvironmentConfig] {
        let path = "environments.\(name)"
        guard let clusters = node["clusters"] else {
            return [try EnvironmentConfig(name: name, node: node, cluster: nil, defaultSecretName: defaultSecretName, directory: directory, reader: reader)]
        }
        guard let entries = clusters.mapping, !entries.isEmpty else {
            throw EnvironmentError.invalidConfig(file: reader.source, problem: "\(path).clusters must map each cluster's name to its overlay and certificate")
        }
        guard node["overlay"] == nil, node["certificate"] == nil else {
            throw EnvironmentError.invalidConfig(file: reader.source, problem: "\(path): give overlay and certificate per cluster under clusters:, not beside it")
        }
        return try entries.map { entry in
            guard let cluster = entry.key.scalar?.value, !cluster.isEmpty, entry.value.mapping != nil else {
                throw EnvironmentError.invalidConfig(file: reader.source, problem: "\(path).clusters: each cluster is a name and a mapping {overlay, certificate}")
            }
            // The cluster's own fields win over the environment's (namespace, output...).
            var merged = (node.mapping ?? []).filter { $0.key.scalar?.value != "clusters" }
            for pair in entry.value.mapping ?? [] { merged.removeAll { $0.key.scalar?.value == pair.key.scalar?.value }; merged.append(pair) }
            return try EnvironmentConfig(name: name, node: YAMLNode(.mapping(merged)), cluster: cluster, defaultSecretName: defaultSecretName, directory: directory, reader: reader)
        }
    }

    init(name: String, node: YAMLNode, cluster: String?, defaultSecretName: String?, directory: URL, reader: ConfigReader) throws {
        let path = cluster.map { "environments.\(name).clusters.\($0)" } ?? "environments.\(name)"
        guard node.mapping != nil else { throw EnvironmentError.invalidConfig(file: reader.source, problem: "\(path) must be a mapping") }
        guard let overlay = try reader.string(node["overlay"], "\(path).overlay") else {
            throw EnvironmentError.invalidConfig(file: reader.source, problem: "\(path).overlay is required (the kustomize overlay folder)")
        }
        guard let secretName = try reader.string(node["secretName"], "\(path).secretName") ?? defaultSecretName else {
            throw EnvironmentError.invalidConfig(file: reader.source, problem: "\(path).secretName is required (or a top-level secretName)")
        }
        let scopeText = try reader.string(node["scope"], "\(path).scope") ?? "strict"
        guard let scope = SealingScope(rawValue: scopeText) else {
            throw EnvironmentError.invalidConfig(file: reader.source, problem: "\(path).scope must be strict, namespace-wide or cluster-wide")
        }
        var keys: [KeySpec] = []
        for pair in node["keys"]?.mapping ?? [] {
            guard let key = pair.key.scalar?.value, SecretBuilder.isValidKey(key) else {
                throw EnvironmentError.invalidConfig(file: reader.source, problem: "\(path).keys: \"\(pair.key)\" is not a valid Secret key")
            }
            keys.append(try KeySpec(name: key, node: pair.value, path: "\(path).keys.\(key)", directory: directory, reader: reader))
        }
        self.init(name: name, overlay: directory.appendingPathComponent(overlay).standardizedFileURL,
                  namespace: try reader.string(node["namespace"], "\(path).namespace"), secretName: secretName, scope: scope,
                  certificate: try reader.string(node["certificate"], "\(path).certificate").map { try CertificateSpec(text: $0, directory: directory) },
                  outputFileName: try reader.string(node["output"], "\(path).output") ?? "secrets.yaml", keys: keys)
        self.cluster = cluster
        self.context = try reader.string(node["context"], "\(path).context")
        if context == nil, case .cluster(let named?)? = certificate { context = named }
    }
}
