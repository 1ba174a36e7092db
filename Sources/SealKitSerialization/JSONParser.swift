#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport

/// Reads JSON into ``YAMLNode`` trees: one document, or a stream of concatenated values as
/// kubeseal accepts (`{…}{…}` or one per line). Strings become string scalars, numbers, `true`,
/// `false` and `null` plain scalars; each node keeps its line and column.
public struct JSONParser: Sendable {
    /// Deepest nesting of arrays and objects.
    public var maxDepth: Int

    /// A parser that refuses nesting deeper than `maxDepth`.
    public init(maxDepth: Int = 256) {
        self.maxDepth = maxDepth
    }

    /// Every top-level value of a JSON stream, in order.
    public func parseStream(_ bytes: [UInt8]) throws(ManifestError) -> [YAMLNode] {
        try parseStreamWithRanges(bytes).map(\.0)
    }

    /// Every top-level value of a JSON stream with its byte range (after a UTF-8 byte-order mark).
    public func parseStreamWithRanges(_ bytes: [UInt8]) throws(ManifestError) -> [(YAMLNode, Range<Int>)] {
        let content = try TextEncoding.utf8Content(bytes)
        var cursor = Cursor(bytes: Array(content), maxDepth: maxDepth)
        var values: [(YAMLNode, Range<Int>)] = []
        cursor.skipWhitespace()
        while !cursor.atEnd {
            let start = cursor.offset
            do {
                values.append((try cursor.value(depth: 0), start..<cursor.offset))
            } catch {
                throw error.inDocument(values.count)
            }
            cursor.skipWhitespace()
        }
        return values
    }

    private struct Cursor {
        let bytes: [UInt8]
        let maxDepth: Int
        var offset = 0
        var line = 1
        var lineStart = 0

        init(bytes: [UInt8], maxDepth: Int) {
            self.bytes = bytes
            self.maxDepth = maxDepth
        }

        var atEnd: Bool { offset >= bytes.count }
        var mark: YAMLNode.Mark { YAMLNode.Mark(line: line, column: offset - lineStart + 1) }

        mutating func skipWhitespace() {
            while offset < bytes.count {
                switch bytes[offset] {
                case 0x20, 0x09, 0x0D: offset += 1
                case 0x0A: offset += 1; line += 1; lineStart = offset
                default: return
                }
            }
        }

        func failure(_ message: String) -> ManifestError {
            ManifestError(.syntax(message), mark: mark)
        }

        mutating func value(depth: Int) throws(ManifestError) -> YAMLNode {
            skipWhitespace()
            guard offset < bytes.count else { throw failure("unexpected end of JSON input") }
            let start = mark
            switch bytes[offset] {
            case UInt8(ascii: "{"):
                guard depth < maxDepth else { throw ManifestError(.limitExceeded("nesting deeper than \(maxDepth) levels"), mark: start) }
                offset += 1
                var pairs: [YAMLNode.Pair] = []
                var keys = Set<String>()
                skipWhitespace()
                if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") { offset += 1; return YAMLNode(.mapping(pairs), mark: start) }
                while true {
                    skipWhitespace()
                    let keyMark = mark
                    guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { throw failure("expected a string key in object") }
                    let key = try string()
                    guard keys.insert(key).inserted else { throw ManifestError(.duplicateKey(key), mark: keyMark) }
                    skipWhitespace()
                    guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else { throw failure("expected ':' after object key") }
                    offset += 1
                    let item = try value(depth: depth + 1)
                    pairs.append(.init(key: YAMLNode(.scalar(.init(key, style: .doubleQuoted, tag: YAMLNode.stringTag)), mark: keyMark), value: item))
                    skipWhitespace()
                    guard offset < bytes.count else { throw failure("unexpected end of JSON input in object") }
                    if bytes[offset] == UInt8(ascii: ",") { offset += 1; continue }
                    if bytes[offset] == UInt8(ascii: "}") { offset += 1; return YAMLNode(.mapping(pairs), mark: start) }
                    throw failure("expected ',' or '}' in object")
                }
            case UInt8(ascii: "["):
                guard depth < maxDepth else { throw ManifestError(.limitExceeded("nesting deeper than \(maxDepth) levels"), mark: start) }
                offset += 1
                var items: [YAMLNode] = []
                skipWhitespace()
                if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") { offset += 1; return YAMLNode(.sequence(items), mark: start) }
                while true {
                    items.append(try value(depth: depth + 1))
                    skipWhitespace()
                    guard offset < bytes.count else { throw failure("unexpected end of JSON input in array") }
                    if bytes[offset] == UInt8(ascii: ",") { offset += 1; continue }
                    if bytes[offset] == UInt8(ascii: "]") { offset += 1; return YAMLNode(.sequence(items), mark: start) }
                    throw failure("expected ',' or ']' in array")
                }
            case UInt8(ascii: "\""):
                return YAMLNode(.scalar(.init(try string(), style: .doubleQuoted, tag: YAMLNode.stringTag)), mark: start)
            case UInt8(ascii: "t"):
                try literal("true"); return YAMLNode(.scalar(.init("true")), mark: start)
            case UInt8(ascii: "f"):
                try literal("false"); return YAMLNode(.scalar(.init("false")), mark: start)
            case UInt8(ascii: "n"):
                try literal("null"); return YAMLNode(.scalar(.init("null")), mark: start)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return YAMLNode(.scalar(.init(try number())), mark: start)
            default:
                // The character itself is not quoted: it may belong to a secret value.
                throw failure("invalid character looking for beginning of value")
            }
        }

        mutating func literal(_ word: String) throws(ManifestError) {
            let expected = Array(word.utf8)
            guard bytes.count - offset >= expected.count, Array(bytes[offset..<offset + expected.count]) == expected else {
                throw failure("invalid literal, expected \(word)")
            }
            offset += expected.count
        }

        /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
        mutating func number() throws(ManifestError) -> String {
            let start = offset
            if bytes[offset] == UInt8(ascii: "-") { offset += 1 }
            func digits() -> Int {
                let from = offset
                while offset < bytes.count, ASCII.isDigit(bytes[offset]) { offset += 1 }
                return offset - from
            }
            guard offset < bytes.count else { throw failure("invalid number") }
            if bytes[offset] == UInt8(ascii: "0") { offset += 1 } else if digits() == 0 { throw failure("invalid number") }
            if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
                offset += 1
                guard digits() > 0 else { throw failure("invalid number: digits expected after '.'") }
            }
            if offset < bytes.count, bytes[offset] | 0x20 == UInt8(ascii: "e") {
                offset += 1
                if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") { offset += 1 }
                guard digits() > 0 else { throw failure("invalid number: digits expected in exponent") }
            }
            return String(decoding: bytes[start..<offset], as: UTF8.self)
        }

        mutating func string() throws(ManifestError) -> String {
            offset += 1  // opening quote
            var scalars = String.UnicodeScalarView()
            var runStart = offset
            func flush(_ end: Int) {
                if end > runStart { scalars.append(contentsOf: String(decoding: bytes[runStart..<end], as: UTF8.self).unicodeScalars) }
            }
            while offset < bytes.count {
                let byte = bytes[offset]
                if byte == UInt8(ascii: "\"") {
                    flush(offset)
                    offset += 1
                    return String(scalars)
                }
                if byte < 0x20 { throw failure("invalid control character in string") }
                guard byte == UInt8(ascii: "\\") else { offset += 1; continue }
                flush(offset)
                offset += 1
                guard offset < bytes.count else { break }
                let escape = bytes[offset]
                offset += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code), offset + 1 < bytes.count,
                       bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") {
                        let save = offset
                        offset += 2
                        let low = try hex4()
                        if (0xDC00..<0xE000).contains(low) {
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            offset = save
                        }
                    }
                    // A lone surrogate becomes U+FFFD, as Go's decoder does.
                    scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                default:
                    throw failure("invalid escape in string")
                }
                runStart = offset
            }
            throw failure("unexpected end of JSON input in string")
        }

        mutating func hex4() throws(ManifestError) -> UInt32 {
            guard bytes.count - offset >= 4 else { throw failure("invalid \\u escape") }
            var value: UInt32 = 0
            for byte in bytes[offset..<offset + 4] {
                guard let digit = Int(String(UnicodeScalar(byte)), radix: 16) else { throw failure("invalid \\u escape") }
                value = value << 4 | UInt32(digit)
            }
            offset += 4
            return value
        }

    }
}
