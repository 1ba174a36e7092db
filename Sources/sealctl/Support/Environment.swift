#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKit

/// The process environment, read once.
enum Environment {
    static let values = ProcessInfo.processInfo.environment

    /// kubectl's connection flags from the command line (taken out before parsing, see `main`)
    /// and their `SEALED_SECRETS_*` variables.
    nonisolated(unsafe) static var connection = Kubectl.ConnectionFlags()
}
