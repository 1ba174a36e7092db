import Foundation
import Testing
import TestSupport
@testable import SealKit

/// Backups of the controller's keys: sealed for a custody certificate, read back plain or sealed,
/// and proved against SealedSecrets before they are needed.
@Suite("Key custody: backups that open, and prove what they open")
struct KeyCustodyTests {
    static let custody = try! KeyPair.generate(bitCount: 2048, commonName: "custody")
    static let otherCluster = try! KeyPair.generate(bitCount: 2048, commonName: "other")

    /// The upstream controller's two keys, as `kubectl get secret -l ... -o yaml` printed them.
    func upstreamBackup() throws -> KeyBackup {
        try KeyBackup(contentsOf: TestFixtures.vectorBytes("keys-both.list.yaml"), source: "keys-both.list.yaml")
    }

    @Test("the controller's List of key Secrets reads as a backup: oldest first, the renewed key seals")
    func plainListReads() throws {
        let backup = try upstreamBackup()
        #expect(backup.keys.count == 2)
        #expect(backup.keys.map(\.status) == ["active", "active"])
        #expect(backup.sealingKey?.certificate == (try Fixtures.renewedCertificate))
        #expect(backup.keys.first?.certificate == (try Fixtures.certificate))
        #expect(backup.summary().components(separatedBy: "seals now").count == 2)
        // Written plain, it is a v1 List that the key parser and kubectl read, without server fields.
        let plain = try backup.plainText()
        #expect(plain.contains("kind: List") && plain.contains("sealedsecrets.bitnami.com/sealed-secrets-key: active"))
        #expect(!plain.contains("resourceVersion") && !plain.contains("uid:") && !plain.contains("creationTimestamp: \"2"))
        #expect(try KeyBackup(contentsOf: Array(plain.utf8), source: "plain").keys.map(\.certificate) == backup.keys.map(\.certificate))
    }

    @Test("sealed for the custody certificate, the backup holds no key material and opens with the custody key only")
    func sealedRoundTrip() throws {
        let backup = try upstreamBackup()
        let sealed = try backup.sealedText(for: Self.custody.certificate)
        let keyPEM = try TestFixtures.vectorText("key/tls.key")
        let keyLine = keyPEM.split(separator: "\n")[1]
        #expect(!sealed.contains("PRIVATE KEY") && !sealed.contains(keyLine) && !sealed.contains(Data(keyPEM.utf8).base64EncodedString().prefix(40)))
        #expect(sealed.components(separatedBy: "kind: SealedSecret").count == 3)

        let opened = try KeyBackup(contentsOf: Array(sealed.utf8), source: "backup", custody: Keyring(keys: [Self.custody.privateKey]))
        #expect(opened.keys.map(\.certificate) == backup.keys.map(\.certificate))
        #expect(opened.keys.map(\.secret.data) == backup.keys.map(\.secret.data))
        #expect(opened.keys.map(\.status) == ["active", "active"])

        #expect(throws: KeyCustodyError.sealedBackupNeedsKey(file: "backup")) { try KeyBackup(contentsOf: Array(sealed.utf8), source: "backup") }
        #expect(throws: SealingError.self) {
            try KeyBackup(contentsOf: Array(sealed.utf8), source: "backup", custody: Keyring(keys: [Self.otherCluster.privateKey]))
        }
        // Unsealed as kubeseal's recovery unseal does, each is a key Secret kubectl can apply:
        // labelled, typed, in its namespace, without an owner reference to garbage-collect it.
        let stream = try ManifestStream(text: sealed)
        let secret = try Unsealer(keyring: Keyring(keys: [Self.custody.privateKey])).unseal(SealedSecret(document: stream.documents[0]))
        #expect(secret.metadata.ownerReferences.isEmpty)
        #expect(secret.type == "kubernetes.io/tls")
        #expect(secret.metadata.labels[ControllerKeys.label] == "active")
        #expect(secret.metadata.namespace == backup.keys[0].secret.metadata.namespace)
    }

    /// A SealedSecret of `values` keys sealed for `certificate`, as a file's text.
    func sealedFile(_ name: String, for certificate: Certificate, values: Int = 2, recordingKey: Bool = false) throws -> String {
        let secret = Secret(name: name, namespace: "prod", stringData: Dictionary(uniqueKeysWithValues: (0..<values).map { ("k\($0)", "canary-\(name)-\($0)") }))
        return try Sealer(certificate: certificate).seal(secret, options: .init(recordsKeyFingerprint: recordingKey)).formatted(as: .yaml)
    }

    @Test("verify counts the values each key opens and names what no key opens, with the reason")
    func verification() throws {
        try withTemporaryDirectory { directory in
            let tree = directory.appendingPathComponent("k8s/prod")
            try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
            try tree.appendingPathComponent("old.yaml").write(try sealedFile("old", for: Fixtures.certificate, values: 3))
            try tree.appendingPathComponent("new.yaml").write(try sealedFile("new", for: Fixtures.renewedCertificate, values: 2, recordingKey: true))
            try tree.appendingPathComponent("config.yaml").write("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n")

            let complete = try BackupVerification(backup: upstreamBackup()).run(paths: [directory.appendingPathComponent("k8s").path])
            #expect(complete.succeeded, "\(complete.text)")
            #expect(complete.keys.map(\.values) == [3, 2])
            #expect(complete.values == 5 && complete.sealedSecrets == 2 && complete.files == 3)
            #expect(complete.text.contains("the backup opens every value: 5 values of 2 SealedSecrets in 3 files"))

            // A value sealed for another cluster, and a backup taken before the key renewal.
            try tree.appendingPathComponent("foreign.yaml").write(try sealedFile("foreign", for: Self.otherCluster.certificate))
            let backup = try upstreamBackup()
            let stale = BackupVerification(backup: KeyBackup(keys: [backup.keys[0]]))
            let report = try stale.run(paths: [directory.appendingPathComponent("k8s").path])
            #expect(!report.succeeded)
            let unopened = report.unopened.map { URL(fileURLWithPath: $0.file).lastPathComponent }.sorted()
            #expect(unopened == ["foreign.yaml", "new.yaml"], "\(report.text)")
            let newReason = report.unopened.first { $0.file.hasSuffix("new.yaml") }?.reason ?? ""
            #expect(newReason.contains("it was sealed for key \(try Fixtures.renewedCertificate.keyFingerprint), which is not among the 1 key given"), "\(newReason)")
            let foreignReason = report.unopened.first { $0.file.hasSuffix("foreign.yaml") }?.reason ?? ""
            #expect(foreignReason.contains("sealed for a 2048-bit key, but the keys given are 4096-bit"), "\(foreignReason)")
            #expect(report.keys.map(\.values) == [3])
            let json = try report.json()
            #expect(!report.text.contains("canary") && !json.contains("canary"))
        }
    }
}
