import Foundation
import Testing
import TestSupport
@testable import SealKit

/// `validate` and `check` on SealedSecrets in the shapes public GitOps repositories keep them in:
/// they agree with what the API server and `kubectl kustomize` do, both ways.
@Suite("validate and check judge as the cluster does")
struct GitOpsShapesTests {
    static func sealed(_ name: String, _ namespace: String?, keys: [String] = ["password"], scope: SealingScope = .strict) throws -> String {
        try CheckCommandTests.sealed(name, namespace ?? "prod", keys: keys, scope: scope)
            .replacingOccurrences(of: namespace == nil ? "  namespace: prod\n" : "\u{0}", with: "")
    }

    func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    @Test("an Argo CD sync-wave written as a number is an error with its line; quoted, it is valid")
    func syncWave() throws {
        try withTemporaryDirectory { directory in
            let text = try Self.sealed("db", "prod").replacingOccurrences(of: "metadata:\n  name: db\n", with: "metadata:\n  annotations:\n    argocd.argoproj.io/sync-wave: 0\n  name: db\n")
            let file = directory.appendingPathComponent("db.yaml")
            try file.write(text)
            let result = try Sealctl.run(["validate", file.path])
            #expect(result.status == 1)
            let line = try #require(lines(text).firstIndex { $0.contains("sync-wave") }) + 1
            #expect(result.stdout.contains("line \(line), column 35: error: metadata.annotations[argocd.argoproj.io/sync-wave]: must be a string, found a number: quote it (\"0\")"), "\(result.stdout)")
            try file.write(text.replacingOccurrences(of: "sync-wave: 0", with: "sync-wave: \"0\""))
            let quoted = try Sealctl.run(["validate", file.path])
            #expect(quoted.status == 0, "\(quoted.stdout)")
        }
    }

    @Test("no namespace (Helm or Argo CD supplies it) is a warning, the same for strict and namespace-wide; exit 0")
    func helmSuppliedNamespace() throws {
        try withTemporaryDirectory { directory in
            for scope in [SealingScope.strict, .namespaceWide] {
                let file = directory.appendingPathComponent("\(scope).yaml")
                try file.write(try Self.sealed("db", nil, scope: scope))
                let result = try Sealctl.run(["validate", file.path])
                #expect(result.status == 0, "\(result.stdout)")
                #expect(result.stdout.contains("warning: metadata.namespace: not set: this \(scope) SealedSecret opens only if"), "\(result.stdout)")
            }
        }
    }

    @Test("null values are warnings, as the API server prunes them; a base64 error names its place once; dotted keys are bracketed")
    func nullsAndMessages() throws {
        try withTemporaryDirectory { directory in
            let withNull = try Self.sealed("db", "prod").replacingOccurrences(of: "  encryptedData:\n", with: "  encryptedData:\n    old: null\n")
                .replacingOccurrences(of: "      name: db\n", with: "      labels:\n        tier: null\n      name: db\n")
            let file = directory.appendingPathComponent("db.yaml")
            try file.write(withNull)
            let result = try Sealctl.run(["validate", file.path])
            #expect(result.status == 0, "\(result.stdout)")
            #expect(result.stdout.contains("warning: spec.encryptedData.old: is null; the API server drops it"), "\(result.stdout)")
            #expect(result.stdout.contains("warning: spec.template.metadata.labels.tier: is null"), "\(result.stdout)")

            try file.write(try Self.sealed("db", "prod", keys: [".dockerconfigjson"]).replacingOccurrences(of: "    .dockerconfigjson: Ag", with: "    .dockerconfigjson: not-base64$Ag"))
            let broken = try Sealctl.run(["validate", file.path])
            #expect(broken.status == 1)
            #expect(broken.stdout.contains("spec.encryptedData[.dockerconfigjson]"), "\(broken.stdout)")
            #expect(broken.stdout.components(separatedBy: "line ").count == 2, "the location once: \(broken.stdout)")
        }
    }

    @Test("typed SealedSecrets are judged offline: required keys across encryptedData and template.data, the decoded size")
    func typedOffline() throws {
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("tls.yaml")
            let certificate = try Certificate(pemRepresentation: TestFixtures.vectorText("key/tls.crt"))
            let tlsOnlyCert = try Sealer(certificate: certificate).seal(Secret(name: "web", namespace: "prod", stringData: ["tls.crt": "x"], type: "Opaque")).formatted(as: .yaml)
                .replacingOccurrences(of: "    type: Opaque\n", with: "    type: kubernetes.io/tls\n")
            try file.write(tlsOnlyCert)
            let missing = try Sealctl.run(["validate", file.path])
            #expect(missing.status == 1 && missing.stdout.contains("spec.encryptedData[tls.key]: a kubernetes.io/tls Secret needs the key tls.key"), "\(missing.stdout)")
            try file.write(tlsOnlyCert.replacingOccurrences(of: "    type: kubernetes.io/tls\n", with: "    data:\n      tls.key: '{{ index . \"tls.crt\" }}'\n    type: kubernetes.io/tls\n"))
            #expect(try Sealctl.run(["validate", file.path]).status == 0, "template.data provides tls.key")

            // 1.1 MB sealed (by the library, bypassing the seal-time check) is caught from the ciphertext length.
            var big = try Sealer(certificate: certificate).seal(Secret(name: "big", namespace: "prod", stringData: ["a": "x"]))
            big.spec.encryptedData["a"] = try Sealer(certificate: certificate).sealValue(Array(repeating: 0x78, count: 1_100_000), scope: .strict, namespace: "prod", name: "big")
            try file.write(try big.formatted(as: .yaml))
            let large = try Sealctl.run(["validate", file.path])
            #expect(large.status == 1 && large.stdout.contains("the values take 1100000 bytes"), "\(large.stdout)")
        }
    }

    /// A base with a workload and a strict SealedSecret without a namespace, and overlays that
    /// place it (`namespace:`), rename it (`namePrefix:`), or provide the Secret themselves.
    func makeTree(in directory: URL) throws {
        try directory.appendingPathComponent("base/kustomization.yaml").write("resources:\n- deployment.yaml\n")
        try directory.appendingPathComponent("base/deployment.yaml").write(CheckCommandTests.deployment("api", reading: "db", keys: ["password"]))
        for environment in ["dev", "prod"] {
            try directory.appendingPathComponent("overlays/\(environment)/kustomization.yaml").write("namespace: \(environment)\nresources:\n- ../../base\n- db.sealed.yaml\n")
            try directory.appendingPathComponent("overlays/\(environment)/db.sealed.yaml").write(try Self.sealed("db", nil))
        }
        try directory.appendingPathComponent("overlays/team/kustomization.yaml").write("namePrefix: team-\nnamespace: team\nresources:\n- ../dev\n")
        try directory.appendingPathComponent("overlays/bare/kustomization.yaml").write("namespace: bare\nresources:\n- ../../base\n")
    }

    @Test("check follows kustomize: namespace: places SealedSecrets, namePrefix breaks strict ones, bases are judged in their overlays")
    func checkFollowsKustomize() throws {
        try withTemporaryDirectory { directory in
            try makeTree(in: directory)
            let result = try Sealctl.run(["check", "--format", "json"], directory: directory)
            let report = try JSONParser().parseStream(Array(result.stdout.utf8))[0]
            let found = (report["findings"]?.sequence ?? []).map { ($0["rule"]!.scalar!.value, $0["file"]!.scalar!.value, $0["message"]!.scalar!.value) }
            #expect(!found.contains { $0.2.contains("metadata.namespace") }, "overlays place them: \(found)")
            #expect(found.contains { $0.0 == "scope-broken-by-kustomize" && $0.2.contains("overlays/team/kustomization.yaml turns the strict SealedSecret db in no namespace into team-db") }, "\(found)")
            #expect(!found.contains { $0.1 == "base/kustomization.yaml" }, "no missing-Secret warning on the base: \(found)")
            #expect(found.contains { $0.0 == "missing-key" && $0.1 == "overlays/bare/kustomization.yaml" }, "the overlay that provides nothing is told: \(found)")
            #expect(result.status == 1, "the prefix breaks a strict seal")
        }
    }

    @Test("the names and namespaces check believes kustomize gives SealedSecrets are what kubectl kustomize prints", .enabled(if: Tools.kubectl, "kubectl is not installed"))
    func matchesKubectlKustomize() throws {
        let kubectl = try #require(ExternalTool.find("kubectl"))
        try withTemporaryDirectory { directory in
            try makeTree(in: directory)
            for overlay in ["overlays/dev", "overlays/prod", "overlays/team"] {
                let folder = directory.appendingPathComponent(overlay)
                let rendered = try ExternalTool.run(kubectl, ["kustomize", folder.path])
                try #require(rendered.status == 0, "\(rendered.errorOutput)")
                let printed = try ManifestStream(text: rendered.output).documents.filter { $0.kind == "SealedSecret" }.map {
                    "\($0.node["metadata"]?["name"]?.scalar?.value ?? "")/\($0.node["metadata"]?["namespace"]?.scalar?.value ?? "")"
                }
                let believed = try KustomizeOverlay(directory: folder).resources.filter { $0.kind == "SealedSecret" }.map { "\($0.finalName)/\($0.finalNamespace ?? "")" }
                #expect(printed == believed, "\(overlay)")
                #expect(!printed.isEmpty)
            }
        }
    }
}
