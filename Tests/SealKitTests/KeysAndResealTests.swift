import Foundation
import Testing
import TestSupport
@testable import SealKit

@Suite("Key pairs, the local keyring, diagnostics and re-sealing")
struct KeysAndResealTests {
    static let smallPair = try! KeyPair.generate(bitCount: 2048)

    func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
    }

    @Test("a generated pair is written with private modes, never overwritten, and loads back as a keyring")
    func keyPairFiles() throws {
        try withTemporaryDirectory { directory in
            let folder = directory.appendingPathComponent("key")
            try Self.smallPair.write(to: folder)
            #expect(try mode(folder.appendingPathComponent("tls.key").path) == 0o600)
            #expect(try mode(folder.appendingPathComponent("sealed-secrets-key.yaml").path) == 0o600)
            #expect(try mode(folder.path) == 0o700)
            #expect(throws: CryptoError.self) { try Self.smallPair.write(to: folder) }

            let secretFile = folder.appendingPathComponent("sealed-secrets-key.yaml")
            let secret = try Secret(document: ManifestStream(bytes: Array(Data(contentsOf: secretFile))).documents[0])
            #expect(secret.type == "kubernetes.io/tls")
            #expect(secret.metadata.namespace == "kube-system")
            #expect(secret.metadata.labels == [KeyPair.controllerKeyLabel: "active"])
            let keyring = try Keyring(contentsOf: secretFile)
            let certificate = try Certificate(pemRepresentation: folder.appendingPathComponent("tls.crt").read())
            let sealed = try Sealer(certificate: certificate).sealValue(Array("v".utf8), scope: .strict, namespace: "n", name: "s")
            #expect(try keyring.open(base64: sealed, label: Array("n/s".utf8)) == Array("v".utf8))
        }
    }

    @Test("the local keyring is made on first use; after rotation the newest seals and all unseal")
    func localKeyring() throws {
        try withTemporaryDirectory { directory in
            let local = LocalKeyring(directory: directory.appendingPathComponent("keyring"))
            #expect(try local.pairs().isEmpty)
            #expect(try local.ensure(bitCount: 2048) != nil)
            #expect(try local.ensure(bitCount: 2048) == nil)
            let first = try local.sealingCertificate()
            let oldValue = try Sealer(certificate: first).sealValue([1], scope: .clusterWide, namespace: "", name: "")
            Thread.sleep(forTimeInterval: 1.1)  // certificates are ordered by their start, in seconds
            let rotated = try local.rotate(bitCount: 2048)
            #expect(try local.sealingCertificate() == rotated.certificate)
            #expect(try local.pairs().count == 2)
            #expect(try local.keyring().keys.first?.publicKey == rotated.privateKey.publicKey)
            #expect(try local.keyring().open(base64: oldValue, label: []) == [1])
            #expect(try mode(local.directory.path) == 0o700)
        }
        let environment = ["HOME": "/home/u", "XDG_CONFIG_HOME": ""]
        #expect(LocalKeyring.defaultDirectory(environment: environment).path == "/home/u/.config/sealctl/keyring")
        #expect(LocalKeyring.defaultDirectory(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]).path == "/x/sealctl/keyring")
        #expect(LocalKeyring.defaultDirectory(environment: ["SEALCTL_KEYRING": "/k", "HOME": "/h"]).path == "/k")
    }

    @Test("the key inventory reads Lists, PEM and certificates, and names the newest certificate")
    func inventory() throws {
        var inventory = KeyInventory()
        try inventory.add(contentsOf: Fixtures.bytes("keys-both.list.yaml"), source: "both")
        try inventory.add(contentsOf: Fixtures.bytes("key-renewed/tls.crt"), source: "old.crt")
        #expect(inventory.entries.count == 3)
        #expect(inventory.entries.filter { $0.privateKey != nil }.count == 2)
        // Despite its name, key-renewed's certificate was issued 45 s after key's (so was its Secret):
        // under the controller's newest-key rule, it is the one that seals.
        #expect(try Fixtures.renewedCertificate.notValidBefore > Fixtures.certificate.notValidBefore)
        #expect(try inventory.sealingEntry?.certificate == Fixtures.renewedCertificate)
        #expect(inventory.entries[0].secretName == "sealed-secrets-key5757m")
    }

    // MARK: Diagnostics

    func sealedDocument(scope: SealingScope, namespace: String = "prod", name: String = "db", recordsFingerprint: Bool = false) throws -> SealedSecret {
        var secret = Secret(name: name, namespace: namespace, stringData: ["password": "p"])
        if let annotation = scope.annotation { secret.metadata.annotations[annotation] = "true" }
        return try Sealer(certificate: Fixtures.certificate).seal(secret, options: .init(recordsKeyFingerprint: recordsFingerprint))
    }

    func unsealError(_ sealed: SealedSecret, keys: [RSAPrivateKey]? = nil) -> String {
        do {
            _ = try Unsealer(keyring: Keyring(keys: keys ?? [Fixtures.key])).unseal(sealed)
            return "opened"
        } catch {
            return "\(error)"
        }
    }

    @Test("a value sealed namespace-wide whose annotation was lost says it opens namespace-wide")
    func diagnosesScope() throws {
        var sealed = try sealedDocument(scope: .namespaceWide)
        sealed.metadata.annotations = [:]
        let message = unsealError(sealed)
        #expect(message.contains("no key could decrypt secret under its strict scope"))
        #expect(message.contains("it opens when read as namespace-wide in prod"))
        var clusterWide = try sealedDocument(scope: .clusterWide)
        clusterWide.metadata.annotations = [:]
        #expect(unsealError(clusterWide).contains("it opens when read as cluster-wide"))
    }

    @Test("a strict SealedSecret moved to another namespace names where it was sealed")
    func diagnosesNamespace() throws {
        var sealed = try sealedDocument(scope: .strict)
        sealed.metadata.namespace = "staging"
        #expect(unsealError(sealed).contains("it opens when read as strict for prod/db, the name in its template: it was renamed or moved after sealing"))
    }

    @Test("another key of the same size, an unknown fingerprint, and another key size are each explained")
    func diagnosesKeys() throws {
        let sealed = try sealedDocument(scope: .strict, recordsFingerprint: true)
        #expect(try sealed.recordedKeyFingerprint == Fixtures.certificate.keyFingerprint)
        let message = try unsealError(sealed, keys: [Fixtures.renewedKey])
        #expect(try message.contains("it was sealed for key \(Fixtures.certificate.keyFingerprint), which is not among the 1 key given"))
        #expect(try unsealError(sealedDocument(scope: .strict), keys: [Fixtures.renewedKey])
            .contains("it does not open with the 4096-bit key given under any scope, so it was sealed for another key"))
        let small = try Sealer(certificate: Self.smallPair.certificate).seal(Secret(name: "db", namespace: "prod", stringData: ["k": "v"]))
        #expect(unsealError(small).contains("sealed for a 2048-bit key, but the keys given are 4096-bit"))
    }

    @Test("the recorded key is tried first")
    func fingerprintFirst() throws {
        let keyring = try Keyring(keys: [Fixtures.renewedKey, Self.smallPair.privateKey, Fixtures.key])
        #expect(try keyring.prioritizing(Fixtures.certificate.keyFingerprint).keys.first?.publicKey == Fixtures.key.publicKey)
        #expect(keyring.prioritizing(nil).keys.map(\.publicKey) == keyring.keys.map(\.publicKey))
        let sealed = try sealedDocument(scope: .strict, recordsFingerprint: true)
        #expect(try Unsealer(keyring: keyring).unseal(sealed).data["password"] == Data("p".utf8))
        #expect(try sealed.formatted(as: .yaml).contains("    sealkit.io/sealing-key-fingerprint: SHA256:"))
    }

    // MARK: Re-sealing

    @Test("documents sealed with key-renewed are re-sealed for key/tls.crt; other documents stay byte-identical")
    func resealFiles() throws {
        let oldSealer = try Sealer(certificate: Fixtures.renewedCertificate)
        let one = try oldSealer.seal(Secret(name: "one", namespace: "a", stringData: ["k": "1", "other": "x"])).formatted(as: .yaml)
        let two = try oldSealer.seal(Secret(name: "two", namespace: "a", stringData: ["k": "2"]), options: .init(scope: .clusterWide)).formatted(as: .yaml)
        let configMap = "# a comment that must survive\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings   # odd spacing too\ndata: {a: '1'}\n"
        let yamlFile = "# header comment\n" + one + "---\n" + configMap + two + "...\n"
        let jsonFile = try oldSealer.seal(Secret(name: "three", namespace: "b", stringData: ["k": "3"])).formatted(as: .json)
            + "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\",   \"metadata\": {\"name\": \"keep\"}}\n"

        let resealer = try Resealer(oldKeys: Keyring(keys: [Fixtures.renewedKey]), newCertificate: try Sealer(certificate: Fixtures.certificate))
        let results = resealer.resealFiles([("a.yaml", Array(yamlFile.utf8)), ("b.json", Array(jsonFile.utf8))])
        #expect(results.map(\.succeeded) == [true, true])
        #expect(results.map(\.sealedSecrets) == [2, 1])
        #expect(results.map(\.values) == [3, 1])

        let newYAML = try #require(results[0].newText)
        #expect(newYAML.hasPrefix("# header comment\n---\napiVersion: bitnami.com/v1alpha1\n"))
        #expect(newYAML.contains("---\n" + configMap))
        #expect(newYAML.hasSuffix("...\n"))
        #expect(maskedCiphertexts(newYAML) == maskedCiphertexts(yamlFile))
        let newJSON = try #require(results[1].newText)
        #expect(newJSON.hasSuffix("\n{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\",   \"metadata\": {\"name\": \"keep\"}}\n"))

        let newKeyOnly = try Unsealer(keyring: Keyring(keys: [Fixtures.key]))
        let oldKeyOnly = try Unsealer(keyring: Keyring(keys: [Fixtures.renewedKey]))
        for text in [newYAML, newJSON] {
            for document in try ManifestStream(text: text).documents where document.kind == "SealedSecret" {
                let sealed = try SealedSecret(document: document)
                #expect(try newKeyOnly.unseal(sealed).data["k"] != nil)
                #expect(throws: SealingError.self) { try oldKeyOnly.unseal(sealed) }
            }
        }
    }

    @Test("a recorded key fingerprint is rewritten for the new certificate; a SealedSecret without one gets none")
    func resealFingerprint() throws {
        let oldSealer = try Sealer(certificate: Fixtures.renewedCertificate)
        let recorded = try oldSealer.seal(Secret(name: "a", namespace: "n", stringData: ["k": "1"]), options: .init(recordsKeyFingerprint: true))
        let bare = try oldSealer.seal(Secret(name: "b", namespace: "n", stringData: ["k": "1"]))
        let resealer = try Resealer(oldKeys: Keyring(keys: [Fixtures.renewedKey]), newCertificate: try Sealer(certificate: Fixtures.certificate))
        #expect(try recorded.recordedKeyFingerprint == Fixtures.renewedCertificate.keyFingerprint)
        #expect(try resealer.reseal(recorded).recordedKeyFingerprint == Fixtures.certificate.keyFingerprint)
        #expect(try resealer.reseal(bare).metadata.annotations[SealedSecret.keyFingerprintAnnotation] == nil)
    }

    @Test("a file with a document that fails is left whole, and the failure is named")
    func resealFailure() throws {
        let good = try Sealer(certificate: Fixtures.renewedCertificate).seal(Secret(name: "good", namespace: "a", stringData: ["k": "1"])).formatted(as: .yaml)
        let foreign = try Sealer(certificate: Self.smallPair.certificate).seal(Secret(name: "foreign", namespace: "a", stringData: ["k": "1"])).formatted(as: .yaml)
        let resealer = try Resealer(oldKeys: Keyring(keys: [Fixtures.renewedKey]), newCertificate: try Sealer(certificate: Fixtures.certificate))
        let result = resealer.resealFiles([("mixed.yaml", Array((good + foreign).utf8))])[0]
        #expect(!result.succeeded)
        #expect(result.newText == nil)
        #expect(result.failures.count == 1)
        #expect(result.failures[0].hasPrefix("document 2: cannot unseal foreign: k: no key could decrypt secret"))
    }

    @Test("the manifest cutter keeps separators, comments and white space")
    func manifestText() throws {
        let text = "\u{FEFF}# lead\n\n---\n# doc comment\na: 1 # trailing\n# after\n--- # sep comment\nb: 2\n...\n---\n\n"
        var cut = try ManifestText(bytes: Array(text.utf8))
        #expect(cut.documents.count == 2)
        #expect(cut.text == text)
        cut.replaceDocument(at: 0, with: "a: 10\n")
        #expect(cut.text == "\u{FEFF}# lead\n\n---\n# doc comment\na: 10\n# after\n--- # sep comment\nb: 2\n...\n---\n\n")
        let json = "  {\"a\": 1}\n\n{\"b\":\n 2}  \n"
        var cutJSON = try ManifestText(bytes: Array(json.utf8))
        cutJSON.replaceDocument(at: 1, with: "{\"b\": 3}")
        #expect(cutJSON.text == "  {\"a\": 1}\n\n{\"b\": 3}  \n")
    }

    @Test("applying value changes re-seals only what changed")
    func valueChanges() throws {
        let sealer = try Sealer(certificate: Fixtures.certificate)
        let sealed = try sealer.seal(Secret(name: "s", namespace: "n", stringData: ["keep": "1", "change": "2", "drop": "3"]))
        let old = try Unsealer(keyring: Keyring(keys: [Fixtures.key])).openValues(of: sealed)
        var new = old
        new["change"] = Array("two".utf8)
        new["drop"] = nil
        new["add"] = Array("4".utf8)
        let changes = ValueChanges(from: old, to: new)
        #expect(changes.summary(comparedTo: old) == (added: ["add"], changed: ["change"], removed: ["drop"]))
        let edited = try sealer.apply(changes, to: sealed)
        #expect(edited.spec.encryptedData["keep"] == sealed.spec.encryptedData["keep"])
        #expect(edited.spec.encryptedData["change"] != sealed.spec.encryptedData["change"])
        #expect(edited.spec.encryptedData["drop"] == nil)
        #expect(try Unsealer(keyring: Keyring(keys: [Fixtures.key])).openValues(of: edited) == new)
    }

    @Test("a private scratch file is 0600 in a 0700 folder in memory, and is wiped and removed")
    func scratchFile() throws {
        let scratch = try PrivateScratchFile()
        try scratch.write(Data("canary-scratch-value".utf8))
        #expect(try mode(scratch.url.path) == 0o600)
        #expect(try mode(scratch.url.deletingLastPathComponent().path) == 0o700)
        if FileManager.default.fileExists(atPath: "/dev/shm") { #expect(scratch.url.path.hasPrefix("/dev/shm/")) }
        try Data("backup".utf8).write(to: scratch.url.deletingLastPathComponent().appendingPathComponent("values.yaml~"))
        scratch.destroy()
        #expect(!FileManager.default.fileExists(atPath: scratch.url.deletingLastPathComponent().path))
    }
}

/// Replaces every sealed value with a placeholder.
func maskedCiphertexts(_ text: String) -> String {
    text.replacingOccurrences(of: #"Ag[A-Za-z0-9+/=]{100,}"#, with: "<sealed>", options: .regularExpression)
}
