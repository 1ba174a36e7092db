import ArgumentParser
import SealKit

/// The process environment, read once.
enum Environment {
    static let values = ProcessInfo.processInfo.environment
}

/// Where sealctl talks to the user: data on stdout, everything else on stderr.
enum Console {
    /// Prints `error: <description>` on stderr, on one line.
    static func error(_ error: any Error) {
        let text = ErrorText.describe(error).replacing("\n", with: " ")
        standardError("error: \(text)\n")
    }

    /// Runs `body` for a command whose own exit codes mean something (0, 1): any error is printed
    /// and becomes exit 2; a closed pipe still ends quietly.
    static func exitingTwoOnError(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let exit as ExitCode {
            throw exit
        } catch let failure as StandardOutputError where failure.isBrokenPipe {
            throw failure
        } catch {
            Console.error(error)
            throw ExitCode(2)
        }
    }

    /// Each notice as `note: ...` or `warning: ...`, with sealctl's wording of its remedy.
    static func show(_ notices: [Notice]) {
        for notice in notices { standardError("\(notice.level.rawValue): \(notice.message)\(notice.remedy.map(ErrorText.hint) ?? "")\n") }
    }

    /// Messages, warnings and prompts. A failed write here cannot be reported on stderr itself:
    /// it is remembered, and sealctl exits 1 (or by SIGPIPE for a closed pipe) when it ends.
    static func standardError(_ text: String) {
        do { try POSIX.write(text.utf8, to: .error) } catch { standardErrorFailure = standardErrorFailure ?? error.code }
    }

    /// The command's output. A write that fails, or writes only part (a full disk, an I/O error),
    /// is an error: the user must not take a truncated file for the whole output.
    static func standardOutput(_ text: String) throws(StandardOutputError) { try standardOutput(text.utf8) }

    static func standardOutput(_ bytes: some Collection<UInt8>) throws(StandardOutputError) {
        do { try POSIX.write(bytes, to: .output) } catch { throw StandardOutputError(code: error.code) }
    }

    /// The `errno` of the first failed write to standard error, if any.
    nonisolated(unsafe) private(set) static var standardErrorFailure: Int32?
}

/// A write to standard output that failed; `main` ends quietly for a closed pipe (EPIPE), as
/// Unix tools do, and reports anything else.
struct StandardOutputError: Error, CustomStringConvertible {
    let code: Int32
    var isBrokenPipe: Bool { code == POSIX.brokenPipe }
    var description: String { "cannot write to standard output: \(POSIX.message(code))" }
}

/// A status line on stderr that rewrites itself, shown only when stderr is a terminal.
final class ProgressLine {
    private let enabled = POSIX.isTerminal(.error)
    private var shown = false

    func show(_ text: String) {
        guard enabled else { return }
        Console.standardError("\r\u{1B}[K" + String(text.prefix(120)))
        shown = true
    }

    func clear() {
        guard enabled, shown else { return }
        Console.standardError("\r\u{1B}[K")
        shown = false
    }
}
