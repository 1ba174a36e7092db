import Foundation
import Testing
import TestSupport
@testable import SealKit

@Suite("sealctl seal and unseal against kubeseal's vectors")
struct SealCommandTests {
    /// Each input, the flags its vector's name implies, and the vector it must reproduce.
    static let cases: [(input: String, flags: [String], expected: String)] = [
        ("input/db-creds.secret.yaml", [], "db-creds.strict.sealedsecret"),
        ("input/api-token.secret.json", ["--scope", "namespace-wide", "-n", "prod"], "api-token.namespace-wide.sealedsecret"),
        ("input/registry.secret.yaml", [], "registry.cluster-wide.sealedsecret"),
    ]

    @Test("seal prints each vector byte for byte (ciphertexts masked), in YAML and JSON, and every value opens", arguments: cases)
    func sealMatchesVectors(input: String, flags: [String], expected: String) throws {
        let inputPath = try TestFixtures.vectorURL("sealedsecrets/\(input)").path
        let expectedYAML = try TestFixtures.vectorText("sealedsecrets/\(expected).yaml")
        let yaml = try Sealctl.run(["seal", "--cert", VectorKey.certificate, "-f", inputPath] + flags)
        #expect(yaml.status == 0, "\(yaml.stderr)")
        #expect(maskingCiphertexts(yaml.stdout) == maskingCiphertexts(expectedYAML))

        // kubeseal's JSON vector where there is one; otherwise the YAML vector in JSON form.
        let jsonVector = TestFixtures.vectors.appendingPathComponent("sealedsecrets/\(expected).json")
        let expectedJSON = FileManager.default.fileExists(atPath: jsonVector.path)
            ? try jsonVector.read()
            : try SealedSecret(document: ManifestStream(text: expectedYAML).documents[0]).formatted(as: .json)
        let json = try Sealctl.run(["seal", "--cert", VectorKey.certificate, "-f", inputPath, "-o", "json"] + flags)
        #expect(json.status == 0, "\(json.stderr)")
        #expect(maskingCiphertexts(json.stdout) == maskingCiphertexts(expectedJSON))

        // Every value opens with key/tls.key, giving back the input's values.
        let unsealed = try Sealctl.run(["unseal", "--key", VectorKey.privateKey], input: yaml.stdout)
        #expect(unsealed.status == 0, "\(unsealed.stderr)")
        let original = try Secret(document: ManifestStream(bytes: TestFixtures.vectorBytes("sealedsecrets/\(input)")).documents[0])
        let opened = try Secret(document: ManifestStream(text: unsealed.stdout).documents[0])
        #expect(opened.data == original.mergedData)

        // And what sealctl wrote validates against the CRD.
        for output in [yaml.stdout, json.stdout] {
            let validated = try Sealctl.run(["validate"], input: output)
            #expect(validated.status == 0, "\(validated.stdout)\(validated.stderr)")
            #expect(validated.stderr == "1 SealedSecret checked: 0 errors, 0 warnings\n")
        }
    }

    static let unsealCases = [
        "api-token.namespace-wide", "db-creds.strict", "db-creds.strict.legacy-v0.31", "registry.cluster-wide",
    ]

    @Test("unseal prints kubeseal's recovered Secret byte for byte", arguments: unsealCases)
    func unsealMatchesVectors(name: String) throws {
        let result = try Sealctl.run(["unseal", "--key", VectorKey.bothKeys, "-f", TestFixtures.vectorURL("sealedsecrets/\(name).sealedsecret.yaml").path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == (try TestFixtures.vectorText("sealedsecrets/unsealed/\(name).secret.yaml")))
    }

    @Test("unseal opens every document of a stream, and names the document that fails")
    func unsealStream() throws {
        let multidoc = try TestFixtures.vectorURL("sealedsecrets/multidoc.sealedsecrets.yaml").path
        let result = try Sealctl.run(["unseal", "--recovery-private-key", VectorKey.bothKeys, "-f", multidoc])
        #expect(result.status == 0)
        let secrets = try ManifestStream(text: result.stdout).documents.map { try Secret(document: $0) }
        #expect(secrets.map(\.metadata.name) == ["db-creds", "registry"])

        let oldKeyOnly = try Sealctl.run(["unseal", "--key", TestFixtures.vectorURL("key-renewed/tls.key").path, "-f", multidoc])
        #expect(oldKeyOnly.status == 1)
        #expect(oldKeyOnly.isOneErrorLine)
        #expect(oldKeyOnly.stderr.contains("document 1: cannot unseal db-creds: password: no key could decrypt secret"))
        #expect(oldKeyOnly.stdout.isEmpty)
    }

    @Test("kubectl create secret … | sealctl seal works with the real kubectl", .enabled(if: Tools.kubectl, "kubectl is not installed"))
    func realKubectlPipeline() throws {
        let kubectl = try #require(ExternalTool.find("kubectl"))
        let created = try ExternalTool.run(kubectl, ["create", "secret", "generic", "x", "-n", "y", "--from-literal=a=b", "--dry-run=client", "-o", "yaml"])
        #expect(created.status == 0, "\(created.errorOutput)")
        let sealed = try Sealctl.run(["seal", "--cert", VectorKey.certificate], stdin: created.stdout)
        #expect(sealed.status == 0, "\(sealed.stderr)")
        let document = try SealedSecret(document: ManifestStream(text: sealed.stdout).documents[0])
        #expect(document.metadata.name == "x")
        #expect(document.metadata.namespace == "y")
        let unsealed = try Unsealer(keyring: Keyring(keys: [RSAPrivateKey(pemRepresentation: TestFixtures.vectorText("key/tls.key"))])).unseal(document)
        #expect(unsealed.data["a"] == Data("b".utf8))
    }

    @Test("many documents in, the same number out, in order; JSON streams too")
    func streams() throws {
        let stream = """
        apiVersion: v1
        kind: Secret
        metadata: {name: one, namespace: a}
        stringData: {k: "1"}
        ---
        apiVersion: v1
        kind: List
        items:
        - {apiVersion: v1, kind: Secret, metadata: {name: two, namespace: a}, stringData: {k: "2"}}
        - {apiVersion: v1, kind: Secret, metadata: {name: three, namespace: a}, stringData: {k: "3"}}
        """
        let yaml = try Sealctl.run(["seal", "--cert", VectorKey.certificate], input: stream)
        #expect(yaml.status == 0, "\(yaml.stderr)")
        #expect(try ManifestStream(text: yaml.stdout).documents.map { $0.node["metadata"]?["name"]?.scalar?.value } == ["one", "two", "three"])
        let json = try Sealctl.run(["seal", "--cert", VectorKey.certificate, "-o", "json"], input: stream)
        #expect(try ManifestStream(text: json.stdout).documents.count == 3)
        #expect(json.stdout.hasPrefix("{\n  \"kind\": \"SealedSecret\""))
    }

    @Test("a Secret built in memory from literals, files and env files")
    func fromSources() throws {
        try withTemporaryDirectory { directory in
            let passwordFile = directory.appendingPathComponent("password.txt")
            try passwordFile.write("s3cret-from-file")
            let envFile = directory.appendingPathComponent("app.env")
            try envFile.write("# settings\nDB_HOST=db.internal\n\nDB_PORT=5432\n")
            let result = try Sealctl.run(["seal", "--cert", VectorKey.certificate, "--name", "app", "-n", "prod", "--type", "Opaque",
                                          "--from-literal", "user=admin", "--from-file", "password=\(passwordFile.path)",
                                          "--from-file", passwordFile.path, "--from-env-file", envFile.path])
            #expect(result.status == 0, "\(result.stderr)")
            let sealed = try SealedSecret(document: ManifestStream(text: result.stdout).documents[0])
            #expect(Set(sealed.spec.encryptedData.keys) == ["user", "password", "password.txt", "DB_HOST", "DB_PORT"])
            let unsealed = try Sealctl.run(["unseal", "--key", VectorKey.privateKey], input: result.stdout)
            let secret = try Secret(document: ManifestStream(text: unsealed.stdout).documents[0])
            #expect(secret.data["password"] == Data("s3cret-from-file".utf8))
            #expect(secret.data["DB_PORT"] == Data("5432".utf8))

            let duplicate = try Sealctl.run(["seal", "--cert", VectorKey.certificate, "--name", "a", "-n", "b", "--from-literal", "k=1", "--from-literal", "k=2"])
            #expect(duplicate.status == 1)
            #expect(duplicate.isOneErrorLine)
            #expect(duplicate.stderr.contains("the key \"k\" is given more than once"))
        }
    }

    @Test("raw mode prints one base64 value, with no newline, that opens under its scope's label")
    func rawMode() throws {
        let key = try RSAPrivateKey(pemRepresentation: TestFixtures.vectorText("key/tls.key"))
        let strict = try Sealctl.run(["seal", "--raw", "--cert", VectorKey.certificate, "--name", "db", "-n", "prod"], input: "raw-value")
        #expect(strict.status == 0, "\(strict.stderr)")
        #expect(!strict.stdout.hasSuffix("\n"))
        #expect(try Keyring(keys: [key]).open(base64: strict.stdout, label: Array("prod/db".utf8)) == Array("raw-value".utf8))

        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("value")
            try file.write("from-file")
            let clusterWide = try Sealctl.run(["seal", "--raw", "--cert", VectorKey.certificate, "--scope", "cluster-wide", "--from-file", file.path])
            #expect(try Keyring(keys: [key]).open(base64: clusterWide.stdout, label: []) == Array("from-file".utf8))
        }
        let missingName = try Sealctl.run(["seal", "--raw", "--cert", VectorKey.certificate, "-n", "prod"], input: "x")
        #expect(missingName.status == 1)
        #expect(missingName.stderr == "error: a raw value sealed with strict scope needs a name: pass --name\n")
    }

    @Test("--merge-into rewrites the file in its own format, other ciphertexts byte-identical")
    func mergeInto() throws {
        try withTemporaryDirectory { directory in
            for (vector, isJSON) in [("db-creds.strict.sealedsecret.yaml", false), ("db-creds.strict.sealedsecret.json", true)] {
                let target = directory.appendingPathComponent(vector)
                try target.write(try TestFixtures.vectorText("sealedsecrets/\(vector)"))
                let before = try SealedSecret(document: ManifestStream(text: target.read()).documents[0])
                let addition = "apiVersion: v1\nkind: Secret\nmetadata: {name: whatever}\nstringData: {api-key: new}\n"
                let result = try Sealctl.run(["seal", "--cert", VectorKey.certificate, "--merge-into", target.path], input: addition)
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout.isEmpty)
                let text = try target.read()
                #expect(text.hasPrefix("{") == isJSON)
                let after = try SealedSecret(document: ManifestStream(text: text).documents[0])
                #expect(after.spec.encryptedData["password"] == before.spec.encryptedData["password"])
                #expect(after.spec.encryptedData["username"] == before.spec.encryptedData["username"])
                #expect(after.metadata.name == "db-creds")
                let unsealed = try Sealctl.run(["unseal", "--key", VectorKey.privateKey, "-f", target.path])
                #expect(unsealed.stdout.contains("api-key: bmV3"))
            }
        }
    }

    @Test("set and unset change one key and leave the others byte-identical; the value never comes from argv")
    func setAndUnset() throws {
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("db.yaml")
            let original = try TestFixtures.vectorText("sealedsecrets/api-token.namespace-wide.sealedsecret.yaml")
            try file.write(original)
            let set = try Sealctl.run(["set", "--cert", VectorKey.certificate, file.path, "token"], input: "rotated-token")
            #expect(set.status == 0, "\(set.stderr)")
            let changed = try file.read()
            let originalLines = original.split(separator: "\n"), changedLines = changed.split(separator: "\n")
            #expect(originalLines.count == changedLines.count)
            #expect(zip(originalLines, changedLines).filter { $0 != $1 }.map { String($0.1.prefix(11)) } == ["    token: "])
            let unsealed = try Sealctl.run(["unseal", "--key", VectorKey.privateKey, "-f", file.path])
            #expect(unsealed.stdout.contains("token: \(Data("rotated-token".utf8).base64EncodedString())"))

            let unset = try Sealctl.run(["unset", file.path, "token9"])
            #expect(unset.status == 0)
            #expect(try !file.read().contains("token9:"))
            #expect(try file.read().split(separator: "\n").count == changedLines.count - 1)
            let missing = try Sealctl.run(["unset", file.path, "token9"])
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("has no key \"token9\""))
        }
    }

    @Test("namespace rules: a mismatch and a missing namespace are clear errors")
    func namespaceRules() throws {
        let mismatch = try Sealctl.run(["seal", "--cert", VectorKey.certificate, "-n", "staging", "-f", TestFixtures.vectorURL("sealedsecrets/input/db-creds.secret.yaml").path])
        #expect(mismatch.status == 1)
        #expect(mismatch.stderr == "error: the Secret's namespace \"prod\" does not match the namespace \"staging\" it is to be sealed for; it would be sealed for a namespace it does not say (-n/--namespace)\n")
        #expect(mismatch.stdout.isEmpty)
        let missing = try Sealctl.run(["seal", "--cert", VectorKey.certificate, "-f", TestFixtures.vectorURL("sealedsecrets/input/api-token.secret.json").path],
                                      environment: ["KUBECONFIG": "/nonexistent", "HOME": "/nonexistent"])
        #expect(missing.status == 1)
        #expect(missing.isOneErrorLine)
        #expect(missing.stderr.contains("has no namespace"))
    }

    @Test("kubeseal's environment variables are honoured; flags win")
    func environmentVariables() throws {
        let input = "apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: n}\nstringData: {k: v}\n"
        let viaEnvironment = try Sealctl.run(["seal"], input: input, environment: [
            "SEALED_SECRETS_CERT": VectorKey.certificate, "SEALED_SECRETS_FORMAT": "json", "SEALED_SECRETS_SCOPE": "namespace-wide",
        ])
        #expect(viaEnvironment.status == 0, "\(viaEnvironment.stderr)")
        #expect(viaEnvironment.stdout.hasPrefix("{"))
        #expect(viaEnvironment.stdout.contains("\"sealedsecrets.bitnami.com/namespace-wide\": \"true\""))
        let flagsWin = try Sealctl.run(["seal", "-o", "yaml", "--scope", "strict"], input: input, environment: [
            "SEALED_SECRETS_CERT": VectorKey.certificate, "SEALED_SECRETS_FORMAT": "json", "SEALED_SECRETS_SCOPE": "cluster-wide",
        ])
        #expect(flagsWin.stdout.hasPrefix("---\n"))
        #expect(!flagsWin.stdout.contains("cluster-wide"))
        let bad = try Sealctl.run(["seal"], input: input, environment: ["SEALED_SECRETS_CERT": VectorKey.certificate, "SEALED_SECRETS_SCOPE": "galaxy-wide"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("SEALED_SECRETS_SCOPE must be strict, namespace-wide or cluster-wide"))
    }

    @Test("-w writes atomically only on success, and a .json name means JSON")
    func outputFile() throws {
        try withTemporaryDirectory { directory in
            let output = directory.appendingPathComponent("out.json")
            let input = try TestFixtures.vectorURL("sealedsecrets/input/db-creds.secret.yaml").path
            let ok = try Sealctl.run(["seal", "--cert", VectorKey.certificate, "-f", input, "-w", output.path])
            #expect(ok.status == 0)
            #expect(try output.read().hasPrefix("{\n  \"kind\": \"SealedSecret\""))
            let before = try output.read()
            let failed = try Sealctl.run(["seal", "--cert", VectorKey.certificate, "-w", output.path], input: "kind: ConfigMap\napiVersion: v1\n")
            #expect(failed.status == 1)
            #expect(failed.stderr.contains("expected a Secret, found a ConfigMap"))
            #expect(try output.read() == before)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.json"])
        }
    }
}
