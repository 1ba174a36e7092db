#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Checks that input bytes are UTF-8 before any parser sees them: libyaml would silently accept
/// UTF-16 with a byte-order mark, and JSON or YAML from PowerShell is often UTF-16.
enum TextEncoding {
    /// The input without a UTF-8 byte-order mark; throws for UTF-16/32 and invalid UTF-8.
    static func utf8Content(_ bytes: [UInt8]) throws(ManifestError) -> ArraySlice<UInt8> {
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { throw ManifestError(.notUTF8(encoding: "UTF-32BE")) }
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { throw ManifestError(.notUTF8(encoding: "UTF-32LE")) }
        if bytes.starts(with: [0xFE, 0xFF]) { throw ManifestError(.notUTF8(encoding: "UTF-16BE (with a byte-order mark)")) }
        if bytes.starts(with: [0xFF, 0xFE]) { throw ManifestError(.notUTF8(encoding: "UTF-16LE (with a byte-order mark)")) }
        if bytes.count >= 2 {
            // ASCII text in UTF-16 without a byte-order mark has a zero in every other byte.
            if bytes[0] == 0, bytes[1] != 0 { throw ManifestError(.notUTF8(encoding: "UTF-16BE (no byte-order mark)")) }
            if bytes[0] != 0, bytes[1] == 0 { throw ManifestError(.notUTF8(encoding: "UTF-16LE (no byte-order mark)")) }
        }
        let content = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        if let offset = firstInvalidUTF8(content) {
            throw ManifestError(.notUTF8(encoding: "not valid UTF-8 (byte 0x\(String(content[offset], radix: 16)))"),
                                mark: mark(at: offset, in: content))
        }
        return content
    }

    /// The offset of the first byte that breaks UTF-8, or nil when the bytes are valid.
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = bytes.startIndex
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                return nil
            case .error:
                return offset
            }
        }
    }

    /// The 1-based line and column of a byte offset.
    static func mark(at offset: Int, in bytes: ArraySlice<UInt8>) -> YAMLNode.Mark {
        var line = 1, lineStart = bytes.startIndex
        for index in bytes.startIndex..<min(offset, bytes.endIndex) where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        return YAMLNode.Mark(line: line, column: offset - lineStart + 1)
    }
}
