import Foundation
import Testing
@testable import SealKit

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
