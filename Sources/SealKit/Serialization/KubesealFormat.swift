#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

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
        var replacements: [(String, String)] = []
        var opaque: [String] = []
        let prefix = "sealkitvalue" + UUID().uuidString.filter { $0 != "-" } + "n"
        let prepared = withOpaquePlaceholders(withByteOrderMarkPlaceholders(try normalized(node), &replacements), prefix: prefix, &opaque)
        var text = try emitter.emit(prepared)
        if !opaque.isEmpty { text = restoring(opaque, prefix: prefix, in: text) }
        for (placeholder, escaped) in replacements {
            text = text.replacing(placeholder, with: escaped)
        }
        return "---\n" + text
    }

    /// Long base64 values (sealed values) pass through libyaml as short placeholders and are put
    /// back afterwards: libyaml analyses and writes a plain scalar byte by byte, and those bytes
    /// are nearly all of a SealedSecret. Only values that libyaml writes unchanged on their line
    /// qualify: mapping values and sequence items of 64 or more base64 characters that start with
    /// a letter or digit, which go-yaml's style choice leaves plain (no line break, no quotes: a
    /// plain scalar without spaces is never folded).
    private static func withOpaquePlaceholders(_ node: YAMLNode, prefix: String, _ values: inout [String]) -> YAMLNode {
        switch node.content {
        case .scalar(let scalar):
            guard scalar.isString, isOpaqueBase64(scalar.value), !YAMLResolver.needsQuotes(scalar.value) else { return node }
            values.append(scalar.value)
            return .string(prefix + String(values.count - 1) + "x")
        case .sequence(let items):
            return YAMLNode(.sequence(items.map { withOpaquePlaceholders($0, prefix: prefix, &values) }))
        case .mapping(let pairs):
            return YAMLNode(.mapping(pairs.map { .init(key: $0.key, value: withOpaquePlaceholders($0.value, prefix: prefix, &values)) }))
        }
    }

    private static func isOpaqueBase64(_ text: String) -> Bool {
        guard text.utf8.count >= 64 else { return false }
        return withBytes(text) { bytes in
            // 1: a letter or digit, 2: `+`, `/` or `=`, which may not start a value.
            guard base64Class[Int(bytes[0])] == 1 else { return false }
            for byte in bytes where base64Class[Int(byte)] == 0 { return false }
            return true
        }
    }

    private static let base64Class: [UInt8] = (0..<256).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return 1
        case UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="): return 2
        default: return 0
        }
    }

    /// `text` with each `prefix<index>x` replaced by `values[index]`, in one pass.
    private static func restoring(_ values: [String], prefix: String, in text: String) -> String {
        let bytes = Array(text.utf8), marker = Array(prefix.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + values.reduce(0) { $0 + $1.utf8.count })
        var index = 0
        while index < bytes.count {
            if bytes[index] == marker[0], index + marker.count < bytes.count, bytes[index..<(index + marker.count)].elementsEqual(marker) {
                var end = index + marker.count, number = 0
                while end < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) {
                    number = number * 10 + Int(bytes[end] - UInt8(ascii: "0"))
                    end += 1
                }
                if end < bytes.count, bytes[end] == UInt8(ascii: "x"), number < values.count {
                    output += values[number].utf8
                    index = end + 1
                    continue
                }
            }
            output.append(bytes[index])
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// go-yaml escapes every character of a string that starts with U+FEFF (its BOM test looks
    /// at the string's start, not the current character); libyaml escapes only the BOM. Such
    /// values are emitted as unique space-free placeholders and replaced afterwards. An escaped
    /// string has no raw spaces, so it is never folded, and the placeholder never is either.
    private static func withByteOrderMarkPlaceholders(_ node: YAMLNode, _ replacements: inout [(String, String)]) -> YAMLNode {
        switch node.content {
        case .scalar(let scalar):
            guard scalar.isString, scalar.value.unicodeScalars.first == "\u{FEFF}" else { return node }
            let placeholder = "sealkit-bom-\(replacements.count)-\(UUID().uuidString)"
            replacements.append((placeholder, goEscapedEverything(scalar.value)))
            return .string(placeholder)
        case .sequence(let items):
            return YAMLNode(.sequence(items.map { withByteOrderMarkPlaceholders($0, &replacements) }))
        case .mapping(let pairs):
            return YAMLNode(.mapping(pairs.map { .init(key: $0.key, value: withByteOrderMarkPlaceholders($0.value, &replacements)) }))
        }
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
    /// the literal style). Looks at the UTF-8 bytes: Character iteration was a tenth of sealing
    /// 2,000 values.
    static func hasLineFeed(_ text: String) -> Bool {
        withBytes(text) { bytes in
            var start = 0
            while let found = bytes[start...].firstIndex(of: 0x0A) {
                if found == 0 || bytes[found - 1] != 0x0D { return true }
                start = found + 1
            }
            return false
        }
    }

    /// Whether `text` holds U+0085 (NEL), whose UTF-8 form is C2 85 (C2 only ever leads).
    static func hasNextLine(_ text: String) -> Bool {
        withBytes(text) { bytes in
            var start = 0
            while let found = bytes[start...].firstIndex(of: 0xC2) {
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

    /// Sorts keys as go-yaml does and applies the JSON round trip's effect on NEL characters.
    static func normalized(_ node: YAMLNode) throws(ManifestError) -> YAMLNode {
        switch node.content {
        case .scalar(var scalar):
            guard scalar.isString, hasNextLine(scalar.value) else { return node }
            scalar.value = foldNextLines(scalar.value)
            return YAMLNode(.scalar(scalar))
        case .sequence(let items):
            var result: [YAMLNode] = []
            result.reserveCapacity(items.count)
            for item in items { result.append(try normalized(item)) }
            return YAMLNode(.sequence(result))
        case .mapping(let pairs):
            var byKey: [String: YAMLNode] = [:]
            for pair in pairs {
                let key = pair.key.scalar?.value ?? pair.key.description
                if hasNextLine(key) {
                    throw ManifestError(.invalidField(field: key, problem: "a key with a NEL (U+0085) character cannot be written as YAML; use -o json"))
                }
                byKey[key] = try normalized(pair.value)
            }
            return YAMLNode(.mapping(GoYAMLKeyOrder.sorted(Array(byKey.keys)).compactMap { key in byKey[key].map { .init(key: .string(key), value: $0) } }))
        }
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

extension KubesealFormat.OutputFormat {
    /// kubeseal's choice of format: the one asked for, then a `.json`/`.yaml`/`.yml` output file,
    /// then `SEALED_SECRETS_FORMAT`, then YAML.
    public static func resolve(_ requested: Self?, outputFile: String?, environment: [String: String]) throws -> Self {
        if let requested { return requested }
        if let lowered = outputFile?.lowercased() {
            if lowered.hasSuffix(".json") { return .json }
            if lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml") { return .yaml }
        }
        guard let value = environment["SEALED_SECRETS_FORMAT"], !value.isEmpty else { return .yaml }
        guard let format = Self(rawValue: value.lowercased()) else {
            throw SealingError.malformedInput(message: "SEALED_SECRETS_FORMAT must be yaml or json, not \"\(value)\"")
        }
        return format
    }
}
