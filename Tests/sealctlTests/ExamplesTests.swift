import Foundation
import Testing
import TestSupport
@testable import SealKit

@Suite("Examples run as documented")
struct ExamplesTests {
    static let examples = TestFixtures.projectRoot.appendingPathComponent("Examples")

    @Test("the README's quickstart seals the development environment of the example tree, offline")
    func quickstart() throws {
        try withTemporaryDirectory { directory in
            let result = try ExternalTool.run("/bin/bash", [Self.examples.appendingPathComponent("quickstart.sh").path], environment: [
                "SEALCTL": Sealctl.binary.path, "HOME": directory.path, "TMPDIR": directory.path,
                "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            ])
            #expect(result.status == 0, "\(result.output)\(result.errorOutput)")
            #expect(result.output.contains("development: sealed 10 keys for smartem-decisions/smartem-secrets (strict)"))
            #expect(result.output.contains("kind: SealedSecret"))
            #expect(result.errorOutput.contains("note: created a local keyring in \(directory.path)/.config/sealctl/keyring"))
            if ExternalTool.find("kubectl") != nil {
                #expect(result.output.contains("the overlay includes the SealedSecret smartem-secrets"))
            }
        }
    }

    @Test("the drop-in for SmartEM's script takes its arguments and exit codes")
    func generateScript() throws {
        try withTemporaryDirectory { directory in
            try FileManager.default.copyItem(at: Self.examples.appendingPathComponent("smartem"), to: directory.appendingPathComponent("smartem"))
            let bin = directory.appendingPathComponent("bin")
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(at: bin.appendingPathComponent("sealctl"), withDestinationURL: Sealctl.binary)
            let environment = ["HOME": directory.path, "PATH": bin.path + ":/usr/bin:/bin"]
            let script = Self.examples.appendingPathComponent("generate-sealed-secrets.sh").path
            let usage = try ExternalTool.run("/bin/bash", [script, "qa"], environment: environment, directory: directory.appendingPathComponent("smartem"))
            #expect(usage.status == 1)
            #expect(usage.errorOutput.contains("usage:"))
            let development = try ExternalTool.run("/bin/bash", [script, "development"], environment: environment, directory: directory.appendingPathComponent("smartem"))
            #expect(development.status == 0, "\(development.errorOutput)")
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("smartem/k8s/environments/development/secrets.yaml").path))
            // Staging needs its cluster's certificate, which the example does not ship: exit 1, with why.
            let staging = try ExternalTool.run("/bin/bash", [script, "staging"], environment: environment, directory: directory.appendingPathComponent("smartem"))
            #expect(staging.status == 1)
            #expect(staging.errorOutput.contains("error:"))
        }
    }

    /// The development overlay's resources as a flow list over several lines: with a comment it
    /// once crashed `generate` (a force unwrap in the editor), without one it was refused.
    static let flowListOverlays = [
        "resources: [ # everything in this overlay\n  namespace.yaml,\n  postgres.yaml,\n  rabbitmq.yaml,\n  smartem-http-api.yaml,\n  smartem-worker.yaml\n]\n",
        "resources: [\n  namespace.yaml,\n  postgres.yaml,\n  rabbitmq.yaml,\n  smartem-http-api.yaml,\n  smartem-worker.yaml\n]\n",
    ]

    @Test("generate development on an overlay whose resources are a flow list over several lines", arguments: flowListOverlays)
    func generateWithFlowListResources(_ resources: String) throws {
        try withTemporaryDirectory { directory in
            let project = directory.appendingPathComponent("smartem")
            try FileManager.default.copyItem(at: Self.examples.appendingPathComponent("smartem"), to: project)
            let kustomization = project.appendingPathComponent("k8s/environments/development/kustomization.yaml")
            let original = try kustomization.read()
            let block = "resources:\n- namespace.yaml\n- postgres.yaml\n- rabbitmq.yaml\n- smartem-http-api.yaml\n- smartem-worker.yaml\n"
            #expect(original.contains(block))
            let flow = original.replacingOccurrences(of: block, with: resources)
            try kustomization.write(flow)

            let result = try Sealctl.run(["generate", "development"], environment: ["HOME": directory.path], directory: project)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("k8s/environments/development/secrets.yaml").path))
            // Only the new entry was added: the rest of the file is as it was, byte for byte.
            let edited = try kustomization.read()
            #expect(edited == flow.replacingOccurrences(of: "  smartem-worker.yaml\n]", with: "  smartem-worker.yaml,\n  secrets.yaml\n]"))
            if ExternalTool.find("kubectl") != nil {
                let rendered = try ExternalTool.run("kubectl", ["kustomize", kustomization.deletingLastPathComponent().path])
                #expect(rendered.status == 0, "\(rendered.errorOutput)")
                #expect(rendered.output.contains("kind: SealedSecret"))
            }
        }
    }

    /// Each shell example, and a line its output must show.
    static let shellExamples: [(String, String)] = [
        ("manual-sealing.sh", "    POSTGRES_PASSWORD: <sealed>"),
        ("raw-values.sh", "base64 characters, no newline"),
        ("merge-and-set.sh", "changed lines (old and new password): 2"),
        ("rotation.sh", "re-sealed 2 values in 2 SealedSecrets of 2 files"),
        ("migrate-cluster.sh", "old key: refused, as it should be"),
        ("bring-your-own-certificate.sh", "    sealedsecrets.bitnami.com/sealed-secrets-key: active"),
        ("ci-check.sh", "[plain-secret]"),
    ]

    @Test("every shell example runs offline and shows what it says", arguments: shellExamples)
    func shellExample(script: String, expected: String) throws {
        try withTemporaryDirectory { directory in
            let result = try ExternalTool.run("/bin/bash", [Self.examples.appendingPathComponent("shell/\(script)").path], environment: [
                "SEALCTL": Sealctl.binary.path, "HOME": directory.path, "TMPDIR": directory.path,
                "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            ])
            #expect(result.status == 0, "\(script): \(result.output)\(result.errorOutput)")
            #expect(result.output.contains(expected) || result.errorOutput.contains(expected), "\(script): \(result.output)\(result.errorOutput)")
            // Each example cleans up after itself.
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("sealctl-example") }.isEmpty)
        }
    }

    @Test("the embedding example builds against SealKit, seals, unseals and checks an overlay", .enabled(if: Tools.swift, "swift is not on PATH"))
    func embedSealKit() throws {
        let swift = try #require(ExternalTool.find("swift"))
        try withTemporaryDirectory { directory in
            let result = try ExternalTool.run(swift, ["run", "--package-path", Self.examples.appendingPathComponent("EmbedSealKit").path,
                                                      "--scratch-path", directory.appendingPathComponent("build").path, "EmbedSealKit", directory.path])
            #expect(result.status == 0, "\(result.output)\(result.errorOutput)")
            #expect(result.output.contains("sealed password, username for prod/db"))
            #expect(result.output.contains("unsealed: 3 values, owner SealedSecret"))
            #expect(result.output.contains("reads key port of db"))
        }
    }
}
