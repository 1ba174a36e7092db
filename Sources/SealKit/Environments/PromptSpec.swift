#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How to ask for a value on the terminal.
public struct PromptSpec: Sendable, Equatable {
    /// The prompt's text (default: the environment and key names).
    public var message: String?
    /// Whether typing is hidden (secrets) or shown (user names, hosts).
    public var hidden: Bool
    /// Whether the value is asked for twice.
    public var confirm: Bool
    /// The shortest value accepted.
    public var minimumLength: Int
    /// The value used when the answer is empty.
    public var defaultValue: String?

    /// A prompt.
    public init(message: String? = nil, hidden: Bool = true, confirm: Bool = true, minimumLength: Int = 12, defaultValue: String? = nil) {
        self.message = message
        self.hidden = hidden
        self.confirm = confirm
        self.minimumLength = minimumLength
        self.defaultValue = defaultValue
    }
}
