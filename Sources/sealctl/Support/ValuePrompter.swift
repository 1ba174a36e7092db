import SealKit

/// Asks for prompted values on the terminal: hidden input (no echo) where the key is secret,
/// a confirmation, a minimum length, and a new question when they are not met.
struct ValuePrompter {
    /// Whether prompts can be shown: standard input is a terminal.
    static var isInteractive: Bool { POSIX.isTerminal(.input) }

    static func ask(environment: String, key: String, spec: PromptSpec) throws -> [UInt8] {
        try spec.ask(environment: environment, key: key, read: SecretPrompt.read) { Console.standardError($0 + "\n") }
    }
}

extension ValuesFile {
    /// Reads `--values-file`, warning when others can read the plain values in it.
    init(path: String, environments: [String]) throws {
        if let mode = POSIX.permissions(ofPath: path), mode & 0o077 != 0 {
            Console.warning("\(path) holds plain values and is readable by group or others (mode \(String(mode, radix: 8))); chmod 600 \(path), and delete it when done")
        }
        try self.init(bytes: try FileBytes.read(path), source: path, environments: environments)
    }
}
