import Foundation
import Testing
@testable import SealKit
@testable import SealKitCrypto
import TestSupport

/// Inputs the fuzzers (Fuzz/run.sh) found crashes with, kept so the bugs stay fixed.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    /// FuzzKustomization: the last resources item is a multi-line plain scalar; the new entry was
    /// inserted between it and its continuation line, which then joined the new entry.
    @Test("adding a resource after a multi-line item keeps both")
    func resourceAfterMultiLineItem() throws {
        let input = String(decoding: Data(base64Encoded: "YXBpVmVyc2lvbjoga3VzdG9taV16ZS5jb25maWcuazhzLmlvL3YxYmV0YTEKa2luZDogS3VzdG9taXphdGlvbgoKbmFtZXNwYWNlOiBzbWFydGVtLWRlY2lzaW9ucwoKcmVzb3VyY2VzOgotIGtleW1sCi0gcmFiYml0bXEueWFtbAotIG1vZW5lcmF0b3I6JgotIG5hQ29tcGFyYWJsb2FrLXJlYWxtlpDQiQogIGZpbGVzZXRtYXJ0ZW0ta2V5Y2xvYWstbW9jawo=")!, as: UTF8.self)
        let edited = try #require(try KustomizationEditor.addingResource("secrets.yaml", to: input))
        let kustomization = try Kustomization(yaml: edited)
        #expect(kustomization.resources.last == "secrets.yaml")
        #expect(Array(kustomization.resources.dropLast()) == (try Kustomization(yaml: input)).resources)
    }

    @Test("a folded item and a nested mapping in resources")
    func foldedAndNested() throws {
        let input = "resources:\n- first.yaml\n- a long\n  folded name.yaml\nnamespace: x\n"
        let edited = try #require(try KustomizationEditor.addingResource("secrets.yaml", to: input))
        #expect(edited == "resources:\n- first.yaml\n- a long\n  folded name.yaml\n- secrets.yaml\nnamespace: x\n")
        #expect(try Kustomization(yaml: edited).resources == ["first.yaml", "a long folded name.yaml", "secrets.yaml"])
    }

    /// FuzzKustomization, 84,517 executions into a 90 s run: a flow list with a `#` on the key's
    /// line and no `]` there trapped on a force unwrap (`keyLine.lastIndex(of: "]")!`).
    @Test("a flow list interrupted by a comment does not trap")
    func flowListWithComment() throws {
        let input = "=[aartemces:\n- namespon\n\nresources:[aartem#es:\n- namespon\n\nresources:\n\n-"
        // Valid YAML after all (`resources:[aartem#es` is a plain key; the real `resources` holds
        // one empty item): the edit appends the entry and nothing else.
        let edited = try #require(try KustomizationEditor.addingResource("secrets.yaml", to: input))
        #expect(edited == input + "\n- secrets.yaml")
        #expect(try Kustomization(yaml: edited).resources == (try Kustomization(yaml: input)).resources + ["secrets.yaml"])
        let valid = "resources: [ # all\n  a.yaml\n]\n"
        #expect(try KustomizationEditor.addingResource("secrets.yaml", to: valid) == "resources: [ # all\n  a.yaml,\n  secrets.yaml\n]\n")
    }

    /// Not found by a fuzzer but reachable by anyone with the public certificate: an RSA block
    /// whose session key is not 32 bytes. AES-256 would read 32 bytes from it; opening must
    /// refuse it as undecryptable instead of trapping or reading past the key.
    @Test("a crafted value whose session key is not 32 bytes is refused", arguments: [0, 1, 16, 31, 33, 64])
    func craftedSessionKeyLength(_ length: Int) throws {
        let key = try Fixtures.key
        let label = Array("prod/db".utf8)
        let block = try OAEP.encrypt([UInt8](repeating: 7, count: length), for: key.publicKey.backing, label: label, random: .system)
        let payload = [UInt8](repeating: 0, count: 40)
        let value = [UInt8(block.count >> 8), UInt8(block.count & 0xFF)] + block + payload
        #expect(throws: CryptoError.self) { try HybridCipher.open(value, with: [key], label: label) }
    }
}

/// FuzzSealedSecretFile, 60 s into a run (issue 26): a multi-document file with a document of a
/// lone CR, a SealedSecret without `encryptedData`, and odd documents after it. `replace` wrote a
/// file that did not parse.
@Suite("Fuzz regressions: SealedSecretFile")
struct SealedSecretFileFuzzRegressionTests {
    static let loneCarriageReturn = "LjFlYSAgZH0KLS0tCg0KLS0tClZzaW/Hu246IGJpdG5hbWkuY3ZvbS92MWFscGhhMQpraW5kOiBTZWFsZWRTZWNyZXQKbWV0YWRhdGE6CiAgYW5ub3RBdGlvbnM6OiBHcmVnaXN0cnkKc3BlYzoKICBlbmNyeXB0ZWREYV9hOgogICAgLn0KLS0tCi0KLS0tClZhPmVwcmlzaT1uOkAtCgp+LQotLS0K"

    @Test("a document of a lone CR before a SealedSecret: the rewrite reads back as exactly the SealedSecret meant")
    func loneCarriageReturnDocument() throws {
        let bytes = Array(try #require(Data(base64Encoded: Self.loneCarriageReturn)))
        var file = try SealedSecretFile(bytes: bytes, path: "fuzz.yaml")
        let index = try #require(file.sealedSecretIndexes.first)
        var sealed = try file.sealedSecret(at: index)
        let others = file.text.documents.indices.filter { $0 != index }.map { file.text.body(at: $0) }
        sealed.spec.encryptedData["fuzz-added"] = "AgAAfuzz"
        try file.replace(index, with: sealed)
        let reread = try SealedSecretFile(bytes: Array(file.text.text.utf8), path: "fuzz.yaml")
        #expect(reread.text.documents.count == file.text.documents.count)
        #expect(try reread.sealedSecret(at: index) == sealed)
        #expect(reread.text.documents.indices.filter { $0 != index }.map { reread.text.body(at: $0) } == others)
    }
}

extension SealedSecretFileFuzzRegressionTests {
    /// The same cause seen by users: a CRLF file of several documents was cut at no separator
    /// (Swift reads CR LF as one Character), so it could not be edited at all.
    @Test("a CRLF file of several documents is edited in place, every line still CRLF")
    func crlfMultiDocument() throws {
        let sealed = try TestFixtures.vectorText("sealedsecrets/db-creds.strict.sealedsecret.yaml")
        let document = sealed.replacingOccurrences(of: "\n", with: "\r\n")
        let namespace = "apiVersion: v1\r\nkind: Namespace\r\nmetadata:\r\n  name: prod\r\n"
        let input = namespace + document + "# trailing comment\r\n"
        var file = try SealedSecretFile(bytes: Array(input.utf8), path: "crlf.yaml")
        #expect(file.text.documents.count == 2)
        let index = try #require(file.sealedSecretIndexes.first)
        var secret = try file.sealedSecret(at: index)
        secret.spec.encryptedData["added"] = "AgAAYWRkZWQ="
        #expect(try file.replace(index, with: secret) == .lines)
        let output = file.text.text
        #expect(!output.utf8.enumerated().contains { $0.element == UInt8(ascii: "\n") && ($0.offset == 0 || Array(output.utf8)[$0.offset - 1] != UInt8(ascii: "\r")) })
        #expect(output.hasPrefix(namespace) && output.hasSuffix("# trailing comment\r\n"))
        #expect(try SealedSecretFile(bytes: Array(output.utf8), path: "crlf.yaml").sealedSecret(at: index) == secret)
    }
}

extension SealedSecretFileFuzzRegressionTests {
    @Test("a document rewritten whole in a CRLF file keeps CRLF; a SealedSecret that would not read back is refused, the file unchanged")
    func wholeDocumentAndRefusal() throws {
        let document = try TestFixtures.vectorText("sealedsecrets/db-creds.strict.sealedsecret.yaml").replacingOccurrences(of: "\n", with: "\r\n")
        var file = try SealedSecretFile(bytes: Array(document.utf8), path: "crlf.yaml")
        var secret = try file.sealedSecret(at: 0)
        secret.spec.template.type = "kubernetes.io/basic-auth"
        #expect(try file.replace(0, with: secret) == .document)
        #expect(!file.text.text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        let before = file.text.text
        secret.spec.encryptedData["broken"] = "not base64!"
        #expect(throws: ManifestError.self) { try file.replace(0, with: secret) }
        #expect(file.text.text == before)
    }
}

extension SealedSecretFileFuzzRegressionTests {
    /// Found by `.ci/run`'s fuzz pass: `#`, a lone CR and `{` on one line. YAML ends the comment
    /// at the CR, so the line holds the document's first content; taken for a comment line, it
    /// was kept in front of the rewritten document and the file no longer parsed.
    static let commentEndedByLoneCarriageReturn = "Iw17CiAgImtpbmQiOiAiU2VhbGVkU2VjcmV0IiwKICAib24iOiAiYml0bmFtaS5jb20vdjFhbHBoYTEiLAogICJtZXRhZGF0YXZ2dnZ2dnZ2dnZ2dnZ2djAwM2Njb3JlXGJPVVpCWU1nMTlTZVo2RkZFYk1CZXVSZlFmTkI1T3RpVVU2ODM0SU5JZzNjIjogewogICAgIm5hbWUiOiAiZGItY3JlZHMiLAogICAgIm5hbWVbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tzcGFjZSI6ICJwcm9kIgogIH0sCiAgInNwZWMiOiB7CiAidCAgIGVtcGxhdGUiOiB7CiAgICAgICJtZXRhZGF0YSI6IHsKIAoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgogICAgICAibmFtZXNwYWNlIjogInByb2QiLAogICAgICAgICJsYWJlIFtbLjEwLltbW1tscyI6IHsKICAgICAgICAgICIiOiAiZGIiCiAgICAgICAgfSwKICAgICAgICAiYW5ub3RhdGlvbnMiOiB7CiAgICAgICAgICAidGVhbSI6ICJwYXltZW50cyBcdTAwMjYgYmlsbGluZyBcdTAwM2Njb3JlXHUwMDhlIgogICAgICAgIH0KICAgICAgfSwKICAgICAgInR5cGUiOiAiT3BhcXVlIgogICAgfSwKICAgICJlbmNyeXBjcmVhdGlvbnRpbWVzdGFtcHRlZERhdGEiOiB7CiAgICAgICJwYXNzd29yZCI6ICJBZ0FhK3dibFJvdEZ1cTZZSHJDS0pkbmVGNFBNdWI3UWpuRmJDa05uUlpiSkNhVHlSNFI4R0dFck9pUUlWNm5nJzZLbTkxTXVYbDV2UnhmK016akNJeUsvSmgzeGVmR0xiaDM3K3FrUGRHMnhlWDlaVkE9PSIKICAgIH0KICB9Cn0K"

    @Test("a comment ended by a lone CR before a JSON document: the rewrite parses and reads back as the SealedSecret meant")
    func commentEndedByLoneCarriageReturn() throws {
        let bytes = Array(try #require(Data(base64Encoded: Self.commentEndedByLoneCarriageReturn)))
        var file = try SealedSecretFile(bytes: bytes, path: "fuzz.yaml")
        let index = try #require(file.sealedSecretIndexes.first)
        var sealed = try file.sealedSecret(at: index)
        sealed.spec.encryptedData["fuzz-added"] = "AgAAfuzz"
        sealed.spec.encryptedData["password"] = nil
        try file.replace(index, with: sealed)
        let reread = try SealedSecretFile(bytes: Array(file.text.text.utf8), path: "fuzz.yaml")
        #expect(reread.text.documents.count == file.text.documents.count)
        #expect(try reread.sealedSecret(at: index).formatted(as: .yaml) == sealed.formatted(as: .yaml))
    }
}
