#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSerialization
import SealKitModel

/// Turns SealedSecrets back into the Secrets the controller would create, with private keys:
/// for disaster recovery, migration and checks.
public struct Unsealer: Sendable {
    /// The template annotation that stops the controller from setting an owner reference.
    public static let skipSetOwnerReferencesAnnotation = "sealedsecrets.bitnami.com/skip-set-owner-references"

    /// The private keys.
    public let keyring: Keyring
    /// Whether the deprecated `spec.data` format (the whole Secret sealed as one value) is read.
    public var acceptsLegacyData: Bool

    /// An unsealer; the legacy `spec.data` format is refused unless `acceptsLegacyData`.
    public init(keyring: Keyring, acceptsLegacyData: Bool = false) {
        self.keyring = keyring
        self.acceptsLegacyData = acceptsLegacyData
    }

    /// The Secret the controller would create from `sealed`: the template's metadata, type and
    /// immutability; every value decrypted; `spec.template.data` rendered with the decrypted
    /// values (winning on a clash); the SealedSecret's own name and namespace; an owner
    /// reference to the SealedSecret. Every key that fails is reported, not just the first.
    public func unseal(_ sealed: SealedSecret) throws -> Secret {
        let name = sealed.metadata.name ?? ""
        let namespace = sealed.metadata.namespace ?? ""
        var secret = Secret()

        if let legacy = sealed.spec.legacyData {
            guard acceptsLegacyData else { throw SealingError.legacyFormat }
            guard sealed.spec.encryptedData.isEmpty else { throw SealingError.mixedFormats }
            let label = sealed.scope.label(namespace: namespace, name: name)
            let plaintext = try keyring.prioritizing(sealed.recordedKeyFingerprint).open(base64: legacy, label: label)
            secret = try Secret(node: JSONParser().parseStream(plaintext).first ?? .null, options: .json)
        } else {
            secret.metadata = sealed.spec.template.metadata
            secret.type = sealed.spec.template.type
            secret.immutable = sealed.spec.template.immutable
            var failures: [SealingError.KeyFailure] = []
            var values: [String: [UInt8]] = [:]
            do {
                values = try openValues(of: sealed)
            } catch SealingError.unsealFailed(_, let keyFailures) {
                failures = keyFailures
            }
            let strings = values.mapValues { String(decoding: $0, as: UTF8.self) }
            for (key, text) in sealed.spec.template.data.sorted(by: { $0.key < $1.key }) {
                do {
                    let template = try GoTemplate(text)
                    values[key] = Array(try template.render(strings).utf8)
                } catch {
                    failures.append(.init(key: key, reason: "\(error)"))
                }
            }
            guard failures.isEmpty else { throw SealingError.unsealFailed(name: name, failures: failures) }
            secret.data = values.mapValues { Data($0) }
        }

        secret.metadata.name = name
        secret.metadata.namespace = namespace.isEmpty ? nil : namespace
        // kubeseal 0.32+ omits a zero creationTimestamp, even from SealedSecrets made by 0.31.
        if secret.metadata.creationTimestamp?.isNull == true { secret.metadata.creationTimestamp = nil }
        if sealed.spec.template.metadata.annotations[Self.skipSetOwnerReferencesAnnotation] != "true" {
            secret.metadata.ownerReferences = [OwnerReference(
                apiVersion: sealed.apiVersion, kind: sealed.kind, name: name, uid: sealed.metadata.uid ?? "", controller: true)]
        }
        return secret
    }

    /// Decrypts every `encryptedData` value, by key. Every key that fails is reported; the first
    /// failure is explained: an unknown key, a key size, or the scope it opens under.
    public func openValues(of sealed: SealedSecret) throws -> [String: [UInt8]] {
        let name = sealed.metadata.name ?? ""
        let label = sealed.scope.label(namespace: sealed.metadata.namespace ?? "", name: name)
        // The key the SealedSecret says it was sealed for is tried first: one private-key
        // operation per value instead of one per key of the keyring.
        let keyring = self.keyring.prioritizing(sealed.recordedKeyFingerprint)
        var values: [String: [UInt8]] = [:]
        var failures: [SealingError.KeyFailure] = []
        let entries = sealed.spec.encryptedData.sorted(by: { $0.key < $1.key })
        // Many values are opened on all cores; the results are taken in key order.
        let open: @Sendable ((key: String, value: String)) -> Result<[UInt8], Error> = { entry in Result { try keyring.open(base64: entry.value, label: label) } }
        let opened = entries.count >= Sealer.parallelThreshold && ProcessInfo.processInfo.activeProcessorCount > 1 ? ParallelMap.run(entries, open) : entries.map(open)
        for ((key, ciphertext), result) in zip(entries, opened) {
            do {
                values[key] = try result.get()
            } catch {
                // Explaining costs extra private-key operations: do it for the first failure.
                if failures.isEmpty, let bytes = Secret.decodeBase64(ciphertext) {
                    failures.append(.init(key: key, reason: UnsealDiagnosis(keyring: keyring).explain(Array(bytes), in: sealed, basicReason: "\(error)")))
                } else {
                    failures.append(.init(key: key, reason: "\(error)"))
                }
            }
        }
        guard failures.isEmpty else { throw SealingError.unsealFailed(name: name, failures: failures) }
        return values
    }
}
