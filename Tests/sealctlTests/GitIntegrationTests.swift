import Foundation
import Testing
import TestSupport
@testable import SealKit

/// `sealctl git` with the real git binary in temporary repositories: merges per key, conflicts
/// around exactly the conflicting key, rebase and cherry-pick, readable diffs, and no value
/// anywhere.
@Suite("git diffs and merges SealedSecrets", .enabled(if: ExternalTool.find("git") != nil, "git is not installed"))
struct GitIntegrationTests {
    static let file = "db.sealed.yaml"

    /// A repository on `main` with a SealedSecret of a, b, c (and a comment), set up by
    /// `sealctl git install`, committed.
    func makeRepository(in directory: URL) throws -> GitRepository {
        let work = directory.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let repository = try GitRepository(at: work, home: directory)
        let certificate = try Certificate(pemRepresentation: TestFixtures.vectorText("key/tls.crt"))
        let sealed = try Sealer(certificate: certificate).seal(Secret(name: "db", namespace: "prod", stringData: ["a": "base-a", "b": "base-b", "c": "base-c"]))
        try work.appendingPathComponent(Self.file).write("# the database credentials\n" + (try sealed.formatted(as: .yaml)))
        let install = try Sealctl.run(["git", "install"], environment: ["HOME": directory.path], directory: work)
        try #require(install.status == 0, "\(install.stderr)")
        try repository.commitAll("base")
        return repository
    }

    func set(_ key: String, _ value: String, in repository: GitRepository) throws {
        let result = try Sealctl.run(["set", "--cert", VectorKey.certificate, repository.directory.appendingPathComponent(Self.file).path, key], input: value)
        try #require(result.status == 0, "\(result.stderr)")
    }

    func values(in repository: GitRepository) throws -> [String: String] {
        let sealed = try SealedSecretFile(contentsOf: repository.directory.appendingPathComponent(Self.file).path).select().sealed
        return try Unsealer(keyring: Keyring(contentsOf: TestFixtures.vectorURL("key/tls.key"))).openValues(of: sealed).mapValues { String(decoding: $0, as: UTF8.self) }
    }

    func ciphertext(_ key: String, in repository: GitRepository) throws -> String? {
        try SealedSecretFile(contentsOf: repository.directory.appendingPathComponent(Self.file).path).select().sealed.spec.encryptedData[key]
    }

    @Test("branches that set different keys merge with no conflict; the base's other keys keep their ciphertext; comments stay")
    func differentKeysMerge() throws {
        try withTemporaryDirectory { directory in
            let repository = try makeRepository(in: directory)
            let baseB = try ciphertext("b", in: repository)
            try repository.run(["checkout", "-q", "-b", "feature"])
            try set("a", "feature-a", in: repository)
            try repository.commitAll("a on feature")
            try repository.run(["checkout", "-q", "main"])
            try set("c", "main-c", in: repository)
            try set("d", "main-d", in: repository)
            try repository.commitAll("c and d on main")
            let merge = try repository.run(["merge", "-q", "--no-edit", "feature"], allowingFailure: true)
            #expect(merge.status == 0, "\(merge.errorOutput)\(merge.output)")
            #expect(try values(in: repository) == ["a": "feature-a", "b": "base-b", "c": "main-c", "d": "main-d"])
            #expect(try ciphertext("b", in: repository) == baseB)
            let text = try repository.directory.appendingPathComponent(Self.file).read()
            #expect(text.hasPrefix("# the database credentials\n"))
            let validate = try Sealctl.run(["validate", repository.directory.appendingPathComponent(Self.file).path])
            #expect(validate.status == 0, "\(validate.stdout)")
        }
    }

    @Test("the same key set on both branches stops the merge; the message and the markers name it; merge --abort restores")
    func sameKeyConflicts() throws {
        try withTemporaryDirectory { directory in
            let repository = try makeRepository(in: directory)
            try repository.run(["checkout", "-q", "-b", "feature"])
            try set("b", "feature-b", in: repository)
            try set("a", "feature-a", in: repository)
            try repository.commitAll("b on feature")
            try repository.run(["checkout", "-q", "main"])
            try set("b", "main-b", in: repository)
            try repository.commitAll("b on main")
            let before = try repository.directory.appendingPathComponent(Self.file).read()
            let merge = try repository.run(["merge", "--no-edit", "feature"], allowingFailure: true)
            #expect(merge.status != 0)
            #expect((merge.errorOutput + merge.output).contains("sealctl: conflict in \(Self.file): prod/db: spec.encryptedData.b: changed on both sides"), "\(merge.errorOutput)\(merge.output)")
            let lines = try repository.directory.appendingPathComponent(Self.file).read().split(separator: "\n").map(String.init)
            let start = try #require(lines.firstIndex(of: "<<<<<<< ours spec.encryptedData.b"))
            #expect(lines[start + 1].hasPrefix("    b: Ag") && lines[start + 2] == "=======" && lines[start + 3].hasPrefix("    b: Ag"))
            #expect(lines[start + 4] == ">>>>>>> theirs spec.encryptedData.b")
            #expect(lines.filter { $0.hasPrefix("<<<<<<<") }.count == 1, "only b conflicts; a merged")
            #expect(lines.contains { $0.hasPrefix("    a: Ag") })
            try repository.run(["merge", "--abort"])
            #expect(try repository.directory.appendingPathComponent(Self.file).read() == before)
            #expect(try repository.run(["status", "--porcelain"]).output.isEmpty)
        }
    }

    @Test("rebase and cherry-pick use the driver too")
    func rebaseAndCherryPick() throws {
        try withTemporaryDirectory { directory in
            let repository = try makeRepository(in: directory)
            try repository.run(["checkout", "-q", "-b", "feature"])
            try set("a", "feature-a", in: repository)
            try repository.commitAll("a on feature")
            try repository.run(["checkout", "-q", "-b", "hotfix", "main"])
            try set("e", "hotfix-e", in: repository)
            try repository.commitAll("e on hotfix")
            try repository.run(["checkout", "-q", "main"])
            try set("c", "main-c", in: repository)
            try repository.commitAll("c on main")

            try repository.run(["checkout", "-q", "feature"])
            let rebase = try repository.run(["rebase", "main"], allowingFailure: true)
            #expect(rebase.status == 0, "\(rebase.errorOutput)")
            #expect(try values(in: repository) == ["a": "feature-a", "b": "base-b", "c": "main-c"])

            let pick = try repository.run(["cherry-pick", "hotfix"], allowingFailure: true)
            #expect(pick.status == 0, "\(pick.errorOutput)")
            #expect(try values(in: repository) == ["a": "feature-a", "b": "base-b", "c": "main-c", "e": "hotfix-e"])
        }
    }

    @Test("git diff and git log -p of a re-seal name the keys and print no line over 200 characters")
    func readableDiffs() throws {
        try withTemporaryDirectory { directory in
            let repository = try makeRepository(in: directory)
            try set("b", "base-b", in: repository)  // the same value, sealed again
            let diff = try repository.run(["diff"]).output
            #expect(diff.contains("-    b: sealed ") && diff.contains("+    b: sealed "), "\(diff)")
            #expect(!diff.contains("+    a: ") && !diff.contains("+    c: "), "only b changed")
            try repository.commitAll("re-seal b")
            let log = try repository.run(["log", "-p"]).output
            #expect(log.contains("+    b: sealed "))
            #expect(log.split(separator: "\n").allSatisfy { $0.count <= 200 }, "no ciphertext line")

            // With a key at hand, the value's fingerprint shows the re-seal kept the value.
            let keyed = try ExternalTool.run(repository.git, ["diff", "HEAD~1", "HEAD"], environment: repository.environment.merging([GitIntegration.diffKeyVariable: try VectorKey.privateKey]) { $1 },
                                             directory: repository.directory).output
            let valueOf = { (sign: String) in keyed.split(separator: "\n").first { $0.hasPrefix("\(sign)    b: sealed ") }?.split(separator: ",").last.map(String.init) }
            #expect(valueOf("-") != nil && valueOf("-") == valueOf("+"), "\(keyed)")
        }
    }

    @Test("a file the driver cannot read as SealedSecrets is merged by git merge-file, as git would")
    func fallbackToLineMerge() throws {
        try withTemporaryDirectory { directory in
            let repository = try makeRepository(in: directory)
            let config = repository.directory.appendingPathComponent("sealed-settings.yaml")
            try config.write("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  one: \"1\"\n  two: \"2\"\n  three: \"3\"\n  four: \"4\"\n")
            try repository.commitAll("config")
            try repository.run(["checkout", "-q", "-b", "feature"])
            try config.write(try config.read().replacingOccurrences(of: "one: \"1\"", with: "one: \"uno\""))
            try repository.commitAll("one")
            try repository.run(["checkout", "-q", "main"])
            try config.write(try config.read().replacingOccurrences(of: "four: \"4\"", with: "four: \"cuatro\""))
            try repository.commitAll("four")
            let merge = try repository.run(["merge", "--no-edit", "feature"], allowingFailure: true)
            #expect(merge.status == 0, "\(merge.errorOutput)")
            let merged = try config.read()
            #expect(merged.contains("one: \"uno\"") && merged.contains("four: \"cuatro\""))
        }
    }

    @Test("install is idempotent; status says what is there; uninstall removes exactly it")
    func installStatusUninstall() throws {
        try withTemporaryDirectory { directory in
            let repository = try makeRepository(in: directory)
            let attributes = repository.directory.appendingPathComponent(".gitattributes")
            let first = try attributes.read()
            #expect(try Sealctl.run(["git", "install"], environment: ["HOME": directory.path], directory: repository.directory).status == 0)
            #expect(try attributes.read() == first)
            let status = try Sealctl.run(["git", "status"], environment: ["HOME": directory.path], directory: repository.directory)
            #expect(status.status == 0 && status.stdout.contains("installed: git diffs and merges SealedSecrets through sealctl"), "\(status.stdout)")
            #expect(status.stdout.contains("'\(Sealctl.binary.standardizedFileURL.path)' git merge"), "the absolute path: \(status.stdout)")
            try attributes.write("*.png binary\n" + first)
            #expect(try Sealctl.run(["git", "install", "--uninstall"], environment: ["HOME": directory.path], directory: repository.directory).status == 0)
            #expect(try attributes.read() == "*.png binary\n")
            #expect(try repository.run(["config", "--local", "--get", "merge.sealctl.driver"], allowingFailure: true).status != 0)
            #expect(try Sealctl.run(["git", "status"], environment: ["HOME": directory.path], directory: repository.directory).status == 1)
            // --global writes the user's attributes file and names sealctl from PATH.
            let global = try Sealctl.run(["git", "install", "--global", "--pattern", "*.sealed.yaml"], environment: ["HOME": directory.path], directory: repository.directory)
            #expect(global.status == 0, "\(global.stderr)")
            #expect(try directory.appendingPathComponent(".config/git/attributes").read().contains("*.sealed.yaml diff=sealctl merge=sealctl"))
            #expect(try repository.run(["config", "--global", "--get", "merge.sealctl.driver"]).output.hasPrefix("'sealctl' git merge"))
        }
    }

    @Test("no plain value reaches the working tree, the git objects, a log line, the output or a temporary file")
    func canaries() throws {
        try withTemporaryDirectory { directory in
            let repository = try makeRepository(in: directory)
            let scratch = directory.appendingPathComponent("tmp")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            var environment = repository.environment
            environment["TMPDIR"] = scratch.path
            environment[GitIntegration.diffKeyVariable] = try VectorKey.privateKey
            let canaries = ["canary-feature-7f3a9c", "canary-main-2b8d4e"]
            var outputs = ""
            try repository.run(["checkout", "-q", "-b", "feature"])
            try set("a", canaries[0], in: repository)
            try repository.commitAll("a")
            try repository.run(["checkout", "-q", "main"])
            try set("a", canaries[1], in: repository)
            try repository.commitAll("a again")
            for arguments in [["merge", "--no-edit", "feature"], ["diff"], ["merge", "--abort"], ["log", "-p", "--all"], ["diff", "main", "feature"]] {
                let result = try ExternalTool.run(repository.git, arguments, environment: environment, directory: repository.directory)
                outputs += result.output + result.errorOutput
            }
            let objects = try ExternalTool.run(repository.git, ["cat-file", "--batch-all-objects", "--batch"], environment: environment, directory: repository.directory)
            outputs += objects.output
            var files = ""
            for folder in [repository.directory, scratch] {
                let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
                while let url = enumerator?.nextObject() as? URL {
                    if let data = FileManager.default.contents(atPath: url.path) { files += String(decoding: data, as: UTF8.self) }
                }
            }
            for canary in canaries {
                #expect(!outputs.contains(canary), "a value in git's output or objects")
                #expect(!files.contains(canary), "a value in a file")
            }
            #expect(outputs.contains("value "), "the keyed diff ran")
        }
    }
}
