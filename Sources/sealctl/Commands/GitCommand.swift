import ArgumentParser
import SealKit

struct GitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "git", abstract: "Let git diff and merge SealedSecrets key by key, with no private key.",
        discussion: """
        After `sealctl git install`, `git diff` and `git log -p` show one line per key with a \
        fingerprint of its ciphertext instead of base64 lines, and merges of branches that \
        changed different keys of one SealedSecret succeed. See Docs/git.md.
        """,
        subcommands: [Install.self, Status.self, DiffText.self, Merge.self]
    )

    /// The work tree around the current folder, or the user's global set-up.
    static func integration(global: Bool) throws -> GitIntegration {
        try GitIntegration(around: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), global: global, environment: Environment.values)
    }

    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "install", abstract: "Write the .gitattributes lines and the git config (idempotent).",
            discussion: """
            Default patterns: \(GitIntegration.defaultPatterns.joined(separator: " ")), and the \
            secrets.yaml of every environment in sealctl.yaml. The config names this sealctl by \
            its absolute path; with --global, `sealctl` from PATH and the global attributes file.
            """
        )

        @Flag(help: "Set up for every repository of this user instead of this one.") var global = false
        @Option(name: .customLong("pattern"), help: ArgumentHelp("A file pattern to set up (repeatable; replaces the defaults).", valueName: "glob"))
        var patterns: [String] = []
        @Flag(help: "Remove what install wrote.") var uninstall = false

        func run() throws {
            let git = try GitCommand.integration(global: global)
            if uninstall { return try git.uninstall() }
            // A repository's config names this binary by its path; the global one, sealctl on PATH.
            let command = global ? "sealctl" : GitIntegration.absoluteCommand(CommandLine.arguments[0], environment: Environment.values)
            let (status, notices) = try git.install(patterns: patterns, command: command, searchingFrom: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            try Console.standardOutput(status.description + "\n")
            Console.show(notices)
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "status", abstract: "Say what sealctl git install has set up.")

        @Flag(help: "The global set-up instead of this repository's.") var global = false

        func run() throws {
            let status = try GitCommand.integration(global: global).status()
            try Console.standardOutput(status.description + "\n")
            if !status.isInstalled { throw ExitCode(1) }
        }
    }

    struct DiffText: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff-text", abstract: "Print FILE for git's textconv: keys and ciphertext fingerprints, never ciphertext or values.",
            discussion: "With SEALCTL_DIFF_KEY (a private-key file) or a local keyring, each key also shows a keyed fingerprint of its value, so a re-seal of the same value shows as such."
        )

        @Argument(help: ArgumentHelp("The file (git passes a temporary copy).", valueName: "file")) var file: String

        func run() throws {
            let keyring = try GitIntegration.diffKeyring(environment: Environment.values)
            try Console.standardOutput(SealedSecretTextView(keyring: keyring).render(try FileBytes.read(file)))
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge", abstract: "git's merge driver: merge SealedSecrets key by key into OURS (%O %A %B %P).",
            discussion: """
            Exit 0 when merged; 1 with conflict markers around exactly the conflicting keys' lines. \
            Files that hold no SealedSecret, or do not parse, are merged by git merge-file.
            """
        )

        @Argument(help: ArgumentHelp("The common ancestor (%O).", valueName: "base")) var base: String
        @Argument(help: ArgumentHelp("Our version, which receives the result (%A).", valueName: "ours")) var ours: String
        @Argument(help: ArgumentHelp("Their version (%B).", valueName: "theirs")) var theirs: String
        @Argument(help: ArgumentHelp("The path in the repository, for messages (%P).", valueName: "path")) var path: String?
        @Option(help: ArgumentHelp("The length of conflict markers (%L).", valueName: "n")) var markerSize = 7

        func run() throws {
            try Console.exitingTwoOnError {
                var merge = SealedSecretMerge(keyring: try? GitIntegration.diffKeyring(environment: Environment.values))
                merge.markerSize = markerSize
                let outcome = try merge.mergeFiles(base: base, ours: ours, theirs: theirs, path: path, environment: Environment.values)
                for conflict in outcome.conflicts { Console.standardError("sealctl: conflict in \(path ?? ours): \(conflict)\n") }
                if outcome.driverExitStatus != 0 { throw ExitCode(outcome.driverExitStatus) }
            }
        }
    }
}
