import ArgumentParser
import Foundation
@testable import sealctl
import Testing

/// `seal`, `unseal` and `cert` read their plain command lines without argument-parser
/// (``QuickCommandLine``). These tests hold that reading to argument-parser's own: the same
/// options, the same parsed command, and argument-parser's handling of everything else.
@Suite("Quick command lines")
struct QuickCommandLineTests {
    /// Each quick command with its argument-parser type.
    static let commands: [(name: String, type: ParsableCommand.Type)] = [
        ("seal", SealCommand.self), ("unseal", UnsealCommand.self), ("cert", CertCommand.self),
    ]

    @Test("each quick table holds exactly the options argument-parser describes, with the same names and arity", arguments: commands.map(\.name))
    func tablesMatchArgumentParser(command: String) throws {
        let dump = try Sealctl.run([command, "--experimental-dump-help"])
        #expect(dump.status == 0, "\(dump.stderr)")
        let info = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        let arguments = try #require((info["command"] as? [String: Any])?["arguments"] as? [[String: Any]])
        var described: [String: QuickCommandLine.Arity] = [:]
        for argument in arguments {
            let names = (argument["names"] as? [[String: Any]] ?? []).compactMap { name -> String? in
                guard let text = name["name"] as? String else { return nil }
                return name["kind"] as? String == "short" ? "-\(text)" : "--\(text)"
            }
            #expect(argument["kind"] as? String != "positional", "\(command) has a positional argument, which QuickCommandLine does not read")
            // Help and version are argument-parser's to answer.
            if names.contains("--help") || names.contains("--version") { continue }
            let arity: QuickCommandLine.Arity = argument["kind"] as? String == "flag" ? .flag : (argument["isRepeating"] as? Bool == true ? .repeated : .value)
            described[names.sorted().joined(separator: " ")] = arity
        }
        let table = try #require(QuickCommandLine.commands[command]).options
        let quick = Dictionary(table.map { ($0.names.sorted().joined(separator: " "), $0.arity) }, uniquingKeysWith: { first, _ in first })
        #expect(quick.count == table.count, "an option is listed twice in \(command)'s table")
        #expect(quick == described)
    }

    /// Command lines read quickly: each must give the very command argument-parser gives.
    static let plainLines: [[String]] = [
        ["seal"],
        ["seal", "--cert", "c.crt", "-f", "s.yaml"],
        ["seal", "--cert=c.crt", "-f", "-", "-o", "json", "-w", "out.json"],
        ["seal", "--secret-file", "s.yaml", "--sealed-secret-file", "o.yaml", "--format", "yaml", "--scope", "cluster-wide"],
        ["seal", "--name", "db", "-n", "prod", "--from-literal", "a=1", "--from-literal", "b=x=y", "--from-file", "k=p", "--from-file", "q",
         "--from-env-file", "e.env", "--type", "kubernetes.io/tls", "--allow-empty-data", "--controller-name", "x",
         "--controller-namespace", "y", "--context", "c", "--kubeconfig", "k", "--keyring", "dir"],
        ["seal", "--raw", "--from-file", "v", "--name", "n", "-n", "ns", "--scope", "strict"],
        ["seal", "--merge-into", "m.yaml", "--scope=namespace-wide", "--from-literal=a=b"],
        ["seal", "--name", "", "--type", ""],
        ["unseal"],
        ["unseal", "--key", "a.key", "--recovery-private-key", "b.yaml", "--key=c.pem", "-f", "x.yaml", "--allow-legacy", "--keyring", "d", "-o", "json", "-w", "o"],
        ["cert", "--cert", "c.crt", "--info"],
        ["cert", "--fetch", "-w", "out.pem", "--context", "c", "--kubeconfig", "k", "--controller-name", "n", "--controller-namespace", "ns", "--keyring", "d"],
        ["cert", "--output-file=x.pem"],
    ]

    @Test("a plain command line is read quickly, into the command argument-parser parses", arguments: plainLines)
    func sameCommand(line: [String]) throws {
        let quick = try #require(QuickCommandLine.parsed(line), "not read quickly")
        let type = try #require(Self.commands.first { $0.name == line[0] }).type
        let parsed = try type.parseAsRoot(Array(line.dropFirst()))
        #expect(Self.described(quick) == Self.described(parsed))
    }

    /// Command lines left to argument-parser: help, errors, and forms the quick reading does not take.
    static let otherLines: [[String]] = [
        ["seal", "--help"], ["seal", "-h"], ["seal", "--version"], ["seal", "--experimental-dump-help"],
        ["seal", "--cert"], ["seal", "--cert", "--raw"], ["seal", "--scope", "bogus"], ["seal", "-o", "xml"],
        ["seal", "-f", "a", "-f", "b"], ["seal", "--raw", "--raw"], ["seal", "--raw=true"], ["seal", "--", "x"],
        ["seal", "secret.yaml"], ["seal", "-fs.yaml"], ["seal", "--unknown"], ["seal", "--from-literal", "-x=1"],
        ["seal", "--cert", "c", "--cert", "d"], ["seal", "-n"], ["seal", "--type="],
        // The command's own checks fail: argument-parser reports them, with the usage line.
        ["seal", "--raw", "--from-literal", "a=b"], ["seal", "-f", "s.yaml", "--from-literal", "a=b"], ["seal", "--merge-into", "m", "-w", "o"],
        ["unseal", "--key"], ["unseal", "--allow-legacy", "--allow-legacy"], ["cert", "--info", "x"], ["cert", "-o", "json"],
        ["validate", "-f", "x"], ["sealctl"], [],
    ]

    @Test("anything else is left to argument-parser", arguments: otherLines)
    func leftToArgumentParser(line: [String]) {
        #expect(QuickCommandLine.parsed(line) == nil)
    }

    @Test("what is left to argument-parser is reported as before: a bad value, a failed check, help")
    func reportsUnchanged() throws {
        let badScope = try Sealctl.run(["seal", "--scope", "bogus"])
        #expect(badScope.status == 64)
        #expect(badScope.stderr.contains("The value 'bogus' is invalid for '--scope <scope>'"))
        let failedCheck = try Sealctl.run(["seal", "--raw", "--from-literal", "a=b"])
        #expect(failedCheck.status == 64)
        #expect(failedCheck.stderr.contains("--raw takes its value from standard input"))
        #expect(failedCheck.stderr.contains("Usage: sealctl seal <options>"))
        let help = try Sealctl.run(["seal", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: sealctl seal <options>"))
    }

    /// Every property of a parsed command, wrappers and all.
    static func described(_ command: ParsableCommand) -> String {
        var text = ""
        dump(command, to: &text)
        return text
    }
}
