import Foundation

/// Writes a ``YAMLNode`` as JSON the way Go's `json.MarshalIndent(v, "", "  ")` does: two-space
/// indent, members in the node's order, HTML-safe escaping (`&`, `<`, `>` as `\u0026`, `\u003c`,
/// `\u003e`), U+2028 and U+2029 escaped, `{}` and `[]` for empty containers.
public enum JSONWriter {
    /// The JSON text, without a trailing newline.
    public static func write(_ node: YAMLNode, indent: String = "  ") -> String {
        var output = ""
        output.reserveCapacity(1024)
        write(node, level: 0, indent: indent, into: &output)
        return output
    }

    private static func write(_ node: YAMLNode, level: Int, indent: String, into output: inout String) {
        switch node.content {
        case .scalar(let scalar):
            switch scalar.resolved {
            case .string, .timestamp: appendQuoted(scalar.value, to: &output)
            case .null: output += "null"
            case .bool(let value): output += value ? "true" : "false"
            case .int(let decimal): output += decimal
            case .float(let value):
                output += value.isFinite ? scalar.value.filter { $0 != "_" } : "null"
            }
        case .sequence(let items):
            guard !items.isEmpty else { output += "[]"; return }
            output += "[\n"
            for (offset, item) in items.enumerated() {
                appendIndent(level + 1, indent, &output)
                write(item, level: level + 1, indent: indent, into: &output)
                output += offset == items.count - 1 ? "\n" : ",\n"
            }
            appendIndent(level, indent, &output)
            output += "]"
        case .mapping(let pairs):
            guard !pairs.isEmpty else { output += "{}"; return }
            output += "{\n"
            for (offset, pair) in pairs.enumerated() {
                appendIndent(level + 1, indent, &output)
                appendQuoted(pair.key.scalar?.value ?? pair.key.description, to: &output)
                output += ": "
                write(pair.value, level: level + 1, indent: indent, into: &output)
                output += offset == pairs.count - 1 ? "\n" : ",\n"
            }
            appendIndent(level, indent, &output)
            output += "}"
        }
    }

    private static func appendIndent(_ level: Int, _ indent: String, _ output: inout String) {
        for _ in 0..<level { output += indent }
    }

    private static let hexDigits = Array("0123456789abcdef".unicodeScalars)

    /// A JSON string literal with Go's escaping.
    static func appendQuoted(_ text: String, to output: inout String) {
        var scalars = String.UnicodeScalarView()
        scalars.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": scalars.append(contentsOf: "\\\"".unicodeScalars)
            case "\\": scalars.append(contentsOf: "\\\\".unicodeScalars)
            case "\n": scalars.append(contentsOf: "\\n".unicodeScalars)
            case "\r": scalars.append(contentsOf: "\\r".unicodeScalars)
            case "\t": scalars.append(contentsOf: "\\t".unicodeScalars)
            case "\u{08}": scalars.append(contentsOf: "\\b".unicodeScalars)
            case "\u{0C}": scalars.append(contentsOf: "\\f".unicodeScalars)
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                scalars.append(contentsOf: "\\u".unicodeScalars)
                let value = scalar.value
                for shift in stride(from: 12, through: 0, by: -4) {
                    scalars.append(hexDigits[Int(value >> UInt32(shift) & 0xF)])
                }
            case _ where scalar.value < 0x20:
                scalars.append(contentsOf: "\\u00".unicodeScalars)
                scalars.append(hexDigits[Int(scalar.value >> 4)])
                scalars.append(hexDigits[Int(scalar.value & 0xF)])
            default:
                scalars.append(scalar)
            }
        }
        scalars.append("\"")
        output.unicodeScalars.append(contentsOf: scalars)
    }
}
