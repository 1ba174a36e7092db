#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKit

/// Where sealctl talks to the user: data on stdout, everything else on stderr.
enum Console {
    /// Prints `error: <description>` on stderr, on one line.
    static func error(_ error: any Error) {
        let text = ErrorText.describe(error).replacing("\n", with: " ")
        standardError("error: \(text)\n")
    }

    static func warning(_ message: String) {
        standardError("warning: \(message)\n")
    }

    static func standardError(_ text: String) {
        POSIX.write(text.utf8, to: .error)
    }

    static func standardOutput(_ text: String) {
        POSIX.write(text.utf8, to: .output)
    }

    static func standardOutput(_ data: Data) {
        POSIX.write(data, to: .output)
    }
}

/// A command-line error with a message for the user.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
