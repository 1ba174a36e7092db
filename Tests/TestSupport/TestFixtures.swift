import Foundation

/// The repository's own fixtures under `Tests/Fixtures`: the upstream vectors (the ground truth
/// for byte-compatibility), the real SmartEM tree and the controller's CRD. Nothing outside the
/// repository is read, so a fresh clone tests the same as this one.
///
/// Every accessor checks that the file exists and throws ``MissingFixture`` naming the full path
/// when it does not, so a misplaced fixture fails its test with a message, never a crash.
public enum TestFixtures {
    /// The project's root folder.
    public static let projectRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/Fixtures`.
    public static let root = projectRoot.appendingPathComponent("Tests/Fixtures")

    /// `Tests/Fixtures/vectors`.
    public static let vectors = root.appendingPathComponent("vectors")

    /// A file or folder under `Tests/Fixtures`, checked to exist.
    public static func url(_ path: String) throws -> URL {
        let url = root.appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path) else { throw MissingFixture(path: url.path) }
        return url
    }

    /// A file or folder under `Tests/Fixtures/vectors`, checked to exist.
    public static func vectorURL(_ path: String) throws -> URL { try url("vectors/" + path) }

    /// A vector file's text.
    public static func vectorText(_ path: String) throws -> String {
        try String(decoding: Data(contentsOf: vectorURL(path)), as: UTF8.self)
    }

    /// A vector file's bytes.
    public static func vectorBytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: vectorURL(path)))
    }

    /// `manifest.json` keeps upstream's folder name `key-renewed/`; the copy calls it `key-renewed/`.
    public static func vectorPath(forManifestPath path: String) -> String {
        path.hasPrefix("key-renewed/") ? "key-renewed/" + path.dropFirst("key-renewed/".count) : path
    }

    /// The real SmartEM Kubernetes tree (`Tests/Fixtures/smartem`); copy it before changing it.
    public static func smartemTree() throws -> URL { try url("smartem") }
}

/// A fixture the tests need is not where the repository keeps it.
public struct MissingFixture: Error, CustomStringConvertible {
    /// The absolute path that was looked for.
    public let path: String
    public init(path: String) { self.path = path }
    public var description: String { "test fixture not found: \(path) (fixtures live in Tests/Fixtures; see its README)" }
}
