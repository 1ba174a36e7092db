#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitCrypto
import SealKitSerialization

/// A project's `sealctl.yaml`: its environments, where their overlays are, how each key's value
/// is made, and which certificate seals each environment.
///
/// ```yaml
/// secretName: smartem-secrets
/// environments:
///   development:
///     overlay: k8s/environments/development
///     certificate: local
///     keys:
///       POSTGRES_USER: {generate: {prefix: smartem_dev_, length: 8, alphabet: lowercase-alphanumeric}, secret: false}
///       POSTGRES_PASSWORD: {generate: {length: 32}}
///       POSTGRES_HOST: {value: postgres-service}
///   production:
///     overlay: k8s/environments/production
///     certificate: certs/production.crt
///     keys:
///       POSTGRES_USER: {prompt: {hidden: false}}
///       POSTGRES_PASSWORD: {prompt: {minLength: 16}}
/// ```
public struct ProjectConfig: Sendable {
    /// The file's usual name.
    public static let fileName = "sealctl.yaml"

    /// The folder the config file is in; relative paths in it are relative to this folder.
    public let directory: URL
    /// The environments, in file order; an environment that spans clusters is one per cluster.
    public let environments: [EnvironmentConfig]

    /// The environment called `name`.
    public func environment(_ name: String) -> EnvironmentConfig? {
        environments.first { $0.name == name }
    }

    /// Reads a config file.
    public init(contentsOf url: URL) throws {
        guard let bytes = try? FileBytes.read(url.path) else {
            throw EnvironmentError.invalidConfig(file: url.path, problem: "cannot read the file")
        }
        try self.init(yaml: bytes, directory: url.deletingLastPathComponent(), source: url.path)
    }

    /// Reads a config from text; `directory` anchors relative paths.
    public init(yaml bytes: [UInt8], directory: URL, source: String = ProjectConfig.fileName) throws {
        self.directory = directory
        let root: YAMLNode
        do {
            root = try YAMLParser().parseSingle(bytes)
        } catch {
            throw EnvironmentError.invalidConfig(file: source, problem: "\(error)")
        }
        let reader = ConfigReader(source: source)
        let defaultSecretName = try reader.string(root["secretName"], "secretName")
        guard let environments = root["environments"]?.mapping, !environments.isEmpty else {
            throw EnvironmentError.invalidConfig(file: source, problem: "it needs an `environments:` mapping with at least one environment")
        }
        self.environments = try environments.flatMap { pair in
            guard let name = pair.key.scalar?.value, !name.isEmpty else { throw EnvironmentError.invalidConfig(file: source, problem: "environment names must be text") }
            return try EnvironmentConfig.parse(name: name, node: pair.value, defaultSecretName: defaultSecretName, directory: directory, reader: reader)
        }
    }

    /// Each environment with the certificate file it pins (the certificates `sealctl doctor`
    /// compares the cluster's with). Unreadable files are left out.
    public func committedCertificates() -> [(environment: EnvironmentConfig, certificate: Certificate)] {
        environments.compactMap { environment in
            guard case .source(let path)? = environment.certificate, !path.contains("://"),
                  let bytes = try? FileBytes.read(path), let certificate = try? Certificate(pemRepresentation: String(decoding: bytes, as: UTF8.self)) else { return nil }
            return (environment, certificate)
        }
    }

    /// The config at `path`, or else the nearest `sealctl.yaml` in `directory` or above.
    public static func load(path: String?, searchingFrom directory: URL) throws -> ProjectConfig? {
        guard let url = path.map({ URL(fileURLWithPath: $0) }) ?? find(from: directory) else { return nil }
        return try ProjectConfig(contentsOf: url)
    }

    /// The environments named, in that order, each with every cluster it spans; `all` alone
    /// names every one.
    public func environments(named names: [String]) throws -> [EnvironmentConfig] {
        if names == ["all"] { return environments }
        return try names.flatMap { name in
            let matching = environments.filter { $0.name == name }
            guard !matching.isEmpty else { throw EnvironmentError.unknownEnvironment(name: name, known: environments.map(\.name).reduce(into: []) { if !$0.contains($1) { $0.append($1) } }) }
            return matching
        }
    }

    public static func find(from directory: URL) -> URL? {
        var current = directory.standardizedFileURL
        while true {
            let candidate = current.appendingPathComponent(fileName)
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { return nil }
            current = parent
        }
    }
}
