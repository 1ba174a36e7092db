#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitCrypto
import SealKitModel
import SealKitFiles
import SealKitSealing

/// A three-way merge of SealedSecret files, key by key, with no private key (`sealctl git
/// merge`, git's merge driver). Every value of a SealedSecret is sealed on its own, so two
/// branches that change different keys merge mechanically: per key of `encryptedData`, per entry
/// of the template's labels, annotations and data (and the SealedSecret's own), and `type`,
/// the side that changed wins. The result is written into OURS's text through
/// ``/SealKitFiles/SealedSecretFile``, so OURS's comments and layout stay.
///
/// A key changed on both sides to different ciphertexts is a conflict (with a keyring, two
/// ciphertexts of the same value are not); so is a name, namespace or scope that differs between
/// the sides, or another field changed on both. Conflicts are marked around exactly the
/// conflicting entries' lines, as git marks them.
public struct SealedSecretMerge: Sendable {
    /// One conflict, naming the SealedSecret and the field, never a value.
    public struct Conflict: Sendable, Equatable, CustomStringConvertible {
        /// `namespace/name` of the SealedSecret.
        public var sealedSecret: String
        /// The field: `spec.encryptedData.password`, or empty for the whole document.
        public var field: String
        /// Why it conflicts.
        public var reason: String

        public var description: String { "\(sealedSecret): \(field.isEmpty ? "" : "\(field): ")\(reason)" }
    }

    /// What came of a merge.
    public enum Outcome: Sendable {
        /// OURS's new text: every change of both sides, no conflict.
        case merged(String)
        /// OURS's new text with conflict markers, and the conflicts.
        case conflicted(String, [Conflict])
        /// Not SealedSecret files this merge understands (no SealedSecret, text that does not
        /// parse, documents that do not line up): merge the lines instead, as git would.
        case notApplicable(reason: String)
    }

    /// Opens both sides' ciphertexts of a key changed on both, so that re-seals of one value do
    /// not conflict; optional.
    public var keyring: Keyring?
    /// The labels of the conflict markers (`<<<<<<< ours`, `>>>>>>> theirs`).
    public var oursLabel = "ours", theirsLabel = "theirs"
    /// The length of the markers (git's `%L`).
    public var markerSize = 7

    /// A merge; with `keyring`, same-value re-seals on both sides are not conflicts.
    public init(keyring: Keyring? = nil) {
        self.keyring = keyring
    }

    /// Merges THEIRS's changes since BASE into OURS. `path` names the file in messages.
    public func merge(base: [UInt8], ours: [UInt8], theirs: [UInt8], path: String) -> Outcome {
        let files: (base: SealedSecretFile, ours: SealedSecretFile, theirs: SealedSecretFile)
        do {
            files = (try SealedSecretFile(bytes: base, path: path), try SealedSecretFile(bytes: ours, path: path), try SealedSecretFile(bytes: theirs, path: path))
        } catch {
            return .notApplicable(reason: "\(error)")
        }
        guard !files.ours.sealedSecretIndexes.isEmpty || !files.theirs.sealedSecretIndexes.isEmpty else { return .notApplicable(reason: "no SealedSecret in \(path)") }
        let count = files.ours.text.documents.count
        let baseIsEmpty = files.base.text.documents.isEmpty || (files.base.text.documents.count == 1 && files.base.text.documents[0].isNull)
        guard files.theirs.text.documents.count == count, baseIsEmpty || files.base.text.documents.count == count,
              files.ours.sealedSecretIndexes == files.theirs.sealedSecretIndexes,
              baseIsEmpty || files.base.sealedSecretIndexes == files.ours.sealedSecretIndexes else {
            return .notApplicable(reason: "the documents of \(path) do not line up between the sides")
        }
        var result = files.ours
        var conflicts: [Conflict] = []
        var markings: [(index: Int, entries: [SealedSecretFile.ConflictEntry])] = []
        var wholeDocuments: [Int] = []
        let sealedIndexes = Set(files.ours.sealedSecretIndexes)
        for index in 0..<count {
            let oursBody = files.ours.text.body(at: index), theirsBody = files.theirs.text.body(at: index)
            let baseBody = baseIsEmpty ? nil : files.base.text.body(at: index)
            guard sealedIndexes.contains(index) else {
                // Another document: the side that changed it wins; both changed: merge the lines.
                if oursBody == theirsBody || theirsBody == baseBody { continue }
                if oursBody == baseBody { result.text.setBody(at: index, theirsBody); continue }
                return .notApplicable(reason: "document \(index + 1) of \(path), not a SealedSecret, changed on both sides")
            }
            guard let oursSealed = try? files.ours.sealedSecret(at: index), let theirsSealed = try? files.theirs.sealedSecret(at: index) else {
                return .notApplicable(reason: "document \(index + 1) of \(path) does not read as a SealedSecret")
            }
            let baseSealed = baseIsEmpty ? nil : try? files.base.sealedSecret(at: index)
            let name = SecretRules.displayName(oursSealed.metadata)
            let merged = mergeSealedSecret(base: baseSealed, ours: oursSealed, theirs: theirsSealed, name: name)
            conflicts += merged.conflicts
            guard let sealed = merged.sealed else {
                wholeDocuments.append(index)
                continue
            }
            do {
                try result.replace(index, with: sealed, replacing: oursSealed)
            } catch {
                return .notApplicable(reason: "\(error)")
            }
            if !merged.entries.isEmpty { markings.append((index, merged.entries)) }
        }
        guard !conflicts.isEmpty else { return .merged(result.text.text) }
        let markers = SealedSecretFile.ConflictMarkers(ours: oursLabel, theirs: theirsLabel, size: markerSize)
        for (index, entries) in markings where !result.markConflicts(index, entries, markers: markers) {
            wholeDocuments.append(index)
        }
        for index in wholeDocuments {
            result.markWholeDocumentConflict(index, theirs: files.theirs.text.body(at: index), markers: markers)
        }
        return .conflicted(result.text.text, conflicts)
    }

    /// The merge of one SealedSecret: the merged SealedSecret (nil when the whole document
    /// conflicts), its conflicts, and the entries to mark.
    private func mergeSealedSecret(base: SealedSecret?, ours: SealedSecret, theirs: SealedSecret, name: String)
        -> (sealed: SealedSecret?, conflicts: [Conflict], entries: [SealedSecretFile.ConflictEntry]) {
        let identity = { (sealed: SealedSecret) in [sealed.metadata.name ?? "", sealed.metadata.namespace ?? "", "\(sealed.scope)"] }
        if identity(ours) != identity(theirs) {
            return (nil, [Conflict(sealedSecret: name, field: "", reason: "the name, namespace or scope differ between the sides (\(identity(ours).joined(separator: ", ")) and \(identity(theirs).joined(separator: ", "))); every value is sealed for them")], [])
        }
        // Everything but the string mappings and the type: one side's change wins.
        let rest = { (sealed: SealedSecret?) -> SealedSecret? in
            guard var sealed else { return nil }
            for mapping in SealedSecretFile.EditableMapping.all { sealed[keyPath: mapping.keyPath] = [:] }
            sealed.spec.template.type = nil
            return sealed
        }
        var merged: SealedSecret
        if rest(ours) == rest(theirs) || rest(theirs) == rest(base) {
            merged = ours
        } else if rest(ours) == rest(base) {
            merged = theirs
        } else {
            return (nil, [Conflict(sealedSecret: name, field: "", reason: "fields other than values, labels, annotations and type changed on both sides")], [])
        }
        var conflicts: [Conflict] = []
        var entries: [SealedSecretFile.ConflictEntry] = []
        let type = Self.threeWay(base?.spec.template.type, ours.spec.template.type, theirs.spec.template.type)
        switch type {
        case .merged(let value): merged.spec.template.type = value
        case .conflict:
            merged.spec.template.type = ours.spec.template.type
            conflicts.append(Conflict(sealedSecret: name, field: "spec.template.type", reason: "changed on both sides"))
            entries.append(.init(path: ["spec", "template"], key: "type", theirs: theirs.spec.template.type))
        }
        for mapping in SealedSecretFile.EditableMapping.all {
            let baseMap = base?[keyPath: mapping.keyPath] ?? [:], oursMap = ours[keyPath: mapping.keyPath], theirsMap = theirs[keyPath: mapping.keyPath]
            var result: [String: String] = [:]
            for key in Set(baseMap.keys).union(oursMap.keys).union(theirsMap.keys).sorted() {
                switch Self.threeWay(baseMap[key], oursMap[key], theirsMap[key]) {
                case .merged(let value):
                    result[key] = value
                case .conflict:
                    result[key] = oursMap[key]
                    if mapping.path == ["spec", "encryptedData"], sameValue(oursMap[key], theirsMap[key], in: ours) { continue }
                    let field = SecretRules.field(mapping.name, key: key)
                    let how = oursMap[key] == nil ? "removed on our side, changed on theirs" : theirsMap[key] == nil ? "changed on our side, removed on theirs" : "changed on both sides"
                    conflicts.append(Conflict(sealedSecret: name, field: field, reason: how))
                    entries.append(.init(path: mapping.path, key: key, theirs: theirsMap[key]))
                }
            }
            merged[keyPath: mapping.keyPath] = result
        }
        return (merged, conflicts, entries)
    }

    /// Whether two ciphertexts of a key open to the same value (with the keyring).
    private func sameValue(_ ours: String?, _ theirs: String?, in sealed: SealedSecret) -> Bool {
        guard let keyring, let ours, let theirs else { return false }
        let label = sealed.scope.label(namespace: sealed.metadata.namespace ?? "", name: sealed.metadata.name ?? "")
        guard var a = try? keyring.open(base64: ours, label: label), var b = try? keyring.open(base64: theirs, label: label) else { return false }
        defer { SecureMemory.wipe(&a); SecureMemory.wipe(&b) }
        return a == b
    }

    private enum ThreeWay<Value: Equatable> {
        case merged(Value?)
        case conflict
    }

    /// The side that changed wins; both changed alike is no conflict.
    private static func threeWay<Value: Equatable>(_ base: Value?, _ ours: Value?, _ theirs: Value?) -> ThreeWay<Value> {
        if ours == theirs || theirs == base { return .merged(ours) }
        if ours == base { return .merged(theirs) }
        return .conflict
    }
}
