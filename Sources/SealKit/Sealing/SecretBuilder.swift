#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

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

    /// An empty builder.
    public init(name: String? = nil, namespace: String? = nil, type: String = "Opaque") {
        self.name = name
        self.namespace = namespace
        self.type = type
    }

    /// Whether `key` is a valid Secret data key (`[-._a-zA-Z0-9]+`, not `.` or `..`).
    public static func isValidKey(_ key: String) -> Bool {
        !key.isEmpty && key != "." && key != ".." && key.utf8.count <= 253 &&
            key.utf8.allSatisfy(isKeyByte)
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"): return true
        default: return false
        }
    }

    /// A Secret built from kubectl-style sources: `KEY=VALUE` literals, `[KEY=]PATH` files and
    /// env files, in that order, as `kubectl create secret generic` builds one.
    public static func build(name: String?, namespace: String?, type: String = "Opaque",
                             literals: [String], files: [String], envFiles: [String]) throws -> Secret {
        var builder = SecretBuilder(name: name, namespace: namespace, type: type)
        for literal in literals { try builder.addLiteral(literal) }
        for file in files { try builder.addFile(file) }
        for file in envFiles { try builder.addEnvFile(file) }
        return builder.build()
    }

    /// Adds `KEY=VALUE`.
    public mutating func addLiteral(_ argument: String) throws {
        guard let separator = argument.firstIndex(of: "="), separator != argument.startIndex else {
            throw SealingError.malformedInput(message: "a literal value takes the form KEY=VALUE")
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
        try add(key: key, value: Data(try FileBytes.read(path)))
    }

    /// Adds every `KEY=VALUE` line of an env file, as kubectl reads one: blank lines and lines
    /// starting with `#` are skipped, the value is the rest of the line as written.
    public mutating func addEnvFile(_ path: String) throws {
        try addEnvFile(contents: try FileBytes.read(path), source: path)
    }

    /// Adds every `KEY=VALUE` line of env-file text; `source` names it in errors.
    public mutating func addEnvFile(contents: [UInt8], source path: String) throws {
        let text = String(decoding: contents, as: UTF8.self)
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = rawLine
            if line.hasSuffix("\r") { line = line.dropLast() }
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let separator = trimmed.firstIndex(of: "=") else {
                throw SealingError.malformedInput(message: "\(path), line \(number + 1): expected KEY=VALUE")
            }
            try add(key: String(trimmed[..<separator]), value: Data(trimmed[trimmed.index(after: separator)...].utf8))
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
