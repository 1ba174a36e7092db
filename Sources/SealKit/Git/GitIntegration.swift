#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitModel
import SealKitSealing

/// Sets git up to diff and merge SealedSecret files through sealctl (`sealctl git install`):
/// `.gitattributes` lines that give the files `diff=sealctl merge=sealctl`, and the git config
/// that says what those are (`diff.sealctl.textconv`, `merge.sealctl.name`,
/// `merge.sealctl.driver`). Idempotent; ``uninstall()`` takes exactly that away again.
public struct GitIntegration: Sendable {
    /// The file-name patterns of SealedSecret files in common use.
    public static let defaultPatterns = ["*.sealed.yaml", "*.sealed.yml", "*.sealed.json", "*sealedsecret*.yaml", "*sealedsecret*.json", "*-sealed.yaml", "sealed-*.yaml"]
    /// The driver's name in `.gitattributes` and in the config.
    public static let driverName = "sealctl"
    static let blockStart = "# BEGIN sealctl: SealedSecret diffs and merges (sealctl git install; sealctl git install --uninstall removes it)"
    static let blockEnd = "# END sealctl"

    /// What is installed.
    public struct Status: Sendable, CustomStringConvertible {
        /// The attributes file, and the patterns sealctl's block there names.
        public var attributesFile: String, patterns: [String]
        /// The configured commands, when set.
        public var textconv: String?, mergeDriver: String?
        /// Where the config lives (`local` or `global`).
        public var scope: String

        /// Whether both the attributes and the config are there.
        public var isInstalled: Bool { !patterns.isEmpty && textconv != nil && mergeDriver != nil }

        public var description: String {
            var lines = ["\(scope) attributes (\(attributesFile)): " + (patterns.isEmpty ? "none from sealctl" : patterns.joined(separator: " "))]
            lines.append("diff.\(GitIntegration.driverName).textconv: \(textconv ?? "not set")")
            lines.append("merge.\(GitIntegration.driverName).driver: \(mergeDriver ?? "not set")")
            lines.append(isInstalled ? "installed: git diffs and merges SealedSecrets through sealctl" : "not installed: run sealctl git install")
            return lines.joined(separator: "\n")
        }
    }

    /// The git binary.
    public let git: String
    /// The work tree, for a repository's own set-up; nil for `--global`.
    public let workTree: URL?
    /// The environment git runs with.
    public let environment: [String: String]

    /// Set-up for the repository whose work tree is `workTree`, or the user's global set-up
    /// when nil. Fails when git is not installed.
    public init(workTree: URL?, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard let git = ChildProcess.find("git", path: environment["PATH"]) else { throw AccessError.toolNotInstalled(name: "git") }
        self.git = git
        self.workTree = workTree?.standardizedFileURL
        self.environment = environment
    }

    /// The patterns to install: `patterns` (default ``defaultPatterns``) and the `secrets.yaml`
    /// every environment of `config` writes, relative to the work tree.
    public func patterns(_ patterns: [String], config: ProjectConfig?) -> [String] {
        var all = patterns.isEmpty ? Self.defaultPatterns : patterns
        if let workTree, let config {
            for environment in config.environments {
                let path = environment.outputURL.standardizedFileURL.path
                if path.hasPrefix(workTree.path + "/") { all.append("/" + path.dropFirst(workTree.path.count + 1)) }
            }
        }
        var seen = Set<String>()
        return all.filter { seen.insert($0).inserted }
    }

    /// Writes the attributes block for `patterns` and the config naming `command` (how git is
    /// to run sealctl: an absolute path, or `sealctl` from PATH). Returns the attributes file.
    @discardableResult
    public func install(patterns: [String], command: String) throws -> String {
        let file = try attributesFile()
        let existing = (try? FileBytes.text(file)) ?? ""
        let block = ([Self.blockStart] + patterns.map { "\($0) diff=\(Self.driverName) merge=\(Self.driverName)" } + [Self.blockEnd]).joined(separator: "\n") + "\n"
        let kept = Self.removingBlock(from: existing)
        let separator = kept.isEmpty || kept.hasSuffix("\n\n") ? "" : kept.hasSuffix("\n") ? "\n" : "\n\n"
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: file).deletingLastPathComponent(), withIntermediateDirectories: true)
        try AtomicFile.write(kept + separator + block, to: URL(fileURLWithPath: file))
        let quoted = Self.shellQuoted(command)
        try config(["diff.\(Self.driverName).textconv", "\(quoted) git diff-text"])
        try config(["merge.\(Self.driverName).name", "SealedSecret merge, key by key (sealctl)"])
        try config(["merge.\(Self.driverName).driver", "\(quoted) git merge --marker-size %L %O %A %B %P"])
        return file
    }

    /// Removes the attributes block and the config sections.
    public func uninstall() throws {
        let file = try attributesFile()
        if let existing = try? FileBytes.text(file), existing.contains(Self.blockStart) {
            var kept = Self.removingBlock(from: existing)
            while kept.hasSuffix("\n\n") { kept.removeLast() }
            try AtomicFile.write(kept, to: URL(fileURLWithPath: file))
        }
        for section in ["diff.\(Self.driverName)", "merge.\(Self.driverName)"] {
            _ = try runGit(["config", scopeFlag, "--remove-section", section])  // absent: nothing to remove
        }
    }

    /// What is installed now.
    public func status() throws -> Status {
        let file = try attributesFile()
        let text = (try? FileBytes.text(file)) ?? ""
        var patterns: [String] = [], inBlock = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == Self.blockStart { inBlock = true } else if line == Self.blockEnd { inBlock = false } else if inBlock, let pattern = line.split(separator: " ").first {
                patterns.append(String(pattern))
            }
        }
        let get = { (key: String) in try self.runGit(["config", self.scopeFlag, "--get", key]).flatMap { $0.isEmpty ? nil : $0 } }
        return Status(attributesFile: file, patterns: patterns, textconv: try get("diff.\(Self.driverName).textconv"),
                      mergeDriver: try get("merge.\(Self.driverName).driver"), scope: workTree == nil ? "global" : "local")
    }

    /// How git should run this sealctl: `argv0` made absolute (against the working folder, or
    /// found on PATH).
    public static func absoluteCommand(_ argv0: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if argv0.hasPrefix("/") { return URL(fileURLWithPath: argv0).standardizedFileURL.path }
        if argv0.contains("/") { return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(argv0).standardizedFileURL.path }
        return ChildProcess.find(argv0, path: environment["PATH"]) ?? argv0
    }

    /// The environment variable naming a private-key file for diffs and merges.
    public static let diffKeyVariable = "SEALCTL_DIFF_KEY"

    /// The keys that diffs and merges may open values with: the file named by
    /// `SEALCTL_DIFF_KEY`, else the local keyring when it holds keys, else none. Nothing is
    /// made: a diff never creates a key.
    public static func diffKeyring(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Keyring? {
        if let file = environment[diffKeyVariable], !file.isEmpty { return try Keyring(contentsOf: URL(fileURLWithPath: file)) }
        let local = LocalKeyring.chosen(folder: nil, environment: environment)
        guard let pairs = try? local.pairs(), !pairs.isEmpty else { return nil }
        return try local.keyring()
    }

    /// git's own line merge (`git merge-file`), for files ``SealedSecretMerge`` does not take:
    /// writes into `ours` and returns git's status (the number of conflicts, negative on error).
    public func mergeLines(base: String, ours: String, theirs: String, markerSize: Int) throws -> Int32 {
        let result = try ChildProcess.run(git, ["merge-file", "-L", "ours", "-L", "base", "-L", "theirs", "--marker-size=\(markerSize)", ours, base, theirs],
                                          environment: environment, directory: workTree)
        return result.status
    }

    // MARK: Internals

    private var scopeFlag: String { workTree == nil ? "--global" : "--local" }

    /// `.gitattributes` at the top of the work tree; for global set-up, `core.attributesFile`
    /// or git's default `$XDG_CONFIG_HOME/git/attributes`.
    private func attributesFile() throws -> String {
        if let workTree { return workTree.appendingPathComponent(".gitattributes").path }
        if let configured = try runGit(["config", "--global", "--get", "core.attributesFile"]), !configured.isEmpty {
            if configured.hasPrefix("~/") { return POSIX.homeDirectory(environment: environment) + configured.dropFirst(1) }
            return configured
        }
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? POSIX.homeDirectory(environment: environment) + "/.config"
        return base + "/git/attributes"
    }

    private func config(_ arguments: [String]) throws {
        guard try runGit(["config", scopeFlag] + arguments) != nil else {
            throw AccessError.toolFailed(name: "git", message: "git config \(scopeFlag) \(arguments[0]) failed")
        }
    }

    /// git's output without the final line break, or nil when it exits non-zero.
    private func runGit(_ arguments: [String]) throws -> String? {
        let result = try ChildProcess.run(git, arguments, environment: environment, directory: workTree)
        guard result.status == 0 else { return nil }
        var text = String(decoding: result.stdout, as: UTF8.self)
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// `text` without sealctl's block (its lines from the start line to the end line).
    static func removingBlock(from text: String) -> String {
        var kept: [Substring] = [], inBlock = false
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines {
            if line == blockStart { inBlock = true; continue }
            if inBlock { if line == blockEnd { inBlock = false }; continue }
            kept.append(line)
        }
        return kept.joined(separator: "\n")
    }

    /// `text` in single quotes for git's shell, with `'` written as `'\''`.
    static func shellQuoted(_ text: String) -> String {
        "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}
