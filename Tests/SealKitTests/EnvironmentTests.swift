import Foundation
import Testing
import TestSupport
@testable import SealKit

@Suite("Environments: config, credentials, overlays and kustomization edits")
struct EnvironmentTests {
    @Test("generated credentials have the length, prefix and alphabet asked for, drawn without bias")
    func credentials() throws {
        let password = try CredentialGenerator().generate()
        #expect(password.count == 32)
        #expect(password.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        let user = try CredentialGenerator(length: 8, alphabet: .lowercaseAlphanumeric, prefix: "smartem_dev_").generate()
        #expect(user.hasPrefix("smartem_dev_") && user.count == 20)
        #expect(user.dropFirst(12).allSatisfy { $0.isLowercase || $0.isNumber })
        // 36 symbols over 36,000 draws: every symbol near 1,000 (a biased modulo over 256 would
        // give the first 4 symbols about 1,090). Bounds are ±6 standard deviations.
        var counts: [Character: Int] = [:]
        for character in try CredentialGenerator(length: 36_000, alphabet: .lowercaseAlphanumeric).generate() { counts[character, default: 0] += 1 }
        #expect(counts.count == 36)
        #expect(counts.values.allSatisfy { (820...1180).contains($0) }, "\(counts)")
        #expect(CredentialGenerator().entropyBits > 190)
    }

    @Test("the config reads every key source and refuses what is wrong, naming the field")
    func config() throws {
        let yaml = """
        secretName: app
        environments:
          dev:
            overlay: overlays/dev
            certificate: local
            keys:
              PASSWORD: {generate: {}}
              USER: {generate: {length: 6, prefix: u_}, secret: false}
              HOST: {value: db}
              TOKEN: {env: APP_TOKEN}
              CERT: {file: files/ca.pem}
              PIN: {prompt: {minLength: 4, confirm: false}}
          prod:
            overlay: overlays/prod
            secretName: prod-app
            scope: namespace-wide
            certificate: cluster:prod
            namespace: production
            output: sealed.yaml
            keys: {}
        """
        let config = try ProjectConfig(yaml: Array(yaml.utf8), directory: URL(fileURLWithPath: "/project"))
        let dev = try #require(config.environment("dev"))
        #expect(dev.overlay.path == "/project/overlays/dev")
        #expect(dev.outputURL.path == "/project/overlays/dev/secrets.yaml")
        #expect(dev.certificate == .localKeyring(nil))
        #expect(dev.keys.map(\.name) == ["PASSWORD", "USER", "HOST", "TOKEN", "CERT", "PIN"])
        #expect(dev.keys.map(\.isSecret) == [true, false, false, true, true, true])
        #expect(dev.keys.filter(\.isRotatedByDefault).map(\.name) == ["PASSWORD", "PIN"])
        #expect(dev.keys[4].source == .file(URL(fileURLWithPath: "/project/files/ca.pem")))
        #expect(dev.keys[5].source == .prompted(PromptSpec(hidden: true, confirm: false, minimumLength: 4)))
        let prod = try #require(config.environment("prod"))
        #expect(prod.secretName == "prod-app")
        #expect(prod.scope == .namespaceWide)
        #expect(prod.certificate == .cluster(context: "prod"))
        #expect(prod.outputFileName == "sealed.yaml")

        func error(_ text: String) -> String {
            do {
                _ = try ProjectConfig(yaml: Array(text.utf8), directory: URL(fileURLWithPath: "/p"))
                return "accepted"
            } catch {
                return "\(error)"
            }
        }
        #expect(error("environments: {e: {overlay: o, secretName: s, keys: {P: {generate: {length: 12}}}}}")
            .contains("environments.e.keys.P: generated secrets need at least 24 characters"))
        #expect(error("environments: {e: {overlay: o, keys: {}}}").contains("environments.e.secretName is required"))
        #expect(error("environments: {e: {overlay: o, secretName: s, keys: {P: {value: a, env: B}}}}").contains("needs exactly one of"))
        #expect(error("environments: {e: {overlay: o, secretName: s, scope: wide, keys: {}}}").contains("scope must be strict, namespace-wide or cluster-wide"))
        #expect(error("secretName: s\n").contains("needs an `environments:` mapping"))
        #expect(error("environments: {e: {overlay: o, secretName: s, keys: {'bad key': {value: x}}}}").contains("is not a valid Secret key"))
    }

    @Test("the overlay inspector follows bases, composes names and namespaces, and finds every kind of secret reference")
    func overlayInspector() throws {
        try withTemporaryDirectory { directory in
            let base = directory.appendingPathComponent("base"), overlay = directory.appendingPathComponent("overlays/prod")
            try base.appendingPathComponent("kustomization.yaml").write("resources: [app.yaml, job.yaml]\nnamePrefix: base-\n")
            try base.appendingPathComponent("app.yaml").write("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: app}
            spec:
              template:
                spec:
                  initContainers:
                  - name: init
                    envFrom:
                    - secretRef: {name: whole}
                  containers:
                  - name: app
                    env:
                    - name: A
                      valueFrom: {secretKeyRef: {name: creds, key: user}}
                    - name: B
                      valueFrom: {secretKeyRef: {name: creds, key: maybe, optional: true}}
                    - name: C
                      value: plain
                  volumes:
                  - name: tls
                    secret: {secretName: tls, items: [{key: tls.crt, path: c}]}
                  - name: projected
                    projected: {sources: [{secret: {name: creds, items: [{key: ca, path: ca}]}}]}
            """)
            try base.appendingPathComponent("job.yaml").write("apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec: {jobTemplate: {spec: {template: {spec: {containers: [{name: c, env: [{name: X, valueFrom: {secretKeyRef: {name: creds, key: cron}}}]}]}}}}}\n")
            try overlay.appendingPathComponent("kustomization.yaml").write("resources: [../../base, ns.yaml]\nnamespace: prod\nnameSuffix: -v2\n")
            try overlay.appendingPathComponent("ns.yaml").write("apiVersion: v1\nkind: Namespace\nmetadata: {name: prod}\n")

            let inspected = try KustomizeOverlay(directory: overlay)
            let app = try #require(inspected.resources.first { $0.kind == "Deployment" })
            #expect(app.finalName == "base-app-v2")
            #expect(app.finalNamespace == "prod")
            #expect(inspected.resources.first { $0.kind == "Namespace" }?.finalName == "prod")
            #expect(inspected.referencedKeys(of: "creds") == (keys: ["ca", "cron", "maybe", "user"], required: ["ca", "cron", "user"]))
            let references = inspected.workloads.flatMap(\.references)
            #expect(references.contains { $0.secretName == "whole" && $0.key == nil && $0.field == "spec.template.spec.initContainers[0].envFrom[0]" })
            #expect(references.contains { $0.secretName == "tls" && $0.key == "tls.crt" })
            #expect(inspected.workloads(reading: "creds").map(\.resource.kind).sorted() == ["CronJob", "Deployment"])

            try base.appendingPathComponent("kustomization.yaml").write("resources: [app.yaml, ../overlays/prod]\n")
            #expect(throws: ManifestError.self) { try KustomizeOverlay(directory: overlay) }
            try overlay.appendingPathComponent("kustomization.yaml").write("resources: [missing.yaml]\n")
            #expect(throws: ManifestError(.missingResource(entry: "missing.yaml"), file: overlay.appendingPathComponent("kustomization.yaml").path)) {
                try KustomizeOverlay(directory: overlay)
            }
        }
    }
}
