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
        let lineEnd = SourceLines.lineBreak(of: bytes)
        let item = Self.scalarText(entry)

        let edit: Replacement
        // The last `resources` when the key repeats: the one kustomize reads.
        if let root = map.documents.first, case .mapping(let entries) = root.content,
           let resources = entries.last(where: { $0.key.scalarValue == "resources" }) {
            edit = try insertion(of: item, into: resources, bytes: bytes, lineEnd: lineEnd)
        } else if let root = map.documents.first, case .mapping = root.content, root.isFlow {
            throw ManifestError(.syntax("cannot add \(entry) to a kustomization written as a flow mapping ({...}); add it to resources by hand"))
        } else {
            // No resources yet: a new block list at the end of the file. A file without a final
            // line end stays without one.
            let endsWithLineEnd = bytes.last.map { $0 == UInt8(ascii: "\n") } ?? true
            edit = Replacement(at: bytes.count, endsWithLineEnd
                ? "resources:" + lineEnd + "- " + item + lineEnd
                : lineEnd + "resources:" + lineEnd + "- " + item)
        }
        var edited = bytes
        edited.replaceSubrange(edit.range, with: Array(edit.text.utf8))
        return try verified(String(decoding: edited, as: UTF8.self), adding: entry, to: kustomization.resources)
    }

    /// Bytes to replace, and what with; an insertion replaces an empty range.
    private struct Replacement {
        var range: Range<Int>
        var text: String
        init(at offset: Int, _ text: String) { range = offset..<offset; self.text = text }
        init(replacing range: Range<Int>, with text: String) { self.range = range; self.text = text }
    }

    /// Where `item` goes into the list (or empty value) under the `resources` key, and the text.
    private static func insertion(of item: String, into resources: YAMLSourceMap.Span.Entry, bytes: [UInt8], lineEnd: String) throws -> Replacement {
        let value = resources.value
        switch value.content {
        case .scalar(let text, let style) where style == .plain && ["", "~", "null", "Null", "NULL"].contains(text):
            if value.range.isEmpty {
                // `resources:` with nothing after it: the list goes on the next line.
                let end = endOfLine(after: resources.key.range.upperBound, in: bytes)
                let atEnd = end == bytes.count && bytes.last != UInt8(ascii: "\n")
                // A file without a final line end stays without one.
                return atEnd ? Replacement(at: end, lineEnd + "- " + item) : Replacement(at: lineStart(after: end, in: bytes), "- " + item + lineEnd)
            }
            // `resources: null` / `~`: the explicit null becomes a one-item flow list.
            return Replacement(replacing: value.range, with: "[" + item + "]")
        case .sequence(let items) where value.isFlow:
            guard let closer = value.closer else { throw cannotEdit("its flow list has no closing bracket") }
            guard let last = items.last else { return Replacement(at: closer, item) }
            // A comma after the last item (`[a, b,]`) is kept: the new item goes after it.
            let trailingComma = withoutComments(bytes[last.range.upperBound..<closer]).firstIndex(of: UInt8(ascii: ","))
            // A list whose last item is on a later line than its `[` has one item per line: the
            // new one gets a line of its own, indented like the last.
            if lineNumber(of: last.range.lowerBound, in: bytes) > lineNumber(of: value.range.lowerBound, in: bytes) {
                let indentation = leadingSpaces(ofLineAt: last.range.lowerBound, in: bytes)
                // The rest of the last item's line (a comma, a comment) stays with it.
                let lineLimit = min(endOfLine(after: last.range.upperBound, in: bytes), closer)
                let rest = bytes[last.range.upperBound..<lineLimit]
                let commaInRest = withoutComments(rest).contains(UInt8(ascii: ","))
                if trailingComma != nil && !commaInRest {
                    // `b.yaml` then `,` on a line of its own: the new item goes before the `]`.
                    return Replacement(at: closer, indentation + item + "," + lineEnd)
                }
                let newLine = lineEnd + indentation + item + (trailingComma != nil ? "," : "")
                return Replacement(replacing: last.range.upperBound..<lineLimit,
                                   with: (trailingComma != nil ? "" : ",") + String(decoding: rest, as: UTF8.self) + newLine)
            }
            if let trailingComma { return Replacement(at: trailingComma + 1, " " + item + ",") }
            return Replacement(at: last.range.upperBound, ", " + item)
        case .sequence(let items):
            guard let last = items.last, let first = items.first else { throw cannotEdit("its list is empty but not written as []") }
            // The new item's line: after the line the last item ends on (a block collection item
            // ends where the next token starts, at the start of a later line).
            let end = last.range.upperBound
            let atLineStart = end > 0 && bytes[end - 1] == UInt8(ascii: "\n")
            let position = atLineStart ? end : endOfLine(after: end, in: bytes)
            let dash = value.range.lowerBound
            let indentation = leadingSpaces(ofLineAt: dash, in: bytes)
            let gap = String(repeating: " ", count: max(1, first.range.lowerBound - dash - 1))
            let text = indentation + "-" + gap + item
            if position == bytes.count && bytes.last != UInt8(ascii: "\n") { return Replacement(at: position, lineEnd + text) }
            return Replacement(at: atLineStart ? position : lineStart(after: position, in: bytes), text + lineEnd)
        case .alias:
            throw cannotEdit("it is an alias (*name); add the entry where the anchor is")
        case .mapping:
            throw cannotEdit("it is a mapping, not a list")
        case .scalar:
            throw cannotEdit("it is a single value, not a list")
        }
    }

    // MARK: - Text positions

    /// The offset of the line end (`\n`, or the `\r` of `\r\n`) at or after `offset`, or the
    /// end of the text.
    private static func endOfLine(after offset: Int, in bytes: [UInt8]) -> Int {
        var index = offset
        while index < bytes.count && bytes[index] != UInt8(ascii: "\n") { index += 1 }
        return index > offset && index < bytes.count && bytes[index - 1] == UInt8(ascii: "\r") ? index - 1 : index
    }

    /// The start of the next line, given the offset of a line end from ``endOfLine(after:in:)``.
    private static func lineStart(after lineEnd: Int, in bytes: [UInt8]) -> Int {
        lineEnd < bytes.count && bytes[lineEnd] == UInt8(ascii: "\r") ? min(lineEnd + 2, bytes.count) : min(lineEnd + 1, bytes.count)
    }

    /// The spaces that start the line holding `offset`.
    private static func leadingSpaces(ofLineAt offset: Int, in bytes: [UInt8]) -> String {
        var start = offset
        while start > 0 && bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
        var count = 0
        while start + count < bytes.count && bytes[start + count] == UInt8(ascii: " ") { count += 1 }
        return String(repeating: " ", count: count)
    }

    private static func lineNumber(of offset: Int, in bytes: [UInt8]) -> Int {
        bytes[..<offset].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }

    /// The bytes with every `# comment` (to its line end) blanked out, same length.
    private static func withoutComments(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var result = bytes
        var inComment = false
        for index in result.indices {
            if result[index] == UInt8(ascii: "\n") { inComment = false } else if result[index] == UInt8(ascii: "#") { inComment = true }
            if inComment { result[index] = UInt8(ascii: " ") }
        }
        return result
    }

    /// `entry` as a YAML scalar: plain where that reads back as the same string, else quoted.
    private static func scalarText(_ entry: String) -> String {
        let plainSafe = !entry.isEmpty && entry.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "/"), UInt8(ascii: "-"): return true
            default: return false
            }
        } && !entry.hasPrefix("-")
        if plainSafe, case .string = YAMLResolver.resolve(entry) { return entry }
        let escaped = entry.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
        return "\"" + escaped + "\""
    }

    private static func cannotEdit(_ reason: String) -> ManifestError {
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
