import Foundation
import Testing
import TestSupport
@testable import SealKit

/// The kustomization editor on every valid shape of `resources`: the edit adds the entry and
/// nothing else (checked byte for byte), and real `kubectl kustomize` renders the result.
@Suite("Kustomization editor")
struct KustomizationEditorTests {
    struct Case: CustomStringConvertible, Sendable {
        let name: String
        let before: String
        let after: String
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "block list at the key's indentation, with comments",
             before: "# top\nresources:\n- a.yaml  # first\n# between\n- b.yaml\n\nnamespace: x\n",
             after: "# top\nresources:\n- a.yaml  # first\n# between\n- b.yaml\n- secrets.yaml\n\nnamespace: x\n"),
        Case(name: "block list indented, no final newline",
             before: "resources:\n  - a.yaml\n  - b.yaml\nnamespace: x",
             after: "resources:\n  - a.yaml\n  - b.yaml\n  - secrets.yaml\nnamespace: x"),
        Case(name: "block list indented four, wide dash gap",
             before: "resources:\n    -   a.yaml\n    -   b.yaml\n",
             after: "resources:\n    -   a.yaml\n    -   b.yaml\n    -   secrets.yaml\n"),
        Case(name: "block list last in the file without a final newline",
             before: "namespace: x\nresources:\n- a.yaml",
             after: "namespace: x\nresources:\n- a.yaml\n- secrets.yaml"),
        Case(name: "block list whose last item has a comment, then a comment block",
             before: "resources:\n- a.yaml # the app\n\n# --- generated below ---\nnamespace: x\n",
             after: "resources:\n- a.yaml # the app\n- secrets.yaml\n\n# --- generated below ---\nnamespace: x\n"),
        Case(name: "block list with CRLF line ends",
             before: "resources:\r\n- a.yaml\r\n- b.yaml\r\nnamespace: x\r\n",
             after: "resources:\r\n- a.yaml\r\n- b.yaml\r\n- secrets.yaml\r\nnamespace: x\r\n"),
        Case(name: "block list after a non-ASCII comment",
             before: "# überall: the café overlay\nresources:\n- a.yaml # naïve\nnamespace: x\n",
             after: "# überall: the café overlay\nresources:\n- a.yaml # naïve\n- secrets.yaml\nnamespace: x\n"),
        Case(name: "block list of quoted items after a document start",
             before: "---\nresources:\n- \"a.yaml\"\n- 'b.yaml'\n",
             after: "---\nresources:\n- \"a.yaml\"\n- 'b.yaml'\n- secrets.yaml\n"),
        Case(name: "flow list on one line with a comment",
             before: "resources: [a.yaml, b.yaml]  # flow\n",
             after: "resources: [a.yaml, b.yaml, secrets.yaml]  # flow\n"),
        Case(name: "flow list on one line with a trailing comma",
             before: "resources: [a.yaml, b.yaml, ]\n",
             after: "resources: [a.yaml, b.yaml, secrets.yaml, ]\n"),
        Case(name: "empty flow list",
             before: "resources: []\n",
             after: "resources: [secrets.yaml]\n"),
        Case(name: "empty flow list with spaces and a comment",
             before: "resources: [ ] # none yet\nnamespace: x\n",
             after: "resources: [ secrets.yaml] # none yet\nnamespace: x\n"),
        Case(name: "flow list over several lines with a comment (the fuzz crash)",
             before: "resources: [ # everything in this overlay\n  a.yaml,\n  b.yaml\n]\nnamespace: x\n",
             after: "resources: [ # everything in this overlay\n  a.yaml,\n  b.yaml,\n  secrets.yaml\n]\nnamespace: x\n"),
        Case(name: "flow list over several lines without a comment",
             before: "resources: [\n  a.yaml,\n  b.yaml\n]\n",
             after: "resources: [\n  a.yaml,\n  b.yaml,\n  secrets.yaml\n]\n"),
        Case(name: "flow list over several lines with a trailing comma and comments",
             before: "resources: [\n    a.yaml, # one\n    b.yaml, # two\n]\n",
             after: "resources: [\n    a.yaml, # one\n    b.yaml, # two\n    secrets.yaml,\n]\n"),
        Case(name: "flow list over several lines, the bracket after the last item",
             before: "resources: [a.yaml,\n            b.yaml]\n",
             after: "resources: [a.yaml,\n            b.yaml,\n            secrets.yaml]\n"),
        Case(name: "flow list over several lines, a comment after the last item",
             before: "resources: [\n  a.yaml # the app\n]\n",
             after: "resources: [\n  a.yaml, # the app\n  secrets.yaml\n]\n"),
        Case(name: "flow list over several lines with CRLF",
             before: "resources: [\r\n  a.yaml\r\n]\r\n",
             after: "resources: [\r\n  a.yaml,\r\n  secrets.yaml\r\n]\r\n"),
        Case(name: "no resources key",
             before: "namespace: x\n",
             after: "namespace: x\nresources:\n- secrets.yaml\n"),
        Case(name: "no resources key and no final newline",
             before: "namespace: x",
             after: "namespace: x\nresources:\n- secrets.yaml"),
        Case(name: "resources with no value",
             before: "resources:\nnamespace: x\n",
             after: "resources:\n- secrets.yaml\nnamespace: x\n"),
        Case(name: "resources with no value, a comment, last in the file",
             before: "namespace: x\nresources: # to do",
             after: "namespace: x\nresources: # to do\n- secrets.yaml"),
        Case(name: "resources: null",
             before: "resources: null  # none\nnamespace: x\n",
             after: "resources: [secrets.yaml]  # none\nnamespace: x\n"),
    ]

    @Test("adds exactly the entry, byte for byte", arguments: cases)
    func edits(_ example: Case) throws {
        #expect(try KustomizationEditor.addingResource("secrets.yaml", to: example.before) == example.after)
        #expect(try KustomizationEditor.addingResource("secrets.yaml", to: example.after) == nil)
        let before = try Kustomization(yaml: example.before).resources
        #expect(try Kustomization(yaml: example.after).resources == before + ["secrets.yaml"])
    }

    @Test("kubectl kustomize renders every edited shape, the new resource included", .enabled(if: ExternalTool.find("kubectl") != nil), arguments: cases)
    func kubectlRenders(_ example: Case) throws {
        try withTemporaryDirectory { directory in
            let edited = try #require(try KustomizationEditor.addingResource("secrets.yaml", to: example.before))
            try Data(edited.utf8).write(to: directory.appendingPathComponent("kustomization.yaml"))
            for resource in try Kustomization(yaml: edited).resources {
                let name = resource.replacingOccurrences(of: ".yaml", with: "").replacingOccurrences(of: ".", with: "-")
                try directory.appendingPathComponent(resource).write("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \(name)\n")
            }
            let rendered = try ExternalTool.run("kubectl", ["kustomize", directory.path])
            #expect(rendered.status == 0, "\(rendered.errorOutput)")
            #expect(rendered.output.contains("name: secrets"))
        }
    }

    @Test("shapes that are not a list are refused with the reason, nothing returned", arguments: [
        ("resources: a.yaml\n", "resources: expected a list, found a string"),
        ("resources: {a: b}\n", "resources: expected a list, found a mapping"),
        ("base: &list [a.yaml]\nresources: *list\n", "it is an alias"),
    ])
    func refusals(_ text: String, _ reason: String) throws {
        do {
            _ = try KustomizationEditor.addingResource("secrets.yaml", to: text)
            Issue.record("accepted \(text.debugDescription)")
        } catch {
            #expect("\(error)".contains(reason), "\(error)")
        }
    }

    @Test("an entry that plain YAML would misread is quoted")
    func quotedEntry() throws {
        let edited = try #require(try KustomizationEditor.addingResource("true", to: "resources:\n- a.yaml\n"))
        #expect(edited == "resources:\n- a.yaml\n- \"true\"\n")
        #expect(try Kustomization(yaml: edited).resources == ["a.yaml", "true"])
    }
}

extension KustomizationEditorTests {
    @Test("resources given twice: the entry goes into the later list, the one kustomize reads; the earlier stays as written")
    func repeatedResources() throws {
        let input = "resources:\n- old.yaml\nnamespace: prod\nresources:\n- app.yaml\n"
        let edited = try #require(try KustomizationEditor.addingResource("secrets.yaml", to: input))
        #expect(edited == "resources:\n- old.yaml\nnamespace: prod\nresources:\n- app.yaml\n- secrets.yaml\n")
        let kustomization = try Kustomization(yaml: edited)
        #expect(kustomization.resources == ["app.yaml", "secrets.yaml"])
        #expect(kustomization.repeatedKeys.map(\.key) == ["resources"])
        #expect(kustomization.repeatedKeys.map(\.first.line) == [1] && kustomization.repeatedKeys.map(\.later.line) == [4])
    }

    @Test("manifests keep refusing a key given twice, as kubectl's strict decoding does")
    func manifestsRefuseRepeatedKeys() {
        #expect(throws: ManifestError.self) { try ManifestStream(bytes: Array("apiVersion: v1\nkind: Secret\nkind: Secret\n".utf8)) }
    }
}
