#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension SealedSecretFile {
    /// Changes document `index` from `old` to `new` by editing only the lines of
    /// `spec.encryptedData` that differ: a re-sealed value's bytes (continuation lines included),
    /// the line of an added key (at its go-yaml position when the keys are in that order, else
    /// after the last), the lines of a removed one. Comments, key order, quoting, `null` fields,
    /// line ends and every other byte stay. Returns false, changing nothing, when only a rewrite
    /// of the document can express the change (other fields differ, JSON, a flow-style
    /// `encryptedData`); the caller then rewrites the document.
    mutating func editValuesInPlace(_ index: Int, from old: SealedSecret, to new: SealedSecret) -> Bool {
        var oldRest = old, newRest = new
        oldRest.spec.encryptedData = [:]
        newRest.spec.encryptedData = [:]
        guard oldRest == newRest else { return false }
        let body = text.body(at: index)
        let bytes = Array(body.utf8)
        guard let map = try? YAMLSourceMap(bytes: bytes), map.documents.count == 1,
              let encrypted = map.documents[0].value(forKey: "spec")?.value(forKey: "encryptedData"),
              case .mapping(let entries) = encrypted.content, !entries.isEmpty else { return false }
        if format == .json {
            return editJSONValues(index, entries: entries, bytes: bytes, old: old, new: new)
        }
        guard !encrypted.isFlow else { return false }
        let lineEnd = bytes.contains(UInt8(ascii: "\r")) ? "\r\n" : "\n"
        var edits: [(range: Range<Int>, text: String)] = []
        var existing: [String] = []
        for entry in entries {
            guard let key = entry.key.scalarValue, case .scalar(_, let style) = entry.value.content else { return false }
            existing.append(key)
            guard let value = new.spec.encryptedData[key] else {
                // Removed: its whole lines go, from the key's line start to the value's line end.
                edits.append((Self.lineStart(entry.key.range.lowerBound, bytes) ..< Self.nextLineStart(entry.value.range.upperBound, bytes), ""))
                continue
            }
            if value != old.spec.encryptedData[key] {
                guard let quote = Self.quote(style) else { return false }
                edits.append((entry.value.range, quote + value + quote))
            }
        }
        let added = new.spec.encryptedData.keys.filter { !existing.contains($0) }
        if !added.isEmpty {
            guard let first = entries.first, let last = entries.last else { return false }
            let indentation = String(repeating: " ", count: first.key.range.lowerBound - Self.lineStart(first.key.range.lowerBound, bytes))
            let inOrder = GoYAMLKeyOrder.sorted(existing) == existing
            let afterLast = Self.nextLineStart(last.value.range.upperBound, bytes)
            for key in GoYAMLKeyOrder.sorted(added) {
                guard let value = new.spec.encryptedData[key] else { continue }
                let line = indentation + Self.keyText(key) + ": " + value + lineEnd
                let successor = inOrder ? entries.first { GoYAMLKeyOrder.less(key, $0.key.scalarValue ?? "") } : nil
                let at = successor.map { Self.lineStart($0.key.range.lowerBound, bytes) } ?? afterLast
                let needsLineEnd = successor == nil && at == bytes.count && bytes.last != UInt8(ascii: "\n")
                edits.append((at..<at, needsLineEnd ? lineEnd + String(line.dropLast(lineEnd.count)) : line))
            }
        }
        var edited = bytes
        for edit in Self.applicationOrder(edits) {
            edited.replaceSubrange(edit.range, with: Array(edit.text.utf8))
        }
        // Trust the edit only if it reads back as exactly the SealedSecret meant.
        let newBody = String(decoding: edited, as: UTF8.self)
        guard let reread = try? ManifestStream(bytes: edited).documents, reread.count == 1,
              let decoded = try? SealedSecret(document: reread[0]), decoded == new else { return false }
        text.setBody(at: index, newBody)
        return true
    }

    /// The same for a JSON document as kubeseal writes it, one entry a line: a removed last
    /// entry takes the comma off the line before it; a new last entry puts one there.
    private mutating func editJSONValues(_ index: Int, entries: [YAMLSourceMap.Span.Entry], bytes: [UInt8], old: SealedSecret, new: SealedSecret) -> Bool {
        // One entry a line, as kubeseal writes JSON (and no CRLF, which kubeseal never writes).
        let lineOf = { (offset: Int) in bytes[..<offset].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) } }
        guard !bytes.contains(UInt8(ascii: "\r")), Set(entries.map { lineOf($0.key.range.lowerBound) }).count == entries.count else { return false }
        let keys = entries.compactMap(\.key.scalarValue)
        guard keys.count == entries.count else { return false }
        let kept = entries.filter { new.spec.encryptedData[$0.key.scalarValue ?? ""] != nil }
        var edits: [(range: Range<Int>, text: String)] = []
        for entry in entries {
            let key = entry.key.scalarValue ?? ""
            if let value = new.spec.encryptedData[key] {
                if value != old.spec.encryptedData[key] { edits.append((entry.value.range, "\"" + value + "\"")) }
            } else {
                edits.append((Self.lineStart(entry.key.range.lowerBound, bytes) ..< Self.nextLineStart(entry.value.range.upperBound, bytes), ""))
            }
        }
        // The entry that ends the mapping afterwards has no comma; one that no longer ends it gets one.
        let added = new.spec.encryptedData.keys.filter { !keys.contains($0) }.sorted(by: GoYAMLKeyOrder.bytewise)
        let inOrder = keys == keys.sorted(by: GoYAMLKeyOrder.bytewise)
        let indentation = String(repeating: " ", count: entries[0].key.range.lowerBound - Self.lineStart(entries[0].key.range.lowerBound, bytes))
        var appended: [String] = []
        for key in added {
            guard let value = new.spec.encryptedData[key] else { continue }
            let line = indentation + "\"" + key + "\": \"" + value + "\""
            if inOrder, let successor = kept.first(where: { GoYAMLKeyOrder.bytewise(key, $0.key.scalarValue ?? "") }) {
                let at = Self.lineStart(successor.key.range.lowerBound, bytes)
                edits.append((at..<at, line + ",\n"))
            } else {
                appended.append(line)
            }
        }
        // All keys removed: a rewrite of the document says it better.
        guard let lastKept = kept.last else { return false }
        let end = lastKept.value.range.upperBound
        let hasComma = end < bytes.count && bytes[end] == UInt8(ascii: ",")
        if appended.isEmpty {
            if hasComma { edits.append((end..<(end + 1), "")) }  // it now ends the mapping
        } else {
            if !hasComma { edits.append((end..<end, ",")) }
            let at = Self.nextLineStart(end, bytes)
            edits.append((at..<at, appended.joined(separator: ",\n") + "\n"))
        }
        var edited = bytes
        for edit in Self.applicationOrder(edits) {
            edited.replaceSubrange(edit.range, with: Array(edit.text.utf8))
        }
        guard let reread = try? ManifestStream(bytes: edited).documents, reread.count == 1,
              let decoded = try? SealedSecret(document: reread[0]), decoded == new else { return false }
        text.setBody(at: index, String(decoding: edited, as: UTF8.self))
        return true
    }

    /// Edits in the order to apply them: from the end backwards, so that earlier offsets stay
    /// valid; at one offset a removal before an insertion (which would otherwise be removed), and
    /// insertions so that they end up in the order they were made.
    private static func applicationOrder(_ edits: [(range: Range<Int>, text: String)]) -> [(range: Range<Int>, text: String)] {
        edits.enumerated().sorted { a, b in
            (a.element.range.lowerBound, a.element.range.isEmpty ? 0 : 1, a.offset) > (b.element.range.lowerBound, b.element.range.isEmpty ? 0 : 1, b.offset)
        }.map(\.element)
    }

    private static func lineStart(_ offset: Int, _ bytes: [UInt8]) -> Int {
        var index = offset
        while index > 0 && bytes[index - 1] != UInt8(ascii: "\n") { index -= 1 }
        return index
    }

    private static func nextLineStart(_ offset: Int, _ bytes: [UInt8]) -> Int {
        var index = offset
        while index < bytes.count && bytes[index] != UInt8(ascii: "\n") { index += 1 }
        return min(index + 1, bytes.count)
    }

    /// The quote a value of `style` is written with; nil for block scalars, which are rewritten.
    private static func quote(_ style: YAMLNode.ScalarStyle) -> String? {
        switch style {
        case .plain: return ""
        case .singleQuoted: return "'"
        case .doubleQuoted: return "\""
        case .literal, .folded: return nil
        }
    }

    /// A data key as a plain scalar where YAML reads it back as the same string, else quoted.
    private static func keyText(_ key: String) -> String {
        if case .string = YAMLResolver.resolve(key), !key.hasPrefix("-"), !key.hasPrefix("?") { return key }
        return "\"" + key + "\""
    }
}
