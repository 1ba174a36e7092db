#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSerialization
import SealKitModel

/// Typed reads of `sealctl.yaml` values with ``/SealKitModel/FieldReader``'s rules (a YAML number in a text
/// field is its text, `POSTGRES_PORT: 5432`), and errors that name the config file, the field
/// and its line.
struct ConfigReader {
    let source: String

    func string(_ node: YAMLNode?, _ path: String) throws -> String? {
        guard let node else { return nil }
        do { return try FieldReader.text(node, field: path, options: .yaml) } catch { throw invalid(error) }
    }

    func int(_ node: YAMLNode?, _ path: String) throws -> Int? {
        guard let text = try string(node, path) else { return nil }
        guard let value = Int(text), value > 0 else { throw EnvironmentError.invalidConfig(file: source, problem: "\(path) must be a positive whole number") }
        return value
    }

    func bool(_ node: YAMLNode?, _ path: String) throws -> Bool? {
        guard let node else { return nil }
        do { return try FieldReader.flag(node, field: path) } catch { throw invalid(error) }
    }

    private func invalid(_ error: ManifestError) -> EnvironmentError {
        .invalidConfig(file: source, problem: error.description)
    }
}
