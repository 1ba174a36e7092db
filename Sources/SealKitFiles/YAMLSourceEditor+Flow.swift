#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSerialization

extension YAMLSourceEditor {
    // MARK: Flow style and JSON

    /// Rewrites a flow mapping (`{a: x, b: y}`, or JSON's `{"a": "x"}`) whole in its own style:
    /// the text after `{` and before `}` and the separator between entries as written, entries
    /// kept as written unless their value changed.
    mutating func rewriteFlow(_ span: Span, _ entries: [Span.Entry], from old: [String: String], to new: [String: String]) -> Bool {
        guard let closer = span.closer, bytes[span.range.lowerBound] == UInt8(ascii: "{") else { return false }
        let bytes = self.bytes
        let source = { (range: Range<Int>) in String(decoding: bytes[range], as: UTF8.self) }
        let opener = span.range.lowerBound + 1
        let leading = entries.first.map { source(opener ..< $0.key.range.lowerBound) } ?? ""
        // Each entry keeps the gap written after it (a comment there stays with it); a new gap
        // copies the first one's layout without its comment.
        var separator = entries.count > 1 ? source(entries[0].value.range.upperBound ..< entries[1].key.range.lowerBound) : ", "
        if separator.contains("#") { separator = "," + lineEnd + String(repeating: " ", count: column(of: entries[1].key)) }
        let trailing = entries.last.map { source($0.value.range.upperBound ..< closer) } ?? ""
        var pieces: [(key: String, text: String, gap: String?)] = []
        for (position, entry) in entries.enumerated() {
            guard let key = entry.key.scalarValue, case .scalar(_, let style) = entry.value.content else { return false }
            let written = source(entry.key.range.lowerBound ..< entry.value.range.upperBound)
            let gap = position + 1 < entries.count ? source(entry.value.range.upperBound ..< entries[position + 1].key.range.lowerBound) : nil
            guard let before = old[key] else { pieces.append((key, written, gap)); continue }
            guard let value = new[key] else { continue }
            if value == before {
                pieces.append((key, written, gap))
            } else {
                guard let text = scalarText(value, like: style, inFlow: true) else { return false }
                pieces.append((key, source(entry.key.range.lowerBound ..< entry.value.range.lowerBound) + text, gap))
            }
        }
        let existing = pieces.map(\.key)
        let inOrder = zip(existing, existing.dropFirst()).allSatisfy { !order($1, $0) }
        let style = entries.first?.value.scalarStyle ?? (json ? .doubleQuoted : .plain)
        let written = Set(existing)
        var added: [(key: String, text: String, gap: String?)] = []
        for key in new.keys.filter({ !written.contains($0) }).sorted(by: order) {
            guard let value = new[key], let text = scalarText(value, like: style, inFlow: true) else { return false }
            added.append((key, keyText(key) + ": " + text, nil))
        }
        if !added.isEmpty {
            // In order, the added keys are merged in at their places; else they follow the rest.
            var merged: [(key: String, text: String, gap: String?)] = []
            merged.reserveCapacity(pieces.count + added.count)
            var next = 0
            for piece in pieces {
                while inOrder && next < added.count && order(added[next].key, piece.key) { merged.append(added[next]); next += 1 }
                merged.append(piece)
            }
            merged += added[next...]
            pieces = merged
        }
        var body = ""
        for (position, piece) in pieces.enumerated() {
            body += piece.text
            if position + 1 < pieces.count { body += piece.gap ?? separator }
        }
        let rewritten = pieces.isEmpty ? "{}" : "{" + leading + body + trailing + "}"
        noteLostComments(in: span.range.lowerBound ..< closer + 1, keeping: rewritten)
        edits.append((span.range.lowerBound ..< closer + 1, rewritten))
        return true
    }

    /// Edits a JSON mapping written one entry a line, as kubeseal writes JSON: a removed last
    /// entry takes the comma off the line before it; a new last entry puts one there. False when
    /// the mapping is not written that way or loses every entry.
    mutating func editJSONLines(_ entries: [Span.Entry], from old: [String: String], to new: [String: String]) -> Bool {
        let lines = entries.map { line(of: $0.key.range.lowerBound) }
        guard !lineEnd.hasPrefix("\r"), Set(lines).count == entries.count, !entries.isEmpty,
              entries.allSatisfy({ ownsLine($0.key) && line(of: $0.value.range.upperBound) == line(of: $0.key.range.lowerBound) }) else { return false }
        let keys = entries.compactMap(\.key.scalarValue)
        guard keys.count == entries.count else { return false }
        let written = Set(keys)
        let kept = entries.filter { new[$0.key.scalarValue ?? ""] != nil || old[$0.key.scalarValue ?? ""] == nil }
        guard let lastKept = kept.last else { return false }
        var planned: [(range: Range<Int>, text: String)] = []
        for entry in entries {
            let key = entry.key.scalarValue ?? ""
            guard let before = old[key] else { continue }
            if let value = new[key] {
                if value != before { planned.append((entry.value.range, Self.jsonQuoted(value))) }
            } else {
                planned.append((lineStart(entry.key.range.lowerBound) ..< nextLineStart(entry.value.range.upperBound), ""))
            }
        }
        let inOrder = keys == keys.sorted(by: GoYAMLKeyOrder.bytewise)
        let indentation = String(repeating: " ", count: column(of: entries[0].key))
        var appended: [String] = []
        var successor = 0
        for key in new.keys.filter({ !written.contains($0) }).sorted(by: GoYAMLKeyOrder.bytewise) {
            guard let value = new[key] else { continue }
            let entryLine = indentation + Self.jsonQuoted(key) + ": " + Self.jsonQuoted(value)
            while inOrder && successor < kept.count && !GoYAMLKeyOrder.bytewise(key, kept[successor].key.scalarValue ?? "") { successor += 1 }
            if inOrder, successor < kept.count {
                let at = lineStart(kept[successor].key.range.lowerBound)
                planned.append((at..<at, entryLine + ",\n"))
            } else {
                appended.append(entryLine)
            }
        }
        // The entry that ends the mapping afterwards has no comma; one that no longer ends it gets one.
        let end = lastKept.value.range.upperBound
        let hasComma = end < bytes.count && bytes[end] == UInt8(ascii: ",")
        if appended.isEmpty {
            if hasComma { planned.append((end ..< end + 1, "")) }
        } else {
            if !hasComma { planned.append((end..<end, ",")) }
            let at = nextLineStart(end)
            planned.append((at..<at, appended.joined(separator: ",\n") + "\n"))
        }
        edits += planned
        return true
    }
}
