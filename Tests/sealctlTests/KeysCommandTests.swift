import Foundation
import Testing
import TestSupport
@testable import SealKit

@Suite("sealctl keys, reseal, edit and diff")
struct KeysCommandTests {
    static let input = "apiVersion: v1\nkind: Secret\nmetadata: {name: app, namespace: dev}\nstringData: {password: canary-p4ss, user: admin}\n"

    func mode(_ url: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as! NSNumber).intValue
    }

    @Test("keys generate writes a controller-compatible pair, never over an existing key; keys info describes it")
    func generateAndInfo() throws {
        try withTemporaryDirectory { directory in
            let out = directory.appendingPathComponent("prod")
            let generated = try Sealctl.run(["keys", "generate", "--out", out.path, "--bits", "2048", "--cn", "prod", "--valid-for", "20d"])
            #expect(generated.status == 0, "\(generated.stderr)")
            #expect(try mode(out.appendingPathComponent("tls.key")) == 0o600)
            #expect(try mode(out.appendingPathComponent("sealed-secrets-key.yaml")) == 0o600)
            let again = try Sealctl.run(["keys", "generate", "--out", out.path, "--bits", "2048"])
            #expect(again.status == 1)
            #expect(again.stderr.contains("refusing to overwrite a private key"))

            let info = try Sealctl.run(["keys", "info", out.appendingPathComponent("sealed-secrets-key.yaml").path])
            #expect(info.status == 0)
            #expect(info.stdout.contains("holds:           certificate and private key"))
            #expect(info.stdout.contains("key:             RSA 2048 bits"))
            #expect(info.stdout.contains("seals:           yes"))
            #expect(info.stderr.contains("warning:") && info.stderr.contains("expires in 19 days"))

            // The generated Secret loads as a keyring, and its certificate seals what it opens.
            let sealed = try Sealctl.run(["seal", "--cert", out.appendingPathComponent("tls.crt").path], input: Self.input)
            let opened = try Sealctl.run(["unseal", "--key", out.appendingPathComponent("sealed-secrets-key.yaml").path], input: sealed.stdout)
            #expect(opened.status == 0, "\(opened.stderr)")
            #expect(opened.stdout.contains("password: \(Data("canary-p4ss".utf8).base64EncodedString())"))
        }
        let both = try Sealctl.run(["keys", "info", VectorKey.bothKeys])
        #expect(both.stdout.components(separatedBy: "seals:           yes").count == 2)
        #expect(both.stdout.contains("secret:          sealed-secrets-key5757m"))
    }

    @Test("with no certificate and no cluster, a local keyring is made on first use and unseals without --key")
    func localKeyringFirstUse() throws {
        try withTemporaryDirectory { directory in
            let keyring = directory.appendingPathComponent("keyring")
            let environment = ["SEALCTL_KEYRING": keyring.path]
            let sealed = try Sealctl.run(["seal"], input: Self.input, environment: environment)
            #expect(sealed.status == 0, "\(sealed.stderr)")
            #expect(sealed.stderr.contains("note: created a local keyring in \(keyring.path)"))
            let opened = try Sealctl.run(["unseal"], input: sealed.stdout, environment: environment)
            #expect(opened.status == 0, "\(opened.stderr)")

            let rotated = try Sealctl.run(["keys", "rotate", "--bits", "2048"], environment: environment)
            #expect(rotated.status == 0, "\(rotated.stderr)")
            #expect(rotated.stdout.contains("(2 keys in the keyring)"))
            // The old value still opens; new sealing uses the 2048-bit key.
            #expect(try Sealctl.run(["unseal"], input: sealed.stdout, environment: environment).status == 0)
            let resealed = try Sealctl.run(["seal"], input: Self.input, environment: environment)
            let value = try SealedSecret(document: ManifestStream(text: resealed.stdout).documents[0]).spec.encryptedData["user"]!
            #expect(try SealedValue(bytes: Array(Data(base64Encoded: value)!)).keyBitCount == 2048)
            #expect(try Sealctl.run(["keys", "info"], environment: environment).stdout.components(separatedBy: "holds:").count == 3)
        }
        // The default keyring lives under the (isolated) home.
        let defaultRun = try Sealctl.run(["seal"], input: Self.input)
        #expect(defaultRun.stderr.contains(Sealctl.isolatedHome.appendingPathComponent(".config/sealctl/keyring").path))
    }

    @Test("reseal re-seals a tree in place on all cores, leaving other documents byte-identical")
    func resealTree() throws {
        try withTemporaryDirectory { directory in
            let tree = directory.appendingPathComponent("k8s")
            var originals: [URL: String] = [:]
            let sealer = try Sealer(certificate: Certificate(pemRepresentation: TestFixtures.vectorText("key-renewed/tls.crt")))
            for index in 0..<40 {
                let secret = Secret(name: "app\(index)", namespace: "ns\(index % 7)", stringData: Dictionary(uniqueKeysWithValues: (0..<10).map { ("k\($0)", "value-\(index)-\($0)") }))
                let other = "---\n# keep me\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c\(index)}\n"
                let text = try sealer.seal(secret).formatted(as: .yaml) + other
                let file = tree.appendingPathComponent("app\(index / 20)/secret\(index).yaml")
                try file.write(text)
                originals[file] = text
            }
            let result = try Sealctl.run(["reseal", "--key", TestFixtures.vectorURL("key-renewed/tls.key").path, "--cert", VectorKey.certificate, "--in-place", tree.path])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("re-sealed 400 values in 40 SealedSecrets of 40 files; 0 files failed"))
            let newKey = try Keyring(contentsOf: TestFixtures.vectorURL("key/tls.key"))
            for (file, original) in originals.prefix(20) {
                let text = try file.read()
                #expect(text.hasSuffix(original[original.range(of: "---\n# keep me")!.lowerBound...]))
                let sealed = try SealedSecret(document: ManifestStream(text: text).documents[0])
                #expect(try Unsealer(keyring: newKey).openValues(of: sealed).count == 10)
            }
        }
    }

    @Test("reseal prints one file, refuses several without --in-place, and reports failures")
    func resealModes() throws {
        let vector = try TestFixtures.vectorURL("sealedsecrets/multidoc.sealedsecrets.yaml").path
        let printed = try Sealctl.run(["reseal", "--key", VectorKey.privateKey, "--cert", VectorKey.certificate, vector])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(maskingCiphertexts(printed.stdout) == maskingCiphertexts(try TestFixtures.vectorText("sealedsecrets/multidoc.sealedsecrets.yaml")))
        let folder = try Sealctl.run(["reseal", "--key", VectorKey.privateKey, "--cert", VectorKey.certificate, TestFixtures.vectorURL("sealedsecrets").path])
        #expect(folder.status == 1)
        #expect(folder.stderr.contains("pass --in-place"))
        let wrongKey = try Sealctl.run(["reseal", "--key", TestFixtures.vectorURL("key-renewed/tls.key").path, "--cert", VectorKey.certificate, vector])
        #expect(wrongKey.status == 1)
        #expect(wrongKey.stdout.isEmpty)
        #expect(wrongKey.stderr.contains("1 file failed and was left unchanged"))
        #expect(wrongKey.stderr.contains("error: \(vector): document 1: cannot unseal db-creds"))
    }

    @Test("edit with a scripted editor changes one key; the others keep their ciphertext and no plain file remains")
    func edit() throws {
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("secret.yaml")
            try file.write(try Sealctl.run(["seal", "--cert", VectorKey.certificate], input: Self.input).stdout)
            let before = try SealedSecret(document: ManifestStream(text: file.read()).documents[0])
            let seen = directory.appendingPathComponent("seen-path")
            let editor = directory.appendingPathComponent("editor.sh")
            try editor.write("#!/bin/sh\nprintf '%s\\n' \"$1\" > '\(seen.path)'\nstat -c %a \"$1\" >> '\(seen.path)'\nsed -i 's/canary-p4ss/canary-n3w-p4ss/' \"$1\"\n", mode: 0o755)
            let scratch = directory.appendingPathComponent("scratch")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            let result = try Sealctl.run(["edit", "--key", VectorKey.privateKey, "--cert", VectorKey.certificate, file.path],
                                         environment: ["EDITOR": editor.path, "SEALCTL_SCRATCH_DIR": scratch.path])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("1 changed [\"password\"]"))
            let after = try SealedSecret(document: ManifestStream(text: file.read()).documents[0])
            #expect(after.spec.encryptedData["user"] == before.spec.encryptedData["user"])
            #expect(after.spec.encryptedData["password"] != before.spec.encryptedData["password"])
            let unsealed = try Sealctl.run(["unseal", "--key", VectorKey.privateKey, "-f", file.path])
            #expect(unsealed.stdout.contains(Data("canary-n3w-p4ss".utf8).base64EncodedString()))

            // The editor saw a 0600 file, which is gone now, folder and all.
            let seenLines = try seen.read().split(separator: "\n").map(String.init)
            #expect(seenLines.count == 2)
            #expect(seenLines.last == "600")
            #expect(!FileManager.default.fileExists(atPath: URL(fileURLWithPath: seenLines[0]).deletingLastPathComponent().path))
            let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: scratch.path)) ?? []
            #expect(leftovers.isEmpty, "scratch files left: \(leftovers)")

            // An editor that fails changes nothing.
            let failing = directory.appendingPathComponent("fail.sh")
            try failing.write("#!/bin/sh\nexit 3\n", mode: 0o755)
            let unchanged = try file.read()
            let failed = try Sealctl.run(["edit", "--key", VectorKey.privateKey, "--cert", VectorKey.certificate, file.path], environment: ["EDITOR": failing.path])
            #expect(failed.status == 1)
            #expect(failed.stderr.contains("exited with status 3; nothing was changed"))
            #expect(try file.read() == unchanged)
        }
    }

    @Test("diff names added, removed and changed keys, never values")
    func diff() throws {
        try withTemporaryDirectory { directory in
            let old = directory.appendingPathComponent("old.yaml"), new = directory.appendingPathComponent("new.yaml")
            try old.write(try Sealctl.run(["seal", "--cert", VectorKey.certificate], input: Self.input).stdout)
            let changed = "apiVersion: v1\nkind: Secret\nmetadata: {name: app, namespace: dev}\nstringData: {password: canary-other, token: t}\n"
            try new.write(try Sealctl.run(["seal", "--cert", VectorKey.certificate], input: changed).stdout)
            let result = try Sealctl.run(["diff", "--key", VectorKey.privateKey, old.path, new.path])
            #expect(result.status == 1)
            #expect(result.stdout == "+ token\n- user\n~ password\n0 keys unchanged\n")
            #expect(!result.stdout.contains("canary"))
            let same = try Sealctl.run(["diff", "--key", VectorKey.privateKey, old.path, old.path])
            #expect(same.status == 0)
            #expect(same.stdout == "2 keys unchanged\n")
            let broken = try Sealctl.run(["diff", "--key", VectorKey.privateKey, old.path, "/nonexistent"])
            #expect(broken.status == 2)
        }
    }
}
