import Foundation
import Testing
import TestSupport
@testable import SealKit

/// SealedSecrets too large for a cluster to store are refused before anything is written, with
/// the size, the limit and what to do; those too large for client-side `kubectl apply` are
/// warned about. The same judgement for existing files in `validate` and `check`.
@Suite("SealedSecrets a cluster cannot store")
struct ObjectSizeTests {
    /// An env file of `count` short values: a small Secret, a large SealedSecret.
    static func envFile(_ count: Int, in directory: URL) throws -> URL {
        let file = directory.appendingPathComponent("values.env")
        try file.write((0..<count).map { "KEY_\($0)=v\($0)\n" }.joined())
        return file
    }

    /// A SealedSecret of `count` keys, each holding one real sealed value, as kubeseal writes it.
    static func sealedFile(keys count: Int) throws -> String {
        let certificate = try Certificate(pemRepresentation: TestFixtures.vectorText("key/tls.crt"))
        var sealed = try Sealer(certificate: certificate).seal(Secret(name: "big", namespace: "prod", stringData: ["KEY_0": "v"]))
        let value = try #require(sealed.spec.encryptedData["KEY_0"])
        for index in 1..<count { sealed.spec.encryptedData["KEY_\(index)"] = value }
        return try sealed.formatted(as: .yaml)
    }

    @Test("sealing 10,000 short values is refused with the size and the limit; nothing is written")
    func refusedWhenTooLarge() throws {
        try withTemporaryDirectory { directory in
            let output = directory.appendingPathComponent("sealed.yaml")
            let result = try Sealctl.run(["seal", "--cert", VectorKey.certificate, "--name", "app", "-n", "prod",
                                          "--from-env-file", Self.envFile(10_000, in: directory).path, "-w", output.path])
            #expect(result.status == 1)
            #expect(result.isOneErrorLine, "\(result.stderr)")
            #expect(result.stderr.contains("as the cluster stores it, over etcd's default request limit of 1,572,864 bytes (1.5 MiB)"), "\(result.stderr)")
            #expect(result.stderr.contains("split the Secret"))
            #expect(!FileManager.default.fileExists(atPath: output.path))
            #expect(result.stdout.isEmpty)
        }
    }

    @Test("a SealedSecret over 256 KiB seals with the client-side-apply warning, and validate says the same")
    func warnedAboveClientSideApplyLimit() throws {
        try withTemporaryDirectory { directory in
            let output = directory.appendingPathComponent("sealed.yaml")
            let result = try Sealctl.run(["seal", "--cert", VectorKey.certificate, "--name", "app", "-n", "prod",
                                          "--from-env-file", Self.envFile(420, in: directory).path, "-w", output.path])
            #expect(result.status == 0, "\(result.stderr)")
            let size = try FileManager.default.attributesOfItem(atPath: output.path)[.size] as? Int ?? 0
            #expect(size > 256 * 1024 && size < 400 * 1024)
            #expect(result.stderr.contains("kubectl.kubernetes.io/last-applied-configuration"), "\(result.stderr)")
            #expect(result.stderr.contains("kubectl apply --server-side"))
            let validate = try Sealctl.run(["validate", output.path])
            #expect(validate.status == 0)
            #expect(validate.stdout.contains("warning:") && validate.stdout.contains("kubectl apply --server-side"), "\(validate.stdout)")
        }
    }

    @Test("a small SealedSecret gets neither")
    func smallIsQuiet() throws {
        try withTemporaryDirectory { directory in
            let result = try Sealctl.run(["seal", "--cert", VectorKey.certificate, "--name", "app", "-n", "prod",
                                          "--from-env-file", Self.envFile(300, in: directory).path])
            #expect(result.status == 0)
            #expect(!result.stderr.contains("warning"), "\(result.stderr)")
        }
    }

    @Test("validate and check report an existing file too large to store as an error with its line; set refuses to grow one")
    func existingFiles() throws {
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("k8s/big.yaml")
            try file.write(try Self.sealedFile(keys: 2_300))
            let validate = try Sealctl.run(["validate", file.path])
            #expect(validate.status == 1)
            #expect(validate.stdout.contains("line 2, column 1: error: the SealedSecret is"), "\(validate.stdout)")
            #expect(validate.stdout.contains("1,572,864 bytes"))
            let check = try Sealctl.run(["check", "--format", "json"], directory: directory)
            #expect(check.status == 1)
            #expect(check.stdout.contains("etcd's default request limit"), "\(check.stdout)")

            let before = try file.read()
            let set = try Sealctl.run(["set", "--cert", VectorKey.certificate, file.path, "one-more"], input: "value")
            #expect(set.status == 1)
            #expect(set.stderr.contains("over etcd's default request limit"), "\(set.stderr)")
            #expect(try file.read() == before)
        }
    }

    @Test("the stored size counts compact JSON, as the API server writes a custom resource")
    func storedSizeIsCompactJSON() throws {
        let text = try Self.sealedFile(keys: 3)
        let sealed = try SealedSecret(document: try #require(ManifestStream(bytes: Array(text.utf8)).documents.first))
        // PyYAML and json.dumps as an independent count (no <, > or & here, which Go escapes).
        if ExternalTool.find("python3") != nil {
            let python = try ExternalTool.run("python3", ["-c",
                "import json,sys,yaml; print(len(json.dumps(yaml.safe_load(sys.stdin), separators=(',', ':'), ensure_ascii=False).encode()))"],
                stdin: Data(text.utf8))
            if python.status == 0 {
                #expect(JSONWriter.compactByteCount(sealed.node) == Int(python.output.trimmingCharacters(in: .whitespacesAndNewlines)))
            }
        }
        #expect(StoredObjectSize.storedBytes(of: sealed) > JSONWriter.compactByteCount(sealed.node))
    }
}
