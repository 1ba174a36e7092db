import Foundation
import Testing
import TestSupport
@testable import SealKit

/// Finding the controller wherever it runs, and kubectl's connection flags, against a stand-in
/// `kubectl` that answers `get --raw` from a description of a cluster with real kubectl's errors.
@Suite("the controller is found, and kubectl's flags pass through", .enabled(if: Tools.python3, "python3 is needed for the stand-in kubectl"))
struct DiscoveryTests {
    struct Cluster {
        let environment: [String: String?]
        let log: URL

        /// The argument lists kubectl received.
        func calls() throws -> [[String]] {
            guard FileManager.default.fileExists(atPath: log.path) else { return [] }
            return try log.read().split(separator: "\n").map { line in
                try JSONParser().parseStream(Array(line.utf8))[0].sequence?.compactMap { $0.scalar?.value } ?? []
            }
        }
    }

    /// A cluster with `services` (namespace, name, labelled?) whose controller serves the vector
    /// certificate.
    func cluster(in directory: URL, services: [(String, String, Bool)], forbidden: [String] = []) throws -> Cluster {
        let description = directory.appendingPathComponent("cluster.json")
        let items = services.map { namespace, name, labelled in
            "{\"namespace\": \"\(namespace)\", \"name\": \"\(name)\", \"labels\": {\(labelled ? "\"app.kubernetes.io/name\": \"sealed-secrets\"" : "")}}"
        }
        var pem: [UInt8] = []
        JSONWriter.appendQuoted(try TestFixtures.vectorText("key/tls.crt"), to: &pem)
        let forbiddenList = forbidden.map { "\"\($0)\"" }.joined(separator: ", ")
        try description.write("{\"services\": [\(items.joined(separator: ", "))], \"certificate\": \(String(decoding: pem, as: UTF8.self)), \"forbidden\": [\(forbiddenList)]}")
        let script = TestFixtures.projectRoot.appendingPathComponent("Tests/sealctlTests/Fixtures/fake_cluster_kubectl.py")
        return Cluster(environment: ["SEALCTL_KUBECTL": script.path, "FAKE_CLUSTER": description.path], log: URL(fileURLWithPath: description.path + ".log"))
    }

    @Test("the Helm chart's sealed-secrets Service in its own namespace is found by cert with no flags, and said so")
    func helmStyleService() throws {
        try withTemporaryDirectory { directory in
            let cluster = try cluster(in: directory, services: [("sealed-secrets", "sealed-secrets", true)])
            let result = try Sealctl.run(["cert", "--fetch"], environment: cluster.environment)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == (try TestFixtures.vectorText("key/tls.crt")))
            #expect(result.stderr == "note: using the controller sealed-secrets/sealed-secrets; pass --controller-name/--controller-namespace to choose\n")
            #expect(try cluster.calls().last?.last == "/api/v1/namespaces/sealed-secrets/services/http:sealed-secrets:/proxy/v1/cert.pem")
            // Sealing finds it the same way, and remembers nothing: a named controller is not searched for.
            let sealed = try Sealctl.run(["seal", "--context", "prod", "--name", "db", "-n", "prod", "--from-literal", "a=b"], environment: cluster.environment)
            #expect(sealed.status == 0 && sealed.stderr.contains("using the controller sealed-secrets/sealed-secrets"), "\(sealed.stderr)")
            #expect(sealed.stdout.contains("kind: SealedSecret"))
            let named = try Sealctl.run(["cert", "--fetch", "--controller-name", "sealed-secrets-controller"], environment: cluster.environment)
            #expect(named.status == 1 && named.stderr.contains("the service kube-system/sealed-secrets-controller was not found"), "\(named.stderr)")
        }
    }

    @Test("without list rights, the Service is found by its name")
    func foundByName() throws {
        try withTemporaryDirectory { directory in
            let cluster = try cluster(in: directory, services: [("sealed-secrets", "sealed-secrets-controller", false)], forbidden: ["/api/v1/services"])
            let result = try Sealctl.run(["cert", "--fetch"], environment: cluster.environment)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("using the controller sealed-secrets/sealed-secrets-controller"))
        }
    }

    @Test("two controllers are listed, not guessed; none says what was searched")
    func severalOrNone() throws {
        try withTemporaryDirectory { directory in
            let two = try cluster(in: directory, services: [("team-a", "sealed-secrets", true), ("team-b", "sealed-secrets", true)])
            let result = try Sealctl.run(["cert", "--fetch"], environment: two.environment)
            #expect(result.status == 1 && result.isOneErrorLine)
            #expect(result.stderr.contains("found 2 sealed-secrets controllers (team-a/sealed-secrets, team-b/sealed-secrets); choose one: pass --controller-name and --controller-namespace"), "\(result.stderr)")
        }
        try withTemporaryDirectory { directory in
            let none = try cluster(in: directory, services: [("default", "web", false)])
            let result = try Sealctl.run(["cert", "--fetch"], environment: none.environment)
            #expect(result.status == 1 && result.isOneErrorLine)
            #expect(result.stderr.contains("cannot find the sealed-secrets controller: searched the service kube-system/sealed-secrets-controller, Services labelled app.kubernetes.io/name=sealed-secrets"), "\(result.stderr)")
        }
    }

    @Test("kubectl's connection flags and their SEALED_SECRETS_* variables reach kubectl unchanged; a token never reaches an error")
    func connectionFlags() throws {
        try withTemporaryDirectory { directory in
            let cluster = try cluster(in: directory, services: [("kube-system", "sealed-secrets-controller", true)])
            let token = "canary-token-5f1e2d3c4b"
            let result = try Sealctl.run(["cert", "--fetch", "--server", "https://api.example:6443", "--token", token, "--certificate-authority", "/tmp/ca.crt",
                                          "--as", "deployer", "--as-group", "ops", "--as-group", "dev", "--insecure-skip-tls-verify", "--request-timeout", "5s"],
                                         environment: cluster.environment.merging(["SEALED_SECRETS_TLS_SERVER_NAME": "api.internal"]) { $1 })
            #expect(result.status == 0, "\(result.stderr)")
            let flags = try #require(cluster.calls().first).filter { $0.hasPrefix("--") }
            #expect(flags == ["--server=https://api.example:6443", "--token=\(token)", "--certificate-authority=/tmp/ca.crt", "--tls-server-name=api.internal",
                              "--as=deployer", "--request-timeout=5s", "--as-group=ops", "--as-group=dev", "--insecure-skip-tls-verify=true", "--raw"])

            let refusing = try self.cluster(in: directory.appendingPathComponent("forbidden", isDirectory: true).creatingDirectory(),
                                            services: [], forbidden: ["/api/v1/namespaces/kube-system/services/http:sealed-secrets-controller"])
            let failed = try Sealctl.run(["cert", "--fetch", "--controller-name", "sealed-secrets-controller", "--token", token], environment: refusing.environment)
            #expect(failed.status == 1)
            #expect(failed.stderr.contains("--token=<redacted>") && !failed.stderr.contains(token), "\(failed.stderr)")
        }
    }
}

/// `sealctl doctor` against the stand-in cluster: each failure mode gets its own diagnosis.
@Suite("sealctl doctor", .enabled(if: Tools.python3, "python3 is needed for the stand-in kubectl"))
struct DoctorTests {
    /// A cluster from `services` (JSON objects) and `extra` top-level fields.
    func run(_ services: [String], extra: String = "", arguments: [String] = [], in directory: URL) throws -> Sealctl.Result {
        var pem: [UInt8] = []
        JSONWriter.appendQuoted(try TestFixtures.vectorText("key/tls.crt"), to: &pem)
        let description = directory.appendingPathComponent("cluster.json")
        try description.write("{\"services\": [\(services.joined(separator: ", "))], \"certificate\": \(String(decoding: pem, as: UTF8.self))\(extra)}")
        let script = TestFixtures.projectRoot.appendingPathComponent("Tests/sealctlTests/Fixtures/fake_cluster_kubectl.py")
        return try Sealctl.run(["doctor"] + arguments, environment: ["SEALCTL_KUBECTL": script.path, "FAKE_CLUSTER": description.path], directory: directory)
    }

    static let healthy = #"{"namespace": "kube-system", "name": "sealed-secrets-controller", "labels": {"app.kubernetes.io/name": "sealed-secrets"}}"#

    @Test("every link holds: exit 0, one line per check")
    func healthy() throws {
        try withTemporaryDirectory { directory in
            let result = try run([Self.healthy], in: directory)
            #expect(result.status == 0, "\(result.stdout)")
            for name in ["kubectl", "API server: reachable, Kubernetes v1.30.2", "controller Service: kube-system/sealed-secrets-controller (at the default place)",
                         "controller endpoints: 1 ready", "certificate: fetched through the service proxy", "certificate validity"] {
                #expect(result.stdout.contains(name), "\(name): \(result.stdout)")
            }
            let json = try run([Self.healthy], arguments: ["--format", "json"], in: directory)
            let report = try JSONParser().parseStream(Array(json.stdout.utf8))[0]
            #expect(report["healthy"]?.scalar?.value == "true" && report["checks"]?.sequence?.count == 6)
        }
    }

    @Test("each failure mode gives its own diagnosis and stops there")
    func failures() throws {
        try withTemporaryDirectory { directory in
            let unreachable = try run([Self.healthy], extra: #", "unreachable": true"#, in: directory)
            #expect(unreachable.status == 1 && unreachable.stdout.contains("FAIL  API server: Unable to connect to the server: dial tcp 10.0.0.1:443: i/o timeout"), "\(unreachable.stdout)")
            #expect(!unreachable.stdout.contains("controller Service"), "it stops at the first broken link")

            let noPods = try run([Self.healthy.replacingOccurrences(of: "}}", with: #"}, "ready": 0}"#)], in: directory)
            #expect(noPods.status == 1 && noPods.stdout.contains("FAIL  controller endpoints: the Service has no ready endpoints: the controller pod is not running"), "\(noPods.stdout)")

            let forbidden = try run([Self.healthy.replacingOccurrences(of: "}}", with: #"}, "proxy": "Forbidden"}"#)], in: directory)
            #expect(forbidden.status == 1 && forbidden.stdout.contains("FAIL  certificate: RBAC: Error from server (Forbidden)"), "\(forbidden.stdout)")
            #expect(forbidden.stdout.contains("resources: [services/proxy]") && forbidden.stdout.contains("kind: Role"), "the Role that grants it")

            let firewalled = try run([Self.healthy.replacingOccurrences(of: "}}", with: #"}, "proxy": "ServiceUnavailable"}"#)], in: directory)
            #expect(firewalled.status == 1 && firewalled.stdout.contains("FAIL  certificate: the API server cannot reach the controller"), "\(firewalled.stdout)")
            #expect(firewalled.stdout.contains("firewall") && firewalled.stdout.contains("--cert"))

            // A hang ends within the request timeout (and kubectl's grace), as a diagnosis.
            let started = Date()
            let hanging = try run([Self.healthy.replacingOccurrences(of: "}}", with: #"}, "proxy": "hang"}"#)], arguments: ["--request-timeout", "1s"], in: directory)
            #expect(Date().timeIntervalSince(started) < 30, "no hang")
            #expect(hanging.status == 1 && hanging.stdout.contains("FAIL  certificate: the API server cannot reach the controller: kubectl did not answer within 6 s"), "\(hanging.stdout)")

            let missing = try run([], in: directory)
            #expect(missing.status == 1 && missing.stdout.contains("FAIL  controller Service: cannot find the sealed-secrets controller"), "\(missing.stdout)")
        }
    }

    @Test("a cluster key that is none of the project's committed certificates is an error")
    func pinnedMismatch() throws {
        try withTemporaryDirectory { directory in
            try FileManager.default.createDirectory(at: directory.appendingPathComponent("overlays/prod"), withIntermediateDirectories: true)
            try directory.appendingPathComponent("overlays/prod/kustomization.yaml").write("resources: []\n")
            try FileManager.default.copyItem(at: TestFixtures.vectorURL("key-renewed/tls.crt"), to: directory.appendingPathComponent("prod.crt"))
            try directory.appendingPathComponent("sealctl.yaml").write("secretName: app\nenvironments:\n  production:\n    overlay: overlays/prod\n    certificate: prod.crt\n    keys:\n      PASSWORD: {generate: {length: 32}}\n")
            let result = try run([Self.healthy], in: directory)
            #expect(result.status == 1 && result.stdout.contains("FAIL  pinned certificates: the cluster's key"), "\(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("somebody rotated the key, or this is another cluster"))
        }
    }

    @Test("with clusters named by context, each cluster's live key is compared with its own committed certificate, the wrong context caught")
    func pinnedPerCluster() throws {
        try withTemporaryDirectory { directory in
            for overlay in ["eu", "us"] {
                try FileManager.default.createDirectory(at: directory.appendingPathComponent("overlays/\(overlay)"), withIntermediateDirectories: true)
                try directory.appendingPathComponent("overlays/\(overlay)/kustomization.yaml").write("resources: []\n")
            }
            try FileManager.default.copyItem(at: TestFixtures.vectorURL("key/tls.crt"), to: directory.appendingPathComponent("eu.crt"))
            try FileManager.default.copyItem(at: TestFixtures.vectorURL("key-renewed/tls.crt"), to: directory.appendingPathComponent("us.crt"))
            try directory.appendingPathComponent("sealctl.yaml").write("""
                secretName: app
                environments:
                  production:
                    clusters:
                      eu: {overlay: overlays/eu, certificate: eu.crt, context: prod-eu}
                      us: {overlay: overlays/us, certificate: us.crt, context: prod-us}
                    keys:
                      PASSWORD: {generate: {length: 32}}

                """)
            func quoted(_ vector: String) throws -> String {
                var pem: [UInt8] = []
                JSONWriter.appendQuoted(try TestFixtures.vectorText(vector), to: &pem)
                return String(decoding: pem, as: UTF8.self)
            }
            let eu = try Certificate(pemRepresentation: TestFixtures.vectorText("key/tls.crt")), us = try Certificate(pemRepresentation: TestFixtures.vectorText("key-renewed/tls.crt"))

            // The current context is eu's and serves eu's key; us is reached by its own context.
            let right = try run([Self.healthy], extra: #", "context": "prod-eu", "contexts": {"prod-us": {"certificate": \#(try quoted("key-renewed/tls.crt"))}}"#, in: directory)
            #expect(right.status == 0, "\(right.stdout)")
            #expect(right.stdout.contains("pinned certificates: context prod-eu serves production/eu's certificate"), "\(right.stdout)")
            #expect(right.stdout.contains("production/us (context prod-us): serves the committed certificate \(us.keyFingerprint)"), "\(right.stdout)")

            // us's controller serves eu's key: its committed certificate is stale.
            let stale = try run([Self.healthy], extra: #", "context": "prod-eu", "contexts": {"prod-us": {"certificate": \#(try quoted("key/tls.crt"))}}"#, in: directory)
            #expect(stale.status == 1, "\(stale.stdout)")
            #expect(stale.stdout.contains("FAIL  production/us (context prod-us): serves key \(eu.keyFingerprint), but the committed certificate is \(us.keyFingerprint)"), "\(stale.stdout)")

            // The current context is us's, but the controller there serves eu's key: the wrong-context mistake.
            let swapped = try run([Self.healthy], extra: #", "context": "prod-us", "contexts": {"prod-eu": {"certificate": \#(try quoted("key/tls.crt"))}}"#, in: directory)
            #expect(swapped.status == 1, "\(swapped.stdout)")
            #expect(swapped.stdout.contains("FAIL  pinned certificates: context prod-us serves key \(eu.keyFingerprint), the certificate of production/eu, but production/us committed \(us.keyFingerprint)"), "\(swapped.stdout)")

            // A cluster that cannot be reached is a warning, not a failure of this context's path.
            let unreached = try run([Self.healthy], extra: #", "context": "prod-eu", "contexts": {"prod-us": {"services": []}}"#, in: directory)
            #expect(unreached.status == 0, "\(unreached.stdout)")
            #expect(unreached.stdout.contains("production/us (context prod-us): not reached: cannot find the sealed-secrets controller"), "\(unreached.stdout)")
            let calls = try directory.appendingPathComponent("cluster.json.log").read()
            #expect(calls.contains(#""--context", "prod-us""#))
        }
    }
}

/// `sealctl status` against the stand-in cluster.
@Suite("sealctl status", .enabled(if: Tools.python3, "python3 is needed for the stand-in kubectl"))
struct StatusTests {
    @Test("a SealedSecret whose condition is Synced=False is listed first with its message; --against compares with the repository")
    func status() throws {
        try withTemporaryDirectory { directory in
            let deployed = try CheckCommandTests.sealed("cache", "prod")
            let cacheData = try SealedSecretFile(bytes: Array(deployed.utf8), path: "cache.yaml").select().sealed.spec.encryptedData
            var data: [UInt8] = []
            JSONWriter.appendQuoted(cacheData["password"] ?? "", to: &data)
            let sealedSecrets = """
                [{"namespace": "prod", "name": "cache", "encryptedData": {"password": \(String(decoding: data, as: UTF8.self))}, "conditions": [{"type": "Synced", "status": "True"}]},
                 {"namespace": "prod", "name": "db", "encryptedData": {"password": "AgBx"}, "conditions": [{"type": "Synced", "status": "False", "message": "no key could decrypt secret (password)"}]},
                 {"namespace": "prod", "name": "old", "encryptedData": {}}]
                """
            let description = directory.appendingPathComponent("cluster.json")
            try description.write("{\"services\": [], \"certificate\": \"\", \"sealedsecrets\": \(sealedSecrets)}")
            let script = TestFixtures.projectRoot.appendingPathComponent("Tests/sealctlTests/Fixtures/fake_cluster_kubectl.py")
            let environment: [String: String?] = ["SEALCTL_KUBECTL": script.path, "FAKE_CLUSTER": description.path]
            try directory.appendingPathComponent("k8s/cache.yaml").write(deployed)
            try directory.appendingPathComponent("k8s/db.yaml").write(try CheckCommandTests.sealed("db", "prod"))
            try directory.appendingPathComponent("k8s/new.yaml").write(try CheckCommandTests.sealed("new", "prod"))

            let result = try Sealctl.run(["status", "-n", "prod", "--against", "k8s"], environment: environment, directory: directory)
            #expect(result.status == 1, "a failure: \(result.stdout)\(result.stderr)")
            let lines = result.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first == "FAILED prod/db: no key could decrypt secret (password)", "\(lines)")
            #expect(lines.contains("synced prod/cache") && lines.contains("pending prod/old"), "\(lines)")
            #expect(lines.contains("missing in the cluster: prod/new (k8s/new.yaml)"))
            #expect(lines.contains("not deployed yet (other ciphertext in the cluster): prod/db (k8s/db.yaml)"))
            #expect(lines.contains("in the cluster, not in the repository: prod/old"))
            #expect(!lines.contains { $0.contains("prod/cache (") }, "the deployed one matches")
        }
    }
}

extension URL {
    /// This folder, made first.
    func creatingDirectory() throws -> URL {
        try FileManager.default.createDirectory(at: self, withIntermediateDirectories: true)
        return self
    }
}
