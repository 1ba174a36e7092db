import Foundation
import Testing
import TestSupport
@testable import SealKit

@Suite("sealctl generate and rotate on SmartEM's real tree")
struct EnvironmentWorkflowTests {
    static let environments = ["development": "smartem-decisions", "staging": "smartem-decisions-staging", "production": "smartem-decisions-production"]
    static let allKeys = ["POSTGRES_DB", "POSTGRES_HOST", "POSTGRES_PASSWORD", "POSTGRES_PORT", "POSTGRES_USER",
                          "RABBITMQ_EXCHANGE", "RABBITMQ_HOST", "RABBITMQ_PASSWORD", "RABBITMQ_PORT", "RABBITMQ_USER"]

    /// A copy of the real SmartEM tree (Tests/Fixtures/smartem) with a key pair per environment and a sealctl.yaml.
    /// The private key of an environment made by `makeProject(in:)`.
    static func keyFile(_ environment: String, in directory: URL) -> String {
        directory.appendingPathComponent("keys/\(environment)/tls.key").path
    }

    static func makeProject(in directory: URL, productionCertificate: String = "certs/production/tls.crt") throws -> URL {
        let project = directory.appendingPathComponent("smartem")
        try FileManager.default.copyItem(at: TestFixtures.smartemTree(), to: project)
        // Key pairs live outside the tree (their Secrets hold private keys); certificates inside.
        for environment in environments.keys.sorted() {
            let keys = directory.appendingPathComponent("keys/\(environment)")
            let result = try Sealctl.run(["keys", "generate", "--bits", "2048", "--out", keys.path])
            #expect(result.status == 0, "\(result.stderr)")
            try FileManager.default.createDirectory(at: project.appendingPathComponent("certs/\(environment)"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: keys.appendingPathComponent("tls.crt"), to: project.appendingPathComponent("certs/\(environment)/tls.crt"))
        }
        func prompted(_ minimum: Int) -> String {
            """
                  POSTGRES_USER: {prompt: {hidden: false}}
                  POSTGRES_PASSWORD: {prompt: {minLength: \(minimum)}}
                  POSTGRES_HOST: {prompt: {hidden: false, default: db.internal}}
                  POSTGRES_PORT: {value: "5432"}
                  POSTGRES_DB: {value: smartem_db}
                  RABBITMQ_USER: {prompt: {hidden: false}}
                  RABBITMQ_PASSWORD: {prompt: {minLength: \(minimum)}}
                  RABBITMQ_HOST: {value: mq.internal}
                  RABBITMQ_PORT: {value: "5672"}
                  RABBITMQ_EXCHANGE: {value: smartem}
            """
        }
        try project.appendingPathComponent("sealctl.yaml").write("""
        secretName: smartem-secrets
        environments:
          development:
            overlay: k8s/environments/development
            certificate: certs/development/tls.crt
            keys:
              POSTGRES_USER: {generate: {prefix: smartem_dev_, length: 8, alphabet: lowercase-alphanumeric}, secret: false}
              POSTGRES_PASSWORD: {generate: {}}
              POSTGRES_HOST: {value: postgres-service}
              POSTGRES_PORT: {value: "5432"}
              POSTGRES_DB: {value: smartem_db}
              RABBITMQ_USER: {generate: {prefix: rabbitmq_dev_, length: 8, alphabet: lowercase-alphanumeric}, secret: false}
              RABBITMQ_PASSWORD: {generate: {length: 40}}
              RABBITMQ_HOST: {value: rabbitmq-service}
              RABBITMQ_PORT: {value: "5672"}
              RABBITMQ_EXCHANGE: {value: smartem_decisions}
          staging:
            overlay: k8s/environments/staging
            certificate: certs/staging/tls.crt
            keys:
        \(prompted(16))
          production:
            overlay: k8s/environments/production
            certificate: \(productionCertificate)
            keys:
        \(prompted(24))
        """)
        return project
    }

    /// The project with `environment` (or `all`) generated from the canary values file.
    static func generatedProject(in directory: URL, _ environment: String) throws -> URL {
        let project = try makeProject(in: directory)
        let valuesFile = directory.appendingPathComponent("values.yaml")
        try writeValuesFile(valuesFile)
        let result = try Sealctl.run(["generate", environment, "--values-file", valuesFile.path], directory: project)
        try #require(result.status == 0, "\(result.stderr)")
        return project
    }

    static let canaries = [
        "staging": ["POSTGRES_USER": "stg-canary-user-7Q", "POSTGRES_PASSWORD": "stg-canary-pg-pass-8h2kLm0pQ", "POSTGRES_HOST": "stg-canary-host.internal",
                    "RABBITMQ_USER": "stg-canary-mq-user", "RABBITMQ_PASSWORD": "stg-canary-mq-pass-93jdkwlq"],
        "production": ["POSTGRES_USER": "prd-canary-user-4X", "POSTGRES_PASSWORD": "prd-canary-pg-pass-00aa11bb22cc33dd", "POSTGRES_HOST": "prd-canary-host.internal",
                       "RABBITMQ_USER": "prd-canary-mq-user", "RABBITMQ_PASSWORD": "prd-canary-mq-pass-55ee66ff77gg88hh"],
    ]

    static func writeValuesFile(_ url: URL) throws {
        var text = ""
        for (environment, values) in canaries.sorted(by: { $0.key < $1.key }) {
            text += "\(environment):\n" + values.sorted { $0.key < $1.key }.map { "  \($0.key): \($0.value)\n" }.joined()
        }
        try url.write(text, mode: 0o600)
    }

    @Test("kubectl kustomize renders each overlay generate wrote, with its SealedSecret and every key its workloads read", .enabled(if: Tools.kubectl, "kubectl is not installed"))
    func generatedOverlaysRenderWithKubectl() throws {
        let kubectl = try #require(ExternalTool.find("kubectl"))
        try withTemporaryDirectory { directory in
            let project = try Self.generatedProject(in: directory, "all")
            for (environment, namespace) in Self.environments {
                let overlay = project.appendingPathComponent("k8s/environments/\(environment)")
                let rendered = try ExternalTool.run(kubectl, ["kustomize", overlay.path])
                #expect(rendered.status == 0, "\(rendered.errorOutput)")
                let sealedDocuments = try ManifestStream(bytes: Array(rendered.stdout)).documents.filter { $0.kind == "SealedSecret" }
                #expect(sealedDocuments.count == 1)
                let sealed = try SealedSecret(document: try #require(sealedDocuments.first))
                #expect(sealed.metadata.name == "smartem-secrets")
                #expect(sealed.metadata.namespace == namespace)
                let read = try KustomizeOverlay(directory: overlay).referencedKeys(of: "smartem-secrets").keys
                #expect(Set(read).isSubset(of: Set(sealed.spec.encryptedData.keys)), "\(environment)")
                #expect(read == Self.allKeys)
            }
        }
    }

    @Test("generate all writes three sealed files into their overlays; each opens only with its own key")
    func generateAll() throws {
        try withTemporaryDirectory { directory in
            let project = try Self.makeProject(in: directory)
            let valuesFile = directory.appendingPathComponent("values.yaml")
            try Self.writeValuesFile(valuesFile)
            let kustomizationsBefore = try Self.environments.keys.map { try project.appendingPathComponent("k8s/environments/\($0)/kustomization.yaml").read() }

            let result = try Sealctl.run(["generate", "all", "--values-file", valuesFile.path], directory: project)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("development: sealed 10 keys for smartem-decisions/smartem-secrets (strict)"))
            #expect(result.stdout.contains("(added to kustomization.yaml)"))
            #expect(result.stdout.contains("kubectl rollout restart deployment/smartem-http-api -n smartem-decisions-production"))

            var generated: [String: [String: String]] = [:]
            for environment in Self.environments.keys {
                let overlay = project.appendingPathComponent("k8s/environments/\(environment)")
                // The kustomization gained exactly one line, `- secrets.yaml`, at the end of resources.
                let before = kustomizationsBefore[Array(Self.environments.keys).firstIndex(of: environment)!]
                let after = try overlay.appendingPathComponent("kustomization.yaml").read()
                #expect(after.replacingOccurrences(of: "- secrets.yaml\n", with: "") == before)


                let secrets = overlay.appendingPathComponent("secrets.yaml").path
                let own = try Sealctl.run(["unseal", "--key", Self.keyFile(environment, in: directory), "-f", secrets])
                #expect(own.status == 0, "\(own.stderr)")
                let values = try Secret(document: ManifestStream(text: own.stdout).documents[0]).data.mapValues { String(decoding: $0, as: UTF8.self) }
                #expect(Set(values.keys) == Set(Self.allKeys))
                for (key, value) in Self.canaries[environment] ?? [:] { #expect(values[key] == value, "\(environment) \(key)") }
                generated[environment] = values
                for other in Self.environments.keys where other != environment {
                    let foreign = try Sealctl.run(["unseal", "--key", Self.keyFile(other, in: directory), "-f", secrets])
                    #expect(foreign.status == 1)
                }
            }
            let development = try #require(generated["development"])
            #expect(development["POSTGRES_USER"]?.hasPrefix("smartem_dev_") == true && development["POSTGRES_USER"]?.count == 20)
            #expect(development["RABBITMQ_USER"]?.hasPrefix("rabbitmq_dev_") == true)
            #expect(development["POSTGRES_PASSWORD"]?.count == 32)
            #expect(development["RABBITMQ_PASSWORD"]?.count == 40)
            #expect(development["POSTGRES_HOST"] == "postgres-service")
            // Development user names are shown; no password is, and no staging or production value.
            #expect(result.stdout.contains("POSTGRES_USER=\(development["POSTGRES_USER"]!)"))
            for secret in [development["POSTGRES_PASSWORD"]!, development["RABBITMQ_PASSWORD"]!] + Self.canaries.values.flatMap(\.values) {
                #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret))
            }

            // Plain values are in no file of the tree (the values file lives outside it).
            let everyValue = [development["POSTGRES_PASSWORD"]!, development["RABBITMQ_PASSWORD"]!] + Self.canaries.values.flatMap(\.values)
            let enumerator = FileManager.default.enumerator(at: project, includingPropertiesForKeys: nil)!
            for case let file as URL in enumerator {
                guard let data = FileManager.default.contents(atPath: file.path) else { continue }
                let text = String(decoding: data, as: UTF8.self)
                for value in everyValue { #expect(!text.contains(value), "\(file.path) holds a plain value") }
            }

            // Running again keeps every sealed key; --force seals new values.
            let secretsFile = project.appendingPathComponent("k8s/environments/development/secrets.yaml")
            let sealedBefore = try secretsFile.read()
            let again = try Sealctl.run(["generate", "development"], directory: project)
            #expect(again.stdout.contains("already holds every key; nothing to do"))
            #expect(try secretsFile.read() == sealedBefore)
            let forced = try Sealctl.run(["generate", "development", "--force"], directory: project)
            #expect(forced.status == 0)
            #expect(try secretsFile.read() != sealedBefore)
            #expect(try project.appendingPathComponent("k8s/environments/development/kustomization.yaml").read().components(separatedBy: "- secrets.yaml").count == 2)
        }
    }

    /// Production generated, a comment added by hand to its secrets.yaml, and all committed.
    static func committedProduction(in directory: URL, comment: String) throws -> (project: URL, file: URL, repository: GitRepository) {
        let project = try generatedProject(in: directory, "production")
        let file = project.appendingPathComponent("k8s/environments/production/secrets.yaml")
        try file.write(try file.read().replacingOccurrences(of: "  encryptedData:\n", with: "  encryptedData: \(comment)\n"))
        let repository = try GitRepository(at: project, home: directory)
        try repository.commitAll("generated")
        return (project, file, repository)
    }

    @Test("rotate of one key changes only that key's line in git, and keeps a comment added by hand", .enabled(if: ExternalTool.find("git") != nil, "git is not installed"))
    func rotateOneKeyInGit() throws {
        try withTemporaryDirectory { directory in
            let (project, file, repository) = try Self.committedProduction(in: directory, comment: "# rotate with sealctl rotate")
            let rotation = directory.appendingPathComponent("rotation.yaml")
            try rotation.write("POSTGRES_PASSWORD: rotated-canary-password-0123456789\n", mode: 0o600)
            let result = try Sealctl.run(["rotate", "production", "POSTGRES_PASSWORD", "--values-file", rotation.path], directory: project)
            #expect(result.status == 0, "\(result.stderr)")
            let numstat = try repository.run(["diff", "--numstat", "--", "k8s/environments/production/secrets.yaml"])
            #expect(numstat.output.hasPrefix("1\t1\t"), "\(numstat.output)")
            #expect(try file.read().contains("  encryptedData: # rotate with sealctl rotate\n"))
        }
    }

    @Test("generate after the cluster's key changed re-seals every value in place: the header's key, the annotation and the values change, nothing else", .enabled(if: ExternalTool.find("git") != nil, "git is not installed"))
    func newCertificateInGit() throws {
        try withTemporaryDirectory { directory in
            let (project, file, repository) = try Self.committedProduction(in: directory, comment: "# kept by hand")
            let renewed = directory.appendingPathComponent("keys/renewed")
            try #require(try Sealctl.run(["keys", "generate", "--bits", "2048", "--out", renewed.path]).status == 0)
            try FileManager.default.removeItem(at: project.appendingPathComponent("certs/production/tls.crt"))
            try FileManager.default.copyItem(at: renewed.appendingPathComponent("tls.crt"), to: project.appendingPathComponent("certs/production/tls.crt"))
            let valuesFile = directory.appendingPathComponent("values.yaml")
            let result = try Sealctl.run(["generate", "production", "--force", "--values-file", valuesFile.path], directory: project)
            #expect(result.status == 0, "\(result.stderr)")
            let numstat = try repository.run(["diff", "--numstat", "--", "k8s/environments/production/secrets.yaml"])
            let keys = try SealedSecret(document: ManifestStream(text: file.read()).documents[0]).spec.encryptedData.count
            // Every value, the header line naming the key, and the fingerprint annotation.
            #expect(numstat.output.hasPrefix("\(keys + 2)\t\(keys + 2)\t"), "\(numstat.output)")
            #expect(try file.read().contains("  encryptedData: # kept by hand\n"))
            let opened = try Sealctl.run(["unseal", "--key", renewed.appendingPathComponent("tls.key").path, "-f", file.path])
            #expect(opened.status == 0, "\(opened.stderr)")
        }
    }

    @Test("rotate production POSTGRES_PASSWORD changes only that key's ciphertext")
    func rotateOneKey() throws {
        try withTemporaryDirectory { directory in
            let project = try Self.generatedProject(in: directory, "production")
            let file = project.appendingPathComponent("k8s/environments/production/secrets.yaml")
            let before = try SealedSecret(document: ManifestStream(text: file.read()).documents[0])

            let rotation = directory.appendingPathComponent("rotation.yaml")
            try rotation.write("POSTGRES_PASSWORD: rotated-canary-password-0123456789\n", mode: 0o600)
            let result = try Sealctl.run(["rotate", "production", "POSTGRES_PASSWORD", "--values-file", rotation.path], directory: project)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("remember: give the database or broker the new credentials too"))
            let after = try SealedSecret(document: ManifestStream(text: file.read()).documents[0])
            for key in Self.allKeys where key != "POSTGRES_PASSWORD" {
                #expect(after.spec.encryptedData[key] == before.spec.encryptedData[key], "\(key)")
            }
            #expect(after.spec.encryptedData["POSTGRES_PASSWORD"] != before.spec.encryptedData["POSTGRES_PASSWORD"])
            let opened = try Sealctl.run(["unseal", "--key", Self.keyFile("production", in: directory), "-f", file.path])
            #expect(opened.stdout.contains(Data("rotated-canary-password-0123456789".utf8).base64EncodedString()))
            #expect(!result.stdout.contains("rotated-canary"))
            let unknown = try Sealctl.run(["rotate", "production", "NOPE"], directory: project)
            #expect(unknown.status == 1)
            #expect(unknown.stderr.contains("no such keys in sealctl.yaml: NOPE"))
        }
    }

    @Test("the staging prompt hides the password, re-asks on a mismatch, and seals what was typed", .enabled(if: Tools.pexpect, "python3 with pexpect is needed to drive a pseudo-terminal"))
    func stagingPromptOnATerminal() throws {
        let python = try #require(ExternalTool.find("python3"))
        try withTemporaryDirectory { directory in
            let project = try Self.makeProject(in: directory)
            let transcript = directory.appendingPathComponent("transcript")
            let script = """
            import pexpect, sys
            child = pexpect.spawn(sys.argv[1], ["generate", "staging"], cwd=sys.argv[2], encoding="utf-8", timeout=60,
                                  env={"HOME": sys.argv[3], "PATH": "/usr/bin:/bin"})
            log = open(sys.argv[4], "w"); child.logfile_read = log
            child.expect_exact("staging POSTGRES_USER: "); child.sendline("pg-typed-user")
            child.expect_exact("staging POSTGRES_PASSWORD: "); child.sendline("typed-secret-one-1234")
            child.expect_exact("staging POSTGRES_PASSWORD (again): "); child.sendline("typed-secret-TWO-1234")
            child.expect_exact("do not match; try again")
            child.expect_exact("staging POSTGRES_PASSWORD: "); child.sendline("short")
            child.expect_exact("at least 16 characters")
            child.expect_exact("staging POSTGRES_PASSWORD: "); child.sendline("typed-secret-one-1234")
            child.expect_exact("staging POSTGRES_PASSWORD (again): "); child.sendline("typed-secret-one-1234")
            child.expect_exact("staging POSTGRES_HOST [db.internal]: "); child.sendline("")
            child.expect_exact("staging RABBITMQ_USER: "); child.sendline("mq-typed-user")
            child.expect_exact("staging RABBITMQ_PASSWORD: "); child.sendline("typed-mq-secret-5678")
            child.expect_exact("staging RABBITMQ_PASSWORD (again): "); child.sendline("typed-mq-secret-5678")
            child.expect(pexpect.EOF); child.close()
            sys.exit(child.exitstatus)
            """
            let result = try ExternalTool.run(python, ["-c", script, Sealctl.binary.path, project.path, Sealctl.isolatedHome.path, transcript.path])
            #expect(result.status == 0, "\(result.output)\(result.errorOutput)")
            let seen = try transcript.read()
            #expect(seen.contains("pg-typed-user"))  // visible prompts echo
            for hidden in ["typed-secret-one-1234", "typed-secret-TWO-1234", "typed-mq-secret-5678"] {
                #expect(!seen.contains(hidden), "the terminal showed \(hidden)")
            }
            let opened = try Sealctl.run(["unseal", "--key", Self.keyFile("staging", in: directory),
                                          "-f", project.appendingPathComponent("k8s/environments/staging/secrets.yaml").path])
            let values = try Secret(document: ManifestStream(text: opened.stdout).documents[0]).data
            #expect(values["POSTGRES_PASSWORD"] == Data("typed-secret-one-1234".utf8))
            #expect(values["POSTGRES_HOST"] == Data("db.internal".utf8))
            #expect(values["RABBITMQ_USER"] == Data("mq-typed-user".utf8))
        }
    }

    @Test("without a terminal, missing prompted values are listed and nothing is written")
    func missingValues() throws {
        try withTemporaryDirectory { directory in
            let project = try Self.makeProject(in: directory)
            let result = try Sealctl.run(["generate", "staging"], directory: project)
            #expect(result.status == 1)
            #expect(result.stderr == "error: staging: no terminal to prompt on, and no value given for POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_HOST, RABBITMQ_USER, RABBITMQ_PASSWORD; pass --values-file FILE\n")
            #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("k8s/environments/staging/secrets.yaml").path))
            let dryRun = try Sealctl.run(["generate", "all", "--dry-run"], directory: project)
            #expect(dryRun.status == 0)
            #expect(dryRun.stdout.contains("staging: would seal 10 keys for smartem-decisions-staging/smartem-secrets"))
            #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("k8s/environments/development/secrets.yaml").path))
        }
    }

    @Test("the cluster route gets only a certificate request; no value reaches kubectl's arguments or input")
    func noValuesReachChildProcesses() throws {
        try withTemporaryDirectory { directory in
            let project = try Self.makeProject(in: directory, productionCertificate: "cluster:prod-context")
            let kubectl = try makeFakeKubectl(in: directory, stdout: try project.appendingPathComponent("certs/production/tls.crt").read())
            let valuesFile = directory.appendingPathComponent("values.yaml")
            try Self.writeValuesFile(valuesFile)
            let result = try Sealctl.run(["generate", "production", "--values-file", valuesFile.path], environment: ["PATH": kubectl.path], directory: project)
            #expect(result.status == 0, "\(result.stderr)")
            let calls = try recordedCalls(kubectl.log)
            #expect(calls == [["--context", "prod-context", "get", "--raw", "/api/v1/namespaces/kube-system/services/http:sealed-secrets-controller:/proxy/v1/cert.pem"]])
            let log = try kubectl.log.read()
            for value in Self.canaries["production"]!.values { #expect(!log.contains(value)) }
        }
    }

    @Test("an overlay that would break the seal is refused, and missing keys are listed")
    func refusals() throws {
        try withTemporaryDirectory { directory in
            let project = try Self.makeProject(in: directory)
            let config = project.appendingPathComponent("sealctl.yaml")
            let original = try config.read()
            try config.write(original.replacingOccurrences(of: "    overlay: k8s/environments/development\n", with: "    overlay: k8s/environments/development\n    namespace: elsewhere\n"))
            let moved = try Sealctl.run(["generate", "development"], directory: project)
            #expect(moved.stderr == "error: development: the overlay moves everything to namespace smartem-decisions, but the Secret would be sealed for elsewhere; it would not decrypt in the cluster\n")

            try config.write(original)
            let kustomization = project.appendingPathComponent("k8s/environments/development/kustomization.yaml")
            try kustomization.write(try kustomization.read().replacingOccurrences(of: "namePrefix: \"\"", with: "namePrefix: \"dev-\""))
            let renamed = try Sealctl.run(["generate", "development"], directory: project)
            #expect(renamed.stderr.contains("namePrefix \"dev-\""))
            #expect(renamed.stderr.contains("would rename the strict-scoped smartem-secrets"))

            try kustomization.write(try kustomization.read().replacingOccurrences(of: "namePrefix: \"dev-\"", with: "namePrefix: \"\""))
            try config.write(original.replacingOccurrences(of: "      POSTGRES_DB: {value: smartem_db}\n", with: "").replacingOccurrences(of: "      RABBITMQ_EXCHANGE: {value: smartem_decisions}\n", with: ""))
            let missing = try Sealctl.run(["generate", "development"], directory: project)
            #expect(missing.stderr == "error: development: the overlay's workloads read keys of smartem-secrets that sealctl.yaml does not produce: POSTGRES_DB, RABBITMQ_EXCHANGE\n")
        }
    }
}
