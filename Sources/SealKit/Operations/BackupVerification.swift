#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitCrypto
import SealKitSerialization
import SealKitModel
import SealKitCluster
import SealKitSealing

/// Proves a key backup before it is needed: every sealed value under some paths is opened with
/// the backup's keys, and what does not open is named with the reason. Compared with the
/// cluster, a backup that misses the controller's newest key is stale.
public struct BackupVerification: Sendable {
    /// How many values one key of the backup opens.
    public struct KeyUse: Codable, Sendable, Equatable {
        public var secret: String
        public var fingerprint: String
        public var notBefore: String
        public var status: String
        public var values: Int
    }

    /// A SealedSecret that no key of the backup opens (or a file that holds none that can be read).
    public struct Unopened: Codable, Sendable, Equatable {
        public var file: String
        public var document: String
        public var reason: String
    }

    /// The backup against the controller's keys.
    public struct ClusterComparison: Codable, Sendable, Equatable {
        /// The controller seals with a key the backup lacks: when its certificate starts.
        public var newestKeyMissingSince: String?
        public var missingFingerprint: String?
        /// Keys in the backup that the cluster's key Secrets no longer hold (nil: not listed).
        public var goneFromCluster: [String]?
        /// Why the key Secrets could not be listed, when they could not.
        public var listingFailure: String?
    }

    public struct Report: Codable, Sendable, SealKitSupport.Report {
        public var keys: [KeyUse]
        public var unopened: [Unopened]
        public var files: Int
        public var sealedSecrets: Int
        public var values: Int
        public var cluster: ClusterComparison?

        /// Every value opens, and the backup holds the key the controller seals with.
        public var succeeded: Bool { unopened.isEmpty && cluster?.newestKeyMissingSince == nil }

        public var text: String {
            var text = keys.map { "key \($0.fingerprint) (\($0.secret), from \($0.notBefore), \($0.status)): opens \($0.values) value\($0.values == 1 ? "" : "s")\n" }.joined()
            text += unopened.map { "not opened: \($0.file), \($0.document): \($0.reason)\n" }.joined()
            if let cluster {
                if let since = cluster.newestKeyMissingSince, let fingerprint = cluster.missingFingerprint {
                    text += "stale: the controller renewed its key on \(since) (key \(fingerprint)), and the backup lacks it; back up again\n"
                }
                if let gone = cluster.goneFromCluster, !gone.isEmpty { text += "in the backup but no longer in the cluster: \(gone.joined(separator: ", "))\n" }
                if let failure = cluster.listingFailure { text += "note: the cluster's key Secrets could not be listed (\(failure)); only its sealing certificate was compared\n" }
            }
            let verdict = succeeded ? "the backup opens every value" : "the backup does NOT open everything"
            return text + "\(verdict): \(values) value\(values == 1 ? "" : "s") of \(sealedSecrets) SealedSecret\(sealedSecrets == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s")\n"
        }
    }

    public let backup: KeyBackup

    public init(backup: KeyBackup) {
        self.backup = backup
    }

    /// Opens every value of every SealedSecret under `paths` (files and folders), on all cores.
    /// The key a SealedSecret's fingerprint annotation names, else the one that opened the value
    /// before, is tried first, so a tree costs about one private-key operation per value.
    public func run(paths: [String]) throws -> Report {
        var documents: [(file: String, document: ManifestDocument)] = []
        var unopened: [Unopened] = []
        let files = try BulkValidator.inputs(for: paths).map(\.name)
        for file in files {
            do {
                let stream = try ManifestStream(bytes: FileBytes.read(file))
                documents += stream.documents.filter { $0.kind == "SealedSecret" }.map { (file, $0) }
            } catch {
                unopened.append(Unopened(file: file, document: "", reason: "not read: \(error)"))
            }
        }
        let keyring = backup.keyring
        let fingerprints = keyring.keys.map(\.publicKey.fingerprint)
        let lastOpener = LastOpener()
        let results = ParallelMap.run(documents) { entry in Self.open(entry.document, keyring: keyring, hint: lastOpener) }
        var counts = [Int](repeating: 0, count: keyring.keys.count)
        var values = 0
        for (entry, result) in zip(documents, results) {
            switch result {
            case .success(let opened):
                for index in opened { counts[index] += 1 }
                values += opened.count
            case .failure(let reason):
                unopened.append(Unopened(file: entry.file, document: entry.document.locationDescription, reason: reason.text))
            }
        }
        let uses = backup.keys.map { key in
            KeyUse(secret: key.secret.metadata.name ?? "?", fingerprint: "\(key.certificate.keyFingerprint)", notBefore: key.certificate.notValidBefore.iso8601Text,
                   status: key.status, values: fingerprints.firstIndex(of: key.certificate.keyFingerprint).map { counts[$0] } ?? 0)
        }
        return Report(keys: uses, unopened: unopened, files: files.count, sealedSecrets: documents.count, values: values)
    }

    /// The backup against the cluster: the controller's sealing certificate (`/v1/cert.pem`) and,
    /// where the user may list them, its key Secrets.
    public func compare(with controller: SealedSecretsController, using kubectl: Kubectl) throws -> ClusterComparison {
        // Found once, so that the certificate and the key Secrets come from the same namespace.
        let controller = try controller.located(using: kubectl)
        let pem = try controller.fetchCertificatePEM(using: kubectl)
        let sealing = try Certificate(pemRepresentation: pem)
        let held = Set(backup.keys.map(\.certificate.keyFingerprint))
        var comparison = ClusterComparison()
        if !held.contains(sealing.keyFingerprint) {
            comparison.newestKeyMissingSince = sealing.notValidBefore.iso8601Text
            comparison.missingFingerprint = "\(sealing.keyFingerprint)"
        }
        do {
            let inCluster = Set(try ControllerKeys.fetch(from: controller, using: kubectl, includingCompromised: true).map(\.certificate.keyFingerprint))
            comparison.goneFromCluster = backup.keys.filter { !inCluster.contains($0.certificate.keyFingerprint) }.map { "\($0.certificate.keyFingerprint)" }
        } catch {
            comparison.listingFailure = "\(error)"
        }
        return comparison
    }

    private struct Failure: Error { var text: String }

    /// The key that opened the last value, across the documents opened in parallel: most trees
    /// are sealed for one or two keys, so it is the best first guess for a document that names
    /// none.
    private final class LastOpener: @unchecked Sendable {
        private let lock = Lock()
        private var index = 0
        var value: Int {
            get { lock.withLock { index } }
            set { lock.withLock { index = newValue } }
        }
    }

    /// The keys (by index) that opened each value, or why one did not.
    private static func open(_ document: ManifestDocument, keyring: Keyring, hint: LastOpener) -> Result<[Int], Failure> {
        let sealed: SealedSecret
        do { sealed = try SealedSecret(document: document) } catch { return .failure(Failure(text: "not a SealedSecret that can be read: \(error)")) }
        let label = sealed.scope.label(namespace: sealed.metadata.namespace ?? "", name: sealed.metadata.name ?? "")
        var first = sealed.recordedKeyFingerprint.flatMap { fingerprint in keyring.keys.firstIndex { $0.publicKey.fingerprint == fingerprint } } ?? hint.value
        var opened: [Int] = []
        for (key, ciphertext) in sealed.spec.encryptedData.sorted(by: { $0.key < $1.key }) {
            guard let bytes = Secret.decodeBase64(ciphertext).map(Array.init) else { return .failure(Failure(text: "\(key): not base64")) }
            let order = [first] + keyring.keys.indices.filter { $0 != first }
            guard let index = order.first(where: { index in
                guard var plaintext = try? HybridCipher.open(bytes, with: [keyring.keys[index]], label: label) else { return false }
                SecureMemory.wipe(&plaintext)
                return true
            }) else {
                // The cipher's own reason names a key size that none of the backup's has.
                var basic = "no key of the backup could decrypt it"
                do { var plaintext = try HybridCipher.open(bytes, with: keyring.keys, label: label); SecureMemory.wipe(&plaintext) } catch { basic = "\(error)" }
                let reason = UnsealDiagnosis(keyring: keyring).explain(bytes, in: sealed, basicReason: basic)
                return .failure(Failure(text: "\(key): \(reason)"))
            }
            first = index
            opened.append(index)
            hint.value = index
        }
        return .success(opened)
    }
}
