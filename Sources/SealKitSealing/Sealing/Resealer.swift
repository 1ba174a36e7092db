#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitCrypto
import SealKitModel
import Dispatch

/// Re-seals SealedSecrets for a new certificate without a cluster: each value is opened with
/// the old keys and sealed again for the new key under the same scope. Name, namespace,
/// annotations, template and keys stay as they were; only ciphertexts change (and the recorded
/// key fingerprint, if there is one).
///
/// Cross-cluster migration is this with the source cluster's keys and the target cluster's
/// certificate: no plain Secret is written anywhere.
public struct Resealer: Sendable {
    /// Opens values with the old keys.
    public let unsealer: Unsealer
    /// Seals them for the new certificate.
    public let sealer: Sealer

    /// A resealer from `oldKeys` to the certificate of `sealer`.
    public init(oldKeys: Keyring, newCertificate sealer: Sealer) {
        self.unsealer = Unsealer(keyring: oldKeys)
        self.sealer = sealer
    }

    /// The re-sealed SealedSecret.
    public func reseal(_ sealed: SealedSecret) throws -> SealedSecret {
        if sealed.spec.legacyData != nil { throw SealingError.legacyFormat }
        var values = try unsealer.openValues(of: sealed)
        defer { SecureMemory.wipe(&values) }
        var resealed = sealed
        let scope = sealed.scope, namespace = sealed.metadata.namespace ?? "", name = sealed.metadata.name ?? ""
        for (key, value) in values {
            resealed.spec.encryptedData[key] = try sealer.sealValue(value, scope: scope, namespace: namespace, name: name)
        }
        if sealed.recordedKeyFingerprint != nil {
            resealed.metadata.annotations[SealedSecret.keyFingerprintAnnotation] = sealer.certificate.keyFingerprint.rawValue
        }
        // A larger key makes every value larger.
        try StoredObjectSize.requireStorable(resealed)
        return resealed
    }

    /// Re-seals every SealedSecret document of the files, on all cores unless `parallel` is
    /// false (see ``SealedSecretFileRewriter``): a file is rewritten whole or not at all.
    public func resealFiles(_ files: [(path: String, bytes: [UInt8])], parallel: Bool = true) -> [SealedSecretFileRewriter.FileResult] {
        SealedSecretFileRewriter(parallel: parallel).rewrite(files) { .replaced(try reseal($0)) }
    }
}
