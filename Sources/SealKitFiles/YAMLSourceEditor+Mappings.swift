#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSerialization

/// A SealedSecret's string maps (labels, annotations, `encryptedData`) edited through the
/// source-editing core: block lines, flow mappings and JSON, each in its own style.
extension YAMLSourceEditor {
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

}
