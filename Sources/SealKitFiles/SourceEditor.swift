#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSerialization

/// Collects byte edits of one document's source and applies them together.
package struct SourceEditor {
    package typealias Span = YAMLSourceMap.Span

    package let bytes: [UInt8]
    let lines: SourceLines
    package let json: Bool
    /// The line end new lines get (``SourceLines/lineBreak(of:)``).
    package let lineEnd: String
    package var edits: [(range: Range<Int>, text: String)] = []
    /// 0-based lines (within the document) of comments that the edits drop.
    private(set) var lostLines: [Int] = []

    package init(bytes: [UInt8], json: Bool) {
        self.bytes = bytes
        self.json = json
        lines = SourceLines(bytes)
        lineEnd = SourceLines.lineBreak(of: bytes)
    }

    /// Records the edits that change the mapping at `path` from `old` to `new`. Returns whether
    /// the mapping is rewritten whole (flow style), or nil when no edit can express the change.
    mutating func change(_ path: [String], in root: Span, from old: [String: String], to new: [String: String]) -> Bool? {
        var parent = root, parentKey: Span?
        for name in path.dropLast() {
            guard let entry = parent.entry(forKey: name) else { return nil }
            parentKey = entry.key
            parent = entry.value
        }
        guard let name = path.last else { return nil }
        guard let entry = parent.entry(forKey: name) else {
            if new.isEmpty { return false }
            return insertMapping(name, new, into: parent, parentKey: parentKey) ? false : nil
        }
        guard case .mapping(let entries) = entry.value.content else { return nil }
        if json, editJSONLines(entries, from: old, to: new) { return false }
        if entry.value.isFlow || entries.isEmpty {
            return rewriteFlow(entry.value, entries, from: old, to: new) ? true : nil
        }
        // Only a mapping whose every entry goes goes whole: an entry the model does not hold (a
        // `null` value, as kubeseal writes an empty one) stays, so its lines are edited instead.
        if new.isEmpty, entries.allSatisfy({ $0.key.scalarValue.map { old[$0] != nil } ?? false }) {
            return removeMapping(entry, encryptedData: path == ["spec", "encryptedData"]) ? false : nil
        }
        return editBlockLines(entries, from: old, to: new) ? false : nil
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

    // MARK: Block style

    /// Edits a block mapping's entries line by line.
    mutating func editBlockLines(_ entries: [Span.Entry], from old: [String: String], to new: [String: String]) -> Bool {
        var existing: [String] = []
        existing.reserveCapacity(entries.count)
        for entry in entries {
            guard let key = entry.key.scalarValue, case .scalar(_, let style) = entry.value.content, ownsLine(entry.key) else { return false }
            existing.append(key)
            // An entry the model does not hold (a `null` value) stays as written.
            guard let before = old[key] else { continue }
            guard let value = new[key] else {
                edits.append((lineStart(entry.key.range.lowerBound) ..< nextLineStart(entry.value.range.upperBound), ""))
                continue
            }
            if value != before {
                guard let text = scalarText(value, like: style, inFlow: false) else { return false }
                edits.append((entry.value.range, text))
            }
        }
        let written = Set(existing)
        let added = new.keys.filter { !written.contains($0) }
        guard !added.isEmpty, let first = entries.first, let last = entries.last else { return true }
        let indentation = String(repeating: " ", count: column(of: first.key))
        let style = first.value.scalarStyle ?? .plain
        let inOrder = GoYAMLKeyOrder.isSorted(existing)
        let afterLast = endOfLine(after: last.value)
        // Both in go-yaml order: each added key goes before the first entry after it, found by
        // walking the entries once.
        var successor = 0
        for key in GoYAMLKeyOrder.sorted(added) {
            guard let value = new[key], let valueText = scalarText(value, like: style, inFlow: false) else { return false }
            while inOrder && successor < entries.count && !GoYAMLKeyOrder.less(key, existing[successor]) { successor += 1 }
            let at = inOrder && successor < entries.count ? lineStart(entries[successor].key.range.lowerBound) : afterLast
            insertLine(indentation + keyText(key) + ": " + valueText, at: at)
        }
        return true
    }

    /// Adds a block mapping `name` of `values` to the block mapping `parent`, at its go-yaml place
    /// among `parent`'s keys when they are in that order, else after the last.
    mutating func insertMapping(_ name: String, _ values: [String: String], into parent: Span, parentKey: Span?) -> Bool {
        guard !json, !parent.isFlow, case .mapping(let siblings) = parent.content, let first = siblings.first, let last = siblings.last,
              siblings.allSatisfy({ $0.key.scalarValue != nil && ownsLine($0.key) }) else { return false }
        let indentation = column(of: first.key)
        let step = parentKey.map { indentation - column(of: $0) }.flatMap { $0 > 0 ? $0 : nil } ?? 2
        let keys = siblings.compactMap(\.key.scalarValue)
        let successor = GoYAMLKeyOrder.sorted(keys) == keys ? siblings.first { GoYAMLKeyOrder.less(name, $0.key.scalarValue ?? "") } : nil
        let at = successor.map { lineStart($0.key.range.lowerBound) } ?? endOfLine(after: last.value)
        insertLine(String(repeating: " ", count: indentation) + keyText(name) + ":", at: at)
        for key in GoYAMLKeyOrder.sorted(Array(values.keys)) {
            guard let value = values[key], let valueText = scalarText(value, like: .plain, inFlow: false) else { return false }
            insertLine(String(repeating: " ", count: indentation + step) + keyText(key) + ": " + valueText, at: at)
        }
        return true
    }

    /// Removes a block mapping whose every entry goes: a label or annotation mapping with its
    /// key, `encryptedData` down to `encryptedData: {}` as kubeseal writes it.
    mutating func removeMapping(_ entry: Span.Entry, encryptedData: Bool) -> Bool {
        guard ownsLine(entry.key) else { return false }
        let end = nextLineStart(contentEnd(entry.value))
        let range = encryptedData ? entry.key.range.upperBound ..< end : lineStart(entry.key.range.lowerBound) ..< end
        noteLostComments(in: range, keeping: "")
        edits.append((range, encryptedData ? ": {}" + lineEnd : ""))
        return true
    }

    // MARK: Text of keys and values

    /// Go-yaml's key order in YAML, Go's byte order in JSON (as `encoding/json` sorts map keys).
    func order(_ a: String, _ b: String) -> Bool {
        json ? GoYAMLKeyOrder.bytewise(a, b) : GoYAMLKeyOrder.less(a, b)
    }

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
    static func isPlainSafe(_ value: String, inFlow: Bool) -> Bool {
        let scalars = value.unicodeScalars
        guard let first = scalars.first, let last = scalars.last, case .string = YAMLResolver.resolve(value) else { return false }
        if "-?:,[]{}#&*!|>'\"%@` \t".unicodeScalars.contains(first) || last == " " || last == ":" { return false }
        if value.contains(": ") || value.contains(" #") { return false }
        for scalar in scalars {
            let code = scalar.value
            if code < 0x20 || code == 0x7F || (0x80...0x9F).contains(code) || code == 0xFEFF { return false }
            if inFlow && (scalar == "," || scalar == "[" || scalar == "]" || scalar == "{" || scalar == "}") { return false }
        }
        return true
    }

    static func jsonQuoted(_ text: String) -> String {
        var output: [UInt8] = []
        JSONWriter.appendQuoted(text, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    // MARK: Lines and offsets

    /// Inserts `line` and a line end at `offset`, a line start (or the end of a document that
    /// has no final line end, which then gets one before the line).
    mutating func insertLine(_ line: String, at offset: Int) {
        let needsLineEnd = offset == bytes.count && offset > 0 && bytes[offset - 1] != UInt8(ascii: "\n")
        edits.append((offset..<offset, needsLineEnd ? lineEnd + line : line + lineEnd))
    }

    /// Records the comment lines in `range` whose text does not survive in `kept`.
    mutating func noteLostComments(in range: Range<Int>, keeping kept: String) {
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
    func contentEnd(_ span: Span) -> Int {
        guard !span.isFlow else { return span.range.upperBound }
        switch span.content {
        case .mapping(let entries): return entries.last.map { contentEnd($0.value) } ?? span.range.upperBound
        case .sequence(let items): return items.last.map(contentEnd) ?? span.range.upperBound
        case .scalar, .alias: return span.range.upperBound
        }
    }
}
