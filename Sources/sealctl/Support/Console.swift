import Foundation

/// Where sealctl talks to the user: data on stdout, everything else on stderr.
enum Console {
    /// Prints `error: <description>` on stderr, on one line.
    static func error(_ error: any Error) {
        let text = "\(error)".replacingOccurrences(of: "\n", with: " ")
        standardError("error: \(text)\n")
    }

    static func warning(_ message: String) {
        standardError("warning: \(message)\n")
    }

    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func standardOutput(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func standardOutput(_ data: Data) {
        FileHandle.standardOutput.write(data)
    }

    /// Whether a file descriptor is a terminal.
    static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }
}

/// A command-line error with a message for the user.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
