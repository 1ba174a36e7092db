#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSerialization
import SealKitModel
import SealKitFiles

// git's conflict markers, written into a SealedSecret file by the merge driver.

extension SealedSecretFile {
    /// An entry of a mapping that conflicts in a merge: where it is, and theirs' value (nil when
    /// their side removed it). Ours is what the document holds.
    public struct ConflictEntry: Sendable, Equatable {
        /// The mapping's path (`["spec", "encryptedData"]`).
        public var path: [String]
        /// The key in it.
        public var key: String
        /// Their value, or nil.
        public var theirs: String?

        public init(path: [String], key: String, theirs: String?) {
            self.path = path
            self.key = key
            self.theirs = theirs
        }
    }

    /// git's conflict markers: `<<<<<<< ours`, `=======`, `>>>>>>> theirs`.
    public struct ConflictMarkers: Sendable {
        public var ours: String, theirs: String, size: Int

        public init(ours: String = "ours", theirs: String = "theirs", size: Int = 7) {
            self.ours = ours
            self.theirs = theirs
            self.size = size
        }

        /// The markers say which field conflicts, after the side's label.
        func start(_ lineEnd: String, _ field: String = "") -> String { String(repeating: "<", count: size) + " " + ours + (field.isEmpty ? "" : " " + field) + lineEnd }
        func middle(_ lineEnd: String) -> String { String(repeating: "=", count: size) + lineEnd }
        func end(_ lineEnd: String, _ field: String = "") -> String { String(repeating: ">", count: size) + " " + theirs + (field.isEmpty ? "" : " " + field) + lineEnd }
    }

    /// Puts conflict markers in document `index` around exactly the lines of each entry, with
    /// theirs' entry between (written as the file writes its entries). Returns false, changing
    /// nothing, when an entry is not on lines of its own (a flow mapping).
    mutating func markConflicts(_ index: Int, _ entries: [ConflictEntry], markers: ConflictMarkers) -> Bool {
        let bytes = Array(text.body(at: index).utf8)
        guard let map = try? YAMLSourceMap(bytes: bytes), map.documents.count == 1 else { return false }
        var editor = YAMLSourceEditor(bytes: bytes, json: format == .json)
        for entry in entries {
            guard editor.markConflict(entry, in: map.documents[0], markers: markers) else { return false }
        }
        text.setBody(at: index, String(decoding: editor.applied(), as: UTF8.self))
        return true
    }

    /// Puts conflict markers around the whole of document `index`, with `theirs` (their side's
    /// text of the document) between.
    mutating func markWholeDocumentConflict(_ index: Int, theirs: String, markers: ConflictMarkers) {
        let ours = text.body(at: index)
        let lineEnd = SourceLines.lineBreak(of: ours.utf8)
        let ending = { (body: String) in body.hasSuffix("\n") || body.isEmpty ? body : body + lineEnd }
        text.setBody(at: index, markers.start(lineEnd) + ending(ours) + markers.middle(lineEnd) + ending(theirs) + markers.end(lineEnd))
    }
}

extension YAMLSourceEditor {
    /// Records the markers for one conflicting entry.
    mutating func markConflict(_ conflict: SealedSecretFile.ConflictEntry, in root: Span, markers: SealedSecretFile.ConflictMarkers) -> Bool {
        var mapping = root
        for name in conflict.path {
            guard let next = mapping.value(forKey: name) else { return false }
            mapping = next
        }
        guard case .mapping(let entries) = mapping.content, let last = entries.last, json || !mapping.isFlow else { return false }
        let written = entries.first { $0.key.scalarValue == conflict.key }
        let model = written ?? last
        guard ownsLine(model.key), line(of: model.key.range.lowerBound) == line(of: model.value.range.upperBound) else { return false }
        let style = model.value.scalarStyle ?? .plain
        let hasComma = json && model.value.range.upperBound < bytes.count && bytes[model.value.range.upperBound] == UInt8(ascii: ",")
        let theirs = conflict.theirs.flatMap { value in
            scalarText(value, like: style, inFlow: false).map {
                String(repeating: " ", count: column(of: model.key)) + keyText(conflict.key) + ": " + $0 + (hasComma ? "," : "") + lineEnd
            }
        }
        if conflict.theirs != nil && theirs == nil { return false }
        let field = SecretRules.field(conflict.path.joined(separator: "."), key: conflict.key)
        if let written {
            let start = lineStart(written.key.range.lowerBound), end = nextLineStart(written.value.range.upperBound)
            let ours = String(decoding: bytes[start..<end], as: UTF8.self)
            edits.append((start..<end, markers.start(lineEnd, field) + ours + (ours.hasSuffix("\n") ? "" : lineEnd) + markers.middle(lineEnd) + (theirs ?? "") + markers.end(lineEnd, field)))
        } else {
            // Ours removed it: an empty ours side after the mapping's last entry.
            guard !json else { return false }
            let at = endOfLine(after: last.value)
            edits.append((at..<at, markers.start(lineEnd, field) + markers.middle(lineEnd) + (theirs ?? "") + markers.end(lineEnd, field)))
        }
        return true
    }
}
