#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

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
    /// The environments, in file order.
    public let environments: [EnvironmentConfig]

    /// The environment called `name`.
    public func environment(_ name: String) -> EnvironmentConfig? {
        environments.first { $0.name == name }
    }

    /// Reads a config file.
    public init(contentsOf url: URL) throws {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw EnvironmentError.invalidConfig(file: url.path, problem: "cannot read the file")
        }
        try self.init(yaml: Array(data), directory: url.deletingLastPathComponent(), source: url.path)
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
        self.environments = try environments.map { pair in
            guard let name = pair.key.scalar?.value, !name.isEmpty else { throw EnvironmentError.invalidConfig(file: source, problem: "environment names must be text") }
            return try EnvironmentConfig(name: name, node: pair.value, defaultSecretName: defaultSecretName, directory: directory, reader: reader)
        }
    }

    /// The nearest `sealctl.yaml` in `directory` or a folder above it.
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

/// One environment of a project: an overlay and the sealed Secret written into it.
public struct EnvironmentConfig: Sendable {
    /// The environment's name, as `sealctl generate NAME` takes it.
    public var name: String
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
    /// The file written into the overlay (default `secrets.yaml`).
    public var outputFileName: String
    /// The keys, in file order.
    public var keys: [KeySpec]

    /// The output file's location.
    public var outputURL: URL { overlay.appendingPathComponent(outputFileName) }

    /// An environment.
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

    init(name: String, node: YAMLNode, defaultSecretName: String?, directory: URL, reader: ConfigReader) throws {
        let path = "environments.\(name)"
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
    }
}

/// Where an environment's certificate comes from.
public enum CertificateSpec: Sendable, Equatable {
    /// The local keyring (the default one, or a folder).
    case localKeyring(URL?)
    /// A certificate file or URL.
    case source(String)
    /// The cluster's controller, optionally through a kubeconfig context.
    case cluster(context: String?)

    /// `local`, `local:FOLDER`, `cluster`, `cluster:CONTEXT`, a path or a URL.
    public init(text: String, directory: URL) throws {
        if text == "local" {
            self = .localKeyring(nil)
        } else if text.hasPrefix("local:") {
            self = .localKeyring(directory.appendingPathComponent(String(text.dropFirst(6))).standardizedFileURL)
        } else if text == "cluster" {
            self = .cluster(context: nil)
        } else if text.hasPrefix("cluster:") {
            self = .cluster(context: String(text.dropFirst(8)))
        } else if text.contains("://") {
            self = .source(text)
        } else {
            self = .source(text.hasPrefix("/") ? text : directory.appendingPathComponent(text).standardizedFileURL.path)
        }
    }
}

/// One key of an environment and how its value is made.
public struct KeySpec: Sendable, Equatable {
    /// The Secret key.
    public var name: String
    /// How the value is made.
    public var source: KeySource
    /// Whether the value is secret: secret values are never printed; non-secret generated values
    /// (user names) are shown in the summary.
    public var isSecret: Bool

    /// A key.
    public init(name: String, source: KeySource, isSecret: Bool = true) {
        self.name = name
        self.source = source
        self.isSecret = isSecret
    }

    init(name: String, node: YAMLNode, path: String, directory: URL, reader: ConfigReader) throws {
        self.name = name
        let kinds = ["generate", "prompt", "value", "env", "file"].filter { node[$0] != nil }
        guard kinds.count == 1, let kind = kinds.first else {
            throw EnvironmentError.invalidConfig(file: reader.source, problem: "\(path) needs exactly one of generate, prompt, value, env, file")
        }
        let body = node[kind]!
        switch kind {
        case "generate":
            let alphabetText = try reader.string(body["alphabet"], "\(path).generate.alphabet") ?? "alphanumeric"
            guard let alphabet = CredentialGenerator.Alphabet(rawValue: alphabetText) else {
                throw EnvironmentError.invalidConfig(file: reader.source, problem: "\(path).generate.alphabet must be one of \(CredentialGenerator.Alphabet.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let generator = CredentialGenerator(length: try reader.int(body["length"], "\(path).generate.length") ?? CredentialGenerator.defaultSecretLength,
                                                alphabet: alphabet, prefix: try reader.string(body["prefix"], "\(path).generate.prefix") ?? "")
            source = .generated(generator)
            isSecret = try reader.bool(node["secret"], "\(path).secret") ?? true
            if isSecret, generator.length < CredentialGenerator.minimumSecretLength {
                throw EnvironmentError.invalidConfig(file: reader.source, problem: "\(path): generated secrets need at least \(CredentialGenerator.minimumSecretLength) characters (set secret: false for a user name)")
            }
        case "prompt":
            let hidden = try reader.bool(body["hidden"], "\(path).prompt.hidden") ?? true
            source = .prompted(PromptSpec(message: try reader.string(body["message"], "\(path).prompt.message"), hidden: hidden,
                                          confirm: try reader.bool(body["confirm"], "\(path).prompt.confirm") ?? hidden,
                                          minimumLength: try reader.int(body["minLength"], "\(path).prompt.minLength") ?? (hidden ? 12 : 1),
                                          defaultValue: try reader.string(body["default"], "\(path).prompt.default")))
            isSecret = try reader.bool(node["secret"], "\(path).secret") ?? hidden
        case "value":
            source = .fixed(try reader.string(body, "\(path).value") ?? "")
            isSecret = try reader.bool(node["secret"], "\(path).secret") ?? false
        case "env":
            guard let variable = try reader.string(body, "\(path).env") else { throw EnvironmentError.invalidConfig(file: reader.source, problem: "\(path).env names a variable") }
            source = .environment(variable)
            isSecret = try reader.bool(node["secret"], "\(path).secret") ?? true
        default:
            guard let file = try reader.string(body, "\(path).file") else { throw EnvironmentError.invalidConfig(file: reader.source, problem: "\(path).file names a file") }
            source = .file(directory.appendingPathComponent(file).standardizedFileURL)
            isSecret = try reader.bool(node["secret"], "\(path).secret") ?? true
        }
    }

    /// Whether `rotate` renews this key by default: generated and prompted secrets, never settings.
    public var isRotatedByDefault: Bool {
        switch source {
        case .generated, .prompted: return isSecret
        default: return false
        }
    }
}

/// How a key's value is made.
public enum KeySource: Sendable, Equatable {
    case generated(CredentialGenerator)
    case prompted(PromptSpec)
    /// A non-secret setting written in the config (a host, a port).
    case fixed(String)
    /// An environment variable of the process running sealctl.
    case environment(String)
    /// A file's contents.
    case file(URL)
}

/// How to ask for a value on the terminal.
public struct PromptSpec: Sendable, Equatable {
    /// The prompt's text (default: the environment and key names).
    public var message: String?
    /// Whether typing is hidden (secrets) or shown (user names, hosts).
    public var hidden: Bool
    /// Whether the value is asked for twice.
    public var confirm: Bool
    /// The shortest value accepted.
    public var minimumLength: Int
    /// The value used when the answer is empty.
    public var defaultValue: String?

    /// A prompt.
    public init(message: String? = nil, hidden: Bool = true, confirm: Bool = true, minimumLength: Int = 12, defaultValue: String? = nil) {
        self.message = message
        self.hidden = hidden
        self.confirm = confirm
        self.minimumLength = minimumLength
        self.defaultValue = defaultValue
    }
}

/// Typed reads of config values with errors that name the field.
struct ConfigReader {
    let source: String

    func string(_ node: YAMLNode?, _ path: String) throws -> String? {
        guard let node, !node.isNull else { return nil }
        guard let scalar = node.scalar else { throw EnvironmentError.invalidConfig(file: source, problem: "\(path) must be text, found \(node.kindName)") }
        return scalar.value
    }

    func int(_ node: YAMLNode?, _ path: String) throws -> Int? {
        guard let text = try string(node, path) else { return nil }
        guard let value = Int(text), value > 0 else { throw EnvironmentError.invalidConfig(file: source, problem: "\(path) must be a positive whole number") }
        return value
    }

    func bool(_ node: YAMLNode?, _ path: String) throws -> Bool? {
        guard let node, !node.isNull else { return nil }
        guard case .bool(let value)? = node.scalar?.resolved else { throw EnvironmentError.invalidConfig(file: source, problem: "\(path) must be true or false") }
        return value
    }
}
