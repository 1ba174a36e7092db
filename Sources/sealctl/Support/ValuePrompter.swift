#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKit

/// Asks for prompted values on the terminal: hidden input (no echo) where the key is secret,
/// a confirmation, a minimum length, and a new question when they are not met.
struct ValuePrompter {
    /// Whether prompts can be shown: standard input is a terminal.
    static var isInteractive: Bool { POSIX.isTerminal(.input) }

    static func ask(environment: String, key: String, spec: PromptSpec) throws -> [UInt8] {
        let label = spec.message ?? "\(environment) \(key)"
        while true {
            let suffix = spec.defaultValue.map { " [\($0)]" } ?? ""
            var value = try SecretPrompt.read("\(label)\(suffix): ", hidden: spec.hidden)
            if value.isEmpty, let defaultValue = spec.defaultValue { value = defaultValue }
            guard value.count >= spec.minimumLength else {
                Console.standardError("\(key) must be at least \(spec.minimumLength) characters; try again\n")
                continue
            }
            if spec.confirm {
                let again = try SecretPrompt.read("\(label) (again): ", hidden: spec.hidden)
                guard again == value else {
                    Console.standardError("the two entries for \(key) do not match; try again\n")
                    continue
                }
            }
            return Array(value.utf8)
        }
    }
}

/// `--values-file`: values for prompted keys when there is no terminal. Either a mapping of
/// keys to values, or of environment names to such mappings.
struct ValuesFile {
    private let flat: [String: String]
    private let byEnvironment: [String: [String: String]]

    init(path: String, environments: [String]) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
        if let mode = POSIX.permissions(ofPath: path), mode & 0o077 != 0 {
            Console.warning("\(path) holds plain values and is readable by group or others (mode \(String(mode, radix: 8))); chmod 600 \(path), and delete it when done")
        }
        let root: YAMLNode
        do {
            root = try (ManifestStream.detectFormat(Array(data)) == .json ? JSONParser().parseStream(Array(data)).first : YAMLParser().parseSingle(Array(data))) ?? .null
        } catch {
            throw CLIError("\(error.inFile(path))")
        }
        guard let pairs = root.mapping else { throw CLIError("\(path): expected a mapping of keys to values") }
        var flat: [String: String] = [:], byEnvironment: [String: [String: String]] = [:]
        for pair in pairs {
            guard let name = pair.key.scalar?.value else { continue }
            if environments.contains(name), let nested = pair.value.mapping {
                byEnvironment[name] = Dictionary(nested.compactMap { entry in entry.key.scalar.map { ($0.value, entry.value.scalar?.value ?? "") } }, uniquingKeysWith: { $1 })
            } else if let scalar = pair.value.scalar {
                flat[name] = scalar.value
            } else {
                throw CLIError("\(path): the value of \(name) must be text")
            }
        }
        self.flat = flat
        self.byEnvironment = byEnvironment
    }

    func value(environment: String, key: String) -> String? {
        byEnvironment[environment]?[key] ?? flat[key]
    }
}
