import Foundation
import Testing
import TestSupport
@testable import SealKit

@Suite("Online validate and reseal through the controller")
struct OnlineCommandTests {
    /// A stand-in kubectl that acts as the controller: old keys decrypt, the vector key re-seals.
    struct FakeController {
        let path: String
        let state: URL
        let environment: [String: String?]

        init(in directory: URL, throttled: [Int] = []) throws {
            // The tests that use it are enabled only where python3 has cryptography.
            guard Tools.pythonCryptography else { throw MissingTool(name: "python3 with cryptography") }
            state = directory.appendingPathComponent("controller")
            try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
            try state.appendingPathComponent("throttle").write(throttled.map(String.init).joined(separator: " "))
            let bin = directory.appendingPathComponent("bin")
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            let script = TestFixtures.projectRoot.appendingPathComponent("Tests/sealctlTests/Fixtures/fake_controller_kubectl.py")
            try FileManager.default.createSymbolicLink(at: bin.appendingPathComponent("kubectl"), withDestinationURL: script)
            path = bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
            environment = try ["PATH": path, "FAKE_STATE": state.path, "FAKE_OLD_KEYS": TestFixtures.vectorURL("key-renewed/tls.key").path,
                           "FAKE_NEW_CERT": VectorKey.certificate]
        }

        /// Every call: its arguments and what it read on stdin.
        func calls() throws -> [(argv: [String], stdin: String)] {
            let log = state.appendingPathComponent("calls.log")
            guard FileManager.default.fileExists(atPath: log.path) else { return [] }
            return try log.read().split(separator: "\n").map { line in
                let node = try JSONParser().parseStream(Array(line.utf8))[0]
                return ((node["argv"]?.sequence ?? []).map { $0.scalar!.value }, node["stdin"]!.scalar!.value)
            }
        }
    }

    struct MissingTool: Error { let name: String }

    static func sealedWithOldKey(_ name: String, values: [String: String] = ["password": "canary-online-pass"]) throws -> String {
        try Sealer(certificate: Certificate(pemRepresentation: TestFixtures.vectorText("key-renewed/tls.crt")))
            .seal(Secret(name: name, namespace: "prod", stringData: values)).formatted(as: .yaml)
    }

    @Test("validate --online asks the controller about every SealedSecret, with the exact kubectl arguments", .enabled(if: Tools.pythonCryptography, "python3 with cryptography is needed for the stand-in controller"))
    func validateOnline() throws {
        try withTemporaryDirectory { directory in
            let controller = try FakeController(in: directory)
            let good = directory.appendingPathComponent("k8s/good.yaml"), foreign = directory.appendingPathComponent("k8s/foreign.yaml")
            try good.write(try Self.sealedWithOldKey("db"))
            try foreign.write(try TestFixtures.vectorText("sealedsecrets/db-creds.strict.sealedsecret.yaml"))
            let result = try Sealctl.run(["validate", "--online", "--rate", "50", "--context", "prod", directory.appendingPathComponent("k8s").path],
                                         environment: controller.environment)
            #expect(result.status == 1)
            #expect(result.stdout.contains("good.yaml, document 1: valid (the controller can decrypt it)"))
            #expect(result.stdout.contains("foreign.yaml, document 1, line 2, column 1: error: the controller cannot decrypt it"))
            let calls = try controller.calls()
            #expect(calls.map(\.argv) == Array(repeating: ["--context", "prod", "create", "--raw",
                                                           "/api/v1/namespaces/kube-system/services/http:sealed-secrets-controller:/proxy/v1/verify", "-f", "-"], count: 2))
            #expect(calls.allSatisfy { $0.stdin.hasPrefix("{\n  \"kind\": \"SealedSecret\"") })
            #expect(!calls.contains { $0.stdin.contains("canary-online-pass") })
        }
    }

    @Test("requests are paced, and a 429 is retried with backoff", .enabled(if: Tools.pythonCryptography, "python3 with cryptography is needed for the stand-in controller"))
    func pacingAndRetries() throws {
        try withTemporaryDirectory { directory in
            let controller = try FakeController(in: directory, throttled: [1, 2, 4])
            for index in 0..<3 { try directory.appendingPathComponent("k8s/s\(index).yaml").write(try Self.sealedWithOldKey("s\(index)")) }
            let started = Date()
            let result = try Sealctl.run(["validate", "--online", "--rate", "10", directory.appendingPathComponent("k8s").path], environment: controller.environment)
            let elapsed = Date().timeIntervalSince(started)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            // Calls 1, 2 and 4 were answered 429: six calls for three documents.
            #expect(try controller.calls().count == 6)
            // Pacing at 10/s (0.1 s apart) plus backoffs of 0.1 s, 0.2 s and 0.1 s.
            #expect(elapsed >= 0.9, "\(elapsed)")

            let stubborn = try FakeController(in: directory.appendingPathComponent("stubborn"), throttled: Array(1...10))
            let givesUp = try Sealctl.run(["validate", "--online", "--rate", "100", directory.appendingPathComponent("k8s/s0.yaml").path], environment: stubborn.environment)
            #expect(givesUp.status == 1)
            #expect(givesUp.stdout.contains("the controller kept answering 429 (rate limited) after 5 attempts"))
        }
    }

    @Test("reseal --online rewrites only what the controller re-sealed, restoring apiVersion and kind", .enabled(if: Tools.pythonCryptography, "python3 with cryptography is needed for the stand-in controller"))
    func resealOnline() throws {
        try withTemporaryDirectory { directory in
            let controller = try FakeController(in: directory)
            let mixed = directory.appendingPathComponent("k8s/app.yaml")
            let other = "---\n# keep\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n"
            let foreign = try TestFixtures.vectorText("sealedsecrets/db-creds.strict.sealedsecret.yaml")
            let original = try Self.sealedWithOldKey("db", values: ["password": "p", "user": "u"]) + other + foreign
            try mixed.write(original)
            let result = try Sealctl.run(["reseal", "--online", "--in-place", "--rate", "50", directory.appendingPathComponent("k8s").path], environment: controller.environment)
            #expect(result.status == 1)  // one document could not be re-sealed
            #expect(result.stderr.contains("re-sealed 2 values in 1 SealedSecret of 1 file"))
            #expect(result.stderr.contains("warning: "))
            #expect(result.stderr.contains("document 3: the controller could not re-seal it"))
            let text = try mixed.read()
            #expect(text.hasSuffix(other + foreign))
            let documents = try ManifestStream(text: text).documents
            let resealed = try SealedSecret(document: documents[0])
            #expect(resealed.apiVersion == SealedSecret.apiVersion && resealed.kind == "SealedSecret")
            #expect(resealed.metadata.creationTimestamp == nil && resealed.metadata.generation == nil)
            let opened = try Unsealer(keyring: Keyring(contentsOf: TestFixtures.vectorURL("key/tls.key"))).unseal(resealed)
            #expect(opened.data["password"] == Data("p".utf8))
            #expect(throws: SealingError.self) { try Unsealer(keyring: Keyring(contentsOf: TestFixtures.vectorURL("key-renewed/tls.key"))).unseal(resealed) }
            #expect(try controller.calls().allSatisfy { $0.argv[2].hasSuffix("/proxy/v1/rotate") })

            // A failing write leaves the file as it was: --online without --in-place prints instead.
            let printed = try Sealctl.run(["reseal", "--online", "--rate", "50", mixed.path], environment: controller.environment)
            #expect(printed.stdout.hasSuffix(other + foreign))
            let refused = try Sealctl.run(["reseal", "--online", "--cert", VectorKey.certificate, mixed.path], environment: controller.environment)
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("--online uses the controller's keys"))
        }
    }

    @Test("reseal --online writes the controller's key fingerprint where one was recorded (fetching its certificate once), and adds none elsewhere",
          .enabled(if: Tools.pythonCryptography, "python3 with cryptography is needed for the stand-in controller"))
    func resealOnlineFingerprint() throws {
        try withTemporaryDirectory { directory in
            let controller = try FakeController(in: directory)
            let oldCertificate = try Certificate(pemRepresentation: TestFixtures.vectorText("key-renewed/tls.crt"))
            let newCertificate = try Certificate(pemRepresentation: TestFixtures.vectorText("key/tls.crt"))
            let sealer = try Sealer(certificate: oldCertificate)
            let recorded = try ["a", "b"].map { try sealer.seal(Secret(name: $0, namespace: "prod", stringData: ["k": "v"]), options: .init(recordsKeyFingerprint: true)).formatted(as: .yaml) }
            let file = directory.appendingPathComponent("k8s/app.yaml"), plain = directory.appendingPathComponent("k8s/kubeseal.yaml")
            try file.write(recorded.joined(separator: "---\n"))
            try plain.write(try Self.sealedWithOldKey("c"))
            let result = try Sealctl.run(["reseal", "--online", "--in-place", "--rate", "50", directory.appendingPathComponent("k8s").path], environment: controller.environment)
            #expect(result.status == 0, "\(result.stderr)")
            for document in try ManifestStream(text: file.read()).documents {
                #expect(try SealedSecret(document: document).recordedKeyFingerprint == newCertificate.keyFingerprint)
            }
            #expect(try SealedSecret(document: ManifestStream(text: plain.read()).documents[0]).recordedKeyFingerprint == nil)
            #expect(try controller.state.appendingPathComponent("fetches.log").read().split(separator: "\n").count == 1)
            #expect(try Sealctl.run(["validate", "--cert", VectorKey.certificate, file.path]).status == 0)
            #expect(try Sealctl.run(["validate", "--cert", TestFixtures.vectorURL("key-renewed/tls.crt").path, file.path]).status == 1)
        }
    }
}
