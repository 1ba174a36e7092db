#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitCrypto
import SealKitModel
import SealKitCluster
import Dispatch

extension ControllerClient {
    /// Re-seals every SealedSecret of the files through the controller's `/v1/rotate`, one
    /// paced request at a time. A document the controller cannot re-seal is left as it is and
    /// reported; the rest of its file is still rewritten.
    ///
    /// The controller keeps the annotations it is sent, so a recorded key fingerprint
    /// (``/SealKitModel/SealedSecret/keyFingerprintAnnotation``) would go on naming the old
    /// key: for the documents that record one, the controller's certificate is fetched once and
    /// its key's fingerprint written instead. Documents without one stay as the controller
    /// answers, as kubeseal's `--re-encrypt` leaves them.
    public func resealFiles(_ files: [(path: String, bytes: [UInt8])]) -> [SealedSecretFileRewriter.FileResult] {
        let newestKey = LazyFingerprint { [self] in try Certificate(pemRepresentation: controller.fetchCertificatePEM(using: kubectl)).keyFingerprint }
        return SealedSecretFileRewriter(parallel: false).rewrite(files) { sealed in
            do {
                var rotated = try rotate(sealed)
                if sealed.recordedKeyFingerprint != nil {
                    rotated.metadata.annotations[SealedSecret.keyFingerprintAnnotation] = try newestKey.value().rawValue
                }
                return .replaced(rotated)
            } catch let failure as AccessError {
                if case .cannotRotate = failure { return .unchanged("\(failure)") }
                throw failure
            }
        }
    }
}

/// The controller's key fingerprint, asked for the first time it is needed and then kept (a
/// failure too: every document that needs it then reports the same error).
private final class LazyFingerprint: @unchecked Sendable {
    private let lock = Lock()
    private let fetch: () throws -> KeyFingerprint
    private var result: Result<KeyFingerprint, any Error>?

    init(_ fetch: @escaping () throws -> KeyFingerprint) { self.fetch = fetch }

    func value() throws -> KeyFingerprint {
        try lock.withLock {
            if result == nil { result = Result { try fetch() } }
            return try result!.get()
        }
    }
}
