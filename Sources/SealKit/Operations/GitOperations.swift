#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitCrypto
import SealKitSealing

extension GitIntegration {
    /// The integration for the git work tree around `folder`, or the user's global one.
    public init(around folder: URL, global: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        if global { try self.init(workTree: nil, environment: environment); return }
        guard let root = RepositoryChecker.repositoryRoot(around: folder) else { throw OperationError.notInRepository }
        try self.init(workTree: root, environment: environment)
    }
}

extension SealedSecretMerge {
    /// How git's merge driver ended.
    public enum FileOutcome: Sendable, Equatable {
        /// Merged into `ours`.
        case merged
        /// `ours` holds the merge with conflict markers around exactly these keys.
        case conflicted([Conflict])
        /// No SealedSecret to merge key by key: git's line merge ran, with this status.
        case mergedByLines(status: Int32)

        /// The conflicts, when there are any.
        public var conflicts: [Conflict] {
            if case .conflicted(let conflicts) = self { return conflicts }
            return []
        }

        /// What a merge driver exits with, as git reads it: 0 merged, 1 conflicts left in the
        /// file, 2 the merge could not be made (git merge-file's status above 127: a signal).
        public var driverExitStatus: Int32 {
            switch self {
            case .merged: return 0
            case .conflicted: return 1
            case .mergedByLines(let status): return status == 0 ? 0 : status > 0 && status < 128 ? 1 : 2
            }
        }
    }

    /// git's merge driver (`%O %A %B %P`): merges the files key by key into `ours`, written
    /// atomically; files that hold no SealedSecret, or do not parse, are merged by `git
    /// merge-file` instead.
    public func mergeFiles(base: String, ours: String, theirs: String, path: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> FileOutcome {
        switch merge(base: try FileBytes.read(base), ours: try FileBytes.read(ours), theirs: try FileBytes.read(theirs), path: path ?? ours) {
        case .merged(let text):
            try AtomicFile.write(text, to: URL(fileURLWithPath: ours))
            return .merged
        case .conflicted(let text, let conflicts):
            try AtomicFile.write(text, to: URL(fileURLWithPath: ours))
            return .conflicted(conflicts)
        case .notApplicable:
            let status = try GitIntegration(workTree: nil, environment: environment).mergeLines(base: base, ours: ours, theirs: theirs, markerSize: markerSize)
            return .mergedByLines(status: status)
        }
    }
}

extension KeyInventory {
    /// The certificates and keys of `files` (any of the forms ``/SealKitSealing/KeyInventory/add(contentsOf:source:)``
    /// reads), or without files those of the keyring `local`, which must hold a key.
    public init(files: [String], orKeysOf local: LocalKeyring) throws {
        self.init()
        if files.isEmpty {
            for pair in try local.pairs() { add(pair, source: "local keyring \(local.directory.path)") }
            if entries.isEmpty { throw CryptoError.localKeyringEmpty(path: local.directory.path) }
        }
        for file in files {
            do {
                try add(contentsOf: FileBytes.read(file), source: file)
            } catch {
                throw LocatedError(file, error)
            }
        }
    }
}

extension GitIntegration {
    /// Sets up diffs and merges of SealedSecrets: the `.gitattributes` lines for `patterns` (or
    /// the defaults and the project's environment files), and the git config naming `command`.
    /// The notice says what to commit, for a repository's set-up.
    public func install(patterns: [String], command: String, searchingFrom folder: URL) throws -> (status: Status, notices: [Notice]) {
        let config = workTree == nil ? nil : try ProjectConfig.load(path: nil, searchingFrom: folder)
        let file = try install(patterns: self.patterns(patterns, config: config), command: command)
        let notices: [Notice] = workTree == nil ? [] : [.note("commit \(PathText.lastComponent(file)) so that everyone gets the attributes; each clone sets up its own git config")]
        return (try status(), notices)
    }
}
