import Foundation
import Testing
import TestSupport
@testable import SealKit

/// What the API server refuses is refused before anything is sealed or written; what it accepts
/// seals. Each case is a Secret as a user would pipe it into `sealctl seal`.
@Suite("seal refuses what the API server refuses, and nothing it accepts")
struct APIServerRulesTests {
    struct Case: CustomStringConvertible, Sendable {
        let name: String
        let secret: String
        /// A fragment the error must contain (for refused cases).
        let expected: String
        var description: String { name }
    }

    static func secret(name: String = "db", namespace: String = "prod", type: String? = nil, metadata: String = "", data: [String: String]) -> String {
        var text = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: \(name)\n  namespace: \(namespace)\n" + metadata
        if let type { text += "type: \(type)\n" }
        text += "stringData:\n" + data.sorted { $0.key < $1.key }.map { "  \"\($0.key)\": \($0.value)\n" }.joined()
        return text
    }

    static let refused: [Case] = [
        Case(name: "a key with a slash", secret: secret(data: ["a/b": "x"]), expected: "\"a/b\" is not a valid Secret key"),
        Case(name: "a key with a space", secret: secret(data: ["with space": "x"]), expected: "\"with space\" is not a valid Secret key"),
        Case(name: "the key .", secret: secret(data: [".": "x"]), expected: "must not be '.'"),
        Case(name: "the key ..", secret: secret(data: ["..": "x"]), expected: "must not be '..'"),
        Case(name: "a key starting with ..", secret: secret(data: ["..data": "x"]), expected: "must not start with '..'"),
        Case(name: "a key of 254 characters", secret: secret(data: [String(repeating: "k", count: 254): "x"]), expected: "must be no more than 253 characters"),
        Case(name: "a key with a non-ASCII letter", secret: secret(data: ["pässword": "x"]), expected: "is not a valid Secret key"),
        Case(name: "1.1 MB of data", secret: secret(data: ["big": String(repeating: "x", count: 1_100_000)]), expected: "a Secret holds at most 1048576 (1 MiB)"),
        Case(name: "an upper-case name", secret: secret(name: "Db", data: ["a": "x"]), expected: "metadata.name: \"Db\": a lowercase RFC 1123 subdomain"),
        Case(name: "a name with an underscore", secret: secret(name: "db_secret", data: ["a": "x"]), expected: "a lowercase RFC 1123 subdomain"),
        Case(name: "a namespace with a dot", secret: secret(namespace: "team.prod", data: ["a": "x"]), expected: "metadata.namespace: \"team.prod\": must not contain dots"),
        Case(name: "a namespace of 64 characters", secret: secret(namespace: String(repeating: "n", count: 64), data: ["a": "x"]), expected: "must be no more than 63 characters"),
        Case(name: "a label key with two slashes", secret: secret(metadata: "  labels:\n    a/b/c: x\n", data: ["a": "x"]), expected: "the label key \"a/b/c\""),
        Case(name: "a label value with a space", secret: secret(metadata: "  labels:\n    app: \"my app\"\n", data: ["a": "x"]), expected: "the label value: a valid label must be an empty string"),
        Case(name: "a label value of 64 characters", secret: secret(metadata: "  labels:\n    app: \(String(repeating: "v", count: 64))\n", data: ["a": "x"]), expected: "the label value: must be no more than 63 characters"),
        Case(name: "an annotation key with an empty prefix", secret: secret(metadata: "  annotations:\n    /note: x\n", data: ["a": "x"]), expected: "prefix part must be non-empty"),
        Case(name: "annotations over 256 KiB", secret: secret(metadata: "  annotations:\n    note: \(String(repeating: "n", count: 262_145))\n", data: ["a": "x"]), expected: "at most 262144 (256 KiB)"),
        Case(name: "dockerconfigjson without its key", secret: secret(type: "kubernetes.io/dockerconfigjson", data: ["config.json": "x"]), expected: "needs the key .dockerconfigjson"),
        Case(name: "dockerconfigjson that is not JSON", secret: secret(type: "kubernetes.io/dockerconfigjson", data: [".dockerconfigjson": "\"{nope\""]), expected: "data[.dockerconfigjson]: a kubernetes.io/dockerconfigjson Secret needs .dockerconfigjson to hold a JSON object"),
        Case(name: "dockerconfigjson that is a JSON list", secret: secret(type: "kubernetes.io/dockerconfigjson", data: [".dockerconfigjson": "'[1]'"]), expected: "to hold a JSON object"),
        Case(name: "dockercfg that is not JSON", secret: secret(type: "kubernetes.io/dockercfg", data: [".dockercfg": "nope"]), expected: "needs .dockercfg to hold a JSON object"),
        Case(name: "basic-auth with neither username nor password", secret: secret(type: "kubernetes.io/basic-auth", data: ["user": "x"]), expected: "needs the key username or password"),
        Case(name: "ssh-auth without its key", secret: secret(type: "kubernetes.io/ssh-auth", data: ["id_rsa": "x"]), expected: "needs the key ssh-privatekey"),
        Case(name: "ssh-auth with an empty key", secret: secret(type: "kubernetes.io/ssh-auth", data: ["ssh-privatekey": "\"\""]), expected: "needs the key ssh-privatekey"),
        Case(name: "tls without tls.key", secret: secret(type: "kubernetes.io/tls", data: ["tls.crt": "x"]), expected: "data[tls.key]: a kubernetes.io/tls Secret needs the key tls.key"),
        Case(name: "a service-account token without its annotation", secret: secret(type: "kubernetes.io/service-account-token", data: ["token": "x"]), expected: "needs this annotation"),
    ]

    @Test("refused: a clear error, exit 1, no file", arguments: refused)
    func refusedCase(_ testCase: Case) throws {
        try withTemporaryDirectory { directory in
            let output = directory.appendingPathComponent("out.yaml")
            let result = try Sealctl.run(["seal", "--cert", VectorKey.certificate, "-w", output.path], input: testCase.secret)
            #expect(result.status == 1, "\(result.stderr)")
            #expect(result.stderr.contains(testCase.expected), "\(result.stderr)")
            #expect(!result.stderr.contains("\n") || result.stderr.split(separator: "\n").count == 1, "one line")
            #expect(!FileManager.default.fileExists(atPath: output.path))
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty, "nothing half-written")
        }
    }

    static var accepted: [Case] {
        get throws {
            let crt = try TestFixtures.vectorText("key/tls.crt"), key = try TestFixtures.vectorText("key/tls.key")
            func block(_ text: String) -> String { "|\n" + text.split(separator: "\n").map { "    \($0)\n" }.joined() }
            return [
                Case(name: "tls with both keys", secret: secret(type: "kubernetes.io/tls", data: ["tls.crt": block(crt), "tls.key": block(key)]), expected: ""),
                Case(name: "valid dockerconfigjson", secret: secret(type: "kubernetes.io/dockerconfigjson", data: [".dockerconfigjson": "'{\"auths\":{\"registry.example.com\":{\"auth\":\"dTpw\"}}}'"]), expected: ""),
                Case(name: "basic-auth with a username only", secret: secret(type: "kubernetes.io/basic-auth", data: ["username": "admin"]), expected: ""),
                Case(name: "ssh-auth", secret: secret(type: "kubernetes.io/ssh-auth", data: ["ssh-privatekey": "key"]), expected: ""),
                Case(name: "a service-account token with its annotation", secret: secret(type: "kubernetes.io/service-account-token", metadata: "  annotations:\n    kubernetes.io/service-account.name: builder\n", data: ["token": "x"]), expected: ""),
                Case(name: "keys with dots, dashes, underscores and digits", secret: secret(data: ["a.b-c_d.0": "x", "_x": "y", "-y": "z", ".dotfile": "w", "9": "v"]), expected: ""),
                Case(name: "data just under 1 MiB", secret: secret(data: ["big": String(repeating: "x", count: 1_048_570), "k": "abcdef"]), expected: ""),
                Case(name: "a custom type", secret: secret(type: "example.com/anything", data: ["a": "x"]), expected: ""),
                Case(name: "qualified label and annotation keys", secret: secret(metadata: "  labels:\n    app.kubernetes.io/name: db\n    empty: \"\"\n  annotations:\n    Example.COM/Owner: team\n", data: ["a": "x"]), expected: ""),
                Case(name: "a 253-character name and a 63-character namespace", secret: secret(name: String(repeating: "a", count: 63) + "." + String(repeating: "b", count: 63) + "." + String(repeating: "c", count: 63) + "." + String(repeating: "d", count: 61),
                                                                                            namespace: String(repeating: "n", count: 63), data: ["a": "x"]), expected: ""),
            ]
        }
    }

    @Test("accepted: every valid Secret seals, and the values open")
    func acceptedCases() throws {
        for testCase in try Self.accepted {
            let result = try Sealctl.run(["seal", "--cert", VectorKey.certificate], input: testCase.secret)
            #expect(result.status == 0, "\(testCase.name): \(result.stderr)")
            guard result.status == 0 else { continue }
            let opened = try Sealctl.run(["unseal", "--key", VectorKey.privateKey], input: result.stdout)
            #expect(opened.status == 0, "\(testCase.name): \(opened.stderr)")
        }
    }

    @Test("warnings: an expired or mismatched tls.crt, a file ending in a line break, a dockerconfigjson without auths; exit 0")
    func warnings() throws {
        try withTemporaryDirectory { directory in
            let key = try RSAPrivateKey.generate(bitCount: 2048)
            let expired = try Certificate.selfSigned(for: key, validity: 3600, now: Date().addingTimeInterval(-2 * 86_400))
            let crt = directory.appendingPathComponent("tls.crt"), keyFile = directory.appendingPathComponent("tls.key")
            try Data(expired.pemRepresentation.utf8).write(to: crt)
            try Data(try key.pkcs1PEMRepresentation().utf8).write(to: keyFile)
            let expiredResult = try Sealctl.run(["seal", "--cert", VectorKey.certificate, "--type", "kubernetes.io/tls", "--name", "web", "-n", "prod",
                                                 "--from-file", "tls.crt=\(crt.path)", "--from-file", "tls.key=\(keyFile.path)"])
            #expect(expiredResult.status == 0, "\(expiredResult.stderr)")
            #expect(expiredResult.stderr.contains("warning: Secret web: data[tls.crt]: the certificate expired on"), "\(expiredResult.stderr)")
            #expect(expiredResult.stderr.contains("ends in a line break"), "a PEM file ends in one: \(expiredResult.stderr)")

            let mismatched = try Sealctl.run(["seal", "--cert", VectorKey.certificate, "--type", "kubernetes.io/tls", "--name", "web", "-n", "prod",
                                              "--from-file", "tls.crt=\(try VectorKey.certificate)", "--from-file", "tls.key=\(keyFile.path)"])
            #expect(mismatched.status == 0 && mismatched.stderr.contains("the certificate is not for the private key in tls.key"), "\(mismatched.stderr)")

            let password = directory.appendingPathComponent("password")
            try Data("s3cret\n".utf8).write(to: password)
            let echoed = try Sealctl.run(["seal", "--cert", VectorKey.certificate, "--name", "db", "-n", "prod", "--from-file", "password=\(password.path)"])
            #expect(echoed.status == 0 && echoed.stderr.contains("warning: data.password: the file \(password.path) ends in a line break"), "\(echoed.stderr)")

            let noAuths = try Sealctl.run(["seal", "--cert", VectorKey.certificate], input: Self.secret(type: "kubernetes.io/dockerconfigjson", data: [".dockerconfigjson": "'{\"credsStore\":\"x\"}'"]))
            #expect(noAuths.status == 0 && noAuths.stderr.contains("has no \"auths\""), "\(noAuths.stderr)")
        }
    }

    @Test("set and unset refuse a SealedSecret whose Secret the API server would refuse, and leave the file")
    func setAndUnset() throws {
        try withTemporaryDirectory { directory in
            let crt = try TestFixtures.vectorText("key/tls.crt"), key = try TestFixtures.vectorText("key/tls.key")
            let certificate = try Certificate(pemRepresentation: crt)
            var secret = Secret(name: "web", namespace: "prod", stringData: ["tls.crt": crt, "tls.key": key])
            secret.type = "kubernetes.io/tls"
            let file = directory.appendingPathComponent("web.yaml")
            let original = try Sealer(certificate: certificate).seal(secret).formatted(as: .yaml)
            try Data(original.utf8).write(to: file)
            let unset = try Sealctl.run(["unset", file.path, "tls.key"])
            #expect(unset.status == 1 && unset.stderr.contains("needs the key tls.key"), "\(unset.stderr)")
            let badKey = try Sealctl.run(["set", "--cert", VectorKey.certificate, file.path, "a/b"], input: "x")
            #expect(badKey.status != 0 && badKey.stderr.contains("\"a/b\" is not a valid Secret key"), "\(badKey.stderr)")
            #expect(try String(decoding: Data(contentsOf: file), as: UTF8.self) == original)
            // Replacing one key of the pair alone is fine: the pair is judged whole.
            let replaced = try Sealctl.run(["set", "--cert", VectorKey.certificate, file.path, "tls.crt"], input: crt)
            #expect(replaced.status == 0, "\(replaced.stderr)")
        }
    }
}

/// The API server reports every field error of an object in one answer; so do validate and check.
@Suite("every error at once")
struct EveryErrorAtOnceTests {
    /// A committed SealedSecret with a number as a top-level annotation and a boolean as a
    /// template annotation.
    static func twoErrors() throws -> String {
        try TestFixtures.vectorText("sealedsecrets/db-creds.strict.sealedsecret.yaml")
            .replacingOccurrences(of: "  name: db-creds\n  namespace: prod\nspec:", with: "  annotations:\n    sync-wave: 5\n  name: db-creds\n  namespace: prod\nspec:")
            .replacingOccurrences(of: "      annotations:\n", with: "      annotations:\n        enabled: true\n")
    }

    @Test("validate reports both errors of the two-error file in one run, each with its line, in file order")
    func validateReportsBoth() throws {
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("two.yaml")
            try file.write(try Self.twoErrors())
            let result = try Sealctl.run(["validate", file.path])
            #expect(result.status == 1)
            let lines = result.stdout.split(separator: "\n")
            #expect(lines.count == 2, "\(result.stdout)")
            #expect(lines.first?.contains("line 6, column 16: error: metadata.annotations.sync-wave: must be a string") == true, "\(result.stdout)")
            #expect(lines.last?.contains("line 16, column 18: error: spec.template.metadata.annotations.enabled: must be a string") == true, "\(result.stdout)")
            #expect(result.stderr.contains("2 errors"))
        }
    }

    @Test("check reports both too")
    func checkReportsBoth() throws {
        try withTemporaryDirectory { directory in
            try directory.appendingPathComponent("k8s/two.yaml").write(try Self.twoErrors())
            let result = try Sealctl.run(["check"], directory: directory)
            #expect(result.status == 1)
            #expect(result.stdout.contains("metadata.annotations.sync-wave") && result.stdout.contains("spec.template.metadata.annotations.enabled"), "\(result.stdout)")
        }
    }
}
