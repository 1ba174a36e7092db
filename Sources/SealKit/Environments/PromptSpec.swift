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

    /// A prompt; by default hidden, asked twice, and at least 12 characters long.
    public init(message: String? = nil, hidden: Bool = true, confirm: Bool = true, minimumLength: Int = 12, defaultValue: String? = nil) {
        self.message = message
        self.hidden = hidden
        self.confirm = confirm
        self.minimumLength = minimumLength
        self.defaultValue = defaultValue
    }
}

extension PromptSpec {
    /// Asks for `key` until the answer is long enough and, where asked for, typed twice alike.
    /// `read(prompt, hidden)` reads one line (without echo when `hidden`); `complain` says why an
    /// answer was refused. The default value stands for an empty answer.
    public func ask(environment: String, key: String, read: (String, Bool) throws -> String, complain: (String) -> Void) throws -> [UInt8] {
        let label = message ?? "\(environment) \(key)"
        while true {
            var value = try read("\(label)\(defaultValue.map { " [\($0)]" } ?? ""): ", hidden)
            if value.isEmpty, let defaultValue { value = defaultValue }
            guard value.count >= minimumLength else {
                complain("\(key) must be at least \(minimumLength) characters; try again")
                continue
            }
            if confirm, try read("\(label) (again): ", hidden) != value {
                complain("the two entries for \(key) do not match; try again")
                continue
            }
            return Array(value.utf8)
        }
    }
}
