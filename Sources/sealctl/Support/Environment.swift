#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKit

/// The process environment, read once.
enum Environment {
    static let values = ProcessInfo.processInfo.environment

}
