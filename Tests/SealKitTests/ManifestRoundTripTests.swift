import Foundation
import Testing
@testable import SealKit

@Suite("Manifests: kubeseal's files round-trip byte for byte")
struct ManifestRoundTripTests {
    static let sealedYAML = [
        "sealedsecrets/api-token.namespace-wide.sealedsecret.yaml",
        "sealedsecrets/db-creds.strict.det-seed-sealkit.sealedsecret.yaml",
        "sealedsecrets/db-creds.strict.legacy-v0.31.sealedsecret.yaml",
        "sealedsecrets/db-creds.strict.sealedsecret.yaml",
        "sealedsecrets/multidoc.sealedsecrets.yaml",
        "sealedsecrets/registry.cluster-wide.sealedsecret.yaml",
    ]
    static let unsealedYAML = [
        "sealedsecrets/unsealed/api-token.namespace-wide.secret.yaml",
        "sealedsecrets/unsealed/db-creds.strict.legacy-v0.31.secret.yaml",
        "sealedsecrets/unsealed/db-creds.strict.secret.yaml",
        "sealedsecrets/unsealed/registry.cluster-wide.secret.yaml",
    ]

    /// Decodes every document of a vector file as `T` and writes them back in `format`.
    func rewrite<T: KubernetesObject>(_ path: String, as type: T.Type, format: KubesealFormat.OutputFormat) throws -> String {
        let stream = try ManifestStream(bytes: Fixtures.bytes(path))
        #expect(!stream.documents.isEmpty)
        return try stream.documents.map { try T(document: $0).formatted(as: format) }.joined()
    }

    @Test("every SealedSecret YAML vector decodes and encodes back identically, also via JSON", arguments: sealedYAML)
    func sealedSecretYAML(path: String) throws {
        let original = try Fixtures.text(path)
        #expect(try rewrite(path, as: SealedSecret.self, format: .yaml) == original)
        // YAML → JSON → YAML gives the same YAML.
        let json = try rewrite(path, as: SealedSecret.self, format: .json)
        let again = try ManifestStream(text: json).documents.map { try SealedSecret(document: $0).formatted(as: .yaml) }.joined()
        #expect(again == original)
    }

    @Test("the SealedSecret JSON vector encodes back identically")
    func sealedSecretJSON() throws {
        let path = "sealedsecrets/db-creds.strict.sealedsecret.json"
        #expect(try rewrite(path, as: SealedSecret.self, format: .json) == (try Fixtures.text(path)))
    }

    @Test("every recovered Secret vector decodes and encodes back identically, also via JSON", arguments: unsealedYAML)
    func unsealedSecretYAML(path: String) throws {
        let original = try Fixtures.text(path)
        #expect(try rewrite(path, as: Secret.self, format: .yaml) == original)
        let json = try rewrite(path, as: Secret.self, format: .json)
        let again = try ManifestStream(text: json).documents.map { try Secret(document: $0).formatted(as: .yaml) }.joined()
        #expect(again == original)
    }

    @Test("the multi-document stream has two SealedSecrets with their scopes")
    func multidoc() throws {
        let stream = try ManifestStream(bytes: Fixtures.bytes("sealedsecrets/multidoc.sealedsecrets.yaml"))
        let sealed = try stream.documents.map { try SealedSecret(document: $0) }
        #expect(sealed.map(\.metadata.name) == ["db-creds", "registry"])
        #expect(sealed.map(\.scope) == [.strict, .clusterWide])
        #expect(stream.documents.map(\.index) == [0, 1])
        #expect(stream.documents[1].mark?.line == 21)
    }

    @Test("the kubectl-style inputs decode into Secrets with every field intact")
    func inputSecrets() throws {
        let dbCreds = try Secret(document: ManifestStream(bytes: Fixtures.bytes("sealedsecrets/input/db-creds.secret.yaml")).documents[0])
        #expect(dbCreds.metadata.name == "db-creds")
        #expect(dbCreds.metadata.namespace == "prod")
        #expect(dbCreds.metadata.labels == ["app": "db"])
        #expect(dbCreds.metadata.annotations["team"] == "payments & billing <core>")
        #expect(dbCreds.metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]?.hasPrefix("{\"apiVersion\"") == true)
        #expect(dbCreds.type == "Opaque")
        #expect(dbCreds.data["username"] == Data("admin".utf8))
        #expect(dbCreds.data["password"] == Data("hunter2".utf8))

        let apiToken = try Secret(document: ManifestStream(bytes: Fixtures.bytes("sealedsecrets/input/api-token.secret.json")).documents[0])
        #expect(apiToken.metadata.name == "api-token")
        #expect(apiToken.metadata.namespace == nil)
        #expect(apiToken.metadata.creationTimestamp?.isNull == true)
        #expect(Set(apiToken.data.keys) == ["token", "token10", "token9", "_meta"])
        #expect(apiToken.data["token10"] == Data("ten".utf8))

        let registry = try Secret(document: ManifestStream(bytes: Fixtures.bytes("sealedsecrets/input/registry.secret.yaml")).documents[0])
        #expect(registry.metadata.annotations[SealingScope.clusterWideAnnotation] == "true")
        #expect(registry.type == "kubernetes.io/dockerconfigjson")
        #expect(registry.immutable == true)
        #expect(registry.stringData[".dockerconfigjson"]?.contains("registry.example.com") == true)
        #expect(registry.data.isEmpty)
    }

    @Test("fields SealKit does not model survive a round trip")
    func unknownFieldsSurvive() throws {
        let text = """
        apiVersion: bitnami.com/v1alpha1
        kind: SealedSecret
        metadata:
          name: s
          namespace: ns
          futureField: {a: 1}
        spec:
          encryptedData: {k: AgA=}
          template:
            metadata: {}
            extra: [1, 2]
          newSpecField: yes
        someTopLevel: x
        """
        let sealed = try SealedSecret(node: YAMLParser().parseSingle(Array(text.utf8)))
        let back = try SealedSecret(node: YAMLParser().parseSingle(Array(sealed.formatted(as: .yaml).utf8)))
        #expect(back == sealed)
        let yaml = try sealed.formatted(as: .yaml)
        for field in ["futureField", "newSpecField: yes", "someTopLevel: x", "extra:"] {
            #expect(yaml.contains(field), "\(field) missing from \(yaml)")
        }
    }
}
