import Foundation
import Testing
@testable import SealKit
@testable import SealKitSealing

@Suite("Sealing and unsealing in the library")
struct SealingTests {
    func secret(_ path: String) throws -> Secret {
        try Secret(document: ManifestStream(bytes: Fixtures.bytes(path)).documents[0])
    }

    @Test("with upstream's deterministic randomness, the sealed document is byte-exact")
    func deterministicDocument() throws {
        let random = ScriptedRandom.sealkitSeedStream(blocks: 4)
        let sealer = try Sealer(certificate: Fixtures.certificate, random: random.source)
        let sealed = try sealer.seal(secret("sealedsecrets/input/db-creds.secret.yaml"))
        #expect(try sealed.formatted(as: .yaml) == (try Fixtures.text("sealedsecrets/db-creds.strict.det-seed-sealkit.sealedsecret.yaml")))
    }

    @Test("many values are sealed and opened on all cores, byte for byte as one after another")
    func parallelSealingIsDeterministic() throws {
        let certificate = try Fixtures.certificate
        let count = Sealer.parallelThreshold * 3
        let values = Dictionary(uniqueKeysWithValues: (0..<count).map { ("key-\($0)", Data("value \($0)".utf8)) })
        let secret = Secret(name: "many", namespace: "prod", data: values)
        let sealed = try Sealer(certificate: certificate, random: ScriptedRandom.sealkitSeedStream(blocks: 2 * count).source).seal(secret)
        // The same stream, used one value after another in key order.
        let stream = ScriptedRandom.sealkitSeedStream(blocks: 2 * count).source
        let label = SealingScope.strict.label(namespace: "prod", name: "many")
        for key in values.keys.sorted() {
            let expected = Data(try HybridCipher.seal(Array(values[key]!), for: certificate.publicKey, label: label, random: stream)).base64EncodedString()
            #expect(sealed.spec.encryptedData[key] == expected, "\(key)")
        }
        let opened = try Unsealer(keyring: Keyring(keys: [try Fixtures.key])).openValues(of: sealed)
        #expect(opened == values.mapValues { Array($0) })
    }

    @Test("env files end lines at LF with an optional CR, as kubectl reads them; comments and blank lines are skipped")
    func envFileLines() throws {
        var builder = SecretBuilder(name: "x", namespace: "y")
        try builder.addEnvFile(contents: Array("A=1\r\n# note\r\n\r\n  B=two words\r\nC=x=y\nD=".utf8), source: "values.env")
        #expect(builder.build().data == ["A": Data("1".utf8), "B": Data("two words".utf8), "C": Data("x=y".utf8), "D": Data()])
        var marked = SecretBuilder(name: "x", namespace: "y")
        try marked.addEnvFile(contents: [0xEF, 0xBB, 0xBF] + Array("KEY=v\n".utf8), source: "bom.env")
        #expect(marked.build().data == ["KEY": Data("v".utf8)], "a byte order mark is not part of the first key")
        #expect(throws: SealingError.malformedInput(message: "bad.env, line 2: expected KEY=VALUE")) {
            var other = SecretBuilder()
            try other.addEnvFile(contents: Array("A=1\nnot a pair\n".utf8), source: "bad.env")
        }
    }

    @Test("go-yaml's literal style for line feeds, but not for a CRLF pair alone; NEL found by its bytes")
    func lineBreakStyles() {
        #expect(KubesealFormat.hasLineFeed("a\nb") && KubesealFormat.hasLineFeed("a\r\n\nb"))
        #expect(!KubesealFormat.hasLineFeed("a\r\nb") && !KubesealFormat.hasLineFeed("plain"))
        #expect(KubesealFormat.hasNextLine("a\u{85}b") && !KubesealFormat.hasNextLine("\u{145}"))
    }

    @Test("sealing follows kubeseal's metadata rules")
    func metadataRules() throws {
        var input = try secret("sealedsecrets/input/db-creds.secret.yaml")
        input.metadata.uid = "123"
        input.metadata.resourceVersion = "9"
        input.metadata.ownerReferences = [OwnerReference(apiVersion: "v1", kind: "X", name: "o", uid: "u")]
        input.metadata.finalizers = ["keep"]
        input.immutable = false
        let sealed = try Sealer(certificate: Fixtures.certificate).seal(input)
        #expect(sealed.metadata.labels.isEmpty)
        #expect(sealed.metadata.annotations.isEmpty)
        #expect(sealed.spec.template.metadata.labels == ["app": "db"])
        #expect(sealed.spec.template.metadata.annotations == ["team": "payments & billing <core>"])
        #expect(sealed.spec.template.metadata.ownerReferences.isEmpty)
        #expect(sealed.spec.template.metadata.finalizers == ["keep"])
        #expect(sealed.spec.template.metadata.uid == nil)
        #expect(sealed.spec.template.immutable == false)
        #expect(try sealed.formatted(as: .yaml).contains("    immutable: false\n"))
        #expect(!(try sealed.formatted(as: .yaml)).contains("last-applied"))
    }

    @Test("stringData wins over data on the same key; empty data is refused unless allowed")
    func dataRules() throws {
        var input = Secret(name: "s", namespace: "n", data: ["k": Data("from-data".utf8)], stringData: ["k": "from-stringData"])
        let sealer = try Sealer(certificate: Fixtures.certificate)
        let unsealer = try Unsealer(keyring: Keyring(keys: [Fixtures.key]))
        #expect(try unsealer.unseal(sealer.seal(input)).data["k"] == Data("from-stringData".utf8))
        input.data = [:]
        input.stringData = [:]
        #expect(throws: SealingError.emptyData) { try sealer.seal(input) }
        let empty = try sealer.seal(input, options: .init(allowEmptyData: true))
        #expect(try empty.formatted(as: .yaml).contains("  encryptedData: {}\n"))
    }

    @Test("namespace rules: explicit, inferred, required, and a mismatch is an error")
    func namespaceRules() throws {
        let sealer = try Sealer(certificate: Fixtures.certificate)
        let bare = Secret(name: "s", data: ["k": Data("v".utf8)])
        #expect(throws: SealingError.missingNamespace) { try sealer.seal(bare) }
        #expect(try sealer.seal(bare, options: .init(namespace: "a")).metadata.namespace == "a")
        #expect(try sealer.seal(bare, options: .init(defaultNamespace: "d")).metadata.namespace == "d")
        #expect(try sealer.seal(bare, options: .init(scope: .clusterWide)).metadata.namespace == nil)
        var placed = bare
        placed.metadata.namespace = "own"
        #expect(throws: SealingError.namespaceMismatch(secret: "own", requested: "other")) {
            try sealer.seal(placed, options: .init(namespace: "other"))
        }
        #expect(try sealer.seal(placed, options: .init(namespace: "own")).metadata.namespace == "own")
        #expect(throws: SealingError.missingName) { try sealer.seal(Secret(namespace: "n", data: ["k": Data()])) }
    }

    @Test("an expired certificate is refused with its date")
    func expiredCertificate() throws {
        let key = try RSAPrivateKey.generate(bitCount: 2048)
        let expired = try Certificate.selfSigned(for: key, validity: 86400, now: Date(timeIntervalSince1970: 1_600_000_000))
        do {
            _ = try Sealer(certificate: expired)
            Issue.record("an expired certificate was accepted")
        } catch {
            #expect("\(error)".contains("expired on 2020-09-14"))
        }
    }

    @Test("merging keeps the other keys' ciphertext byte for byte and uses the target's scope")
    func merge() throws {
        let target = try SealedSecret(document: ManifestStream(bytes: Fixtures.bytes("sealedsecrets/api-token.namespace-wide.sealedsecret.yaml")).documents[0])
        let addition = Secret(name: "ignored", namespace: "ignored", stringData: ["newkey": "new value", "token": "replaced"])
        let merged = try Sealer(certificate: Fixtures.certificate).merge(addition, into: target)
        #expect(merged.metadata == target.metadata)
        for key in ["_meta", "token9", "token10"] { #expect(merged.spec.encryptedData[key] == target.spec.encryptedData[key]) }
        #expect(merged.spec.encryptedData["token"] != target.spec.encryptedData["token"])
        let unsealed = try Unsealer(keyring: Keyring(keys: [Fixtures.key])).unseal(merged)
        #expect(unsealed.data["newkey"] == Data("new value".utf8))
        #expect(unsealed.data["token"] == Data("replaced".utf8))
        #expect(unsealed.data["token10"] == Data("ten".utf8))
    }

    @Test("the keyring loads PEM, key Secrets and Lists in YAML and JSON")
    func keyringSources() throws {
        let both = try Keyring(contentsOf: Fixtures.vectorURL("keys-both.list.yaml"))
        #expect(try Set(both.keys.map(\.publicKey)) == [Fixtures.key.publicKey, Fixtures.renewedKey.publicKey])
        #expect(try Keyring(contentsOf: Fixtures.vectorURL("key/sealed-secrets-key.list.json")).keys.map(\.publicKey) == [Fixtures.key.publicKey])
        #expect(try Keyring(contentsOf: Fixtures.vectorURL("key/tls.key")).keys.map(\.publicKey) == [Fixtures.key.publicKey])
        var merged = try Keyring(contentsOf: [Fixtures.vectorURL("key/tls.key"), Fixtures.vectorURL("keys-both.list.yaml")])
        #expect(merged.keys.count == 2)
        merged.merge(both)
        #expect(merged.keys.count == 2)
        #expect(try merged.key(for: Fixtures.renewedCertificate.keyFingerprint)?.publicKey == Fixtures.renewedKey.publicKey)
        do {
            _ = try Keyring(contentsOf: Fixtures.vectorURL("key/tls.crt"))
            Issue.record("a certificate loaded as a key")
        } catch {
            #expect("\(error)".contains("no PRIVATE KEY block found"))
        }
        #expect(throws: CryptoError.self) { try Keyring(contentsOf: Array("kind: Secret\napiVersion: v1\ndata: {}\n".utf8), source: "x") }
    }

    @Test("unsealing reports every failing key by name, never a value")
    func unsealFailures() throws {
        let sealed = try SealedSecret(document: ManifestStream(bytes: Fixtures.bytes("sealedsecrets/db-creds.strict.sealedsecret.yaml")).documents[0])
        var moved = sealed
        moved.metadata.namespace = "elsewhere"
        do {
            _ = try Unsealer(keyring: Keyring(keys: [Fixtures.key])).unseal(moved)
            Issue.record("a moved strict SealedSecret unsealed")
        } catch {
            let text = "\(error)"
            #expect(text.contains("password: no key could decrypt secret"))
            #expect(text.contains("username: no key could decrypt secret"))
            #expect(!text.contains("hunter2"))
        }
    }

    @Test("template data is rendered with the decrypted values")
    func templateData() throws {
        let sealer = try Sealer(certificate: Fixtures.certificate)
        var sealed = try sealer.seal(Secret(name: "db", namespace: "n", stringData: ["user": "admin", "password": "p@ss", "tls.crt": "CERT"]))
        sealed.spec.template.data = [
            "url": "postgres://{{ .user }}:{{ .password }}@db:5432/app",
            "bundle": "{{ index . \"tls.crt\" }}",
            "encoded": "{{ .user | b64enc }}",
            "missing": "{{ .nope }}",
            "user": "overridden-{{ .user | upper }}",
        ]
        let secret = try Unsealer(keyring: Keyring(keys: [Fixtures.key])).unseal(sealed)
        #expect(secret.data["url"] == Data("postgres://admin:p@ss@db:5432/app".utf8))
        #expect(secret.data["bundle"] == Data("CERT".utf8))
        #expect(secret.data["encoded"] == Data("YWRtaW4=".utf8))
        #expect(secret.data["missing"] == Data("<no value>".utf8))
        #expect(secret.data["user"] == Data("overridden-ADMIN".utf8))

        sealed.spec.template.data = ["x": "{{ .user | sha256sum }}", "y": "{{ if .user }}a{{ end }}"]
        do {
            _ = try Unsealer(keyring: Keyring(keys: [Fixtures.key])).unseal(sealed)
            Issue.record("an unsupported template rendered")
        } catch {
            #expect("\(error)".contains("x: template function \"sha256sum\" is not supported"))
            #expect("\(error)".contains("y: template action \"if\" is not supported"))
        }
    }

    @Test("the legacy spec.data format is read only when asked to")
    func legacyFormat() throws {
        let inner = #"{"apiVersion":"v1","kind":"Secret","metadata":{"name":"old","namespace":"n"},"data":{"k":"dg=="}}"#
        let sealer = try Sealer(certificate: Fixtures.certificate)
        var sealed = SealedSecret(metadata: ObjectMeta(name: "old", namespace: "n"), spec: .init())
        sealed.spec.legacyData = try sealer.sealValue(Array(inner.utf8), scope: .strict, namespace: "n", name: "old")
        #expect(throws: SealingError.legacyFormat) { try Unsealer(keyring: Keyring(keys: [Fixtures.key])).unseal(sealed) }
        let secret = try Unsealer(keyring: Keyring(keys: [Fixtures.key]), acceptsLegacyData: true).unseal(sealed)
        #expect(secret.data["k"] == Data("v".utf8))
    }

    @Test("the embedded CRD is the controller's CRD, and what SealKit writes validates against it")
    func crd() throws {
        let shared = try String(contentsOf: Fixtures.url("crd/bitnami.com_sealedsecrets.yaml"), encoding: .utf8)
        #expect(SealedSecretCRD.yaml + "\n" == shared || SealedSecretCRD.yaml == shared, "run Scripts/embed-crd.sh")
        let validator = SealedSecretValidator()
        for path in ManifestRoundTripTests.sealedYAML {
            for document in try ManifestStream(bytes: Fixtures.bytes(path)).documents {
                #expect(validator.validate(document.node).isEmpty, "\(path)")
            }
        }
        let sealed = try Sealer(certificate: Fixtures.certificate).seal(secret("sealedsecrets/input/registry.secret.yaml"))
        #expect(validator.validate(try YAMLParser().parseSingle(Array(sealed.formatted(as: .yaml).utf8))).isEmpty)
    }

    @Test("the validator finds structural and semantic problems")
    func validatorFindsProblems() throws {
        let text = """
        apiVersion: bitnami.com/v1alpha1
        kind: SealedSecret
        metadata:
          name: s
          annotations:
            sealedsecrets.bitnami.com/namespace-wide: "true"
            sealedsecrets.bitnami.com/cluster-wide: "true"
        spec:
          encryptedData:
            short: AAEC
            notbase64: "%%%"
          template:
            immutable: "yes"
          extra: 1
        """
        let problems = SealedSecretValidator().validate(try YAMLParser().parseSingle(Array(text.utf8)))
        let descriptions = problems.map(\.description)
        #expect(descriptions.contains("error: spec.template.immutable: must be a boolean, found a string"))
        #expect(descriptions.contains("warning: spec.extra: is not in the SealedSecret schema; the API server drops it"))
        let missingSpec = SealedSecretValidator().validate(try YAMLParser().parseSingle(Array("apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: x}\n".utf8)))
        #expect(missingSpec.map(\.description) == ["error: spec: is required"])
        let semantic = """
        apiVersion: bitnami.com/v1alpha1
        kind: SealedSecret
        metadata:
          name: s
          annotations: {sealedsecrets.bitnami.com/namespace-wide: "true", sealedsecrets.bitnami.com/cluster-wide: "true"}
        spec:
          encryptedData: {short: AAEC}
        """
        let found = SealedSecretValidator().validate(try YAMLParser().parseSingle(Array(semantic.utf8))).map(\.description)
        #expect(found.contains { $0.contains("both the cluster-wide and the namespace-wide annotation are set") })
        #expect(found.contains { $0.contains("spec.encryptedData.short: not a sealed value") })
        let strictWithoutNamespace = "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: x}\nspec: {encryptedData: {}}\n"
        #expect(SealedSecretValidator().validate(try YAMLParser().parseSingle(Array(strictWithoutNamespace.utf8))).contains { $0.field == "metadata.namespace" })
    }
}
