import Foundation
import Testing
import TestSupport
@testable import SealKit

/// Every command, fed every kind of bad input: one clear `error:` naming the problem, a non-zero
/// exit, no output file created or changed, no crash.
@Suite("Bad input corpus")
struct BadInputTests {
    /// A bad input, and a phrase its error must contain.
    struct Case: CustomStringConvertible, Sendable {
        let name: String
        /// Built when the test runs, so a missing fixture fails that test with its path.
        let bytes: @Sendable () throws -> [UInt8]
        let expected: String
        var description: String { name }

        init(name: String, bytes: @autoclosure @escaping @Sendable () throws -> [UInt8], expected: String) {
            self.name = name
            self.bytes = bytes
            self.expected = expected
        }
    }

    static let secretHead = "apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: n}\n"
    static let aliasBomb: String = {
        var lines = ["a: &a [x,x,x,x,x,x,x,x,x]"]
        for level in 1...9 {
            let previous = String(UnicodeScalar(UInt8(96 + level))), name = String(UnicodeScalar(UInt8(97 + level)))
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]")
        }
        return lines.joined(separator: "\n")
    }()
    static func utf16(_ text: String, bom: Bool) -> [UInt8] {
        (bom ? [0xFF, 0xFE] : []) + Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    /// Inputs that are bad whatever the command.
    static let syntaxCases: [Case] = [
        Case(name: "truncated YAML", bytes: Array("apiVersion: v1\nkind: Secret\nmetadata:\n  name: \"db-cre".utf8), expected: "found unexpected end of stream"),
        Case(name: "JSON with trailing garbage", bytes: Array("{\"apiVersion\": \"v1\", \"kind\": \"Secret\"} garbage".utf8), expected: "invalid character looking for beginning of value"),
        Case(name: "a YAML list where an object is expected", bytes: Array("- a\n- b\n".utf8), expected: "found a list"),
        Case(name: "an alias bomb", bytes: Array(aliasBomb.utf8), expected: "billion laughs"),
        Case(name: "10,000-deep nesting", bytes: Array(("a: " + String(repeating: "[", count: 10_000)).utf8), expected: "nesting deeper than 256 levels"),
        Case(name: "a 100 MB input", bytes: Array(repeating: UInt8(ascii: "#"), count: 100 * 1024 * 1024), expected: "manifests larger than 64 MiB are refused"),
        Case(name: "duplicate mapping keys", bytes: Array((secretHead + "stringData: {k: v, k: w}\n").utf8), expected: "mapping key \"k\" appears more than once"),
        Case(name: "UTF-16 with a byte-order mark", bytes: utf16(secretHead, bom: true), expected: "UTF-16LE (with a byte-order mark), not UTF-8"),
        Case(name: "UTF-16 without a byte-order mark", bytes: utf16(secretHead, bom: false), expected: "UTF-16LE (no byte-order mark)"),
        Case(name: "invalid UTF-8", bytes: Array(secretHead.utf8) + [0xC3, 0x28, 0x0A], expected: "not valid UTF-8"),
        Case(name: "NUL bytes", bytes: Array("apiVersion: v1\nkind: Secret\nmetadata: {name: a".utf8) + [0] + Array("b}\n".utf8), expected: "control characters are not allowed"),
    ]

    /// Inputs that are bad as Secrets.
    static let secretCases: [Case] = syntaxCases + [
        Case(name: "wrong kind and apiVersion", bytes: Array("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n".utf8), expected: "expected a Secret, found a Deployment"),
        Case(name: "missing name", bytes: Array("apiVersion: v1\nkind: Secret\nmetadata: {namespace: n}\nstringData: {k: v}\n".utf8), expected: "no metadata.name"),
        Case(name: "invalid base64 in data", bytes: Array((secretHead + "data: {k: '%%%'}\n").utf8), expected: "data.k: the value is not valid base64"),
        Case(name: "an empty file", bytes: [], expected: "no Secret found"),
    ]

    /// Inputs that are bad as SealedSecrets.
    static let sealedCases: [Case] = syntaxCases + [
        Case(name: "wrong kind and apiVersion", bytes: Array("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n".utf8), expected: "ConfigMap"),
        Case(name: "invalid base64 in encryptedData", bytes: try validSealed { valid, value in valid.replacingOccurrences(of: value, with: "not*base64") },
             expected: "not valid base64"),
        Case(name: "a ciphertext shorter than its length prefix",
             bytes: try validSealed { valid, value in valid.replacingOccurrences(of: value, with: Data((Data(base64Encoded: value) ?? Data()).prefix(100)).base64EncodedString()) },
             expected: "its length prefix says 512 bytes of RSA data, but only 98 follow"),
        Case(name: "a value sealed for another key", bytes: Array(try Sealer(certificate: Certificate(pemRepresentation: TestFixtures.vectorText("key-renewed/tls.crt")))
            .seal(Secret(name: "db-creds", namespace: "prod", stringData: ["k": "v"])).formatted(as: .yaml).utf8), expected: "no key could decrypt secret"),
    ]

    /// The strict vector with its `password` ciphertext changed by `transform(text, ciphertext)`.
    static func validSealed(_ transform: (String, String) -> String) throws -> [UInt8] {
        let valid = try TestFixtures.vectorText("sealedsecrets/db-creds.strict.sealedsecret.yaml")
        guard let line = valid.split(separator: "\n").first(where: { $0.contains("password: Ag") }), let value = line.split(separator: " ").last else {
            throw MissingFixture(path: "sealedsecrets/db-creds.strict.sealedsecret.yaml has no password line")
        }
        return Array(transform(valid, String(value)).utf8)
    }

    /// One `error:` line on stderr (warnings aside), no output, non-zero exit.
    func expectOneError(_ result: Sealctl.Result, _ expected: String, _ label: String) {
        #expect(result.status != 0, "\(label): exit 0")
        #expect(result.status < 64 || result.status == 64, "\(label): crashed with \(result.status)")
        #expect(result.isOneErrorLine, "\(label): \(result.stderr)")
        #expect(result.stderr.contains(expected), "\(label): \(result.stderr)")
    }

    @Test("seal", arguments: secretCases)
    func seal(_ input: Case) throws {
        try withTemporaryDirectory { directory in
            let bytes = try input.bytes()
            let inputFile = directory.appendingPathComponent("input.yaml"), output = directory.appendingPathComponent("out.yaml")
            try Data(bytes).write(to: inputFile)
            try output.write("previous content\n")
            let result = try Sealctl.run(["seal", "--cert", VectorKey.certificate, "-f", inputFile.path, "-w", output.path])
            expectOneError(result, input.expected, input.name)
            #expect(result.stdout.isEmpty)
            #expect(try output.read() == "previous content\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["input.yaml", "out.yaml"])
        }
    }

    @Test("unseal", arguments: sealedCases.filter { $0.name != "an empty file" })
    func unseal(_ input: Case) throws {
        try withTemporaryDirectory { directory in
            let bytes = try input.bytes()
            let inputFile = directory.appendingPathComponent("input.yaml"), output = directory.appendingPathComponent("out.yaml")
            try Data(bytes).write(to: inputFile)
            let result = try Sealctl.run(["unseal", "--key", VectorKey.privateKey, "-f", inputFile.path, "-w", output.path])
            expectOneError(result, input.expected, input.name)
            #expect(!result.stderr.contains("document 1: document 1"), "\(input.name): the location is given twice")
            #expect(!FileManager.default.fileExists(atPath: output.path))
        }
    }

    @Test("reseal --in-place leaves the file as it was", arguments: sealedCases)
    func reseal(_ input: Case) throws {
        guard input.name != "a 100 MB input" else { return }  // covered by seal; re-reading it here only costs time
        try withTemporaryDirectory { directory in
            let bytes = try input.bytes()
            let file = directory.appendingPathComponent("k8s/input.yaml")
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: file)
            let result = try Sealctl.run(["reseal", "--key", VectorKey.privateKey, "--cert", VectorKey.certificate, "--in-place", file.deletingLastPathComponent().path])
            if input.name.contains("kind") || input.name.contains("list") {
                // Not a SealedSecret: nothing to re-seal, nothing changed.
                #expect(result.status == 0)
            } else {
                #expect(result.status == 1, "\(input.name)")
                #expect(result.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }.count == 1, "\(input.name): \(result.stderr)")
                #expect(result.stderr.contains(input.expected), "\(input.name): \(result.stderr)")
            }
            #expect(Array(try Data(contentsOf: file)) == bytes)
        }
    }

    @Test("validate and check report the problem once and fail", arguments: sealedCases)
    func validateAndCheck(_ input: Case) throws {
        guard !input.name.contains("sealed for another key") else { return }  // needs a key or a certificate: covered elsewhere
        try withTemporaryDirectory { directory in
            let bytes = try input.bytes()
            let file = directory.appendingPathComponent("input.yaml")
            try Data(bytes).write(to: file)
            let validate = try Sealctl.run(["validate", file.path])
            #expect(validate.status == 1, "\(input.name): \(validate.stdout)")
            #expect(validate.stdout.split(separator: "\n").filter { $0.contains("error: ") }.count == 1, "\(input.name): \(validate.stdout)")
            #expect(validate.stdout.contains(input.expected) || input.name.contains("kind"), "\(input.name): \(validate.stdout)")
            let check = try Sealctl.run(["check", file.path], directory: directory)
            if input.name.contains("kind") || input.name.contains("list") {
                #expect(check.status == 0)  // a ConfigMap, or YAML that is no Kubernetes object, is fine for check
            } else {
                #expect(check.status == 1, "\(input.name): \(check.stdout)")
                #expect(check.stdout.split(separator: "\n").filter { $0.contains(": error: ") }.count == 1, "\(input.name): \(check.stdout)")
                #expect(check.stdout.contains(input.expected), "\(input.name): \(check.stdout)")
            }
            #expect(Array(try Data(contentsOf: file)) == bytes)
        }
    }

    @Test("generate with a broken sealctl.yaml", arguments: syntaxCases.filter { $0.name != "a 100 MB input" })
    func generate(_ input: Case) throws {
        try withTemporaryDirectory { directory in
            let bytes = try input.bytes()
            try Data(bytes).write(to: directory.appendingPathComponent("sealctl.yaml"))
            let result = try Sealctl.run(["generate", "all"], directory: directory)
            expectOneError(result, "sealctl.yaml", input.name)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["sealctl.yaml"])
        }
    }

    @Test("certificates and keys that cannot be used", .enabled(if: Tools.openssl, "openssl is not installed"))
    func badKeysAndCertificates() throws {
        let openssl = try #require(ExternalTool.find("openssl"))
        try withTemporaryDirectory { directory in
            let input = directory.appendingPathComponent("secret.yaml")
            try input.write(Self.secretHead + "stringData: {k: v}\n")
            let ecKey = directory.appendingPathComponent("ec.key"), ecCert = directory.appendingPathComponent("ec.crt")
            try ExternalTool.run(openssl, ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", ecKey.path])
            try ExternalTool.run(openssl, ["req", "-new", "-x509", "-key", ecKey.path, "-subj", "/CN=ec", "-days", "1", "-out", ecCert.path])
            expectOneError(try Sealctl.run(["seal", "--cert", ecCert.path, "-f", input.path]), "unsupported key type EC", "EC certificate")
            let encrypted = directory.appendingPathComponent("encrypted.key")
            try ExternalTool.run(openssl, ["rsa", "-aes256", "-passout", "pass:x", "-in", VectorKey.privateKey, "-out", encrypted.path])
            let sealed = try TestFixtures.vectorURL("sealedsecrets/db-creds.strict.sealedsecret.yaml").path
            expectOneError(try Sealctl.run(["unseal", "--key", encrypted.path, "-f", sealed]), "encrypted with a passphrase", "encrypted key")
            expectOneError(try Sealctl.run(["unseal", "--key", ecKey.path, "-f", sealed]), "unsupported key type EC", "EC key")
            expectOneError(try Sealctl.run(["unseal", "--key", "/nonexistent.key", "-f", sealed]), "cannot read the file", "missing key")
        }
    }

    @Test("output paths: a missing folder and a read-only place fail cleanly; a symbolic link is written through")
    func outputPaths() throws {
        try withTemporaryDirectory { directory in
            let input = directory.appendingPathComponent("secret.yaml")
            try input.write(Self.secretHead + "stringData: {k: v}\n")
            let arguments = try ["seal", "--cert", VectorKey.certificate, "-f", input.path, "-w"]
            expectOneError(try Sealctl.run(arguments + [directory.appendingPathComponent("missing/out.yaml").path]), "No such file or directory", "missing folder")
            // As root, folder permissions do not stop writes: use a read-only file system then.
            let readOnly: String
            if getuid() == 0 {
                readOnly = "/proc/sealctl-test-out.yaml"
            } else {
                let folder = directory.appendingPathComponent("read-only")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o555])
                readOnly = folder.appendingPathComponent("out.yaml").path
            }
            let denied = try Sealctl.run(arguments + [readOnly])
            expectOneError(denied, "cannot write", "read-only output")

            // A link is written through: the file it points to gets the output, the link stays.
            let target = directory.appendingPathComponent("real/out.yaml"), link = directory.appendingPathComponent("link.yaml")
            try target.write("old\n")
            try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
            #expect(try Sealctl.run(arguments + [link.path]).status == 0)
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
            #expect(try target.read().contains("kind: SealedSecret"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path) == ["out.yaml"])
        }
    }

    @Test("standard input that is a terminal gets a hint, not a hang", .enabled(if: Tools.pexpect, "python3 with pexpect is needed for a pseudo-terminal"))
    func terminalStandardInput() throws {
        let python = try #require(ExternalTool.find("python3"))
        let script = """
        import pexpect, sys
        for command in (["seal", "--cert", sys.argv[2]], ["unseal", "--key", sys.argv[3]], ["validate"]):
            child = pexpect.spawn(sys.argv[1], command, encoding="utf-8", timeout=10, env={"HOME": sys.argv[4], "PATH": "/usr/bin:/bin"})
            child.expect_exact("standard input is a terminal")
            child.expect(pexpect.EOF); child.close()
            assert child.exitstatus == 1, (command, child.exitstatus)
        print("ok")
        """
        let result = try ExternalTool.run(python, ["-c", script, Sealctl.binary.path, VectorKey.certificate, VectorKey.privateKey, Sealctl.isolatedHome.path])
        #expect(result.output == "ok\n", "\(result.output)\(result.errorOutput)")
    }
}
