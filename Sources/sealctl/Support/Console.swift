import ArgumentParser
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

    /// Standard input to its end; a terminal there is refused with a hint, not waited on.
    static func standardInput(expecting what: String, or alternative: String) throws -> [UInt8] {
        guard !POSIX.isTerminal(.input) else { throw CLIError("standard input is a terminal (tty detected: expecting \(what)); pipe it in, or use \(alternative)") }
        return try POSIX.readStandardInput()
    }

    /// Runs `body` for a command whose own exit codes mean something (0, 1): any error is printed
    /// and becomes exit 2.
    static func exitingTwoOnError(_ body: () throws -> Void) throws {
        do { try body() } catch let exit as ExitCode { throw exit } catch { Console.error(error); throw ExitCode(2) }
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
