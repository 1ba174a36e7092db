#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitCrypto
import SealKitModel
import SealKitCluster
import SealKitSealing

/// `keys restore`: a backup's key Secrets into the controller's namespace (through
/// `kubectl apply -f -`, the manifest on standard input only), the controller restarted as its
/// owner would restart it, and what it seals with afterwards.
public struct KeyRestoreOperation: Sendable {
    public var backup: KeyBackup
    /// Show what would be written and done, and change nothing.
    public var dryRun: Bool
    /// How long to wait for the restarted controller to serve its certificate.
    public var timeout: Double

    public init(backup: KeyBackup, dryRun: Bool = false, timeout: Double = 120) {
        self.backup = backup
        self.dryRun = dryRun
        self.timeout = timeout
    }

    public struct Outcome: Sendable, Report, Encodable {
        /// Each key Secret written (or that would be), as `namespace/name`.
        public var written: [String]
        public var restart: String
        /// The certificate the controller serves afterwards (nil in a dry run).
        public var sealingFingerprint: String?
        /// Whether that is the backup's newest key.
        public var sealsWithBackup: Bool
        /// Why another key seals, when one does.
        public var explanation: String?
        public var dryRun: Bool

        public var text: String {
            let verb = dryRun ? "would write" : "wrote"
            var text = written.map { "\(verb) secret \($0)\n" }.joined() + (dryRun ? "would \(restart)\n" : "did \(restart)\n")
            if let fingerprint = sealingFingerprint {
                text += sealsWithBackup ? "the controller seals with the backup's newest key \(fingerprint)\n" : "the controller seals with key \(fingerprint): \(explanation ?? "")\n"
            }
            return text
        }
    }

    /// Restores into `controller` (found as for its certificate). Nothing is written when the
    /// backup holds no key the controller would load.
    public func run(controller: SealedSecretsController, kubectl: Kubectl, notice: (Notice) -> Void = { _ in },
                    sleep: ((Double) -> Void)? = nil) throws -> Outcome {
        guard let newest = backup.sealingKey else { throw KeyCustodyError.emptyBackup(file: "the backup") }
        let located = try controller.located(using: kubectl, notice: notice)
        let secrets = backup.keys.map { key in
            var secret = key.secret
            secret.metadata.namespace = located.namespace
            secret.metadata.annotations[Unsealer.skipSetOwnerReferencesAnnotation] = nil
            return secret
        }
        let restart = try located.restart(using: kubectl)
        var outcome = Outcome(written: secrets.map { "\(located.namespace)/\($0.metadata.name ?? "?")" }, restart: restart.description,
                              sealsWithBackup: false, dryRun: dryRun)
        guard !dryRun else { return outcome }
        let started = Date()
        var manifest = Array(try ManifestList(items: secrets.map(\.node)).formatted(as: .json).utf8)
        defer { SecureMemory.wipe(&manifest) }
        _ = try kubectl.run(["apply", "-f", "-"], input: Data(manifest))
        _ = try kubectl.run(restart.arguments)
        // The restarted controller serves the newest key it loaded, or one it made at start.
        var waited = 0.0
        while true {
            if let pem = try? located.fetchCertificatePEM(using: kubectl), let served = try? Certificate(pemRepresentation: pem),
               served.notValidBefore >= newest.certificate.notValidBefore {
                outcome.sealingFingerprint = "\(served.keyFingerprint)"
                outcome.sealsWithBackup = served.keyFingerprint == newest.certificate.keyFingerprint
                if !outcome.sealsWithBackup {
                    outcome.explanation = served.notValidBefore >= started.addingTimeInterval(-60)
                        ? "the controller made a new key at start, because the backup's newest key (from \(newest.certificate.notValidBefore.iso8601Text)) is older than its renewal period; every restored key still opens, and the new key needs a backup"
                        : "a key of the cluster's own (from \(served.notValidBefore.iso8601Text)) is newer than the backup's and keeps sealing; every restored key opens"
                }
                return outcome
            }
            guard waited < timeout else { throw AccessError.kubectlTimedOut(seconds: Int(timeout)) }
            if let sleep { sleep(1) } else { POSIX.sleep(seconds: 1) }
            waited += 1
        }
    }
}
