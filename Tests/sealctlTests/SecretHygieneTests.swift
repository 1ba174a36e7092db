import Foundation
import Testing
import TestSupport
@testable import SealKit

/// Plain values never reach stdout (except unseal's), stderr, any file but the sealed outputs,
/// a child process's arguments, or the temporary folders.
@Suite("Secret hygiene")
struct SecretHygieneTests {
    static let canaries = ["CANARY-literal-7f3a", "CANARY-file-91bc", "CANARY-stdin-0d4e", "CANARY-merge-55aa", "CANARY-set-c0de", "CANARY-edit-beef"]

    /// Every file under `directory` whose text contains a canary, except `allowed` files.
    func filesHoldingCanaries(under directory: URL, allowed: Set<String>) throws -> [String] {
        var found: [String] = []
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)!
        for case let file as URL in enumerator where !allowed.contains(file.lastPathComponent) {
            guard let data = FileManager.default.contents(atPath: file.path) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            if Self.canaries.contains(where: text.contains) { found.append(file.path) }
        }
        return found
    }

    @Test("seal, merge, set, edit, generate and rotate with canary values leak none of them")
    func canaries() throws {
        try withTemporaryDirectory { directory in
            // The cluster route, through a recording kubectl, so its arguments can be searched.
            let kubectl = try makeFakeKubectl(in: directory, stdout: try TestFixtures.vectorText("key/tls.crt"))
            // edit's decrypted values go to a folder of this test's own, checked empty at the end.
            let scratch = directory.appendingPathComponent("scratch")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            let environment: [String: String?] = ["PATH": kubectl.path, "EDITOR": nil, "SEALCTL_SCRATCH_DIR": scratch.path]
            var outputs: [Sealctl.Result] = []
            func run(_ arguments: [String], input: String = "", extra: [String: String?] = [:]) throws {
                let result = try Sealctl.run(arguments, input: input, environment: environment.merging(extra) { $1 }, directory: directory)
                #expect(result.status == 0, "\(arguments): \(result.stderr)")
                outputs.append(result)
            }

            let valueFile = directory.appendingPathComponent("value.txt")  // an input: allowed to hold its canary
            try valueFile.write("CANARY-file-91bc")
            try run(["seal", "--context", "c", "--name", "app", "-n", "prod", "--from-literal", "a=CANARY-literal-7f3a",
                     "--from-file", "b=\(valueFile.path)", "-w", "sealed.yaml"])
            try run(["seal", "--context", "c", "-o", "json", "-w", "second.json"],
                    input: "apiVersion: v1\nkind: Secret\nmetadata: {name: app, namespace: prod}\nstringData: {c: CANARY-stdin-0d4e}\n")
            try run(["seal", "--context", "c", "--merge-into", "sealed.yaml"],
                    input: "apiVersion: v1\nkind: Secret\nmetadata: {name: x}\nstringData: {d: CANARY-merge-55aa}\n")
            try run(["set", "--context", "c", "sealed.yaml", "e"], input: "CANARY-set-c0de")
            let editor = directory.appendingPathComponent("editor.sh")
            try editor.write("#!/bin/sh\nprintf 'f: CANARY-edit-beef\\n' >> \"$1\"\n", mode: 0o755)
            try run(["edit", "--context", "c", "--key", VectorKey.privateKey, "sealed.yaml"], extra: ["EDITOR": editor.path])

            let opened = try Sealctl.run(["unseal", "--key", VectorKey.privateKey, "-f", "sealed.yaml"], directory: directory)
            let values = try Secret(document: ManifestStream(text: opened.stdout).documents[0]).data.mapValues { String(decoding: $0, as: UTF8.self) }
            #expect(values == ["a": "CANARY-literal-7f3a", "b": "CANARY-file-91bc", "d": "CANARY-merge-55aa", "e": "CANARY-set-c0de", "f": "CANARY-edit-beef"])

            for output in outputs {
                for canary in Self.canaries {
                    #expect(!output.stdout.contains(canary) && !output.stderr.contains(canary), "\(canary) in output")
                }
            }
            // kubectl was asked for the certificate only; its log holds its arguments and input.
            let stdinLog = URL(fileURLWithPath: kubectl.log.path + ".stdin")
            let log = try kubectl.log.read() + ((try? stdinLog.read()) ?? "")
            #expect(log.contains("/proxy/v1/cert.pem"))
            for canary in Self.canaries { #expect(!log.contains(canary), "\(canary) reached kubectl") }
            // Only the test's own inputs (the value file, the scripted editor) hold a canary; no
            // scratch file is left anywhere.
            #expect(try filesHoldingCanaries(under: directory, allowed: ["value.txt", "editor.sh"]) == [])
            let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: scratch.path)) ?? []
            #expect(leftovers.isEmpty, "scratch files left: \(leftovers)")
        }
    }

    @Test("generate and rotate leak no value either, and the values file is warned about when others can read it")
    func environmentCanaries() throws {
        try withTemporaryDirectory { directory in
            let project = try EnvironmentWorkflowTests.makeProject(in: directory)
            let valuesFile = directory.appendingPathComponent("values.yaml")
            try EnvironmentWorkflowTests.writeValuesFile(valuesFile)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: valuesFile.path)
            let generated = try Sealctl.run(["generate", "staging", "production", "--values-file", valuesFile.path], directory: project)
            #expect(generated.status == 0, "\(generated.stderr)")
            #expect(generated.stderr.contains("warning: \(valuesFile.path) holds plain values and is readable by group or others (mode 644)"))
            let rotation = directory.appendingPathComponent("rotation.yaml")
            try rotation.write("POSTGRES_PASSWORD: CANARY-rotated-password-0000\n", mode: 0o600)
            let rotated = try Sealctl.run(["rotate", "production", "POSTGRES_PASSWORD", "--values-file", rotation.path], directory: project)
            #expect(rotated.status == 0)
            let values = EnvironmentWorkflowTests.canaries.values.flatMap(\.values) + ["CANARY-rotated-password-0000"]
            for output in [generated, rotated] {
                for value in values { #expect(!output.stdout.contains(value) && !output.stderr.contains(value)) }
            }
            let enumerator = FileManager.default.enumerator(at: project, includingPropertiesForKeys: nil)!
            for case let file as URL in enumerator {
                let text = String(decoding: FileManager.default.contents(atPath: file.path) ?? Data(), as: UTF8.self)
                for value in values { #expect(!text.contains(value), "\(file.path)") }
            }
        }
    }

    @Test("a hidden prompt does not echo, and Ctrl-C at a prompt restores the terminal", .enabled(if: Tools.pexpect, "python3 with pexpect is needed for a pseudo-terminal"))
    func hiddenPromptAndInterrupt() throws {
        let python = try #require(ExternalTool.find("python3"))
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("sealed.yaml")
            try file.write(try TestFixtures.vectorText("sealedsecrets/db-creds.strict.sealedsecret.yaml"))
            let script = """
            import pexpect, sys, re
            sealctl, cert, path, home = sys.argv[1:5]
            env = {"HOME": home, "PATH": "/usr/bin:/bin"}
            # A value typed at the hidden prompt is not echoed, and ends up sealed.
            child = pexpect.spawn(sealctl, ["set", "--cert", cert, path, "password"], encoding="utf-8", timeout=20, env=env)
            log = []
            child.expect_exact("Value for password: "); child.sendline("CANARY-typed-9999")
            child.expect(pexpect.EOF); child.close()
            assert child.exitstatus == 0, child.before
            assert "CANARY-typed-9999" not in child.before, "echoed"
            # Ctrl-C at the prompt: sealctl dies, and the terminal echoes again afterwards.
            shell = pexpect.spawn("/bin/sh", ["-c", 'trap "" INT; "$0" set --cert "$1" "$2" password; stty -a', sealctl, cert, path],
                                  encoding="utf-8", timeout=20, env=env)
            shell.expect_exact("Value for password: ")
            shell.sendintr()
            shell.expect(pexpect.EOF)
            assert re.search(r"(^|[\\s;])echo([\\s;]|$)", shell.before), shell.before
            assert "-echo " not in shell.before.replace("-echoe", "").replace("-echok", "").replace("-echonl", "").replace("-echoprt", "").replace("-echoctl", "").replace("-echoke", ""), shell.before
            print("ok")
            """
            let result = try ExternalTool.run(python, ["-c", script, Sealctl.binary.path, VectorKey.certificate, file.path, Sealctl.isolatedHome.path])
            #expect(result.output == "ok\n", "\(result.output)\(result.errorOutput)")
            let opened = try Sealctl.run(["unseal", "--key", VectorKey.privateKey, "-f", file.path])
            #expect(opened.stdout.contains("password: \(Data("CANARY-typed-9999".utf8).base64EncodedString())"))
        }
    }

    @Test("a private key readable by others is used, with a warning")
    func keyPermissionWarning() throws {
        try withTemporaryDirectory { directory in
            let key = directory.appendingPathComponent("tls.key")
            try key.write(try TestFixtures.vectorText("key/tls.key"), mode: 0o644)
            let sealed = try TestFixtures.vectorURL("sealedsecrets/db-creds.strict.sealedsecret.yaml").path
            let loose = try Sealctl.run(["unseal", "--key", key.path, "-f", sealed])
            #expect(loose.status == 0)
            #expect(loose.stderr == "warning: \(key.path) is readable by group or others (mode 644); private keys should be 0600: chmod 600 \(key.path)\n")
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key.path)
            #expect(try Sealctl.run(["unseal", "--key", key.path, "-f", sealed]).stderr.isEmpty)
        }
    }
}
