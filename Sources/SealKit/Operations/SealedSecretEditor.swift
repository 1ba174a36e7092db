#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitCrypto
import SealKitModel
import SealKitFiles
import SealKitSealing

/// Changes one SealedSecret of a file in place: the one behind `set`, `unset`, `edit` and
/// kubeseal's `--merge-into`.
///
/// Each change selects the document (the only SealedSecret, or the one named), makes the new
/// SealedSecret, judges it once as the API server would judge the Secret it becomes, and writes
/// the file atomically through ``/SealKitFiles/SealedSecretFile``: only the lines that must change change.
///
/// ```swift
/// let editor = SealedSecretEditor(path: "k8s/prod/db.sealed.yaml")
/// let result = try editor.set("password", to: Array(newPassword.utf8), certificate: { certificate })
/// ```
public struct SealedSecretEditor: Sendable {
    /// The file.
    public var path: String
    /// Which SealedSecret, when the file holds several.
    public var name: String?
    public var namespace: String?

    public init(path: String, name: String? = nil, namespace: String? = nil) {
        self.path = path
        self.name = name
        self.namespace = namespace
    }

    /// What a change did.
    public struct Result: Sendable {
        /// Whether the file was written.
        public var changed: Bool
        /// Notes (the document was rewritten whole, comments lost) and warnings about the values.
        public var notices: [Notice]
        /// For ``editValues(keys:certificate:scratchFolder:launchEditor:)``: the keys added,
        /// changed and removed, by name.
        public var summary: String?
    }

    /// Changes the selected SealedSecret with `change` (nil: leave the file as it is) and
    /// writes the file. `change` returns the new SealedSecret and the warnings of its judgement.
    public func change(_ change: (SealedSecret) throws -> (sealedSecret: SealedSecret, warnings: [ValidationProblem])?) throws -> Result {
        var file = try SealedSecretFile(contentsOf: path)
        let (index, sealed) = try file.select(name: name, namespace: namespace)
        guard let (changed, warnings) = try change(sealed) else { return Result(changed: false, notices: []) }
        let edit = try file.replace(index, with: changed, replacing: sealed)
        try file.write()
        return Result(changed: true, notices: warnings.map { .warning($0.detail) } + (file.notice(for: edit).map { [.note($0)] } ?? []))
    }

    /// Adds or replaces `key` with `value`, sealed for the SealedSecret's own name, namespace
    /// and scope; every other key keeps its ciphertext.
    public func set(_ key: String, to value: [UInt8], certificate: () throws -> Certificate) throws -> Result {
        try set(key, readingValue: { value }, certificate: certificate)
    }

    /// ``set(_:to:certificate:)`` with the value asked for only once the file and the
    /// SealedSecret in it are known to be right (a prompt comes after, not before, a typo's error).
    public func set(_ key: String, readingValue value: () throws -> [UInt8], certificate: () throws -> Certificate) throws -> Result {
        guard SecretBuilder.isValidKey(key) else { throw SealingError.invalidKey(key: key) }
        return try change { target in
            var bytes = try value()
            defer { SecureMemory.wipe(&bytes) }
            let secret = Secret(name: target.metadata.name, namespace: target.metadata.namespace, data: [key: Data(bytes)])
            return try Sealer(certificate: try certificate()).mergeReportingWarnings(secret, into: target)
        }
    }

    /// Merges `secret`'s values (and template labels and annotations) in, as kubeseal's
    /// `--merge-into` does; its own name and namespace are ignored.
    public func merge(_ secret: Secret, allowEmptyData: Bool = false, certificate: () throws -> Certificate) throws -> Result {
        try change { target in
            try Sealer(certificate: try certificate()).mergeReportingWarnings(secret, into: target, allowEmptyData: allowEmptyData)
        }
    }

    /// Removes `key`.
    public func unset(_ key: String) throws -> Result {
        try change { target in
            var target = target
            guard target.spec.encryptedData.removeValue(forKey: key) != nil else { throw OperationError.noSuchKey(file: path, key: key) }
            let problems = try SecretRules.requireAccepted(target)
            return (target, problems.filter { $0.severity == .warning })
        }
    }

    /// The edit pipeline: the values opened with `keys` into a private scratch file (0600, in
    /// `scratchFolder` or memory-backed storage), `launchEditor` run on it, and only the keys
    /// whose values changed sealed again; removed keys are dropped. The scratch file is
    /// overwritten and removed, also on failure. No change leaves the file as it is.
    public func editValues(keys: Keyring, certificate: () throws -> Certificate, scratchFolder: String? = nil,
                           launchEditor: (PrivateScratchFile) throws -> Void) throws -> Result {
        var summary: String?
        var result = try change { sealed in
            var old = try Unsealer(keyring: keys).openValues(of: sealed)
            defer { SecureMemory.wipe(&old) }
            let sealer = try Sealer(certificate: try certificate())
            var editable = EditableValues(old)
            defer { editable.wipe() }
            let scratch = try PrivateScratchFile(in: scratchFolder)
            defer { scratch.destroy() }
            try scratch.write(Data(try editable.document(for: sealed, from: path).utf8))
            var new: [String: [UInt8]]
            do {
                try launchEditor(scratch)
                new = try editable.values(fromEdited: Array(try scratch.read()))
            } catch {
                throw OperationError.editAbandoned(reason: "\(error)")
            }
            defer { SecureMemory.wipe(&new) }
            let changes = ValueChanges(from: old, to: new)
            guard !changes.isEmpty else { return nil }
            summary = changes.summaryText(comparedTo: old)
            return try sealer.applyReportingWarnings(changes, to: sealed)
        }
        result.summary = summary
        return result
    }
}
