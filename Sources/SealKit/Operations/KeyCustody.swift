#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitCrypto
import SealKitCluster
import SealKitSealing

/// `keys backup`: the controller's key Secrets, read from the cluster and written sealed for a
/// custody certificate, or, when asked for explicitly, plain.
public struct KeyBackupOperation: Sendable {
    /// The certificate the backup is sealed for; nil writes a plain backup, which `allowPlain`
    /// must permit.
    public var custody: Certificate?
    public var allowPlain: Bool
    /// Also back up keys labelled otherwise than `active` (`compromised`).
    public var includingCompromised: Bool

    public init(custody: Certificate?, allowPlain: Bool = false, includingCompromised: Bool = false) {
        self.custody = custody
        self.allowPlain = allowPlain
        self.includingCompromised = includingCompromised
    }

    /// The backup and its text. The controller is found as for its certificate (named, at the
    /// default place, or discovered); `notice` hears which one was used.
    public func run(controller: SealedSecretsController, kubectl: Kubectl, notice: (Notice) -> Void = { _ in }) throws -> (backup: KeyBackup, text: String) {
        guard custody != nil || allowPlain else { throw KeyCustodyError.plainBackupNotAllowed }
        let located = try controller.located(using: kubectl, notice: notice)
        let keys = try ControllerKeys.fetch(from: located, using: kubectl, includingCompromised: includingCompromised)
        guard !keys.isEmpty else { throw KeyCustodyError.noKeysInCluster(namespace: located.namespace) }
        let backup = KeyBackup(keys: keys)
        return (backup, try custody.map { try backup.sealedText(for: $0) } ?? backup.plainText())
    }

    /// Writes the backup to `path` atomically (a plain one 0600), or returns it for standard
    /// output, which must not be a terminal for a plain one.
    public func deliver(_ text: String, to path: String?) throws -> String? {
        guard let path else {
            if custody == nil, POSIX.isTerminal(.output) { throw AccessError.refusedTerminal(what: "a plain backup of private keys") }
            return text
        }
        try AtomicFile.write(text, to: URL(fileURLWithPath: path), permissions: custody == nil ? 0o600 : 0o644)
        return nil
    }
}
