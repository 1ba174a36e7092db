#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport

/// Finds manifest files (`.yaml`, `.yml`, `.json`) under files and folders, recursively,
/// skipping version-control and build folders.
public enum ManifestFinder {
    /// Folders never searched.
    public static let skippedFolders: Set<String> = [".git", ".hg", ".svn", ".build", "node_modules", ".terraform", "vendor"]

    /// Extensions of manifest files.
    public static let extensions: Set<String> = ["yaml", "yml", "json"]

    /// Every manifest file under `paths`, sorted by path; a file given by name is always included.
    public static func files(under paths: [String]) throws -> [URL] {
        var result: [URL] = []
        for path in paths {
            let kind = POSIX.kind(ofPath: path)
            guard kind != .missing else {
                throw AccessError.unreadable(path: path, reason: "no such file or folder")
            }
            guard kind == .directory else {
                result.append(URL(fileURLWithPath: path))
                continue
            }
            var found: [URL] = []
            collect(in: URL(fileURLWithPath: path), into: &found)
            result += found.sorted { $0.path < $1.path }
        }
        return result
    }

    /// Adds the manifest files under `folder`. Symbolic links to folders are not followed (a link
    /// back up the tree would never end); links to files are included.
    private static func collect(in folder: URL, into found: inout [URL]) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            let url = folder.appendingPathComponent(name)
            if POSIX.kind(ofPath: url.path) == .directory {
                if !POSIX.isSymbolicLink(url.path) && !skippedFolders.contains(name) && !name.hasPrefix(".build") {
                    collect(in: url, into: &found)
                }
            } else if extensions.contains(url.pathExtension.lowercased()) {
                found.append(url)
            }
        }
    }
}
