import Foundation
import Testing
@testable import SealKit

@Suite("Malformed input gives one clear error, never a crash")
struct MalformedInputTests {
    func failure(_ bytes: [UInt8]) -> ManifestError? {
        do {
            _ = try ManifestStream(bytes: bytes)
            return nil
        } catch {
            return error
        }
    }

    func failure(_ text: String) -> ManifestError? { failure(Array(text.utf8)) }

    @Test("truncated YAML")
    func truncated() throws {
        let error = try #require(failure("apiVersion: v1\nkind: Secret\nmetadata:\n  name: \"db-cre"))
        #expect(error.description.contains("line 4"))
        #expect(error.description.contains("quoted scalar"))
    }

    @Test("a tab-indented document")
    func tabs() throws {
        let error = try #require(failure("apiVersion: v1\nmetadata:\n\tname: x\n"))
        #expect(error.mark?.line == 3)
        #expect(error.description.contains("tab") || error.description.contains("cannot start any token"))
    }

    @Test("an alias bomb is stopped by the expansion limit")
    func aliasBomb() throws {
        var lines = ["a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"]
        for level in 1...9 {
            let previous = String(UnicodeScalar(UInt8(96 + level)))
            let name = String(UnicodeScalar(UInt8(97 + level)))
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]")
        }
        let error = try #require(failure(lines.joined(separator: "\n")))
        #expect(error.reason == .limitExceeded("aliases expand to more than 100000 nodes (a \"billion laughs\" document?)"))
    }

    @Test("10,000 nested brackets, in YAML and in JSON")
    func deepNesting() throws {
        let yaml = try #require(failure("a: " + String(repeating: "[", count: 10_000)))
        #expect(yaml.description.contains("nesting deeper than 256 levels"))
        let json = try #require(failure(String(repeating: "[", count: 10_000)))
        #expect(json.description.contains("nesting deeper than 256 levels"))
    }

    @Test("UTF-16 with and without a byte-order mark, and invalid UTF-8")
    func encodings() throws {
        let text = "apiVersion: v1\nkind: Secret\n"
        let utf16LE: [UInt8] = [0xFF, 0xFE] + Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(failure(utf16LE)?.description.contains("UTF-16LE (with a byte-order mark), not UTF-8") == true)
        let utf16BENoBOM = Array(text.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(failure(utf16BENoBOM)?.description.contains("UTF-16BE (no byte-order mark)") == true)
        let invalid = Array("apiVersion: v1\nkind: Sec".utf8) + [0xC3, 0x28] + Array("ret\n".utf8)
        let invalidError = try #require(failure(invalid))
        #expect(invalidError.description == "line 2, column 10: the input is not valid UTF-8 (byte 0xc3), not UTF-8; save the file as UTF-8 (PowerShell: Out-File -Encoding utf8)")
        // A UTF-8 byte-order mark is fine.
        #expect(try ManifestStream(bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8)).documents.count == 1)
    }

    @Test("NUL bytes in YAML are refused by the parser, at their position")
    func nulBytes() throws {
        let error = try #require(failure(Array("a: b\nname: x".utf8) + [0] + Array("y\n".utf8)))
        #expect(error.description == "document 1, line 2, column 8: control characters are not allowed")
    }

    @Test("duplicate mapping keys")
    func duplicateKeys() throws {
        let error = try #require(failure("metadata:\n  name: a\n  name: b\n"))
        #expect(error.description == "document 1, line 3, column 3: mapping key \"name\" appears more than once")
        #expect(failure(#"{"a": 1, "a": 2}"#)?.reason == .duplicateKey("a"))
    }

    @Test("JSON with trailing garbage, and broken JSON")
    func brokenJSON() throws {
        let trailing = try #require(failure("{\"kind\": \"Secret\"}\n}garbage"))
        #expect(trailing.description.contains("document 2"))
        #expect(trailing.description.contains("line 2, column 1"))
        #expect(failure("{\"a\": [1, 2,]}") != nil)
        #expect(failure("{\"a\": \"unterminated}") != nil)
        #expect(failure("{\"a\": 01}") != nil)
        // A malformed value is located, never quoted: it may be a secret.
        let unquoted = try #require(failure("{\"password\": Zcanary-value}"))
        #expect(unquoted.description == "document 1, line 1, column 14: invalid character looking for beginning of value")
    }

    @Test("empty input and empty documents hold no documents")
    func empty() throws {
        #expect(try ManifestStream(text: "").documents.isEmpty)
        #expect(try ManifestStream(text: "---\n# only a comment\n---\n").documents.isEmpty)
    }

    @Test("JSON streams: concatenated objects, and a List's items")
    func jsonStreams() throws {
        let stream = try ManifestStream(text: "{\"kind\":\"A\"}{\"kind\":\"B\"}\n{\"kind\":\"List\",\"items\":[{\"kind\":\"C\"},{\"kind\":\"D\"}]}")
        #expect(stream.format == .json)
        #expect(stream.documents.map(\.kind) == ["A", "B", "C", "D"])
        #expect(stream.documents.map(\.index) == [0, 1, 2, 2])
        #expect(stream.documents.map(\.itemIndex) == [nil, nil, 0, 1])
        #expect(stream.documents[3].locationDescription == "document 3, item 2")
    }

    @Test("the key List vectors expand into Secrets, in YAML and JSON")
    func keyLists() throws {
        for path in ["key/sealed-secrets-key.list.yaml", "key/sealed-secrets-key.list.json", "keys-both.list.yaml"] {
            let stream = try ManifestStream(bytes: Fixtures.bytes(path))
            let secrets = try stream.documents.map { try Secret(document: $0) }
            #expect(!secrets.isEmpty)
            for secret in secrets {
                #expect(secret.type == "kubernetes.io/tls")
                #expect(secret.data["tls.key"].map { String(decoding: $0, as: UTF8.self).contains("RSA PRIVATE KEY") } == true)
            }
        }
    }
}
