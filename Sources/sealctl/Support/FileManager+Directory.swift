#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKit

/// Whether a path names a folder: commands treat named files and folders differently.
extension FileManager {
    func isDirectory(_ path: String) -> Bool {
        POSIX.kind(ofPath: path) == .directory
    }
}
