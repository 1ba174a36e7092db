import Foundation

/// A git work tree in a temporary folder, driven by the real git binary with a fixed identity
/// and its own HOME (no user configuration leaks in).
public struct GitRepository {
    /// The git binary.
    public let git: String
    /// The work tree.
    public let directory: URL
    /// What every git call runs with.
    public var environment: [String: String]

    /// Runs `git init` in `directory`; `home` holds the global configuration.
    public init(at directory: URL, home: URL) throws {
        guard let git = ExternalTool.find("git") else { throw MissingFixture(path: "git on PATH") }
        self.git = git
        self.directory = directory
        environment = ["GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
                       "HOME": home.path, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        try run(["init", "-q", "-b", "main"])
    }

    /// Runs git; a failure throws with git's own message.
    @discardableResult
    public func run(_ arguments: [String], allowingFailure: Bool = false) throws -> ExternalTool.Result {
        let result = try ExternalTool.run(git, arguments, environment: environment, directory: directory)
        if result.status != 0 && !allowingFailure { throw GitFailure(arguments: arguments, message: result.errorOutput + result.output) }
        return result
    }

    /// Stages everything and commits it.
    public func commitAll(_ message: String) throws {
        try run(["add", "-A"])
        try run(["commit", "-q", "-m", message])
    }
}

/// A git command that failed in a test's set-up.
public struct GitFailure: Error, CustomStringConvertible {
    public let arguments: [String]
    public let message: String
    public var description: String { "git \(arguments.joined(separator: " ")) failed: \(message)" }
}
