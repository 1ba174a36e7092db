import Foundation
import Testing
import TestSupport
@testable import SealKit

/// `sealctl keys backup` and `keys verify` against a stand-in kubectl that holds the
/// controller's namespace as the API server stores it: labelled key Secrets with server fields,
/// the legacy one, a compromised one, and RBAC refusals in real kubectl's words.
@Suite("keys backup and verify: the controller's keys in custody", .enabled(if: Tools.python3, "python3 is needed for the stand-in kubectl"))
struct KeyCustodyCommandTests {
    static let custody = try! KeyPair.generate(bitCount: 2048, commonName: "custody")
    static let legacy = try! KeyPair.generate(bitCount: 2048, commonName: "legacy")
    static let compromised = try! KeyPair.generate(bitCount: 2048, commonName: "compromised")

    struct Cluster {
        let directory: URL
        let environment: [String: String?]
        var log: String { (try? directory.appendingPathComponent("cluster.json.log").read()) ?? "" }
    }

    /// A key Secret as the API server returns it, with the fields a backup must drop.
    func stored(_ name: String, namespace: String, label: String?, certificate: String, key: String) -> String {
        let labels = label.map { "{\"\(ControllerKeys.label)\": \"\($0)\"}" } ?? "{}"
        return """
        {"metadata": {"name": "\(name)", "namespace": "\(namespace)", "labels": \(labels), "uid": "6f1c2d3e-0000-4000-8000-\(String(name.count, radix: 16))", \
        "resourceVersion": "1234", "creationTimestamp": "2026-11-01T10:00:00Z", "managedFields": [{"manager": "controller", "operation": "Update"}]}, \
        "type": "kubernetes.io/tls", "data": {"tls.crt": "\(Data(certificate.utf8).base64EncodedString())", "tls.key": "\(Data(key.utf8).base64EncodedString())"}}
        """
    }

    /// The controller in `namespace` (its Service named `service`), serving `sealing` as its
    /// certificate, with the upstream vector's two active keys, a legacy key and a compromised one.
    func cluster(in directory: URL, namespace: String = "sealed-secrets", service: String = "sealed-secrets", sealing: Certificate? = nil,
                 forbiddenSecrets: Bool = false) throws -> Cluster {
        let old = try TestFixtures.vectorText("key/tls.crt"), renewed = try TestFixtures.vectorText("key-renewed/tls.crt")
        let secrets = [
            stored("sealed-secrets-keyabcde", namespace: namespace, label: "active", certificate: old, key: try TestFixtures.vectorText("key/tls.key")),
            stored("sealed-secrets-keyfghij", namespace: namespace, label: "active", certificate: renewed, key: try TestFixtures.vectorText("key-renewed/tls.key")),
            stored(ControllerKeys.legacyName, namespace: namespace, label: nil, certificate: Self.legacy.certificate.pemRepresentation, key: (try Self.legacy.privateKey.pkcs1PEMRepresentation())),
            stored("sealed-secrets-keyklmno", namespace: namespace, label: "compromised", certificate: Self.compromised.certificate.pemRepresentation,
                   key: (try Self.compromised.privateKey.pkcs1PEMRepresentation())),
        ]
        var pem: [UInt8] = []
        JSONWriter.appendQuoted(sealing?.pemRepresentation ?? renewed, to: &pem)
        let forbidden = forbiddenSecrets ? "\"/api/v1/namespaces/\(namespace)/secrets\"" : ""
        try directory.appendingPathComponent("cluster.json").write("""
            {"services": [{"namespace": "\(namespace)", "name": "\(service)", "labels": {"app.kubernetes.io/name": "sealed-secrets"}}],
             "certificate": \(String(decoding: pem, as: UTF8.self)), "secrets": [\(secrets.joined(separator: ", "))], "forbidden-secrets": [\(forbidden)]}
            """)
        let script = TestFixtures.projectRoot.appendingPathComponent("Tests/sealctlTests/Fixtures/fake_cluster_kubectl.py")
        let scratch = directory.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        return Cluster(directory: directory, environment: ["SEALCTL_KUBECTL": script.path, "FAKE_CLUSTER": directory.appendingPathComponent("cluster.json").path, "TMPDIR": scratch.path])
    }

    /// Every private key's PEM body lines, to search outputs for.
    func keyCanaries() throws -> [String] {
        let pems = [try TestFixtures.vectorText("key/tls.key"), try TestFixtures.vectorText("key-renewed/tls.key"), (try Self.legacy.privateKey.pkcs1PEMRepresentation())]
        return pems.flatMap { pem in [String(pem.split(separator: "\n")[2]), String(Data(pem.utf8).base64EncodedString().prefix(48))] }
    }

    @Test("backup finds the Helm chart's controller, seals every loaded key for the custody certificate, and opens with the custody key only")
    func sealedBackup() throws {
        try withTemporaryDirectory { directory in
            let cluster = try cluster(in: directory)
            try Self.custody.write(to: directory.appendingPathComponent("custody"))
            let backup = directory.appendingPathComponent("backup.yaml")
            let result = try Sealctl.run(["keys", "backup", "--to", "custody/tls.crt", "-w", backup.path], environment: cluster.environment, directory: directory)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("note: using the controller sealed-secrets/sealed-secrets"))
            let summary = result.stderr.split(separator: "\n").filter { $0.contains(": key ") }
            #expect(summary.count == 3, "\(result.stderr)")
            #expect(summary.contains { $0.hasPrefix("sealed-secrets-key: ") && $0.hasSuffix("legacy, seals now") }, "\(result.stderr)")
            #expect(!result.stderr.contains("compromised"))
            let text = try backup.read()
            #expect(text.components(separatedBy: "kind: SealedSecret").count == 4)
            for canary in try keyCanaries() {
                #expect(!text.contains(canary) && !result.stderr.contains(canary) && !result.stdout.contains(canary) && !cluster.log.contains(canary))
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("tmp").path).isEmpty)

            // sealctl unseal gives the key Secrets back, as kubectl apply takes them.
            let opened = try Sealctl.run(["unseal", "--key", "custody/tls.key", "-f", backup.path], environment: cluster.environment, directory: directory)
            #expect(opened.status == 0, "\(opened.stderr)")
            let keys = try KeyBackup(contentsOf: Array(opened.stdout.utf8), source: "opened")
            #expect(Set(keys.keys.map(\.status)) == ["active", "legacy"] && keys.keys.count == 3)
            #expect(!opened.stdout.contains("ownerReferences") && !opened.stdout.contains("resourceVersion") && !opened.stdout.contains("managedFields"))
            #expect(opened.stdout.contains("namespace: sealed-secrets"))
            let wrong = try Sealctl.run(["unseal", "--key", "\(try TestFixtures.vectorURL("key/tls.key").path)", "-f", backup.path], environment: cluster.environment)
            #expect(wrong.status == 1 && wrong.stderr.contains("no key could decrypt"), "\(wrong.stderr)")
        }
    }

    @Test("the sealed backup opens with the upstream scheme in Python's cryptography too", .enabled(if: Tools.pythonCryptographyAndYAML, "python3 with cryptography and PyYAML"))
    func upstreamSchemeOpensIt() throws {
        try withTemporaryDirectory { directory in
            let cluster = try cluster(in: directory)
            try Self.custody.write(to: directory.appendingPathComponent("custody"))
            let result = try Sealctl.run(["keys", "backup", "--to", "custody/tls.crt", "-w", "backup.yaml"], environment: cluster.environment, directory: directory)
            #expect(result.status == 0, "\(result.stderr)")
            let script = """
            import base64, sys, yaml
            from cryptography.hazmat.primitives import hashes, serialization
            from cryptography.hazmat.primitives.asymmetric import padding
            from cryptography.hazmat.primitives.ciphers.aead import AESGCM
            key = serialization.load_pem_private_key(open("custody/tls.key", "rb").read(), None)
            for doc in yaml.safe_load_all(open("backup.yaml")):
                label = f"{doc['metadata']['namespace']}/{doc['metadata']['name']}".encode()
                data = base64.b64decode(doc["spec"]["encryptedData"]["tls.key"])
                size = int.from_bytes(data[:2], "big")
                session = key.decrypt(data[2:2 + size], padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=label))
                plain = AESGCM(session).decrypt(b"\\0" * 12, data[2 + size:], None)
                serialization.load_pem_private_key(plain, None)
                print(doc["metadata"]["name"], doc["spec"]["template"]["metadata"].get("labels", {}).get("\(ControllerKeys.label)", "none"))
            """
            let python = try ChildProcess.run("/usr/bin/env", ["python3", "-c", script], directory: directory)
            let output = String(decoding: python.stdout, as: UTF8.self)
            #expect(python.status == 0, "\(String(decoding: python.stderr, as: UTF8.self))")
            #expect(output.split(separator: "\n").sorted() == ["sealed-secrets-key none", "sealed-secrets-keyabcde active", "sealed-secrets-keyfghij active"])
        }
    }

    @Test("in kube-system with the default Service: compromised keys only when asked; a plain backup only when asked, 0600")
    func plainAndCompromised() throws {
        try withTemporaryDirectory { directory in
            let cluster = try cluster(in: directory, namespace: "kube-system", service: "sealed-secrets-controller")
            let neither = try Sealctl.run(["keys", "backup"], environment: cluster.environment, directory: directory)
            #expect(neither.status != 0 && neither.stderr.contains("give --to CUSTODY.crt, or --plain"), "\(neither.stderr)")
            let plain = try Sealctl.run(["keys", "backup", "--plain", "--include-compromised", "-w", "plain.yaml"], environment: cluster.environment, directory: directory)
            #expect(plain.status == 0 && !plain.stderr.contains("using the controller"), "\(plain.stderr)")
            let file = directory.appendingPathComponent("plain.yaml")
            #expect((try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            let keys = try KeyBackup(contentsOf: FileBytes.read(file.path), source: "plain.yaml").keys
            #expect(keys.map(\.status).sorted() == ["active", "active", "compromised", "legacy"])
            let text = try file.read()
            #expect(text.contains("kind: List") && !text.contains("uid:") && !text.contains("managedFields") && !text.contains("resourceVersion"))
            #expect(try KeyInventory(files: [file.path], orKeysOf: LocalKeyring(directory: directory)).entries.count == 4)
        }
    }

    @Test("a user who may not read Secrets there is told the permission, and nothing is written")
    func forbidden() throws {
        try withTemporaryDirectory { directory in
            let cluster = try cluster(in: directory, forbiddenSecrets: true)
            try Self.custody.write(to: directory.appendingPathComponent("custody"))
            let result = try Sealctl.run(["keys", "backup", "--to", "custody/tls.crt", "-w", "backup.yaml"], environment: cluster.environment, directory: directory)
            #expect(result.status == 1 && result.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }.count == 1, "\(result.stderr)")
            #expect(result.stderr.contains("the user needs list and get on secrets in the namespace sealed-secrets"), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("backup.yaml").path))
        }
    }

    @Test("verify: exit 0 when every value opens, 1 naming the file no key opens, and stale against a renewed controller")
    func verify() throws {
        try withTemporaryDirectory { directory in
            try Self.custody.write(to: directory.appendingPathComponent("custody"))
            let before = try cluster(in: directory)
            #expect(try Sealctl.run(["keys", "backup", "--to", "custody/tls.crt", "-w", "backup.yaml"], environment: before.environment, directory: directory).status == 0)
            let tree = directory.appendingPathComponent("k8s")
            try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
            let vectorCertificates = try ["key/tls.crt", "key-renewed/tls.crt"].map { try Certificate(pemRepresentation: TestFixtures.vectorText($0)) }
            for (name, certificate) in zip(["old", "renewed"], vectorCertificates) {
                let sealed = try Sealer(certificate: certificate).seal(Secret(name: name, namespace: "prod", stringData: ["password": "canary-\(name)"]))
                try tree.appendingPathComponent("\(name).yaml").write(try sealed.formatted(as: .yaml))
            }
            let good = try Sealctl.run(["keys", "verify", "--backup", "backup.yaml", "--key", "custody/tls.key", "k8s"], environment: before.environment, directory: directory)
            #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
            #expect(good.stdout.contains("the backup opens every value: 2 values of 2 SealedSecrets in 2 files"), "\(good.stdout)")

            // A value sealed for another cluster's key, and a controller that renewed its key since.
            let foreign = try Sealer(certificate: Self.compromised.certificate).seal(Secret(name: "foreign", namespace: "prod", stringData: ["password": "canary-f"]))
            try tree.appendingPathComponent("foreign.yaml").write(try foreign.formatted(as: .yaml))
            let renewedSince = try KeyPair.generate(bitCount: 2048, commonName: "renewed-since")
            let after = try cluster(in: directory, sealing: renewedSince.certificate)
            let bad = try Sealctl.run(["keys", "verify", "--backup", "backup.yaml", "--key", "custody/tls.key", "--compare-cluster", "--format", "json", "k8s"],
                                      environment: after.environment, directory: directory)
            #expect(bad.status == 1, "\(bad.stdout)\(bad.stderr)")
            let report = try JSONParser().parseStream(Array(bad.stdout.utf8))[0]
            #expect(report["unopened"]?.sequence?.compactMap { $0["file"]?.scalar?.value } == ["k8s/foreign.yaml"], "\(bad.stdout)")
            #expect(report["cluster"]?["missingFingerprint"]?.scalar?.value == "\(renewedSince.certificate.keyFingerprint)")
            // The key Secrets are read in the controller's namespace (sealed-secrets): none is gone.
            #expect(report["cluster"]?["goneFromCluster"]?.sequence?.isEmpty == true, "\(bad.stdout)")
            #expect(!bad.stdout.contains("canary") && !good.stdout.contains("canary"))
            let text = try Sealctl.run(["keys", "verify", "--backup", "backup.yaml", "--key", "custody/tls.key", "--compare-cluster", "k8s"], environment: after.environment, directory: directory)
            #expect(text.stdout.contains("stale: the controller renewed its key on \(renewedSince.certificate.notValidBefore.iso8601Text)"), "\(text.stdout)")
            #expect(text.stdout.contains("not opened: k8s/foreign.yaml, document 1: password:"), "\(text.stdout)")
        }
    }

    /// An empty namespace of another cluster whose controller runs under a Deployment (pod →
    /// ReplicaSet → Deployment), or under bare pods.
    func emptyCluster(in directory: URL, owned: Bool = true, renewalDays: Int = 30) throws -> Cluster {
        let folder = directory.appendingPathComponent("target")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var pem: [UInt8] = []
        JSONWriter.appendQuoted(try TestFixtures.vectorText("key/tls.crt"), to: &pem)
        let owners = owned ? "\"pods\": {\"ssc-7d9f-x2x4q\": [\"ReplicaSet\", \"ssc-7d9f\"]}, \"replicasets\": {\"ssc-7d9f\": [\"Deployment\", \"sealed-secrets-controller\"]}"
                           : "\"pods\": {\"ssc-x2x4q\": []}"
        try folder.appendingPathComponent("cluster.json").write("""
            {"services": [{"namespace": "kube-system", "name": "sealed-secrets-controller", "selector": {"name": "sealed-secrets-controller"}}],
             "certificate": \(String(decoding: pem, as: UTF8.self)), "secrets": [], "renewal-days": \(renewalDays), \(owners)}
            """)
        let script = TestFixtures.projectRoot.appendingPathComponent("Tests/sealctlTests/Fixtures/fake_cluster_kubectl.py")
        return Cluster(directory: folder, environment: ["SEALCTL_KUBECTL": script.path, "FAKE_CLUSTER": folder.appendingPathComponent("cluster.json").path,
                                                        "TMPDIR": directory.appendingPathComponent("tmp").path])
    }

    func state(_ cluster: Cluster) throws -> YAMLNode {
        try JSONParser().parseStream(Array(try cluster.directory.appendingPathComponent("cluster.json").read().utf8))[0]
    }

    @Test("restore into an empty namespace: the Secrets through stdin, the Deployment restarted, the backup's newest key seals; --dry-run writes nothing",
          .enabled(if: Tools.pythonCryptography, "python3 with cryptography, for the stand-in controller's certificates"))
    func restore() throws {
        try withTemporaryDirectory { directory in
            try Self.custody.write(to: directory.appendingPathComponent("custody"))
            let source = try cluster(in: directory)
            #expect(try Sealctl.run(["keys", "backup", "--to", "custody/tls.crt", "-w", "backup.yaml"], environment: source.environment, directory: directory).status == 0)
            let target = try emptyCluster(in: directory)
            let restoreArguments = ["keys", "restore", "--backup", "backup.yaml", "--key", "custody/tls.key"]

            let dry = try Sealctl.run(restoreArguments + ["--dry-run"], environment: target.environment, directory: directory)
            #expect(dry.status == 0, "\(dry.stderr)")
            #expect(dry.stdout.contains("would write secret kube-system/sealed-secrets-keyabcde") && dry.stdout.contains("would restart the Deployment kube-system/sealed-secrets-controller"), "\(dry.stdout)")
            #expect(try state(target)["secrets"]?.sequence?.isEmpty == true && (try state(target))["restarts"] == nil)

            let result = try Sealctl.run(restoreArguments, environment: target.environment, directory: directory)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("the controller seals with the backup's newest key \(Self.legacy.certificate.keyFingerprint)"), "\(result.stdout)")
            let stored = try state(target)
            #expect(stored["secrets"]?.sequence?.compactMap { $0["metadata"]?["namespace"]?.scalar?.value } == ["kube-system", "kube-system", "kube-system"])
            #expect(stored["restarted-by"]?.sequence?.compactMap { $0.scalar?.value } == ["rollout", "restart", "deployment/sealed-secrets-controller", "-n", "kube-system"])
            #expect(try Certificate(pemRepresentation: stored["certificate"]?.scalar?.value ?? "") == Self.legacy.certificate)
            for canary in try keyCanaries() { #expect(!target.log.contains(canary) && !result.stdout.contains(canary) && !result.stderr.contains(canary)) }
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("tmp").path).isEmpty)
        }
    }

    @Test("restored keys older than the renewal period: the controller makes a new key at start, and the report says why",
          .enabled(if: Tools.pythonCryptography, "python3 with cryptography, for the stand-in controller's new key"))
    func restoreOfStaleKeys() throws {
        try withTemporaryDirectory { directory in
            try FileManager.default.createDirectory(at: directory.appendingPathComponent("tmp"), withIntermediateDirectories: true)
            let old = try KeyBackup(contentsOf: TestFixtures.vectorBytes("keys-both.list.yaml"), source: "vector")
            try AtomicFile.write(try old.plainText(), to: directory.appendingPathComponent("old.yaml"), permissions: 0o600)
            // A controller that renews its key every day (upstream's --key-renew-period=24h).
            let target = try emptyCluster(in: directory, owned: false, renewalDays: 1)
            let result = try Sealctl.run(["keys", "restore", "--backup", "old.yaml"], environment: target.environment, directory: directory)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("did delete the pods labelled name=sealed-secrets-controller in kube-system"), "\(result.stdout)")
            #expect(result.stdout.contains("the controller made a new key at start, because the backup's newest key (from \(old.keys[1].certificate.notValidBefore.iso8601Text)) is older than its renewal period"), "\(result.stdout)")
            #expect(try state(target)["secrets"]?.sequence?.count == 3)
        }
    }
}
