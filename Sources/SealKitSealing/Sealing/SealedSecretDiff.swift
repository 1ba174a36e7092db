#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitCrypto
import SealKitModel
import SealKitFiles

/// What differs between two SealedSecrets by value, not ciphertext (every sealing gives new
/// ciphertext): name, namespace and scope, then keys added (`+`), removed (`-`) and whose value
/// changed (`~`). Never holds or prints a value.
public struct SealedSecretDiff: Sendable {
    /// One line per difference, in that order.
    public let lines: [String]
    /// Keys present in both with the same value.
    public let unchangedCount: Int

    /// The diff of the SealedSecret in the file `old` (its only one) to the one in `new`.
    public init(fromFile old: String, toFile new: String, unsealer: Unsealer) throws {
        try self.init(from: try SealedSecretFile(contentsOf: old).select().sealed, to: try SealedSecretFile(contentsOf: new).select().sealed, unsealer: unsealer)
    }

    /// Opens both with `unsealer` and compares.
    public init(from before: SealedSecret, to after: SealedSecret, unsealer: Unsealer) throws {
        var oldValues = try unsealer.openValues(of: before), newValues = try unsealer.openValues(of: after)
        defer { SecureMemory.wipe(&oldValues); SecureMemory.wipe(&newValues) }
        let summary = ValueChanges(from: oldValues, to: newValues).summary(comparedTo: oldValues)
        var lines: [String] = []
        for (label, field) in [("name", \ObjectMeta.name), ("namespace", \ObjectMeta.namespace)] where before.metadata[keyPath: field] != after.metadata[keyPath: field] {
            lines.append("! \(label): \(before.metadata[keyPath: field] ?? "none") -> \(after.metadata[keyPath: field] ?? "none")")
        }
        if before.scope != after.scope { lines.append("! scope: \(before.scope) -> \(after.scope)") }
        lines += summary.added.map { "+ \($0)" } + summary.removed.map { "- \($0)" } + summary.changed.map { "~ \($0)" }
        self.lines = lines
        unchangedCount = Set(oldValues.keys).intersection(newValues.keys).count - summary.changed.count
    }

    /// Whether anything differs.
    public var isEmpty: Bool { lines.isEmpty }

    /// The lines and a count of the unchanged keys, as `sealctl diff` prints them.
    public var text: String {
        lines.map { $0 + "\n" }.joined() + "\(unchangedCount) key\(unchangedCount == 1 ? "" : "s") unchanged\n"
    }
}
