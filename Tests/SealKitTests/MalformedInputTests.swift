import Foundation
import Testing
@testable import SealKit
@testable import SealKitSerialization

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
        // Small mappings are searched, large ones hashed: a repeat is found on both sides of the
        // switch, and merge keys may repeat in either.
        for count in [2, 15, 16, 17, 40] {
            for repeated in [0, count - 2, count - 1] {
                let lines = (0..<count).map { "k\($0): v" } + ["k\(repeated): again", "!!merge <<: {x: 1}", "!!merge <<: {y: 2}"]
                #expect(failure(lines.joined(separator: "\n"))?.reason == .duplicateKey("k\(repeated)"), "\(count) keys, k\(repeated) repeated")
                #expect(failure((0..<count).map { "k\($0): v" }.joined(separator: "\n") + "\n!!merge <<: {x: 1}\n!!merge <<: {y: 2}\n") == nil, "\(count) keys")
            }
        }
    }

    @Test("the UTF-8 check finds the first bad sequence exactly where Swift's own decoder does")
    func utf8CheckAgreesWithSwift() {
        /// The standard library's decoder, scalar by scalar: the reference.
        func reference(_ bytes: [UInt8]) -> Int? {
            var iterator = bytes.makeIterator(), decoder = UTF8(), offset = 0
            while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let scalar): offset += UTF8.width(scalar)
                case .emptyInput: return nil
                case .error: return offset
                }
            }
        }
        let pieces: [[UInt8]] = [
            Array("plain ascii text, long enough for a word or two ".utf8), Array("é".utf8), Array("日本".utf8), Array("😀".utf8),
            [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xED, 0x9F, 0xBF],
            [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0x80],
            [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xC3], [0x0A], [0x7F],
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let bytes = (0..<Int.random(in: 0...6, using: &generator)).flatMap { _ in pieces.randomElement(using: &generator)! }
            #expect(TextEncoding.firstInvalidUTF8(bytes[...]) == reference(bytes), "\(bytes)")
        }
        for piece in pieces {
            #expect(TextEncoding.firstInvalidUTF8(piece[...]) == reference(piece), "\(piece)")
            // At the end of a slice that does not start at zero, the offset is the slice's own index.
            let slice = ([0xEF, 0xBB, 0xBF] + Array("ab".utf8) + piece)[3...]
            #expect(TextEncoding.firstInvalidUTF8(slice) == reference(Array(slice)).map { $0 + 3 }, "\(piece) in a slice")
        }
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

    @Test("base64 is read as Go's StdEncoding reads it: line breaks ignored, padding only at the end")
    func base64AsGoReadsIt() {
        // Go's base64.StdEncoding.DecodeString, which the API server's `format: byte` and the
        // controller use: what it accepts and what it refuses.
        let accepted = ["", "QUJD", "QUI=", "QQ==", "QUJD\nREVG", "QUJD\r\nREVG\r\n", "QQ=\n=", "\r\n"]
        let refused = ["QQ=", "QQ", "Q===", "=QQ=", "QQ==QQ==", "AA=A", "====", "QU-D", "QU D", "QUJD\tREVG"]
        for text in accepted {
            #expect(Secret.isBase64(text), "\(text.debugDescription)")
            #expect(Secret.decodeBase64(text) != nil, "\(text.debugDescription)")
        }
        for text in refused {
            #expect(!Secret.isBase64(text), "\(text.debugDescription)")
            #expect(Secret.decodeBase64(text) == nil, "\(text.debugDescription)")
        }
        #expect(Secret.decodeBase64("QUJD\r\nREVG") == Data("ABCDEF".utf8))
        // Whatever the scan accepts, Foundation's decoder (more lenient) decodes: the scan never
        // lets through a value that then fails to decode.
        let alphabet: [Character] = ["A", "Q", "z", "9", "+", "/", "=", "\n", "\r", "-"]
        var samples: [String] = [""], frontier: [String] = [""]
        for _ in 1...4 {
            frontier = frontier.flatMap { prefix in alphabet.map { prefix + String($0) } }
            samples += frontier
        }
        let undecodable = samples.filter { Secret.isBase64($0) && Secret.decodeBase64($0) == nil }
        #expect(undecodable.isEmpty, "\(undecodable.prefix(10).map(\.debugDescription))")
    }
}
