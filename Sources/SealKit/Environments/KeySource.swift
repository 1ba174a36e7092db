#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How a key's value is made.
public enum KeySource: Sendable, Equatable {
    case generated(CredentialGenerator)
    case prompted(PromptSpec)
    /// A non-secret setting written in the config (a host, a port).
    case fixed(String)
    /// An environment variable of the process running sealctl.
    case environment(String)
    /// A file's contents.
    case file(URL)
}
