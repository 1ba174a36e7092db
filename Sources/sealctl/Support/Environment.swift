#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The process environment, read once.
enum Environment {
    static let values = ProcessInfo.processInfo.environment

    static subscript(name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }
}
