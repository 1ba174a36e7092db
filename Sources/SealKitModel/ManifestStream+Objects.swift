#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSerialization

extension ManifestStream {
    /// Every document decoded as a Secret; an error names `source` and the document.
    public func secrets(from source: String) throws -> [Secret] {
        try documents.map { document in
            do { return try Secret(document: document) } catch let error as ManifestError { throw error.inFile(source) }
        }
    }

    /// Every document decoded as a SealedSecret, with the document it came from.
    public func sealedSecrets(from source: String) throws -> [(document: ManifestDocument, sealed: SealedSecret)] {
        try documents.map { document in
            do { return (document, try SealedSecret(document: document)) } catch let error as ManifestError { throw error.inFile(source) }
        }
    }
}
