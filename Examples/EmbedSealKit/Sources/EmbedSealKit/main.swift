// Embedding SealKit: build a Secret in code, seal it with sealctl's operations, add a key to
// the file in place, unseal it with the key, and check a kustomize overlay, all without sealctl.
//
//   swift run --package-path Examples/EmbedSealKit EmbedSealKit [WORK-FOLDER]
import Foundation
import SealKit

let work = URL(fileURLWithPath: CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : NSTemporaryDirectory())
    .appendingPathComponent("embed-sealkit-\(ProcessInfo.processInfo.processIdentifier)")
let overlay = work.appendingPathComponent("k8s/prod")
try FileManager.default.createDirectory(at: overlay, withIntermediateDirectories: true)

// 1. A key pair; in real use, the cluster's certificate (`sealctl cert --fetch`) and a key backup.
let pair = try KeyPair.generate(bitCount: 2048)

// 2. A Secret built in code: the values exist only in memory.
var secret = Secret(name: "db", namespace: "prod", stringData: ["username": "app", "password": try CredentialGenerator().generate()])
secret.metadata.labels["app"] = "db"

// 3. Seal it with the operation behind `sealctl seal`, exactly as kubeseal would print it, and
//    write it atomically into the overlay.
let file = overlay.appendingPathComponent("secrets.yaml")
let result = try SealOperation(secrets: .built(secret, warnings: [])).run(certificate: { pair.certificate })
try AtomicFile.write(result.text, to: file)
let sealed = try SealedSecretFile(contentsOf: file.path).select().sealed
print("sealed \(sealed.spec.encryptedData.keys.sorted().joined(separator: ", ")) for \(sealed.metadata.namespace!)/\(sealed.metadata.name!)")

// 4. Add a key in place, as `sealctl set` does: only that key's line is new.
let edit = try SealedSecretEditor(path: file.path).set("host", to: Array("db.prod.svc".utf8), certificate: { pair.certificate })
edit.notices.forEach { print($0) }

// 5. Unseal it with the private key, as the controller will.
let opened = try Unsealer(keyring: Keyring(keys: [pair.privateKey])).unseal(try SealedSecretFile(contentsOf: file.path).select().sealed)
precondition(opened.data["password"] == Data(secret.stringData["password"]!.utf8))
print("unsealed: \(opened.data.count) values, owner \(opened.metadata.ownerReferences[0].kind)")

// 6. Check the overlay offline: a Deployment that reads a key the secret lacks is caught.
try """
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  template:
    spec:
      containers:
      - name: api
        env:
        - name: DB_PASSWORD
          valueFrom: {secretKeyRef: {name: db, key: password}}
        - name: DB_PORT
          valueFrom: {secretKeyRef: {name: db, key: port}}
""".write(to: overlay.appendingPathComponent("api.yaml"), atomically: true, encoding: .utf8)
try "resources: [secrets.yaml, api.yaml]\nnamespace: prod\n".write(to: overlay.appendingPathComponent("kustomization.yaml"), atomically: true, encoding: .utf8)
let findings = try RepositoryChecker(root: work).check(paths: [work.path])
for finding in findings {
    print("check: \(finding.file): \(finding.severity.rawValue): \(finding.message) [\(finding.rule.rawValue)]")
}
try? FileManager.default.removeItem(at: work)
exit(findings.contains { $0.rule == .missingKey } ? 0 : 1)
