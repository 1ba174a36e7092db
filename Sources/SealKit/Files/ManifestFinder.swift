import Foundation

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
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ManifestError(.syntax("no such file or folder"), file: path)
            }
            guard isDirectory.boolValue else {
                result.append(URL(fileURLWithPath: path))
                continue
            }
            let root = URL(fileURLWithPath: path)
            guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey]) else { continue }
            var found: [URL] = []
            for case let url as URL in enumerator {
                let isFolder = (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) ?? false
                if isFolder {
                    if skippedFolders.contains(url.lastPathComponent) || url.lastPathComponent.hasPrefix(".build") { enumerator.skipDescendants() }
                    continue
                }
                if extensions.contains(url.pathExtension.lowercased()) { found.append(url) }
            }
            result += found.sorted { $0.path < $1.path }
        }
        return result
    }
}
