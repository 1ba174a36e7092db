#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSerialization
import SealKitModel

extension SealedSecretFile {
    /// How ``replace(_:with:replacing:)`` wrote a change into the file.
    public enum Edit: Sendable, Equatable {
        /// Only the lines of the entries that changed: values re-sealed in place, lines of keys
        /// added or removed. Every other byte stayed.
        case lines
        /// These mappings (key paths such as `spec.encryptedData`) were written in flow style
        /// (`{a: x, b: y}`) and were rewritten whole, in that style; every other byte stayed.
        case mappings([String])
        /// The document was written anew in kubeseal's format (a field other than a string
        /// mapping changed); ``SealedSecretFile/lostCommentLines`` names the comments it lost.
        case document
    }

    /// What to tell the user about `edit` (made by the last replace), naming the file: nil when
    /// only the changed lines changed and no comment was lost.
    public func notice(for edit: Edit) -> String? {
        let count = lostCommentLines.count
        let lost = count == 0 ? "" : "; it loses the comment\(count == 1 ? "" : "s") on line\(count == 1 ? "" : "s") \(lostCommentLines.map(String.init).joined(separator: ", "))"
        switch edit {
        case .lines:
            return count == 0 ? nil : "\(path): the change" + lost.dropFirst("; it".count)
        case .mappings(let names):
            let one = names.count == 1
            return "\(path): \(names.joined(separator: ", ")) \(one ? "is a flow mapping and was" : "are flow mappings and were") rewritten whole in \(one ? "its" : "their") own style\(lost)"
        case .document:
            return "\(path): the SealedSecret was rewritten in kubeseal's format (this change cannot be made line by line)\(lost)"
        }
    }

    /// The string-to-string mappings of a SealedSecret that an edit may change line by line.
    package struct EditableMapping {
        package let path: [String]
        package let keyPath: WritableKeyPath<SealedSecret, [String: String]>
        package var name: String { path.joined(separator: ".") }

        package static var all: [EditableMapping] {
            [
                EditableMapping(path: ["metadata", "labels"], keyPath: \.metadata.labels),
                EditableMapping(path: ["metadata", "annotations"], keyPath: \.metadata.annotations),
                EditableMapping(path: ["spec", "encryptedData"], keyPath: \.spec.encryptedData),
                EditableMapping(path: ["spec", "template", "metadata", "labels"], keyPath: \.spec.template.metadata.labels),
                EditableMapping(path: ["spec", "template", "metadata", "annotations"], keyPath: \.spec.template.metadata.annotations),
                EditableMapping(path: ["spec", "template", "data"], keyPath: \.spec.template.data),
            ]
        }
    }

    /// Changes document `index` from `old` to `new` by editing only the bytes of the string
    /// mappings that differ (`encryptedData`, labels, annotations, template data): a changed
    /// value's bytes (continuation lines included), the lines of an added key (at its go-yaml
    /// position when the keys are in that order, else after the last; in the file's indentation
    /// and quoting), the lines of a removed one. A flow-style mapping is rewritten whole in its
    /// own style. Returns nil, changing nothing, when another field differs or the edit would not
    /// read back as exactly `new`; the caller then rewrites the document.
    mutating func editInPlace(_ index: Int, from old: SealedSecret, to new: SealedSecret) -> Edit? {
        var oldRest = old, newRest = new
        for mapping in EditableMapping.all {
            oldRest[keyPath: mapping.keyPath] = [:]
            newRest[keyPath: mapping.keyPath] = [:]
        }
        guard oldRest == newRest else { return nil }
        let changed = EditableMapping.all.filter { old[keyPath: $0.keyPath] != new[keyPath: $0.keyPath] }
        guard !changed.isEmpty else { return .lines }
        let bytes = Array(text.body(at: index).utf8)
        guard let map = try? YAMLSourceMap(bytes: bytes), map.documents.count == 1 else { return nil }
        var editor = YAMLSourceEditor(bytes: bytes, json: format == .json)
        var rewritten: [String] = []
        for mapping in changed {
            guard let wholly = editor.change(mapping.path, in: map.documents[0], from: old[keyPath: mapping.keyPath], to: new[keyPath: mapping.keyPath]) else { return nil }
            if wholly { rewritten.append(mapping.name) }
        }
        let edited = editor.applied()
        // Trust the edit only if it reads back as exactly the SealedSecret meant.
        guard let reread = try? ManifestStream(bytes: edited).documents, reread.count == 1,
              let decoded = try? SealedSecret(document: reread[0]), decoded == new else { return nil }
        let firstLine = text.firstLine(of: index)
        lostCommentLines = editor.lostLines.map { firstLine + $0 }
        text.setBody(at: index, String(decoding: edited, as: UTF8.self))
        return rewritten.isEmpty ? .lines : .mappings(rewritten)
    }
}
