import SealKit

/// The process environment, read once.
enum Environment {
    static let values = ProcessInfo.processInfo.environment

}
