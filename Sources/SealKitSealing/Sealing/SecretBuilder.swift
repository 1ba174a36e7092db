#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitModel

/// Builds a Secret in memory from kubectl-style sources (`--from-literal`, `--from-file`,
/// `--from-env-file`), so that no plain Secret ever has to be written to disk.
public struct SecretBuilder: Sendable {
    /// The Secret's name.
    public var name: String?
    /// The Secret's namespace.
    public var namespace: String?
    /// The Secret's type.
    public var type: String
    private(set) var data: [String: Data] = [:]
    /// Warnings about what was added: a file whose content ends in a line break (the classic
    /// `echo password > file`, which puts the line break into the password).
    public private(set) var warnings: [ValidationProblem] = []

    /// An empty builder.
    public init(name: String? = nil, namespace: String? = nil, type: String = "Opaque") {
        self.name = name
        self.namespace = namespace
        self.type = type
    }

    /// Whether `key` is a valid Secret data key (``/SealKitModel/KubernetesValidation/configMapKeyProblems(_:)``).
    public static func isValidKey(_ key: String) -> Bool {
        KubernetesValidation.configMapKeyProblems(key).isEmpty
    }

    /// A Secret built from kubectl-style sources: `KEY=VALUE` literals, `[KEY=]PATH` files and
    /// env files, in that order, as `kubectl create secret generic` builds one.
    /// Returns the Secret and the builder's ``warnings``.
    public static func build(name: String?, namespace: String?, type: String = "Opaque",
                             literals: [String], files: [String], envFiles: [String]) throws -> (secret: Secret, warnings: [ValidationProblem]) {
        var builder = SecretBuilder(name: name, namespace: namespace, type: type)
        for literal in literals { try builder.addLiteral(literal) }
        for file in files { try builder.addFile(file) }
        for file in envFiles { try builder.addEnvFile(file) }
        return (builder.build(), builder.warnings)
    }

    /// Adds `KEY=VALUE`.
    public mutating func addLiteral(_ argument: String) throws {
        guard let separator = argument.firstIndex(of: "="), separator != argument.startIndex else {
            throw SealingError.invalidLiteral
        }
        try add(key: String(argument[..<separator]), value: Data(argument[argument.index(after: separator)...].utf8))
    }

    /// Adds `KEY=PATH`, or `PATH` with the file's name as the key.
    public mutating func addFile(_ argument: String) throws {
        let key: String, path: String
        if let separator = argument.firstIndex(of: "="), separator != argument.startIndex {
            key = String(argument[..<separator])
            path = String(argument[argument.index(after: separator)...])
        } else {
            path = argument
            key = PathText.lastComponent(argument)
        }
        let bytes = try FileBytes.read(path)
        try add(key: key, value: Data(bytes))
        if bytes.last == UInt8(ascii: "\n") {
            warnings.append(.init(.warning, field: SecretRules.field("data", key: key),
                                  "the file \(path) ends in a line break, which becomes part of the value (write it with printf %s, not echo)"))
        }
    }

    /// Adds every `KEY=VALUE` line of an env file, as kubectl reads one: blank lines and lines
    /// starting with `#` are skipped, the value is the rest of the line as written.
    public mutating func addEnvFile(_ path: String) throws {
        try addEnvFile(contents: try FileBytes.read(path), source: path)
    }

    /// Adds every `KEY=VALUE` line of env-file text; `source` names it in errors.
    public mutating func addEnvFile(contents: [UInt8], source path: String) throws {
        // Lines end at LF, with an optional CR before it, as Go's bufio.ScanLines (kubectl's
        // reader) has them; bytes, not Characters, for which CRLF would be one. A UTF-8 byte
        // order mark before the first line is dropped, as kubectl drops it.
        let text = contents.starts(with: [0xEF, 0xBB, 0xBF]) ? contents.dropFirst(3) : contents[...]
        for (number, rawLine) in text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            var line = rawLine
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            let trimmed = line.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            if trimmed.isEmpty || trimmed.first == UInt8(ascii: "#") { continue }
            guard let separator = trimmed.firstIndex(of: UInt8(ascii: "=")) else {
                throw SealingError.malformedInput(message: "\(path), line \(number + 1): expected KEY=VALUE")
            }
            try add(key: String(decoding: trimmed[..<separator], as: UTF8.self), value: Data(trimmed[(separator + 1)...]))
        }
    }

    /// Adds one value.
    public mutating func add(key: String, value: Data) throws {
        guard Self.isValidKey(key) else { throw SealingError.invalidKey(key: key) }
        guard data[key] == nil else { throw SealingError.duplicateKey(key: key) }
        data[key] = value
    }

    /// Whether any value was added.
    public var isEmpty: Bool { data.isEmpty }

    /// The Secret.
    public func build() -> Secret {
        Secret(name: name, namespace: namespace, data: data, type: type)
    }
}
