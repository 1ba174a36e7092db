#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitModel

/// Which values of a SealedSecret to add, replace or remove. Applying changes seals only the
/// values that changed, so every other ciphertext stays byte-identical and a git diff shows
/// exactly what changed.
public struct ValueChanges: Sendable, Equatable {
    /// Values to add or replace, by key.
    public var updated: [String: Data]
    /// Keys to remove.
    public var removed: Set<String>

    /// Changes.
    public init(updated: [String: Data] = [:], removed: Set<String> = []) {
        self.updated = updated
        self.removed = removed
    }

    /// The changes that turn `old` values into `new` ones.
    public init(from old: [String: [UInt8]], to new: [String: [UInt8]]) {
        updated = [:]
        for (key, value) in new where old[key] != value { updated[key] = Data(value) }
        removed = Set(old.keys).subtracting(new.keys)
    }

    /// Whether nothing changes.
    public var isEmpty: Bool { updated.isEmpty && removed.isEmpty }

    /// Added, changed and removed keys, for a summary that names keys but never values.
    public func summary(comparedTo old: [String: [UInt8]]) -> (added: [String], changed: [String], removed: [String]) {
        (updated.keys.filter { old[$0] == nil }.sorted(), updated.keys.filter { old[$0] != nil }.sorted(), removed.sorted())
    }

    /// `2 added ["a", "b"], 1 changed ["c"], 0 removed []`: key names only, never values.
    public func summaryText(comparedTo old: [String: [UInt8]]) -> String {
        let (added, changed, removed) = summary(comparedTo: old)
        return "\(added.count) added \(added), \(changed.count) changed \(changed), \(removed.count) removed \(removed)"
    }
}

extension Sealer {
    /// `sealed` with `changes` applied: changed values sealed for the SealedSecret's own name,
    /// namespace and scope; removed keys dropped; every other ciphertext untouched.
    public func apply(_ changes: ValueChanges, to sealed: SealedSecret) throws -> SealedSecret {
        try applyReportingWarnings(changes, to: sealed).sealedSecret
    }

    /// ``apply(_:to:)``, with the warnings of the one judgement of the result.
    public func applyReportingWarnings(_ changes: ValueChanges, to sealed: SealedSecret) throws -> (sealedSecret: SealedSecret, warnings: [ValidationProblem]) {
        var result = sealed
        if !changes.updated.isEmpty {
            result = try mergeUnchecked(Secret(name: sealed.metadata.name, namespace: sealed.metadata.namespace, data: changes.updated), into: sealed)
        }
        for key in changes.removed { result.spec.encryptedData[key] = nil }
        let problems = try SecretRules.requireAccepted(result, values: changes.updated.mapValues { Array($0) })
        return (result, problems.filter { $0.severity == .warning })
    }
}
