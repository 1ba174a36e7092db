#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport

/// Edits YAML or JSON text by byte spans from its ``YAMLSourceMap``: edits are collected and
/// applied together, and everything outside them stays byte for byte as written. The one
/// source-editing core of SealKit: a SealedSecret file's entries, git's conflict markers and a
/// kustomization's resources are all edited through it, so that they share one line index, one
/// line-ending rule (``SourceLines/lineBreak(of:)``) and one answer to "may this be plain?"
/// (``isPlainSafe(_:inFlow:)``).
package struct YAMLSourceEditor {
    package typealias Span = YAMLSourceMap.Span

    package let bytes: [UInt8]
    package let lines: SourceLines
    package let json: Bool
    /// The line end new lines get (``SourceLines/lineBreak(of:)``).
    package let lineEnd: String
    package var edits: [(range: Range<Int>, text: String)] = []
    /// 0-based lines (within the text) of comments that the edits drop.
    package private(set) var lostLines: [Int] = []

    package init(bytes: [UInt8], json: Bool = false) {
        self.bytes = bytes
        self.json = json
        lines = SourceLines(bytes)
        lineEnd = SourceLines.lineBreak(of: bytes)
    }

    /// Replaces `range` with `text`; an empty range inserts.
    package mutating func replace(_ range: Range<Int>, with text: String) {
        edits.append((range, text))
    }

    /// Inserts `text` at `offset`.
    package mutating func insert(_ text: String, at offset: Int) {
        edits.append((offset..<offset, text))
    }

    /// The bytes with every edit applied, in one pass from the start (splicing each edit into
    /// the array would move the rest of the document once per edit). At one offset, insertions
    /// come in the order they were made, then the replacement of a range that starts there.
    package func applied() -> [UInt8] {
        let ordered = edits.enumerated().sorted { a, b in
            (a.element.range.lowerBound, a.element.range.isEmpty ? 0 : 1, a.offset) < (b.element.range.lowerBound, b.element.range.isEmpty ? 0 : 1, b.offset)
        }
        var edited: [UInt8] = []
        edited.reserveCapacity(bytes.count + edits.reduce(0) { $0 + $1.text.utf8.count })
        var cursor = 0
        for (_, edit) in ordered {
            if edit.range.lowerBound > cursor { edited += bytes[cursor..<edit.range.lowerBound] }
            edited += edit.text.utf8
            cursor = max(cursor, edit.range.upperBound)
        }
        edited += bytes[cursor...]
        return edited
    }

    // MARK: Text of keys and values

    /// A key as the file would write it: JSON-quoted in JSON, plain in YAML where YAML reads it
    /// back as the same string, else double-quoted.
    package func keyText(_ key: String) -> String {
        json ? Self.jsonQuoted(key) : scalarText(key, like: .plain, inFlow: false) ?? Self.jsonQuoted(key)
    }

    /// A value in the quoting of the value it replaces: plain where that reads back as the same
    /// string, single quotes where they can hold it, else double quotes with JSON's escapes (a
    /// subset of YAML's). Nil for block scalars, which a one-line edit cannot keep.
    package func scalarText(_ value: String, like style: YAMLNode.ScalarStyle, inFlow: Bool) -> String? {
        if json { return Self.jsonQuoted(value) }
        switch style {
        case .plain where Self.isPlainSafe(value, inFlow: inFlow): return value
        case .plain, .doubleQuoted: return Self.jsonQuoted(value)
        case .singleQuoted:
            if value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return Self.jsonQuoted(value) }
            return "'" + value.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
        case .literal, .folded: return nil
        }
    }

    /// Whether `value` written plain reads back as the same string: resolved as a string, no
    /// indicator first, no `: ` or ` #` inside, no spaces at either end, nothing outside
    /// printable ASCII and Unicode letters; in flow context, none of `,[]{}` either.
    package static func isPlainSafe(_ value: String, inFlow: Bool) -> Bool {
        let scalars = value.unicodeScalars
        guard let first = scalars.first, let last = scalars.last, !YAMLResolver.needsQuotes(value) else { return false }
        if "-?:,[]{}#&*!|>'\"%@` \t".unicodeScalars.contains(first) || last == " " || last == ":" { return false }
        if value.contains(": ") || value.contains(" #") { return false }
        for scalar in scalars {
            let code = scalar.value
            if code < 0x20 || code == 0x7F || (0x80...0x9F).contains(code) || code == 0xFEFF { return false }
            if inFlow && (scalar == "," || scalar == "[" || scalar == "]" || scalar == "{" || scalar == "}") { return false }
        }
        return true
    }

    /// `text` as a JSON string literal, with Go's escaping (a subset of YAML's double quotes).
    package static func jsonQuoted(_ text: String) -> String {
        var output: [UInt8] = []
        JSONWriter.appendQuoted(text, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    // MARK: Lines and offsets

    /// Inserts `line` and a line end at `offset`, a line start (or the end of a document that
    /// has no final line end, which then gets one before the line).
    package mutating func insertLine(_ line: String, at offset: Int) {
        let needsLineEnd = offset == bytes.count && offset > 0 && bytes[offset - 1] != UInt8(ascii: "\n")
        edits.append((offset..<offset, needsLineEnd ? lineEnd + line : line + lineEnd))
    }

    /// Records the comment lines in `range` whose text does not survive in `kept`.
    package mutating func noteLostComments(in range: Range<Int>, keeping kept: String) {
        var offset = range.lowerBound
        while offset < range.upperBound {
            let end = min(nextLineStart(offset), range.upperBound)
            let text = String(decoding: bytes[offset..<end], as: UTF8.self).trimmingWhitespace()
            if let hash = text.firstIndex(of: "#"), hash == text.startIndex || text[text.index(before: hash)] == " " {
                if !kept.contains(text[hash...]) { lostLines.append(line(of: offset)) }
            }
            offset = end
        }
    }

    /// Whether the key starts its line after indentation only (not after a `- ` or on a line
    /// shared with other content), so that its line can be taken out or put before whole.
    package func ownsLine(_ key: Span) -> Bool {
        bytes[lineStart(key.range.lowerBound) ..< key.range.lowerBound].allSatisfy { $0 == UInt8(ascii: " ") }
    }

    package func column(of span: Span) -> Int { lines.column(of: span.range.lowerBound) }
    package func line(of offset: Int) -> Int { lines.line(of: offset) }
    package func lineStart(_ offset: Int) -> Int { lines.lineStart(offset) }
    package func nextLineStart(_ offset: Int) -> Int { lines.nextLineStart(offset) }

    /// The start of the line after the one a value ends on. A block scalar's end mark already
    /// sits at a line start.
    package func endOfLine(after value: Span) -> Int {
        let end = contentEnd(value)
        return end > 0 && bytes[end - 1] == UInt8(ascii: "\n") ? end : nextLineStart(end)
    }

    /// Where a node's own text ends: a block collection's range runs on to the next token, so
    /// its last descendant's end is taken instead.
    package func contentEnd(_ span: Span) -> Int {
        guard !span.isFlow else { return span.range.upperBound }
        switch span.content {
        case .mapping(let entries): return entries.last.map { contentEnd($0.value) } ?? span.range.upperBound
        case .sequence(let items): return items.last.map(contentEnd) ?? span.range.upperBound
        case .scalar, .alias: return span.range.upperBound
        }
    }

    /// The spaces that start the line holding `offset`.
    package func leadingSpaces(ofLineAt offset: Int) -> String {
        var index = lineStart(offset), count = 0
        while index + count < bytes.count && bytes[index + count] == UInt8(ascii: " ") { count += 1 }
        return String(repeating: " ", count: count)
    }

    /// The offset of the line end (`\n`, or the `\r` of `\r\n`) at or after `offset`, or the
    /// end of the text.
    package func lineEndOffset(from offset: Int) -> Int {
        let next = nextLineStart(offset)
        guard next > offset, next <= bytes.count, bytes[next - 1] == UInt8(ascii: "\n") else { return next }
        return next - 1 > offset && bytes[next - 2] == UInt8(ascii: "\r") ? next - 2 : next - 1
    }

    /// The bytes with every `# comment` (to its line end) blanked out, same length.
    package static func withoutComments(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var result = bytes
        var inComment = false
        for index in result.indices {
            if result[index] == UInt8(ascii: "\n") { inComment = false } else if result[index] == UInt8(ascii: "#") { inComment = true }
            if inComment { result[index] = UInt8(ascii: " ") }
        }
        return result
    }
}
