#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The process environment, read once.
enum Environment {
    static let values = ProcessInfo.processInfo.environment
}
