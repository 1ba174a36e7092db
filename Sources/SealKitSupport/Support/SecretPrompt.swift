#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a value from the terminal without echoing it, restoring the terminal's settings
/// afterwards, also when the user presses Ctrl-C.
package enum SecretPrompt {
    /// The terminal settings to restore if the process is interrupted mid-prompt.
    nonisolated(unsafe) private static var savedSettings: termios?

    /// A secret value from standard input, or asked for with `prompt` without echo when
    /// standard input is a terminal: never from the command line.
    package static func valueFromInputOrTerminal(_ prompt: String) throws -> [UInt8] {
        POSIX.isTerminal(.input) ? Array(try read(prompt).utf8) : try POSIX.readStandardInput()
    }

    /// Prompts on /dev/tty (so it works while stdout is redirected) and reads one line.
    package static func read(_ prompt: String, hidden: Bool = true) throws -> String {
        let tty = open("/dev/tty", O_RDWR)
        guard tty >= 0 else { throw AccessError.noTerminal }
        defer { close(tty) }

        var original = termios()
        let isTerminal = tcgetattr(tty, &original) == 0
        if hidden && isTerminal {
            var silent = original
            silent.c_lflag &= ~tcflag_t(ECHO)
            savedSettings = original
            signal(SIGINT) { signalNumber in
                if var settings = SecretPrompt.savedSettings {
                    let tty = open("/dev/tty", O_RDWR)
                    tcsetattr(tty, TCSANOW, &settings)
                    _ = POSIX.rawWrite(tty, "\n", 1)
                }
                signal(signalNumber, SIG_DFL)
                raise(signalNumber)
            }
            tcsetattr(tty, TCSAFLUSH, &silent)
        }
        // The prompt comes only once echo is off and Ctrl-C restores the terminal: a user (or a
        // script) that answers it at once can never type into an echoing terminal or interrupt
        // before the handler is there.
        _ = prompt.withCString { POSIX.rawWrite(tty, $0, strlen($0)) }
        defer {
            if hidden && isTerminal {
                tcsetattr(tty, TCSAFLUSH, &original)
                savedSettings = nil
                signal(SIGINT, SIG_DFL)
                _ = POSIX.rawWrite(tty, "\n", 1)
            }
        }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while POSIX.rawRead(tty, &byte, 1) == 1, byte != 0x0A {
            if byte != 0x0D { bytes.append(byte) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
