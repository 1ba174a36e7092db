import Foundation
import Testing
import TestSupport
@testable import SealKit

/// The operations behind sealctl's commands, called as a program that embeds SealKit calls
/// them: no binary, no subprocess, real files in temporary folders and the vendored keys.
@Suite("SealKit operations")
struct OperationTests {
    private func secretYAML(_ name: String, namespace: String? = nil, value: String = "v") -> String {
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: \(name)\n" + (namespace.map { "  namespace: \($0)\n" } ?? "") + "stringData:\n  k: \(value)\n"
    }

    @Test("seal: every Secret of every input in order; the default namespace is asked once, only when needed; errors name input and document")
    func sealOperation() throws {
        let certificate = try Fixtures.certificate
        let first = ManifestInput(bytes: Array(secretYAML("a", namespace: "n1").utf8), source: "a.yaml")
        let second = ManifestInput(bytes: Array((secretYAML("b") + "---\n" + secretYAML("c")).utf8), source: "b.yaml")
        let asked = Counter()
        let operation = SealOperation(inputs: [first, second], format: .yaml, defaultNamespace: { asked.increment(); return "from-context" })
        let result = try operation.run(certificate: { certificate })
        #expect(result.count == 3)
        #expect(asked.value == 1)
        let sealed = try ManifestStream(text: result.text).documents.map { try SealedSecret(document: $0) }
        #expect(sealed.map { $0.metadata.name } == ["a", "b", "c"])
        #expect(sealed.map { $0.metadata.namespace } == ["n1", "from-context", "from-context"])
        let opened = try Unsealer(keyring: Keyring(keys: [Fixtures.key])).unseal(sealed[1])
        #expect(opened.data["k"] == Data("v".utf8))

        let unasked = Counter()
        _ = try SealOperation(inputs: [first], defaultNamespace: { unasked.increment(); return nil }).run(certificate: { certificate })
        #expect(unasked.value == 0, "a Secret that names its namespace needs no default")

        let empty = ManifestInput(bytes: Array("apiVersion: v1\nkind: Secret\nmetadata: {name: e, namespace: n}\n".utf8), source: "empty.yaml")
        let error = try #require(throws: LocatedError.self) { try SealOperation(inputs: [first, empty]).run(certificate: { certificate }) }
        #expect(error.location == "empty.yaml")
        #expect(error.remedy == .allowEmptyData)
        #expect(throws: LocatedError.self) { try SealOperation(inputs: [ManifestInput(bytes: [], source: "none.yaml")]).run(certificate: { certificate }) }
    }

    @Test("seal: bad input fails before the certificate is asked for")
    func inputBeforeCertificate() throws {
        let bad = ManifestInput(bytes: Array("kind: [".utf8), source: "bad.yaml")
        #expect(throws: ManifestError.self) {
            try SealOperation(inputs: [bad]).run(certificate: { Issue.record("the certificate was asked for"); return try Fixtures.certificate })
        }
    }

    @Test("unseal: the Secrets of several inputs, in order; a failure names the input and document")
    func unsealOperation() throws {
        let sealedText = try Fixtures.text("sealedsecrets/db-creds.strict.sealedsecret.yaml")
        let inputs = [ManifestInput(bytes: Array(sealedText.utf8), source: "one.yaml"), ManifestInput(bytes: Array(sealedText.utf8), source: "two.yaml")]
        let text = try UnsealOperation(inputs: inputs, unsealer: Unsealer(keyring: Keyring(keys: [Fixtures.key]))).run()
        #expect(try ManifestStream(text: text).documents.count == 2)
        let wrong = try #require(throws: LocatedError.self) { try UnsealOperation(inputs: inputs, unsealer: Unsealer(keyring: Keyring(keys: [Fixtures.renewedKey]))).run() }
        #expect(wrong.location.hasPrefix("one.yaml: document 1"))
    }

    @Test("editor: set and unset change one key's line and keep every other byte; errors leave the file as it was")
    func editor() throws {
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("db.sealed.yaml")
            let original = try Fixtures.text("sealedsecrets/db-creds.strict.sealedsecret.yaml")
            try file.write(original)
            let editor = SealedSecretEditor(path: file.path)
            let certificate = try Fixtures.certificate
            let set = try editor.set("extra", to: Array("value\n".utf8), certificate: { certificate })
            #expect(set.changed)
            #expect(set.notices.isEmpty, "an edit of one line has nothing to say: \(set.notices)")
            let afterSet = try file.read()
            #expect(afterSet.split(separator: "\n").count == original.split(separator: "\n").count + 1)
            let sealed = try SealedSecretFile(contentsOf: file.path).select().sealed
            #expect(try Unsealer(keyring: Keyring(keys: [Fixtures.key])).openValues(of: sealed)["extra"] == Array("value\n".utf8))

            _ = try editor.unset("extra")
            #expect(try file.read() == original)
            #expect(throws: OperationError.noSuchKey(file: file.path, key: "extra")) { try editor.unset("extra") }
            #expect(throws: SealingError.invalidKey(key: "a/b")) { try editor.set("a/b", to: [1], certificate: { certificate }) }
            #expect(try file.read() == original)
        }
    }

    @Test("editor: the edit pipeline seals only what the injected editor changed, and no change writes nothing")
    func editPipeline() throws {
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("db.sealed.yaml")
            let original = try Fixtures.text("sealedsecrets/db-creds.strict.sealedsecret.yaml")
            try file.write(original)
            let keys = try Keyring(keys: [Fixtures.key]), certificate = try Fixtures.certificate
            let editor = SealedSecretEditor(path: file.path)
            let untouched = try editor.editValues(keys: keys, certificate: { certificate }, scratchFolder: directory.path) { _ in }
            #expect(!untouched.changed && untouched.summary == nil)
            #expect(try file.read() == original)

            var scratchPath = ""
            let edited = try editor.editValues(keys: keys, certificate: { certificate }, scratchFolder: directory.path) { scratch in
                scratchPath = scratch.url.path
                let text = String(decoding: try scratch.read(), as: UTF8.self)
                try scratch.write(Data((text + "added: new-value\n").utf8))
            }
            #expect(edited.changed)
            #expect(edited.summary?.hasPrefix("1 added [\"added\"]") == true, "\(edited.summary ?? "")")
            #expect(!FileManager.default.fileExists(atPath: scratchPath), "the scratch file is removed")
            let sealed = try SealedSecretFile(contentsOf: file.path).select().sealed
            let old = try SealedSecret(document: ManifestStream(text: original).documents[0])
            for (key, value) in old.spec.encryptedData { #expect(sealed.spec.encryptedData[key] == value, "\(key) kept its ciphertext") }
        }
    }

    @Test("reseal: several files need the in-place policy; in place each file is rewritten for the new certificate")
    func resealOperation() throws {
        try withTemporaryDirectory { directory in
            for name in ["a.yaml", "b.yaml"] {
                try directory.appendingPathComponent(name).write(try Fixtures.text("sealedsecrets/db-creds.strict.sealedsecret.yaml"))
            }
            let method = { ResealOperation.Method.offline(Resealer(oldKeys: try Keyring(keys: [Fixtures.key]), newCertificate: try Sealer(certificate: Fixtures.renewedCertificate))) }
            let refused = try #require(throws: OperationError.self) {
                try ResealOperation(paths: [directory.path], policy: .returnText).run(method: { Issue.record("the keys were read"); return try method() })
            }
            #expect(refused == .severalFilesNeedInPlace(count: 2) && refused.remedy == .rewriteInPlace)
            let report = try ResealOperation(paths: [directory.path], policy: .inPlace).run(method: method)
            #expect(report.succeeded && report.written == 2 && report.summary.documents == 2)
            let renewed = try Unsealer(keyring: Keyring(keys: [Fixtures.renewedKey]))
            _ = try renewed.unseal(SealedSecretFile(contentsOf: directory.appendingPathComponent("a.yaml").path).select().sealed)
        }
    }

    @Test("remedies are data: the errors a caller must word carry one, and their messages name no flag")
    func remedies() throws {
        let cases: [(any Error, Remedy)] = [
            (SealingError.emptyData, .allowEmptyData), (SealingError.missingNamespace, .giveNamespace), (SealingError.legacyFormat, .allowLegacyFormat),
            (SealingError.invalidLiteral, .literalSyntax), (EnvironmentError.missingValues(environment: "prod", keys: ["K"]), .giveValuesFile),
            (AccessError.kubectlNotInstalled(executable: "kubectl"), .giveCertificate), (CryptoError.localKeyringEmpty(path: "/k"), .giveKeysOrMakeOne),
            (OperationError.rawValueNeedsName(scope: .strict), .giveRawValueName),
        ]
        for (error, remedy) in cases {
            #expect((error as? RemediableError)?.remedy == remedy, "\(error)")
            #expect(!"\(error)".contains("--"), "\(error) names a flag")
        }
        #expect(LocatedError("f.yaml", SealingError.emptyData).remedy == .allowEmptyData)
    }
}

/// A count a `@Sendable` closure can bump.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
