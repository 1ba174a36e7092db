import Foundation
import Testing
import TestSupport

@Suite("Docs/cli.md")
struct CLIDocsTests {
    @Test("Docs/cli.md is what Scripts/generate-cli-docs.sh writes from the current help")
    func inSync() throws {
        let root = TestFixtures.projectRoot
        let generated = try ExternalTool.run("/bin/bash", [root.appendingPathComponent("Scripts/generate-cli-docs.sh").path, Sealctl.binary.path])
        #expect(generated.status == 0, "\(generated.errorOutput)")
        let committed = try root.appendingPathComponent("Docs/cli.md").read()
        #expect(generated.output == committed, "Docs/cli.md is out of date: run Scripts/generate-cli-docs.sh > Docs/cli.md")
    }

    @Test("every kubeseal flag has a sealctl form in Docs/cli.md")
    func kubesealFlags() throws {
        let text = try TestFixtures.projectRoot.appendingPathComponent("Docs/cli.md").read()
        for flag in ["--secret-file", "--sealed-secret-file", "--format", "--cert", "--controller-name", "--controller-namespace", "--fetch-cert",
                     "--scope", "--namespace", "--name", "--allow-empty-data", "--merge-into", "--raw", "--from-file", "--validate",
                     "--re-encrypt", "--rotate", "--recovery-unseal", "--recovery-private-key", "--kubeconfig", "--context", "--version"] {
            #expect(text.contains("| `\(flag)") || text.contains("`\(flag) ") || text.contains("`-n, \(flag)") || text.contains("`-f, \(flag)")
                    || text.contains("`-w, \(flag)") || text.contains("`-o, \(flag)") || text.contains("(`\(flag)`)"), "\(flag)")
        }
    }
}
