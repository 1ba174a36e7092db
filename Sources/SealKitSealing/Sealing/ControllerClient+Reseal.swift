#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitCluster
import Dispatch

extension ControllerClient {
    /// Re-seals every SealedSecret of the files through the controller's `/v1/rotate`, one
    /// paced request at a time. A document the controller cannot re-seal is left as it is and
    /// reported; the rest of its file is still rewritten.
    public func resealFiles(_ files: [(path: String, bytes: [UInt8])]) -> [SealedSecretFileRewriter.FileResult] {
        SealedSecretFileRewriter(parallel: false).rewrite(files) { sealed in
            do {
                return .replaced(try rotate(sealed))
            } catch let failure as AccessError {
                if case .cannotRotate = failure { return .unchanged("\(failure)") }
                throw failure
            }
        }
    }
}
