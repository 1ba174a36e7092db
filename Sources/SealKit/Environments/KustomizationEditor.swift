#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSerialization
import SealKitModel

/// Adds an entry to a `kustomization.yaml`'s `resources` by splicing bytes at the positions
/// libyaml reports, so that comments, quoting, indentation and line ends everywhere else stay
/// byte-identical.
///
/// Every valid shape of `resources` is handled: a block list at any indentation, a flow list on
/// one line or over several (with comments anywhere, a trailing comma, or empty), `resources:`
/// with no value or `null`, and no `resources` at all. Anything else (a string, a mapping, a
/// list written through an alias) is refused with the reason, and nothing is written.
public enum KustomizationEditor {
    /// The file's text with `entry` in `resources`, or nil when it is there already.
    public static func addingResource(_ entry: String, to text: String) throws -> String? {
        let kustomization = try Kustomization(yaml: text)
        if kustomization.resources.contains(entry) { return nil }
        let bytes = Array(text.utf8)
        let map = try YAMLSourceMap(bytes: bytes)
        var editor = YAMLSourceEditor(bytes: bytes)
        guard let item = editor.scalarText(entry, like: .plain, inFlow: true) else { throw cannotEdit("\(entry) cannot be written as one scalar") }

        // The last `resources` when the key repeats: the one kustomize reads.
        if let root = map.documents.first, case .mapping(let entries) = root.content,
           let resources = entries.last(where: { $0.key.scalarValue == "resources" }) {
            try editor.addItem(item, to: resources)
        } else if let root = map.documents.first, case .mapping = root.content, root.isFlow {
            throw ManifestError(.syntax("cannot add \(entry) to a kustomization written as a flow mapping ({...}); add it to resources by hand"))
        } else {
            // No resources yet: a new block list at the end of the file. A file without a final
            // line end stays without one.
            let endsWithLineEnd = bytes.last.map { $0 == UInt8(ascii: "\n") } ?? true
            let lineEnd = editor.lineEnd
            editor.insert(endsWithLineEnd ? "resources:" + lineEnd + "- " + item + lineEnd : lineEnd + "resources:" + lineEnd + "- " + item, at: bytes.count)
        }
        return try verified(String(decoding: editor.applied(), as: UTF8.self), adding: entry, to: kustomization.resources)
    }

    fileprivate static func cannotEdit(_ reason: String) -> ManifestError {
        ManifestError(.syntax("cannot add to the kustomization's resources: \(reason); add the entry by hand"))
    }

    /// The edited text, after checking that its resources are exactly the old ones plus the new
    /// entry, in that order: a text edit that went wrong is refused, never written.
    private static func verified(_ text: String, adding entry: String, to resources: [String]) throws -> String {
        let edited: Kustomization
        do {
            edited = try Kustomization(yaml: text)
        } catch {
            throw ManifestError(.syntax("cannot add \(entry) to the resources by a text edit (\(error)); add it by hand"))
        }
        guard edited.resources == resources + [entry] else {
            throw ManifestError(.syntax("cannot add \(entry) to the resources by a text edit; add it by hand"))
        }
        return text
    }
}

extension YAMLSourceEditor {
    /// Adds `item` to the list (or empty value) under the `resources` key, in the list's style.
    fileprivate mutating func addItem(_ item: String, to resources: Span.Entry) throws {
        let value = resources.value
        switch value.content {
        case .scalar(let text, let style) where style == .plain && ["", "~", "null", "Null", "NULL"].contains(text):
            if value.range.isEmpty {
                // `resources:` with nothing after it: the list goes on the next line.
                let end = lineEndOffset(from: resources.key.range.upperBound)
                // A file without a final line end stays without one.
                if end == bytes.count && bytes.last != UInt8(ascii: "\n") { return insert(lineEnd + "- " + item, at: end) }
                return insert("- " + item + lineEnd, at: nextLineStart(end))
            }
            // `resources: null` / `~`: the explicit null becomes a one-item flow list.
            replace(value.range, with: "[" + item + "]")
        case .sequence(let items) where value.isFlow:
            guard let closer = value.closer else { throw KustomizationEditor.cannotEdit("its flow list has no closing bracket") }
            guard let last = items.last else { return insert(item, at: closer) }
            // A comma after the last item (`[a, b,]`) is kept: the new item goes after it.
            let trailingComma = Self.withoutComments(bytes[last.range.upperBound..<closer]).firstIndex(of: UInt8(ascii: ","))
            // A list whose last item is on a later line than its `[` has one item per line: the
            // new one gets a line of its own, indented like the last.
            if line(of: last.range.lowerBound) > line(of: value.range.lowerBound) {
                let indentation = leadingSpaces(ofLineAt: last.range.lowerBound)
                // The rest of the last item's line (a comma, a comment) stays with it.
                let lineLimit = min(lineEndOffset(from: last.range.upperBound), closer)
                let rest = bytes[last.range.upperBound..<lineLimit]
                let commaInRest = Self.withoutComments(rest).contains(UInt8(ascii: ","))
                if trailingComma != nil && !commaInRest {
                    // `b.yaml` then `,` on a line of its own: the new item goes before the `]`.
                    return insert(indentation + item + "," + lineEnd, at: closer)
                }
                let newLine = lineEnd + indentation + item + (trailingComma != nil ? "," : "")
                return replace(last.range.upperBound..<lineLimit, with: (trailingComma != nil ? "" : ",") + String(decoding: rest, as: UTF8.self) + newLine)
            }
            if let trailingComma { return insert(" " + item + ",", at: trailingComma + 1) }
            insert(", " + item, at: last.range.upperBound)
        case .sequence(let items):
            guard let last = items.last, let first = items.first else { throw KustomizationEditor.cannotEdit("its list is empty but not written as []") }
            // The new item's line: after the line the last item ends on (a block collection item
            // ends where the next token starts, at the start of a later line).
            let end = last.range.upperBound
            let atLineStart = end > 0 && bytes[end - 1] == UInt8(ascii: "\n")
            let position = atLineStart ? end : lineEndOffset(from: end)
            let dash = value.range.lowerBound
            let gap = String(repeating: " ", count: max(1, first.range.lowerBound - dash - 1))
            let text = leadingSpaces(ofLineAt: dash) + "-" + gap + item
            if position == bytes.count && bytes.last != UInt8(ascii: "\n") { return insert(lineEnd + text, at: position) }
            insert(text + lineEnd, at: atLineStart ? position : nextLineStart(position))
        case .alias:
            throw KustomizationEditor.cannotEdit("it is an alias (*name); add the entry where the anchor is")
        case .mapping:
            throw KustomizationEditor.cannotEdit("it is a mapping, not a list")
        case .scalar:
            throw KustomizationEditor.cannotEdit("it is a single value, not a list")
        }
    }
}
