#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitCrypto
import SealKitSerialization
import SealKitModel

/// A SealedSecret's plain values as a YAML document for a person to edit (`sealctl edit`), and
/// the values read back from the edited text. Values that are not UTF-8 are not shown; they are
/// kept as they were.
public struct EditableValues {
    /// Keys whose values are not UTF-8 text, kept as they are.
    public let binaryKeys: [String]
    private var original: [String: [UInt8]]

    public init(_ values: [String: [UInt8]]) {
        original = values
        binaryKeys = values.filter { String(validating: $0.value, as: UTF8.self) == nil }.keys.sorted()
    }

    /// Overwrites the plain values this holds. Call it before the values go: a copy the caller
    /// wipes is not this one once either side has changed.
    public mutating func wipe() {
        SecureMemory.wipe(&original)
    }

    /// The document: a header that says what it is and how it is handled, then `key: value`.
    /// It holds plain values: write it only to a ``/SealKitSupport/PrivateScratchFile``.
    public func document(for sealed: SealedSecret, from source: String) throws -> String {
        let binary = Set(binaryKeys)
        let text = YAMLNode.mapping(original.sorted { $0.key < $1.key }.filter { !binary.contains($0.key) }
            .map { ($0.key, .string(String(decoding: $0.value, as: UTF8.self))) })
        var header = """
        # Values of \(sealed.metadata.name ?? "?") in \(sealed.metadata.namespace ?? "(cluster-wide)"), from \(source).
        # Change, add or delete keys, then save and quit: only what changed is sealed again.
        # This file is private (mode 0600) and is wiped and removed when the editor exits.

        """
        if !binaryKeys.isEmpty { header += "# Binary values, kept as they are: \(binaryKeys.joined(separator: ", "))\n" }
        return header + (try KubesealFormat.yamlDocument(text))
    }

    /// The values after editing: every key of the edited mapping (an empty document deletes
    /// them all), plus the binary keys as they were.
    public func values(fromEdited bytes: [UInt8]) throws -> [String: [UInt8]] {
        let edited = try YAMLParser().parseSingle(bytes)
        var values: [String: [UInt8]] = [:]
        for key in binaryKeys { values[key] = original[key] }
        guard !edited.isNull else { return values }
        guard let pairs = edited.mapping else {
            throw ManifestError(.wrongKind(expected: "a mapping of keys to values", found: edited.kindName))
        }
        for pair in pairs {
            guard let key = pair.key.scalar?.value, SecretBuilder.isValidKey(key) else { throw SealingError.invalidKey(key: "\(pair.key)") }
            guard let scalar = pair.value.scalar else { throw ManifestError(.invalidField(field: key, problem: "the value must be text"), mark: pair.value.mark) }
            values[key] = Array((pair.value.isNull && scalar.value != "null" ? "" : scalar.value).utf8)
        }
        return values
    }
}
