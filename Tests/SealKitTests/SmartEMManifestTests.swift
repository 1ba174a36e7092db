import Foundation
import Testing
import TestSupport
@testable import SealKit

@Suite("SmartEM's real Kubernetes tree")
struct SmartEMManifestTests {
    static func files(withExtensions extensions: Set<String>) throws -> [URL] {
        let enumerator = FileManager.default.enumerator(at: try TestFixtures.smartemTree(), includingPropertiesForKeys: nil)
        return (enumerator?.allObjects as? [URL] ?? [])
            .filter { extensions.contains($0.pathExtension) }
            .sorted { $0.path < $1.path }
    }

    @Test("every YAML and JSON manifest parses")
    func everyManifestParses() throws {
        let files = try Self.files(withExtensions: ["yaml", "yml", "json"])
        #expect(files.count >= 25)
        var documents = 0
        for file in files {
            do {
                documents += try ManifestStream(bytes: Array(Data(contentsOf: file))).documents.count
            } catch {
                Issue.record("\(file.path): \(error)")
            }
        }
        #expect(documents >= files.count)
    }

    @Test("every kustomization decodes and encodes back without losing a field")
    func kustomizationsRoundTrip() throws {
        let files = try Self.files(withExtensions: ["yaml"]).filter { $0.lastPathComponent == "kustomization.yaml" }
        #expect(files.count == 4)
        for file in files {
            let kustomization = try Kustomization(yaml: String(contentsOf: file, encoding: .utf8))
            let written = try kustomization.yaml()
            let reread = try Kustomization(yaml: written)
            #expect(reread == kustomization, "\(file.path)")
            #expect(reread.node == YAMLNode(try YAMLParser().parseSingle(Array(Data(contentsOf: file))).content))
        }
        let development = try Kustomization(yaml: String(contentsOf: TestFixtures.url("smartem/k8s/environments/development/kustomization.yaml"), encoding: .utf8))
        #expect(development.namespace == "smartem-decisions")
        #expect(development.resources.contains("postgres.yaml"))
    }

    @Test("a kustomization of the wrong kind is refused")
    func wrongKind() {
        #expect(throws: ManifestError.self) { try Kustomization(yaml: "kind: Deployment\n") }
    }
}
