#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSerialization

/// One key of an environment and how its value is made.
public struct KeySpec: Sendable, Equatable {
    /// The Secret key.
    public var name: String
    /// How the value is made.
    public var source: KeySource
    /// Whether the value is secret: secret values are never printed; non-secret generated values
    /// (user names) are shown in the summary.
    public var isSecret: Bool

    /// A key named `name` whose value comes from `source`; secret unless said otherwise.
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
