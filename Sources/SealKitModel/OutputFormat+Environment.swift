#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSerialization

extension KubesealFormat.OutputFormat {
    /// kubeseal's choice of format: the one asked for, then a `.json`/`.yaml`/`.yml` output file,
    /// then `SEALED_SECRETS_FORMAT`, then YAML.
    public static func resolve(_ requested: Self?, outputFile: String?, environment: [String: String]) throws -> Self {
        if let requested { return requested }
        if let lowered = outputFile?.lowercased() {
            if lowered.hasSuffix(".json") { return .json }
            if lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml") { return .yaml }
        }
        guard let value = environment["SEALED_SECRETS_FORMAT"], !value.isEmpty else { return .yaml }
        guard let format = Self(rawValue: value.lowercased()) else {
            throw SealingError.invalidVariable(name: "SEALED_SECRETS_FORMAT", value: value, expected: ["yaml", "json"])
        }
        return format
    }
}
