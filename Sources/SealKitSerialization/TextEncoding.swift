#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Checks that input bytes are UTF-8 before any parser sees them: libyaml would silently accept
/// UTF-16 with a byte-order mark, and JSON or YAML from PowerShell is often UTF-16.
package enum TextEncoding {
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

    /// The offset of the first byte that breaks UTF-8 (where its sequence starts), or nil when
    /// the bytes are valid (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            let count = buffer.count
            var index = 0
            while index < count {
                if buffer[index] < 0x80 {
                    // ASCII, nearly all of a manifest, eight bytes a step: decoding scalar by
                    // scalar cost as much as libyaml's own reading and decoding of the input.
                    while index + 8 <= count, UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                        index += 8
                    }
                    while index < count, buffer[index] < 0x80 { index += 1 }
                    continue
                }
                guard let width = sequenceWidth(buffer, at: index) else { return bytes.startIndex + index }
                index += width
            }
            return nil
        }
    }

    /// The length of the well-formed multi-byte sequence at `index` (RFC 3629 §4), or nil.
    private static func sequenceWidth(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let lead = buffer[index]
        let width: Int, second: ClosedRange<UInt8>
        switch lead {
        case 0xC2...0xDF: (width, second) = (2, 0x80...0xBF)
        case 0xE0: (width, second) = (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (width, second) = (3, 0x80...0xBF)
        case 0xED: (width, second) = (3, 0x80...0x9F)
        case 0xF0: (width, second) = (4, 0x90...0xBF)
        case 0xF1...0xF3: (width, second) = (4, 0x80...0xBF)
        case 0xF4: (width, second) = (4, 0x80...0x8F)
        default: return nil
        }
        guard index + width <= buffer.count, second.contains(buffer[index + 1]) else { return nil }
        for next in (index + 2)..<(index + width) where buffer[next] & 0xC0 != 0x80 { return nil }
        return width
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
