import Foundation
import Testing
import TestSupport
@testable import SealKit

/// `set` and `unset` on SealedSecret files as people keep them in git: they change the lines of
/// the values they touch and nothing else.
@Suite("set and unset change only their lines")
struct InPlaceEditTests {
    /// A SealedSecret of `keys`, sealed for the vector certificate, as kubeseal prints it.
    static func sealed(_ keys: [String], name: String = "db", namespace: String = "prod") throws -> String {
        let certificate = try Certificate(pemRepresentation: TestFixtures.vectorText("key/tls.crt"))
        let values = Dictionary(uniqueKeysWithValues: keys.map { ($0, "value-of-\($0)") })
        return try Sealer(certificate: certificate).seal(Secret(name: name, namespace: namespace, stringData: values)).formatted(as: .yaml)
    }

    struct Shape: CustomStringConvertible, Sendable {
        let name: String
        /// Makes the file from kubeseal's text of a SealedSecret with keys `a`, `c`, `e`.
        let make: @Sendable (String) throws -> String
        var description: String { name }
    }

    static let shapes: [Shape] = [
        Shape(name: "comments of every kind and a trailing blank line") { text in
            "# Managed by hand: do not regenerate.\n" + text
                .replacingOccurrences(of: "  encryptedData:\n", with: "  # sealed values\n  encryptedData:\n")
                .replacingOccurrences(of: "\n    c: ", with: "\n    # the cache password\n    c: ")
                .replacingOccurrences(of: "  template:\n", with: "  template: # what the controller creates\n") + "\n"
        },
        Shape(name: "hand-ordered keys") { text in
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard let a = lines.firstIndex(where: { $0.hasPrefix("    a: ") }), let e = lines.firstIndex(where: { $0.hasPrefix("    e: ") }) else { throw MissingFixture(path: "keys a and e") }
            var swapped = lines
            swapped.swapAt(a, e)
            return swapped.joined(separator: "\n")
        },
        Shape(name: "an older kubeseal's null fields, no leading ---, a trailing ---") { text in
            String(text.dropFirst(4))
                .replacingOccurrences(of: "  name: db\n  namespace: prod\n", with: "  creationTimestamp: null\n  name: db\n  namespace: prod\n")
                .replacingOccurrences(of: "    metadata:\n", with: "    data: null\n    metadata:\n      creationTimestamp: null\n") + "---\n"
        },
        Shape(name: "a Namespace before the SealedSecret") { text in
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod # the team's namespace\n" + text
        },
        Shape(name: "CRLF line ends") { text in text.replacingOccurrences(of: "\n", with: "\r\n") },
        Shape(name: "no final newline") { text in String(text.dropLast()) },
    ]

    func withFile(_ shape: Shape, _ body: (URL, String) throws -> Void) throws {
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("sealed.yaml")
            let original = try shape.make(try Self.sealed(["a", "c", "e"]))
            try Data(original.utf8).write(to: file)
            try body(file, original)
        }
    }

    /// The lines, split at LF and CRLF (one Character in Swift), each without its line end.
    static func lines(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
    }

    @Test("set of a new key adds one line; unset of it gives back the original byte for byte", arguments: shapes)
    func addThenRemove(_ shape: Shape) throws {
        try withFile(shape) { file, original in
            let set = try Sealctl.run(["set", "--cert", VectorKey.certificate, file.path, "d"], input: "new-value")
            #expect(set.status == 0, "\(set.stderr)")
            let added = try String(decoding: Data(contentsOf: file), as: UTF8.self)
            var remaining = Self.lines(added)
            let addedLine = try #require(remaining.firstIndex { $0.hasPrefix("    d: Ag") })
            remaining.remove(at: addedLine)
            #expect(remaining == Self.lines(original), "only the new key's line was added")
            let unset = try Sealctl.run(["unset", file.path, "d"])
            #expect(unset.status == 0, "\(unset.stderr)")
            #expect(try Data(contentsOf: file) == Data(original.utf8))
        }
    }

    @Test("an entry written as null (kubeseal's empty value) survives set and unset of another key, alone or among others", arguments: [[], ["a"]])
    func nullEntrySurvives(_ others: [String]) throws {
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("sealed.yaml")
            var original = try Self.sealed(["placeholder"] + others)
            let placeholder = try #require(Self.lines(original).first { $0.hasPrefix("    placeholder: ") })
            original = original.replacingOccurrences(of: placeholder, with: "    credentials.json: null")
            try Data(original.utf8).write(to: file)
            let set = try Sealctl.run(["set", "--cert", VectorKey.certificate, file.path, "new"], input: "new-value")
            #expect(set.status == 0, "\(set.stderr)")
            #expect(try file.read().contains("    credentials.json: null\n"))
            let unset = try Sealctl.run(["unset", file.path, "new"])
            #expect(unset.status == 0, "\(unset.stderr)")
            #expect(try file.read() == original)
        }
    }

    @Test("set of an existing key changes only that value's line, and the value opens", arguments: shapes)
    func replaceValue(_ shape: Shape) throws {
        try withFile(shape) { file, original in
            let set = try Sealctl.run(["set", "--cert", VectorKey.certificate, file.path, "c"], input: "changed")
            #expect(set.status == 0, "\(set.stderr)")
            let after = Self.lines(try String(decoding: Data(contentsOf: file), as: UTF8.self)), before = Self.lines(original)
            #expect(after.count == before.count)
            let changed = zip(before, after).filter { $0 != $1 }
            #expect(changed.count == 1 && changed.first?.1.hasPrefix("    c: Ag") == true, "\(changed.map(\.1))")
            let sealed = try SealedSecretFile(contentsOf: file.path).select().sealed
            let values = try Unsealer(keyring: Keyring(contentsOf: TestFixtures.vectorURL("key/tls.key"))).openValues(of: sealed)
            #expect(values["c"] == Array("changed".utf8))
            #expect(values["a"] == Array("value-of-a".utf8))
        }
    }

    @Test("a new key goes at its go-yaml position when the keys are sorted, else after the last")
    func newKeyPosition() throws {
        try withFile(Self.shapes[0]) { file, _ in
            _ = try Sealctl.run(["set", "--cert", VectorKey.certificate, file.path, "b"], input: "x")
            let keys = Self.lines(try String(decoding: Data(contentsOf: file), as: UTF8.self)).filter { $0.range(of: #"^    [a-e]: "#, options: .regularExpression) != nil }.map { $0.dropFirst(4).prefix(1) }
            #expect(keys == ["a", "b", "c", "e"])
        }
        try withFile(Self.shapes[1]) { file, _ in
            _ = try Sealctl.run(["set", "--cert", VectorKey.certificate, file.path, "b"], input: "x")
            let keys = Self.lines(try String(decoding: Data(contentsOf: file), as: UTF8.self)).filter { $0.range(of: #"^    [a-e]: "#, options: .regularExpression) != nil }.map { $0.dropFirst(4).prefix(1) }
            #expect(keys == ["e", "c", "a", "b"])
        }
    }

    @Test("two SealedSecrets in one file: --name picks one, the other stays byte for byte; without it the error lists both")
    func twoSealedSecrets() throws {
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("both.yaml")
            let first = try Self.sealed(["a"], name: "db"), second = try Self.sealed(["a"], name: "cache")
            try Data((first + second).utf8).write(to: file)
            let ambiguous = try Sealctl.run(["set", "--cert", VectorKey.certificate, file.path, "b"], input: "x")
            #expect(ambiguous.status != 0)
            #expect(ambiguous.stderr.contains("db in prod") && ambiguous.stderr.contains("cache in prod"), "\(ambiguous.stderr)")
            #expect(try Data(contentsOf: file) == Data((first + second).utf8))
            let picked = try Sealctl.run(["set", "--cert", VectorKey.certificate, "--name", "cache", file.path, "b"], input: "x")
            #expect(picked.status == 0, "\(picked.stderr)")
            let text = try String(decoding: Data(contentsOf: file), as: UTF8.self)
            #expect(text.hasPrefix(first))
            #expect(Self.lines(text).count == Self.lines(first + second).count + 1)
        }
    }

    @Test("edit with no change leaves the file byte-identical", arguments: shapes)
    func editWithoutChange(_ shape: Shape) throws {
        try withFile(shape) { file, original in
            let result = try Sealctl.run(["edit", "--key", VectorKey.privateKey, "--cert", VectorKey.certificate, file.path], environment: ["EDITOR": "true", "VISUAL": nil])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("no changes"))
            #expect(try Data(contentsOf: file) == Data(original.utf8))
        }
    }

    @Test("JSON (in a .json or a .yaml file): a new key adds its line and one comma; unset gives the original back; a changed value changes one line", arguments: ["sealed.json", "sealed.yaml"])
    func json(_ fileName: String) throws {
        try withTemporaryDirectory { directory in
            let certificate = try Certificate(pemRepresentation: TestFixtures.vectorText("key/tls.crt"))
            let secret = Secret(name: "db", namespace: "prod", stringData: ["a": "1", "c": "3"])
            let original = try Sealer(certificate: certificate).seal(secret).formatted(as: .json)
            let file = directory.appendingPathComponent(fileName)
            try Data(original.utf8).write(to: file)
            let before = Self.lines(original)

            #expect(try Sealctl.run(["set", "--cert", VectorKey.certificate, file.path, "e"], input: "5").status == 0)
            let added = Self.lines(try String(decoding: Data(contentsOf: file), as: UTF8.self))
            #expect(added.count == before.count + 1)
            #expect(zip(before, added.filter { !$0.contains("\"e\": ") }).filter { $0 != $1 }.count == 1, "only the comma before the new last key")
            #expect(try Sealctl.run(["unset", file.path, "e"]).status == 0)
            #expect(try String(decoding: Data(contentsOf: file), as: UTF8.self) == original)

            #expect(try Sealctl.run(["set", "--cert", VectorKey.certificate, file.path, "b"], input: "2").status == 0)
            let inserted = Self.lines(try String(decoding: Data(contentsOf: file), as: UTF8.self))
            #expect(inserted.filter { !$0.contains("\"b\": ") } == before, "a key in Go's order goes between, with its comma")
            #expect(try Sealctl.run(["unset", file.path, "b"]).status == 0)

            #expect(try Sealctl.run(["set", "--cert", VectorKey.certificate, file.path, "c"], input: "changed").status == 0)
            let changed = Self.lines(try String(decoding: Data(contentsOf: file), as: UTF8.self))
            #expect(changed.count == before.count && zip(before, changed).filter { $0 != $1 }.count == 1)
            let result = try Sealctl.run(["unset", file.path, "c"])
            #expect(result.status == 0 && !result.stderr.contains("note:"), "\(result.stderr)")
            let values = try Unsealer(keyring: Keyring(contentsOf: TestFixtures.vectorURL("key/tls.key"))).openValues(of: SealedSecretFile(contentsOf: file.path).select().sealed)
            #expect(values == ["a": Array("1".utf8)])
        }
    }

    @Test("a hand-written flow mapping is rewritten whole in its own style, and only it; unset gives the original back")
    func flowMapping() throws {
        try withTemporaryDirectory { directory in
            let kubeseal = try Self.sealed(["a"])
            let value = try #require(Self.lines(kubeseal).first { $0.hasPrefix("    a: ") }).dropFirst("    a: ".count)
            let text = "# header\n" + kubeseal
                .replacingOccurrences(of: "  encryptedData:\n    a: \(value)\n", with: "  # values below\n  encryptedData: {a: \(value)} # by hand\n")
            let file = directory.appendingPathComponent("flow.yaml")
            try Data(text.utf8).write(to: file)
            let result = try Sealctl.run(["set", "--cert", VectorKey.certificate, file.path, "b"], input: "x")
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("spec.encryptedData is a flow mapping and was rewritten whole in its own style"), "\(result.stderr)")
            #expect(!result.stderr.contains("loses"), "\(result.stderr)")
            let after = Self.lines(try String(decoding: Data(contentsOf: file), as: UTF8.self)), before = Self.lines(text)
            let changed = zip(before, after).filter { $0 != $1 }
            #expect(after.count == before.count && changed.count == 1, "\(changed)")
            #expect(changed.first?.1.range(of: #"^  encryptedData: \{a: Ag[^,]+, b: Ag[^}]+\} # by hand$"#, options: .regularExpression) != nil, "\(changed)")
            #expect(try Sealctl.run(["unset", file.path, "b"]).status == 0)
            #expect(try String(decoding: Data(contentsOf: file), as: UTF8.self) == text)
        }
    }

    @Test("a comment that a rewritten flow mapping cannot keep is named; the others stay")
    func flowMappingNamesLostComment() throws {
        try withTemporaryDirectory { directory in
            let kubeseal = try Self.sealed(["a", "c"])
            let lines = Self.lines(kubeseal)
            let a = try #require(lines.first { $0.hasPrefix("    a: ") }).dropFirst(4), c = try #require(lines.first { $0.hasPrefix("    c: ") }).dropFirst(4)
            let text = kubeseal.replacingOccurrences(of: "  encryptedData:\n    \(a)\n    \(c)\n", with: "  encryptedData: {\n    # sealed by the team\n    \(a), # the first\n    \(c)\n  }\n")
            let file = directory.appendingPathComponent("flow.yaml")
            try Data(text.utf8).write(to: file)
            // A new key takes a gap of its own: every comment stays.
            let added = try Sealctl.run(["set", "--cert", VectorKey.certificate, file.path, "e"], input: "x")
            #expect(added.status == 0 && !added.stderr.contains("loses"), "\(added.stderr)")
            let withE = try String(decoding: Data(contentsOf: file), as: UTF8.self)
            #expect(withE.contains("    # sealed by the team\n") && withE.contains(", # the first\n"), "\(withE)")
            #expect(try Sealctl.run(["unset", file.path, "e"]).status == 0)
            #expect(try String(decoding: Data(contentsOf: file), as: UTF8.self) == text)

            let result = try Sealctl.run(["unset", file.path, "a"])
            #expect(result.status == 0, "\(result.stderr)")
            let lost = try #require(Self.lines(text).firstIndex { $0.contains("# the first") }) + 1
            #expect(result.stderr.contains("loses the comment on line \(lost)"), "\(result.stderr)")
            let after = try String(decoding: Data(contentsOf: file), as: UTF8.self)
            #expect(after.contains("    # sealed by the team\n") && !after.contains("the first"))
            #expect(try SealedSecretFile(contentsOf: file.path).select().sealed.spec.encryptedData.keys.sorted() == ["c"])
        }
    }

    @Test("seal --merge-into of a Secret with labels and annotations adds only their lines", arguments: shapes)
    func mergeIntoAddsTemplateMetadata(_ shape: Shape) throws {
        try withFile(shape) { file, original in
            let secret = """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db
                  labels:
                    app.kubernetes.io/name: db
                  annotations:
                    team: "0042"
                stringData:
                  b: two
                """
            let merged = try Sealctl.run(["seal", "--cert", VectorKey.certificate, "--merge-into", file.path], input: secret)
            #expect(merged.status == 0, "\(merged.stderr)")
            #expect(!merged.stderr.contains("note:"), "\(merged.stderr)")
            let after = Self.lines(try String(decoding: Data(contentsOf: file), as: UTF8.self))
            let added: Set = ["      annotations:", "        team: \"0042\"", "      labels:", "        app.kubernetes.io/name: db"]
            #expect(after.filter { !added.contains($0) && !$0.hasPrefix("    b: Ag") } == Self.lines(original))
            #expect(after.count == Self.lines(original).count + 5)
            let sealed = try SealedSecretFile(contentsOf: file.path).select().sealed
            #expect(sealed.spec.template.metadata.labels == ["app.kubernetes.io/name": "db"])
            #expect(sealed.spec.template.metadata.annotations == ["team": "0042"])

            // Merging a new value for a label changes that line only.
            let relabel = secret.replacingOccurrences(of: "name: db\n  annotations", with: "name: database\n  annotations")
            #expect(try Sealctl.run(["seal", "--cert", VectorKey.certificate, "--merge-into", file.path], input: relabel).status == 0)
            let relabelled = Self.lines(try String(decoding: Data(contentsOf: file), as: UTF8.self))
            let changed = zip(after, relabelled).filter { $0 != $1 }
            #expect(relabelled.count == after.count && changed.count == 2, "the label and the re-sealed b: \(changed.map(\.1))")
            #expect(changed.contains { $0.1 == "        app.kubernetes.io/name: database" })
        }
    }
}
