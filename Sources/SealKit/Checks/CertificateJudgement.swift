#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitCrypto
import SealKitModel

extension RepositoryChecker.PinnedCertificate {
    /// One way a SealedSecret was not sealed for this certificate.
    package struct Mismatch: Sendable {
        /// What is wrong, naming both keys.
        package var message: String
        /// The value whose ciphertext shows it, or nil for the recorded fingerprint.
        package var encryptedDataKey: String?
    }

    /// Whether `sealed` was sealed for this certificate: the fingerprint it records (the one
    /// `generate`, `rotate` and `reseal` write; kubeseal writes none, and then `judged` is false),
    /// and each value's RSA block, whose size is the key's. `known` names the owner of the
    /// other key when it is one of them: the usual mistake is another cluster's certificate.
    package func mismatches(of sealed: SealedSecret, known: [RepositoryChecker.PinnedCertificate]) -> (mismatches: [Mismatch], judged: Bool) {
        var found: [Mismatch] = []
        let here = owner.map { "the certificate of \($0)" } ?? "the certificate given"
        let recorded = sealed.recordedKeyFingerprint
        if let recorded, recorded != certificate.keyFingerprint {
            let other = known.first { $0.certificate.keyFingerprint == recorded }?.owner.map { ", the certificate of \($0)" } ?? ""
            found.append(Mismatch(message: "sealed for key \(recorded)\(other), but \(here) is \(certificate.identification)"))
        }
        for (key, ciphertext) in sealed.spec.encryptedData.sorted(by: { $0.key < $1.key }) {
            // The first four base64 characters hold the RSA block's length; the whole value's
            // layout is the validator's to judge.
            guard let head = Secret.decodeBase64(String(ciphertext.prefix(4))), let blockSize = SealedValue.keyBlockByteCount(prefix: head) else { continue }
            if blockSize != certificate.publicKey.ciphertextByteCount {
                found.append(Mismatch(message: "\(key) was sealed for a \(blockSize * 8)-bit key, but \(here) is \(certificate.keyBitCount)-bit", encryptedDataKey: key))
            }
        }
        return (found, recorded != nil)
    }
}
