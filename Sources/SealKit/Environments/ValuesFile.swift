#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSerialization

/// Values for prompted keys when there is no terminal to ask on (`sealctl generate
/// --values-file`): YAML or JSON, either `KEY: value` for every environment, or
/// `ENVIRONMENT: {KEY: value}`; an environment's own value wins.
public struct ValuesFile: Sendable {
    private let flat: [String: String]
    private let byEnvironment: [String: [String: String]]

    /// Reads the file's `bytes`; `source` names it in errors, `environments` tells environment
    /// sections from keys.
    public init(bytes: [UInt8], source: String, environments: [String]) throws {
        let root: YAMLNode
        do {
            root = try (ManifestStream.detectFormat(bytes) == .json ? JSONParser().parseStream(bytes).first : YAMLParser().parseSingle(bytes)) ?? .null
        } catch {
            throw error.inFile(source)
        }
        guard let pairs = root.mapping else { throw ManifestError(.wrongKind(expected: "a mapping of keys to values", found: root.kindName), file: source) }
        var flat: [String: String] = [:], byEnvironment: [String: [String: String]] = [:]
        for pair in pairs {
            guard let name = pair.key.scalar?.value else { continue }
            if environments.contains(name), let nested = pair.value.mapping {
                byEnvironment[name] = Dictionary(nested.compactMap { entry in entry.key.scalar.map { ($0.value, entry.value.scalar?.value ?? "") } }, uniquingKeysWith: { $1 })
            } else if let scalar = pair.value.scalar {
                flat[name] = scalar.value
            } else {
                throw ManifestError(.invalidField(field: name, problem: "the value must be text"), file: source, mark: pair.value.mark)
            }
        }
        self.flat = flat
        self.byEnvironment = byEnvironment
    }

    /// The value of `key` for `environment`, if the file gives one.
    public func value(environment: String, key: String) -> String? {
        byEnvironment[environment]?[key] ?? flat[key]
    }
}
