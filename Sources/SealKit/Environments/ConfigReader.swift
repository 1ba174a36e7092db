#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

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
