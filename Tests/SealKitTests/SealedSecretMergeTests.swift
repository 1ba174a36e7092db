import Foundation
import Testing
@testable import SealKit

/// The three-way merge on its own: labels and annotations per entry, conflicts that cover the
/// whole document when the scope differs, removal against change, and same-value re-seals.
@Suite("SealedSecretMerge")
struct SealedSecretMergeTests {
    func base() throws -> SealedSecret {
        try Sealer(certificate: Fixtures.certificate).seal(Secret(name: "db", namespace: "prod", stringData: ["a": "1", "b": "2"]))
    }

    func bytes(_ sealed: SealedSecret) throws -> [UInt8] { Array(try sealed.formatted(as: .yaml).utf8) }

    @Test("template labels and annotations merge entry by entry, with the type")
    func metadataMerges() throws {
        let base = try base()
        var ours = base, theirs = base
        ours.spec.template.metadata.labels["team"] = "core"
        theirs.spec.template.metadata.annotations["note"] = "rotated"
        theirs.spec.template.type = "kubernetes.io/basic-auth"
        guard case .merged(let text) = SealedSecretMerge().merge(base: try bytes(base), ours: try bytes(ours), theirs: try bytes(theirs), path: "db.yaml") else {
            Issue.record("expected a clean merge")
            return
        }
        let merged = try SealedSecretFile(bytes: Array(text.utf8), path: "db.yaml").select().sealed
        #expect(merged.spec.template.metadata.labels == ["team": "core"])
        #expect(merged.spec.template.metadata.annotations == ["note": "rotated"])
        #expect(merged.spec.template.type == "kubernetes.io/basic-auth")
        #expect(merged.spec.encryptedData == base.spec.encryptedData)
    }

    @Test("another scope on one side conflicts over the whole document")
    func scopeConflict() throws {
        let base = try base()
        let theirs = try Sealer(certificate: Fixtures.certificate).seal(Secret(name: "db", namespace: "prod", stringData: ["a": "1", "b": "2"]), options: .init(scope: .namespaceWide))
        var ours = base
        ours.spec.encryptedData["c"] = base.spec.encryptedData["a"]
        guard case .conflicted(let text, let conflicts) = SealedSecretMerge().merge(base: try bytes(base), ours: try bytes(ours), theirs: try bytes(theirs), path: "db.yaml") else {
            Issue.record("expected a conflict")
            return
        }
        #expect(conflicts.count == 1 && conflicts[0].field.isEmpty && conflicts[0].reason.contains("scope"))
        #expect(text.contains("<<<<<<< ours\n") && text.contains("=======\n") && text.contains(">>>>>>> theirs\n"))
        #expect(text.contains("sealedsecrets.bitnami.com/namespace-wide"), "their side is in the markers")
    }

    @Test("a key removed on one side and changed on the other conflicts; with a keyring, one value sealed twice does not")
    func removalAndSameValue() throws {
        let base = try base()
        let sealer = try Sealer(certificate: Fixtures.certificate)
        var ours = base, theirs = base
        ours.spec.encryptedData["a"] = nil
        theirs.spec.encryptedData["a"] = try sealer.sealValue(Array("changed".utf8), scope: .strict, namespace: "prod", name: "db")
        guard case .conflicted(let text, let conflicts) = SealedSecretMerge().merge(base: try bytes(base), ours: try bytes(ours), theirs: try bytes(theirs), path: "db.yaml") else {
            Issue.record("expected a conflict")
            return
        }
        #expect(conflicts.map(\.description) == ["prod/db: spec.encryptedData.a: removed on our side, changed on theirs"])
        #expect(text.contains("<<<<<<< ours spec.encryptedData.a\n=======\n    a: Ag"), "\(text)")

        var resealedOurs = base, resealedTheirs = base
        resealedOurs.spec.encryptedData["b"] = try sealer.sealValue(Array("2".utf8), scope: .strict, namespace: "prod", name: "db")
        resealedTheirs.spec.encryptedData["b"] = try sealer.sealValue(Array("2".utf8), scope: .strict, namespace: "prod", name: "db")
        let inputs = (try bytes(base), try bytes(resealedOurs), try bytes(resealedTheirs))
        guard case .conflicted = SealedSecretMerge().merge(base: inputs.0, ours: inputs.1, theirs: inputs.2, path: "db.yaml") else {
            Issue.record("without a key, two ciphertexts are two changes")
            return
        }
        guard case .merged = SealedSecretMerge(keyring: Keyring(keys: [try Fixtures.key])).merge(base: inputs.0, ours: inputs.1, theirs: inputs.2, path: "db.yaml") else {
            Issue.record("with the key, the same value is no conflict")
            return
        }
    }

    @Test("JSON merges as well, with the commas right")
    func json() throws {
        let base = try base()
        var ours = base, theirs = base
        ours.spec.encryptedData["c"] = base.spec.encryptedData["a"]
        theirs.spec.encryptedData["b"] = nil
        let json = { (sealed: SealedSecret) in Array(try sealed.formatted(as: .json).utf8) }
        guard case .merged(let text) = SealedSecretMerge().merge(base: try json(base), ours: try json(ours), theirs: try json(theirs), path: "db.json") else {
            Issue.record("expected a clean merge")
            return
        }
        #expect(try JSONParser().parseStream(Array(text.utf8)).count == 1)
        #expect(try SealedSecretFile(bytes: Array(text.utf8), path: "db.json").select().sealed.spec.encryptedData.keys.sorted() == ["a", "c"])
    }

    @Test("files without SealedSecrets, or that do not parse, are left to a line merge")
    func notApplicable() {
        let configMap = Array("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n".utf8)
        guard case .notApplicable = SealedSecretMerge().merge(base: configMap, ours: configMap, theirs: configMap, path: "x.yaml") else {
            Issue.record("a ConfigMap is not ours to merge")
            return
        }
        let broken = Array("<<<<<<< ours\na: [\n".utf8)
        guard case .notApplicable = SealedSecretMerge().merge(base: configMap, ours: broken, theirs: configMap, path: "x.yaml") else {
            Issue.record("text that does not parse is not ours to merge")
            return
        }
    }
}
