import Foundation
import SealKit

/// Inputs for SealKit's benchmarks, made the same way on every run.
public enum BenchmarkInputs {
    /// The repository's vendored vectors, `Tests/Fixtures/vectors`.
    public static let vectors: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/vectors")

    /// The vector controller key (RSA-4096) and its certificate.
    public static let key = try! RSAPrivateKey(pemRepresentation: String(contentsOf: vectors.appendingPathComponent("key/tls.key"), encoding: .utf8))
    public static let certificate = try! Certificate(pemRepresentation: String(contentsOf: vectors.appendingPathComponent("key/tls.crt"), encoding: .utf8))

    /// Nine more RSA-4096 keys, for a ten-key keyring in which the right key is the last one.
    public static func otherKeys(_ count: Int = 9) -> [RSAPrivateKey] {
        (0..<count).map { _ in try! RSAPrivateKey.generate(bitCount: 4096) }
    }

    /// A SealedSecret with one value of `size` bytes, with or without the fingerprint annotation.
    public static func sealedSecret(valueSize: Int = 32, recordsFingerprint: Bool) -> SealedSecret {
        let secret = Secret(name: "bench", namespace: "bench", data: ["value": Data(repeating: 0x61, count: valueSize)])
        return try! Sealer(certificate: certificate).seal(secret, options: .init(recordsKeyFingerprint: recordsFingerprint))
    }

    /// A Secret of `count` keys of 24 bytes each.
    public static func largeSecret(keys count: Int) -> Secret {
        Secret(name: "large", namespace: "bench", data: Dictionary(uniqueKeysWithValues: (0..<count).map { ("key-\($0)", Data(repeating: 0x62, count: 24)) }))
    }

    /// A multi-document YAML stream of about `megabytes` MB: Deployments, ConfigMaps and
    /// SealedSecrets as kubectl and kubeseal write them.
    public static func manifestStream(megabytes: Double = 10) -> [UInt8] {
        let sealed = try! sealedSecret(recordsFingerprint: false).formatted(as: .yaml)
        var text = ""
        var index = 0
        while Double(text.utf8.count) < megabytes * 1_000_000 {
            text += """
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: app-\(index)
              namespace: team-\(index % 17)
              labels: {app: app-\(index), tier: backend}
            spec:
              replicas: 3
              selector:
                matchLabels: {app: app-\(index)}
              template:
                metadata:
                  labels: {app: app-\(index)}
                spec:
                  containers:
                  - name: app
                    image: registry.example.com/app:\(index).0.1
                    args: ["--port", "8080", "--verbose"]
                    env:
                    - name: DATABASE_URL
                      valueFrom: {secretKeyRef: {name: db-\(index), key: url}}
                    - name: MODE
                      value: "production"
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: config-\(index)}
            data:
              settings.json: '{"retries": 3, "timeout": "30s", "feature": true}'
              motd: |
                Welcome to service \(index).
                Have a nice day.

            """
            text += sealed.replacingOccurrences(of: "name: bench", with: "name: secret-\(index)")
            index += 1
        }
        return Array(text.utf8)
    }

    /// `count` files of SealedSecrets with `values` values each, sealed with `certificate`.
    public static func sealedFiles(count: Int, values: Int, certificate: Certificate) -> [(path: String, bytes: [UInt8])] {
        let sealer = try! Sealer(certificate: certificate)
        return (0..<count).map { index in
            let secret = Secret(name: "s\(index)", namespace: "ns\(index % 5)",
                                stringData: Dictionary(uniqueKeysWithValues: (0..<values).map { ("k\($0)", "value-\(index)-\($0)") }))
            return ("s\(index).yaml", Array(try! sealer.seal(secret).formatted(as: .yaml).utf8))
        }
    }

    /// A tree of `files` manifest files with kustomizations, written under `root`.
    public static func writeCheckTree(files: Int, under root: URL) throws {
        let sealed = try sealedSecret(recordsFingerprint: false).formatted(as: .yaml)
        let perOverlay = 20
        for overlay in 0..<(files / perOverlay) {
            let folder = root.appendingPathComponent("overlays/o\(overlay)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let resources = (0..<(perOverlay - 1)).map { "r\($0).yaml" }
            try ("resources:\n" + resources.map { "- \($0)\n" }.joined() + "namespace: bench\n").write(to: folder.appendingPathComponent("kustomization.yaml"), atomically: true, encoding: .utf8)
            for (index, name) in resources.enumerated() {
                let text = index % 2 == 0
                    ? sealed.replacingOccurrences(of: "name: bench\n", with: "name: s\(index)\n")
                    : "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d\(index)}\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        env:\n        - name: V\n          valueFrom: {secretKeyRef: {name: s\(index - 1), key: value}}\n"
                try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
            }
        }
    }
}
