#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport

/// Writes documents exactly as `kubeseal` prints them (kubeseal v0.32 and later).
///
/// kubeseal turns objects into JSON, re-reads that JSON as YAML 1.1 and emits it with go-yaml
/// v2. The YAML therefore has every mapping's keys in go-yaml's order, strings that would read
/// back as another type double-quoted, strings with line breaks as literal blocks, and long
/// plain or quoted strings folded at spaces past column 80. Each document starts with `---`.
public enum KubesealFormat {
    /// The two formats kubeseal writes (`-o yaml`, `-o json`); SealKit reads streams in both.
    public enum OutputFormat: String, Sendable, CaseIterable {
        case yaml, json

        /// How documents in this format are decoded (YAML coerces scalars into string fields,
        /// as kubectl does; JSON does not).
        public var decodingOptions: DecodingOptions { self == .json ? .json : .yaml }
    }

    /// One document in `format`: YAML starts with `---\n`, JSON ends with `\n`.
    public static func document(_ node: YAMLNode, format: OutputFormat) throws(ManifestError) -> String {
        switch format {
        case .yaml: return try yamlDocument(node)
        case .json: return JSONWriter.write(node) + "\n"
        }
    }

    /// One YAML document as kubeseal writes it: `---\n` and the YAML text.
    public static func yamlDocument(_ node: YAMLNode) throws(ManifestError) -> String {
        var placeholders = Placeholders(prefix: "sealkitvalue" + UUID().uuidString.filter { $0 != "-" } + "n")
        let prepared = try prepared(node, &placeholders)
        var text = try emitter.emit(prepared)
        if !placeholders.opaque.isEmpty { text = restoring(placeholders.opaque, prefix: placeholders.prefix, in: text) }
        for (placeholder, escaped) in placeholders.escaped {
            text = text.replacing(placeholder, with: escaped)
        }
        return "---\n" + text
    }

    /// Values that pass through libyaml as placeholders and are put back in its output.
    private struct Placeholders {
        /// Starts every opaque value's placeholder: `prefix<index>x`.
        let prefix: String
        /// Long base64 values, by index (see ``opaquePlaceholder(_:_:)``).
        var opaque: [String] = []
        /// Strings that start with a BOM, as go-yaml escapes them (see ``byteOrderMarkPlaceholder(_:_:)``).
        var escaped: [(placeholder: String, text: String)] = []
    }

    /// The node as libyaml is given it, in one pass: keys in go-yaml's order, NEL characters as
    /// the JSON round trip leaves them (``foldNextLines(_:)``), and placeholders for values
    /// libyaml would write otherwise than go-yaml, or write slowly.
    private static func prepared(_ node: YAMLNode, _ placeholders: inout Placeholders) throws(ManifestError) -> YAMLNode {
        switch node.content {
        case .scalar(var scalar):
            guard scalar.isString else { return node }
            let folded = hasNextLine(scalar.value)
            if folded { scalar.value = foldNextLines(scalar.value) }
            if let placeholder = byteOrderMarkPlaceholder(scalar.value, &placeholders) ?? opaquePlaceholder(scalar.value, &placeholders) {
                return .string(placeholder)
            }
            return folded ? YAMLNode(.scalar(scalar)) : node
        case .sequence(let items):
            var result: [YAMLNode] = []
            result.reserveCapacity(items.count)
            for item in items { result.append(try prepared(item, &placeholders)) }
            return YAMLNode(.sequence(result))
        case .mapping(let pairs):
            var result: [YAMLNode.Pair] = []
            result.reserveCapacity(pairs.count)
            for pair in try sortedPairs(pairs) { result.append(.init(key: pair.key, value: try prepared(pair.value, &placeholders))) }
            return YAMLNode(.mapping(result))
        }
    }

    /// A mapping's pairs keyed by their text in go-yaml's order, the last of equal keys kept
    /// (as a Go map keeps it).
    private static func sortedPairs(_ pairs: [YAMLNode.Pair]) throws(ManifestError) -> [(key: YAMLNode, value: YAMLNode)] {
        var keys: [String] = []
        keys.reserveCapacity(pairs.count)
        for pair in pairs {
            let key = pair.key.scalar?.value ?? pair.key.description
            if hasNextLine(key) {
                throw ManifestError(.invalidField(field: key, problem: "a key with a NEL (U+0085) character cannot be written as YAML; use -o json"))
            }
            keys.append(key)
        }
        if GoYAMLKeyOrder.isSorted(keys) { return zip(keys, pairs).map { (.string($0), $1.value) } }
        var byKey: [String: YAMLNode] = [:]
        byKey.reserveCapacity(pairs.count)
        for (key, pair) in zip(keys, pairs) { byKey[key] = pair.value }
        return GoYAMLKeyOrder.sorted(Array(byKey.keys)).compactMap { key in byKey[key].map { (.string(key), $0) } }
    }

    /// Long base64 values (sealed values) pass through libyaml as short placeholders and are put
    /// back afterwards: libyaml analyses and writes a plain scalar byte by byte, and those bytes
    /// are nearly all of a SealedSecret. Only values that libyaml writes unchanged on their line
    /// qualify: mapping values and sequence items of 64 or more base64 characters that start with
    /// a letter or digit, which go-yaml's style choice leaves plain (no line break, no quotes: a
    /// plain scalar without spaces is never folded).
    private static func opaquePlaceholder(_ text: String, _ placeholders: inout Placeholders) -> String? {
        guard isOpaqueBase64(text), !YAMLResolver.needsQuotes(text) else { return nil }
        placeholders.opaque.append(text)
        return placeholders.prefix + String(placeholders.opaque.count - 1) + "x"
    }

    private static func isOpaqueBase64(_ text: String) -> Bool {
        guard text.utf8.count >= 64 else { return false }
        return withBytes(text) { bytes in
            notBase64.withUnsafeBufferPointer { notBase64 in
                // A letter or digit first: `+`, `/` and `=` may not start a plain value.
                guard notBase64[Int(bytes[0])] == 0, bytes[0] != UInt8(ascii: "+"), bytes[0] != UInt8(ascii: "/"), bytes[0] != UInt8(ascii: "=") else { return false }
                // No early exit: a loop without branches (Benchmarks/README has the cost).
                var found: UInt8 = 0
                for byte in bytes { found |= notBase64[Int(byte)] }
                return found == 0
            }
        }
    }

    /// 1 for each byte that is not in the base64 alphabet (letters, digits, `+`, `/`, `=`).
    private static let notBase64: [UInt8] = (0..<256).map { value in
        let byte = UInt8(value)
        return ASCII.isAlphanumeric(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=") ? 0 : 1
    }

    /// `text` with each `prefix<index>x` replaced by `values[index]`, in one pass.
    private static func restoring(_ values: [String], prefix: String, in text: String) -> String {
        let marker = Array(prefix.utf8)
        var text = text
        return text.withUTF8 { bytes in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + values.reduce(0) { $0 + $1.utf8.count })
            var copied = 0, searched = 0
            while let found = POSIX.firstIndex(of: marker[0], in: bytes, from: searched) {
                searched = found + 1
                guard found + marker.count < bytes.count, UnsafeBufferPointer(rebasing: bytes[found ..< found + marker.count]).elementsEqual(marker) else { continue }
                var end = found + marker.count, number = 0
                while end < bytes.count, bytes[end] &- UInt8(ascii: "0") < 10 {
                    number = number * 10 + Int(bytes[end] - UInt8(ascii: "0"))
                    end += 1
                }
                guard end < bytes.count, bytes[end] == UInt8(ascii: "x"), number < values.count else { continue }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied ..< found]))
                output.append(contentsOf: values[number].utf8)
                copied = end + 1
                searched = copied
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// go-yaml escapes every character of a string that starts with U+FEFF (its BOM test looks
    /// at the string's start, not the current character); libyaml escapes only the BOM. Such
    /// values are emitted as unique space-free placeholders and replaced afterwards. An escaped
    /// string has no raw spaces, so it is never folded, and the placeholder never is either.
    private static func byteOrderMarkPlaceholder(_ text: String, _ placeholders: inout Placeholders) -> String? {
        guard text.utf8.first == 0xEF, text.unicodeScalars.first == "\u{FEFF}" else { return nil }
        let placeholder = "sealkit-bom-\(placeholders.escaped.count)-\(UUID().uuidString)"
        placeholders.escaped.append((placeholder, goEscapedEverything(text)))
        return placeholder
    }

    /// A double-quoted scalar with every character escaped, as go-yaml writes it.
    static func goEscapedEverything(_ text: String) -> String {
        let short: [UInt32: String] = [0x00: "0", 0x07: "a", 0x08: "b", 0x09: "t", 0x0A: "n", 0x0B: "v", 0x0C: "f",
                                       0x0D: "r", 0x1B: "e", 0x22: "\"", 0x5C: "\\", 0x85: "N", 0xA0: "_",
                                       0x2028: "L", 0x2029: "P"]
        var output = "\""
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if let escape = short[value] {
                output += "\\" + escape
            } else if value <= 0xFF {
                output += "\\x" + value.hexDigits(width: 2)
            } else if value <= 0xFFFF {
                output += "\\u" + value.hexDigits(width: 4)
            } else {
                output += "\\U" + value.hexDigits(width: 8)
            }
        }
        return output + "\""
    }

    /// go-yaml's style choice. A key with a line break also gets `.literal`: libyaml then writes
    /// it in complex form (`? |-`), as go-yaml does.
    private static let emitter = YAMLEmitter(lineWidth: 80) { scalar, _ in
        guard scalar.isString else { return .plain }
        if hasLineFeed(scalar.value) { return .literal }
        if YAMLResolver.needsQuotes(scalar.value) { return .doubleQuoted }
        return .plain
    }

    /// Whether `text` holds a line feed that is a Character of its own, i.e. one not preceded
    /// by a carriage return (a CRLF pair is one Character, and has always been emitted without
    /// the literal style). Looks at the UTF-8 bytes, not at Characters, which are slow to iterate.
    package static func hasLineFeed(_ text: String) -> Bool {
        withBytes(text) { bytes in
            var start = 0
            while let found = POSIX.firstIndex(of: 0x0A, in: bytes, from: start) {
                if found == 0 || bytes[found - 1] != 0x0D { return true }
                start = found + 1
            }
            return false
        }
    }

    /// Whether `text` holds U+0085 (NEL), whose UTF-8 form is C2 85 (C2 only ever leads).
    package static func hasNextLine(_ text: String) -> Bool {
        withBytes(text) { bytes in
            var start = 0
            while let found = POSIX.firstIndex(of: 0xC2, in: bytes, from: start) {
                if found + 1 < bytes.count && bytes[found + 1] == 0x85 { return true }
                start = found + 1
            }
            return false
        }
    }

    /// `text`'s UTF-8 bytes in place (a native string's storage is contiguous).
    private static func withBytes(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// go-yaml reads a raw NEL inside a JSON string as a line break and folds it: a run of spaces
    /// and NELs with one NEL becomes a space, with k > 1 NELs it becomes k − 1 line feeds.
    static func foldNextLines(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            guard scalars[index] == " " || scalars[index] == "\u{85}" else {
                output.append(scalars[index]); index += 1; continue
            }
            var end = index, breaks = 0
            while end < scalars.count, scalars[end] == " " || scalars[end] == "\u{85}" {
                if scalars[end] == "\u{85}" { breaks += 1 }
                end += 1
            }
            switch breaks {
            case 0: output.append(contentsOf: scalars[index..<end])
            case 1: output.append(" ")
            default: output.append(contentsOf: repeatElement(Unicode.Scalar("\n"), count: breaks - 1))
            }
            index = end
        }
        return String(output)
    }
}
