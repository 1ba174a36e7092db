import Foundation
import Testing
@testable import SealKit
@testable import SealKitModel

@Suite("kubeseal's YAML and JSON rules")
struct KubesealFormatTests {
    /// `description: <value>` as kubeseal writes it.
    func yaml(_ value: String, key: String = "description") throws -> String {
        try KubesealFormat.yamlDocument(.mapping([(key, .string(value))]))
    }

    static let scalarCases: [(String, String)] = [
        // Strings YAML 1.1 would read as something else are double-quoted.
        ("", "\"\""), ("~", "\"~\""), ("null", "\"null\""), ("Null", "\"Null\""), ("true", "\"true\""),
        ("no", "\"no\""), ("on", "\"on\""), ("y", "\"y\""), ("OFF", "\"OFF\""), ("yES", "yES"), ("nUll", "nUll"),
        (".inf", "\".inf\""), ("-.Inf", "\"-.Inf\""), (".NaN", "\".NaN\""), (".iNf", ".iNf"), ("NaN", "NaN"), ("inf", "inf"),
        (".5", "\".5\""), (".5E+3", "\".5E+3\""), (".0_10", "\".0_10\""), (".", "."), (".e5", ".e5"), ("._5", "._5"), (".5_", ".5_"),
        ("2001-12-14", "\"2001-12-14\""), ("2024-01-02T03:04:05Z", "\"2024-01-02T03:04:05Z\""),
        ("2001-12-14T21:59:43", "2001-12-14T21:59:43"), ("2001-02-30", "2001-02-30"), ("20011-12-14", "20011-12-14"),
        ("2001-12-14 21:59:43 +01:00", "2001-12-14 21:59:43 +01:00"),
        ("123", "\"123\""), ("0123", "\"0123\""), ("0x1F", "\"0x1F\""), ("0o17", "\"0o17\""), ("0b101", "\"0b101\""),
        ("-0b101", "\"-0b101\""), ("1_000", "\"1_000\""), ("1__0", "\"1__0\""), ("1_", "\"1_\""), ("0_x1F", "\"0_x1F\""), ("+12", "\"+12\""),
        ("0x", "0x"), ("0b", "0b"), ("0o8", "0o8"), ("0xG", "0xG"), ("0x1p3", "0x1p3"), ("0xFFFFFFFFFFFFFFFFF", "0xFFFFFFFFFFFFFFFFF"),
        ("0b-1", "\"0b-1\""), ("0b+10", "\"0b+10\""),
        ("1e3", "\"1e3\""), ("1.5", "\"1.5\""), ("5.", "\"5.\""), ("+.5", "\"+.5\""), ("09.5", "\"09.5\""), ("08", "\"08\""),
        ("99999999999999999999", "\"99999999999999999999\""), ("1e400", "1e400"), ("1e", "1e"),
        ("1:20", "\"1:20\""), ("12:30:45", "\"12:30:45\""), ("-1:20:30.5", "\"-1:20:30.5\""), ("1_2:30", "\"1_2:30\""),
        ("1:60", "1:60"), ("1:2a", "1:2a"),
        ("1.0.0", "1.0.0"), ("v1.2", "v1.2"), ("Infinity", "Infinity"), ("1,000", "1,000"), ("+", "+"), ("<<", "<<"), ("_1", "_1"), ("v1", "v1"),
        // Indicators and spaces.
        ("-", "'-'"), ("- x", "'- x'"), ("x: y", "'x: y'"), ("x:", "'x:'"), ("a #b", "'a #b'"), ("#a", "'#a'"),
        ("'x", "'''x'"), ("\"x", "'\"x'"), ("@x", "'@x'"), ("%x", "'%x'"), ("`x", "'`x'"), ("*x", "'*x'"), ("&x", "'&x'"),
        ("!x", "'!x'"), ("|x", "'|x'"), (">x", "'>x'"), ("{x}", "'{x}'"), ("[x", "'[x'"), (",x", "',x'"),
        ("x@", "x@"), ("x%", "x%"), ("x*", "x*"), ("x&", "x&"), ("x!", "x!"), ("x>", "x>"), ("x'", "x'"), ("x\"y", "x\"y"), ("x\\y", "x\\y"),
        (" x", "' x'"), ("x ", "'x '"), ("a b ", "'a b '"), ("a  b", "a  b"), ("a#b", "a#b"), ("x:y", "x:y"), ("=x", "=x"), ("<x>", "<x>"),
        ("---", "'---'"), ("...x", "'...x'"), ("? x", "'? x'"), (":", "':'"), ("--", "--"), ("https://e.x/a?b=c#d", "https://e.x/a?b=c#d"),
        ("-x", "-x"), ("?x", "?x"), (":x", ":x"), ("x,y", "x,y"), ("x]", "x]"), ("x{", "x{"), ("it's", "it's"),
        // Special characters and unicode.
        ("a\tb", "\"a\\tb\""), ("café", "café"), ("日本語", "日本語"), ("a\u{A0}b", "a\u{A0}b"), ("a\u{AD}b", "a\u{AD}b"),
        ("😀", "\"\\U0001F600\""), ("\u{1}", "\"\\x01\""), ("a\u{0}b", "\"a\\0b\""), ("\u{FEFF}", "\"\\uFEFF\""),
        ("\u{FEFF}a b", "\"\\uFEFF\\x61\\x20\\x62\""),
        // Literal blocks.
        ("a\nb", "|-\n  a\n  b"), ("a\nb\n", "|\n  a\n  b"), ("a\nb\n\n", "|+\n  a\n  b\n"), ("\n", "|2+\n"),
        (" a\nb", "|2-\n   a\n  b"), ("\n\na", "|2-\n\n\n  a"),
        ("a \nb", "\"a \\nb\""), ("a\nb ", "\"a\\nb \""), ("a\n\tb", "\"a\\n\\tb\""), ("a\r\nb", "\"a\\r\\nb\""), ("a\n😀", "\"a\\n\\U0001F600\""),
        ("  \n", "\"  \\n\""),
        // go-yaml reads a raw NEL from kubeseal's JSON as a folded line break.
        ("a\u{85}b", "a b"), ("a\u{85}\u{85}\u{85}b", "|-\n  a\n\n  b"),
    ]

    @Test("scalar quoting follows go-yaml", arguments: scalarCases)
    func scalarStyles(value: String, expected: String) throws {
        let output = try yaml(value)
        #expect(output == "---\ndescription: \(expected)\n", "value \(value.debugDescription)")
        // Whatever the style, a YAML reader gets the same string back (NELs aside).
        if !value.unicodeScalars.contains("\u{85}") {
            #expect(try YAMLParser().parseSingle(Array(output.utf8))["description"]?.scalar?.value == value)
        }
    }

    static let fox = "The quick brown fox jumps over the lazy dog and keeps running far beyond the horizon line until the sun sets"

    @Test("long strings fold at the first space past column 80, at the key's indent + 2")
    func folding() throws {
        #expect(try yaml(Self.fox) == """
        ---
        description: The quick brown fox jumps over the lazy dog and keeps running far beyond
          the horizon line until the sun sets

        """)
        let nested = YAMLNode.mapping([("spec", .mapping([("template", .mapping([("metadata", .mapping([("annotations", .mapping([("description", .string(Self.fox))]))]))]))]))])
        #expect(try KubesealFormat.yamlDocument(nested).hasSuffix("""
                description: The quick brown fox jumps over the lazy dog and keeps running
                  far beyond the horizon line until the sun sets

        """))
        let secretLevel = YAMLNode.mapping([("metadata", .mapping([("annotations", .mapping([("description", .string(Self.fox))]))]))])
        #expect(try KubesealFormat.yamlDocument(secretLevel).contains("""
            description: The quick brown fox jumps over the lazy dog and keeps running far
              beyond the horizon line until the sun sets
        """))
        // A double space never breaks; the break moves to the next single space.
        let doubled = try yaml(Self.fox.replacingOccurrences(of: "beyond the", with: "beyond  the"))
        #expect(doubled.split(separator: "\n")[1] == "description: The quick brown fox jumps over the lazy dog and keeps running far beyond  the")
        // Single-quoted and double-quoted values fold too; a double-quoted continuation keeps a space with `\`.
        #expect(try yaml("#1 " + Self.fox).split(separator: "\n")[1] == "description: '#1 The quick brown fox jumps over the lazy dog and keeps running far")
        let tabbed = try yaml("\t" + Self.fox.replacingOccurrences(of: "far beyond", with: "far  beyond"))
        #expect(tabbed.split(separator: "\n")[2] == "  \\ beyond the horizon line until the sun sets\"")
        #expect(try yaml(Self.fox + " 😀").hasSuffix("  the horizon line until the sun sets \\U0001F600\"\n"))
        // Strings without spaces are never folded.
        let ciphertext = String(repeating: "AgBx", count: 200)
        #expect(try yaml(ciphertext) == "---\ndescription: \(ciphertext)\n")
    }

    @Test("keys of more than 128 bytes use the complex form")
    func complexKeys() throws {
        let long = String(repeating: "a", count: 130)
        let output = try KubesealFormat.yamlDocument(.mapping([("encryptedData", .mapping([(long, .string("AgB")), ("short", .string("AgB"))]))]))
        #expect(output == "---\nencryptedData:\n  ? \(long)\n  : AgB\n  short: AgB\n")
        let exactly128 = String(repeating: "b", count: 128)
        #expect(try KubesealFormat.yamlDocument(.mapping([(exactly128, .string("v"))])) == "---\n\(exactly128): v\n")
        #expect(try KubesealFormat.yamlDocument(.mapping([("yes", .string("v")), ("123", .string("v")), ("", .string("v")), (" a", .string("v"))]))
                == "---\n\"\": v\n' a': v\n\"123\": v\n\"yes\": v\n")
    }

    @Test("layout: unindented lists, empty containers, non-strings plain")
    func layout() throws {
        let node = YAMLNode.mapping([
            ("empty", .mapping([])), ("none", .sequence([])), ("n", .null), ("flag", .bool(true)), ("count", .int(3)),
            ("ownerReferences", .sequence([.mapping([("controller", .bool(true)), ("apiVersion", .string("bitnami.com/v1alpha1"))])])),
            ("nested", .sequence([.sequence([.string("a"), .string("b")])])),
        ])
        #expect(try KubesealFormat.yamlDocument(node) == """
        ---
        count: 3
        empty: {}
        flag: true
        "n": null
        nested:
        - - a
          - b
        none: []
        ownerReferences:
        - apiVersion: bitnami.com/v1alpha1
          controller: true

        """)
    }

    /// Transitive sets from KUBESEAL-FORMAT.md §2 (go-yaml v2's order, which kubeseal uses), each
    /// in sorted order; the digit-then-letter sets tell v2 apart from v3's "after a digit, a
    /// letter first" rule, which would put `1a` before `10`.
    static let keyOrderSets: [[String]] = [
        ["-", ".", ".dockerconfigjson", "_meta", "~", "0", "1", "2", "10", "B", "Z", "a", "a b", "a-b", "a.b", "a/b",
         "a_b", "a0", "a1", "a9", "a10", "ab", "aé", "b", "ca.crt", "key1", "key2", "key12", "tls.crt", "tls.key",
         "token", "token9", "token10", "z", "ß", "ä", "é", "日本"],
        ["1", "10", "1a", "1b"],
        ["2", "20", "2x"],
        ["x1", "x10", "x1y", "x1z"],
        ["v-1", "v-10", "v-1x"],
        ["00", "0x"],
        ["a1", "ab"],
        ["a0", "a00", "a000"],
        ["key1", "key01", "key001"],
    ]

    @Test("go-yaml v2's key order, as kubeseal prints it", arguments: keyOrderSets)
    func keyOrder(_ expected: [String]) {
        for seed in 0..<5 {
            var generator = SeededGenerator(seed: UInt64(seed))
            #expect(GoYAMLKeyOrder.sorted(expected.shuffled(using: &generator)) == expected)
        }
        for (i, a) in expected.enumerated() {
            for (j, b) in expected.enumerated() where i != j {
                #expect(GoYAMLKeyOrder.less(a, b) == (i < j), "\(a) vs \(b)")
            }
        }
    }

    @Test("keys taken as in order are those that sorting would not move", arguments: keyOrderSets)
    func keysInOrder(_ expected: [String]) {
        for seed in 0..<20 {
            var generator = SeededGenerator(seed: UInt64(seed))
            let keys = seed == 0 ? expected : expected.shuffled(using: &generator)
            #expect(!GoYAMLKeyOrder.isSorted(keys) || GoYAMLKeyOrder.sorted(keys) == keys, "\(keys)")
        }
        // A repeated key is never in order: the writer must keep only the last one.
        #expect(!GoYAMLKeyOrder.isSorted([expected[0], expected[0]]))
    }

    @Test("a SealedSecret's keys, as SealKit writes them, are taken as in order without sorting")
    func sealedKeysInOrder() {
        #expect(GoYAMLKeyOrder.isSorted((0..<2000).map { "KEY_\(String(10000 + $0).dropFirst())" }))
        #expect(GoYAMLKeyOrder.isSorted(["ca.crt", "password", "tls.crt", "tls.key", "username"]))
        #expect(!GoYAMLKeyOrder.isSorted(["b", "a"]))
    }

    @Test("a repeated key is written once, with its last value, whether or not the keys are in order")
    func repeatedKeys() throws {
        #expect(try KubesealFormat.yamlDocument(.mapping([("a", .string("1")), ("a", .string("2"))])) == "---\na: \"2\"\n")
        #expect(try KubesealFormat.yamlDocument(.mapping([("b", .string("1")), ("a", .string("x")), ("b", .string("3"))])) == "---\na: x\nb: \"3\"\n")
    }

    @Test("key order: pairs where go-yaml v2 and v3 disagree")
    func keyOrderVersusV3() {
        for (smaller, larger) in [("10", "1a"), ("20", "2x"), ("x10", "x1y"), ("v-10", "v-1x"), ("2a0", "2ab"), ("1_", "1a")] {
            #expect(GoYAMLKeyOrder.less(smaller, larger), "\(smaller) < \(larger)")
            #expect(!GoYAMLKeyOrder.less(larger, smaller), "not \(larger) < \(smaller)")
        }
    }

    @Test("go-yaml's key order is deterministic where its comparison is not transitive")
    func keyOrderCyclic() {
        // The order is deterministic even where go-yaml's comparison is not transitive.
        let cyclic = ["1A_", "09-", "11"]
        #expect(GoYAMLKeyOrder.sorted(cyclic) == GoYAMLKeyOrder.sorted(cyclic.reversed()))
    }

    @Test("JSON is written like Go's MarshalIndent")
    func jsonWriter() throws {
        let node = YAMLNode.mapping([
            ("html", .string("payments & billing <core>")), ("controls", .string("\u{8}\u{C}\u{0}\u{1B}\u{1F}\n\r\t\"\\")),
            ("separators", .string("\u{2028}\u{2029}")), ("raw", .string("/'\u{7F}\u{85}\u{FEFF}😀é")),
            ("empty", .mapping([])), ("list", .sequence([])), ("items", .sequence([.int(1), .bool(false), .null])),
        ])
        #expect(JSONWriter.write(node) == """
        {
          "html": "payments \\u0026 billing \\u003ccore\\u003e",
          "controls": "\\b\\f\\u0000\\u001b\\u001f\\n\\r\\t\\"\\\\",
          "separators": "\\u2028\\u2029",
          "raw": "/'\u{7F}\u{85}\u{FEFF}😀é",
          "empty": {},
          "list": [],
          "items": [
            1,
            false,
            null
          ]
        }
        """)
        // And it reads back to the same strings.
        let back = try JSONParser().parseStream(Array(JSONWriter.write(node).utf8))[0]
        #expect(back["controls"]?.scalar?.value == node["controls"]?.scalar?.value)
        #expect(back["raw"]?.scalar?.value == node["raw"]?.scalar?.value)
    }

    @Test("YAML input coerces scalars in string fields as Kubernetes does; JSON does not")
    func coercion() throws {
        let yaml = """
        apiVersion: v1
        kind: Secret
        metadata:
          name: 0x1F
          namespace: n
          labels: {team: yes, count: 017, octal: 0o17, big: 12345678901234567890, under: 1_000, f: 1.10, e: 1e3,
                   pi: 3.14159265358979, huge: 100000000.0, tiny: 1.5e-7, inf: .inf, ninf: -.inf, nan: .nan, z: -0.0,
                   over: 1e39, nul: ~, empty: , date: 2001-12-14, sexa: 1:20, on: x}
        stringData: {k: 0.1}
        """
        let secret = try Secret(node: YAMLParser().parseSingle(Array(yaml.utf8)))
        #expect(secret.metadata.name == "31")
        #expect(secret.metadata.namespace == "false")
        #expect(secret.metadata.labels == [
            "team": "true", "count": "15", "octal": "15", "big": "12345678901234567890", "under": "1000", "f": "1.1", "e": "1000",
            "pi": "3.1415927", "huge": "1e+08", "tiny": "1.5e-07", "inf": "+Inf", "ninf": "-Inf", "nan": "NaN", "z": "-0",
            "over": "+Inf", "nul": "", "empty": "", "date": "2001-12-14", "sexa": "1:20", "true": "x",
        ])
        #expect(secret.stringData == ["k": "0.1"])

        let json = #"{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": 5}}"#
        let document = try ManifestStream(text: json).documents[0]
        #expect(throws: ManifestError.self) { try Secret(document: document) }
        // Field names match case-insensitively.
        let shouting = try Secret(document: ManifestStream(text: #"{"apiVersion": "v1", "kind": "Secret", "METADATA": {"Name": "x"}}"#).documents[0])
        #expect(shouting.metadata.name == "x")
    }

    @Test("a decoding error names the kind found, or the key with invalid base64")
    func decodingErrors() throws {
        let configMap = try ManifestStream(text: "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n").documents[0]
        do {
            _ = try Secret(document: configMap)
            Issue.record("a ConfigMap decoded as a Secret")
        } catch {
            #expect(error.description.contains("expected a Secret, found a ConfigMap"))
        }
        let badBase64 = try ManifestStream(text: "---\n---\napiVersion: v1\nkind: Secret\ndata:\n  good: YQ==\n  bad: '%%%'\n").documents[0]
        do {
            _ = try Secret(document: badBase64)
            Issue.record("invalid base64 accepted")
        } catch {
            #expect(error.description == "document 2, line 7, column 8: data.bad: the value is not valid base64")
        }
        let sealed = try ManifestStream(text: "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nspec:\n  encryptedData:\n    k: not base64!\n").documents[0]
        #expect(throws: ManifestError.self) { try SealedSecret(document: sealed) }
        let list = try ManifestStream(text: "- a\n- b\n").documents[0]
        do {
            _ = try Secret(document: list)
            Issue.record("a list decoded as a Secret")
        } catch {
            #expect(error.description.contains("expected a mapping, found a list"))
        }
    }

    @Test("Go's float32 text")
    func goFloatText() {
        let cases: [(Double, String)] = [(1000, "1000"), (1.1, "1.1"), (1, "1"), (3.14159265358979, "3.1415927"), (1e8, "1e+08"),
                                         (1.5e-7, "1.5e-07"), (0.1, "0.1"), (0.0001, "0.0001"), (0.00001, "1e-05"), (123456, "123456"),
                                         (1234567, "1.234567e+06"), (-0.0, "-0"), (0, "0"), (-2.5, "-2.5")]
        for (value, expected) in cases {
            #expect(GoFloatText.float32(value) == expected, "\(value)")
        }
    }
}

/// A deterministic generator so shuffles are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E3779B97F4A7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}

extension KubesealFormatTests {
    @Test("20,000 keys in any order sort into go-yaml's natural order (digit runs by value)")
    func manyKeys() {
        let expected = (0..<20_000).map { "KEY_\($0)" }
        var generator = SeededGenerator(seed: 7)
        #expect(GoYAMLKeyOrder.sorted(expected.shuffled(using: &generator)) == expected)
        #expect(GoYAMLKeyOrder.sorted(expected.sorted()) == expected)
    }
}
